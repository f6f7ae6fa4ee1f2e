import { error } from '@sveltejs/kit';
import { call, type Client } from '../api';
import { may, type Permission } from '$lib/domain';
import type { FeedbackFilter } from '$lib/feedback/filter';
import type { FeedbackRow } from '$lib/feedback/import';
import type { Membership } from '../members/data';

/**
 * Feedback, the safeguarding queue, the phrase list, strategy priorities and the audit log: thin
 * wrappers over their API functions that throw ApiError on failure.
 */

/** The first organisation in which the member may do this, or a 403 saying who may. */
export function organisationFor(memberships: Membership[], permission: Permission, refused: string) {
	const m = memberships.find((x) => may(x.role, permission));
	if (!m) error(403, refused);
	return { id: m.organisation_id, name: m.organisation_name };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (s: string | null | undefined): s is string => !!s && UUID.test(s);

/** The inbox's filters (as its address carries them) and where its page starts. */
export interface InboxFilter extends FeedbackFilter {
	offset?: number;
}

export function feedbackInbox(supabase: Client, organisationId: string, f: InboxFilter, limit = 20) {
	return call(supabase, 'feedback_inbox', {
		p_organisation_id: organisationId,
		p_survey_id: f.survey,
		p_wave_id: f.wave,
		p_channel: f.channel,
		p_priority_id: f.priority,
		p_untagged: f.untagged ?? false,
		p_search: f.q,
		p_group: f.group,
		p_theme: f.theme,
		p_offset: f.offset ?? 0,
		p_limit: limit
	});
}

export function feedbackItem(supabase: Client, id: string) {
	return call(supabase, 'feedback_item', { p_id: id });
}

export function addFeedback(
	supabase: Client,
	organisationId: string,
	item: { channel: string; given_on: string; text: string; about?: Record<string, string> }
) {
	return call(supabase, 'add_feedback', {
		p_organisation_id: organisationId,
		p_channel: item.channel,
		p_given_on: item.given_on,
		p_text: item.text,
		p_about: item.about ?? {}
	});
}

export function tagFeedback(
	supabase: Client,
	id: string,
	tags: { priorities: string[]; themes: string[]; sentiment: string | null }
) {
	return call(supabase, 'tag_feedback', {
		p_id: id,
		p_priority_ids: tags.priorities,
		p_themes: tags.themes,
		p_sentiment: tags.sentiment as string
	});
}

/** Adds a priority and/or a theme to each chosen item: all or nothing (api.bulk_tag_feedback). */
export function bulkTagFeedback(
	supabase: Client,
	ids: string[],
	tag: { priority: string | null; theme: string | null }
) {
	return call(supabase, 'bulk_tag_feedback', {
		p_ids: ids,
		p_priority_id: tag.priority as string,
		p_theme: tag.theme as string
	});
}

export function saveQuote(supabase: Client, id: string, text: string, quotable: boolean) {
	return call(supabase, 'save_quote', { p_id: id, p_text: text, p_quotable: quotable });
}

/** Each theme and priority with its count (under the disclosure rule unless staff), and the quotes. */
export function feedbackOverview(supabase: Client, organisationId: string) {
	return call(supabase, 'feedback_overview', { p_organisation_id: organisationId });
}

export function flagFeedback(supabase: Client, id: string, reason: string) {
	return call(supabase, 'flag_feedback', { p_id: id, p_reason: reason });
}

export function safeguardingQueue(supabase: Client, organisationId: string) {
	return call(supabase, 'safeguarding_queue', { p_organisation_id: organisationId });
}

export function closeFlag(supabase: Client, flagId: string, action: string, note: string) {
	return call(supabase, 'close_safeguarding_flag', { p_flag_id: flagId, p_action: action, p_note: note });
}

export function listPhrases(supabase: Client, organisationId: string) {
	return call(supabase, 'safeguarding_phrases', { p_organisation_id: organisationId });
}

export function addPhrase(supabase: Client, organisationId: string, phrase: string) {
	return call(supabase, 'add_safeguarding_phrase', { p_organisation_id: organisationId, p_phrase: phrase });
}

export function removePhrase(supabase: Client, id: string) {
	return call(supabase, 'remove_safeguarding_phrase', { p_id: id });
}

export function listPriorities(supabase: Client, organisationId: string) {
	return call(supabase, 'list_priorities', { p_organisation_id: organisationId });
}

export function savePriority(
	supabase: Client,
	organisationId: string,
	p: { id?: string; code: string; title: string; description: string; position?: number }
) {
	return call(supabase, 'save_priority', {
		p_organisation_id: organisationId,
		p_id: p.id,
		p_code: p.code,
		p_title: p.title,
		p_description: p.description,
		p_position: p.position
	});
}

/** Adds a template's priorities after the existing ones, all or none. */
export function addPriorities(
	supabase: Client,
	organisationId: string,
	priorities: readonly { code: string; title: string }[]
) {
	return call(supabase, 'add_priorities', {
		p_organisation_id: organisationId,
		p_priorities: [...priorities]
	});
}

export function removePriority(supabase: Client, id: string) {
	return call(supabase, 'remove_priority', { p_id: id });
}

export function auditLog(supabase: Client, organisationId: string) {
	return call(supabase, 'audit_log', { p_organisation_id: organisationId, p_limit: 200 });
}

/** What a member who may not do a thing is told. */
export const REFUSED = {
	queue: 'Only the safeguarding lead reads the safeguarding queue.',
	phrases: 'Only an administrator or the safeguarding lead keeps the phrase list.',
	feedback: 'Only administrators, leads and officers read feedback.',
	priorities: 'Only administrators and leads change the strategy priorities.',
	audit: 'Only administrators read the audit log.'
} as const;

export function priorityKeywords(supabase: Client, priorityId: string) {
	return call(supabase, 'priority_keywords', { p_priority_id: priorityId });
}

export function addPriorityKeyword(supabase: Client, priorityId: string, keyword: string) {
	return call(supabase, 'add_priority_keyword', { p_priority_id: priorityId, p_keyword: keyword });
}

export function removePriorityKeyword(supabase: Client, id: string) {
	return call(supabase, 'remove_priority_keyword', { p_id: id });
}

/** The priorities an item most likely belongs to, best first, for a person to accept or reject. */
export function feedbackSuggestions(supabase: Client, id: string) {
	return call(supabase, 'feedback_suggestions', { p_id: id, p_limit: 3 });
}

export function acceptSuggestion(supabase: Client, id: string, priorityId: string) {
	return call(supabase, 'accept_suggestion', { p_id: id, p_priority_id: priorityId });
}

export function rejectSuggestion(supabase: Client, id: string, priorityId: string) {
	return call(supabase, 'reject_suggestion', { p_id: id, p_priority_id: priorityId });
}

/** The about-you questions and their answers, for the feedback forms. */
export function aboutChoices(supabase: Client, organisationId: string) {
	return call(supabase, 'about_choices', { p_organisation_id: organisationId });
}

/** Adds a file's comments, all or none (invalid_feedback names every problem of every row). */
export function importFeedback(supabase: Client, organisationId: string, rows: FeedbackRow[]) {
	return call(supabase, 'import_feedback', { p_organisation_id: organisationId, p_rows: rows });
}
