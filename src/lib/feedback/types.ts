import { z } from 'zod';
import { codes, FEEDBACK_CHANNELS, SAFEGUARDING_ACTIONS, SENTIMENTS } from '$lib/domain';
import { disclosureRule } from '$lib/disclosure/types';

/** One feedback item as staff read it (api.feedback_inbox, api.feedback_item). */
export const feedbackItem = z.object({
	id: z.string(),
	survey_id: z.string().nullable(),
	survey_title: z.string().nullable(),
	wave_id: z.string().nullable(),
	wave_label: z.string().nullable(),
	question: z.string().nullable(),
	channel: z.enum(codes(FEEDBACK_CHANNELS)),
	given_on: z.string(),
	text: z.string(),
	about: z.record(z.string(), z.string()),
	sentiment: z.enum(codes(SENTIMENTS)).nullable(),
	priorities: z.array(z.string()),
	themes: z.array(z.string()),
	/** the text as it may be quoted (names and details taken out), and who reviewed it when */
	quote: z.object({
		text: z.string().nullable(),
		quotable: z.boolean(),
		reviewed_at: z.string().nullable(),
		reviewed_by: z.string().nullable()
	})
});
export type FeedbackItem = z.infer<typeof feedbackItem>;

/** An about-you answer found on the organisation's feedback, with how many items have it. */
export const feedbackGroup = z.object({
	dimension: z.string(),
	dimension_label: z.string(),
	code: z.string(),
	label: z.string(),
	n: z.number()
});
export type FeedbackGroup = z.infer<typeof feedbackGroup>;

/** api.feedback_inbox: one page of items and how many match; the groups and themes the filter can offer. */
export const feedbackInbox = z.object({
	total: z.number(),
	items: z.array(feedbackItem),
	groups: z.array(feedbackGroup),
	themes: z.array(z.object({ theme: z.string(), n: z.number() }))
});

/** api.add_feedback: held when it went straight to the safeguarding queue. */
export const feedbackAdded = z.object({ id: z.string(), held: z.boolean() });

/** api.tag_feedback */
export const feedbackTagged = z.object({
	id: z.string(),
	priorities: z.array(z.string()),
	themes: z.array(z.string()),
	sentiment: z.enum(codes(SENTIMENTS)).nullable()
});

/** api.bulk_tag_feedback: how many were chosen, and how many of them did not have the tag yet */
export const feedbackBulkTagged = z.object({ tagged: z.number().int(), changed: z.number().int() });

/** api.flag_feedback */
export const feedbackFlagged = z.object({ id: z.string(), flag_id: z.string() });

/** One open flag of the safeguarding queue. */
export const queueItem = z.object({
	flag_id: z.string(),
	feedback_id: z.string(),
	arrived_at: z.string(),
	waiting_minutes: z.number(),
	overdue: z.boolean(),
	matched_phrase: z.string().nullable(),
	flagged_by_staff: z.boolean(),
	reason: z.string().nullable(),
	text: z.string(),
	channel: z.enum(codes(FEEDBACK_CHANNELS)),
	given_on: z.string(),
	survey_title: z.string().nullable(),
	wave_label: z.string().nullable(),
	about: z.record(z.string(), z.string())
});
export type QueueItem = z.infer<typeof queueItem>;

/** api.safeguarding_queue */
export const safeguardingQueue = z.object({ alert_hours: z.number(), items: z.array(queueItem) });
export type SafeguardingQueue = z.infer<typeof safeguardingQueue>;

/** api.close_safeguarding_flag */
export const flagClosed = z.object({
	id: z.string(),
	closed_at: z.string(),
	action: z.enum(codes(SAFEGUARDING_ACTIONS))
});

/** api.safeguarding_phrases */
export const phrase = z.object({ id: z.string(), phrase: z.string() });
/** api.add_safeguarding_phrase: `held`, how many stored comments it sent to the queue. */
export const phraseAdded = z.object({ id: z.string(), phrase: z.string(), held: z.number() });

/** api.list_priorities */
export const priority = z.object({
	id: z.string(),
	code: z.string().nullable(),
	title: z.string(),
	description: z.string().nullable(),
	position: z.number(),
	retired: z.boolean(),
	feedback: z.number()
});
export type Priority = z.infer<typeof priority>;
export const prioritySaved = z.object({ id: z.string(), position: z.number() });
/** api.add_priorities: how many were added. */
export const prioritiesAdded = z.object({ added: z.number() });
export const priorityRemoved = z.object({ id: z.string(), retired: z.boolean() });

/** api.audit_log */
export const auditEntry = z.object({
	id: z.number(),
	at: z.string(),
	actor: z.string().nullable(),
	action: z.string(),
	subject_id: z.string().nullable(),
	detail: z.record(z.string(), z.unknown())
});
export type AuditEntry = z.infer<typeof auditEntry>;

/** api.priority_keywords (a list of these), api.add_priority_keyword, api.remove_priority_keyword */
export const priorityKeyword = z.object({ id: z.string(), keyword: z.string() });

/** api.feedback_suggestions: best first; sources say where the confidence came from */
export const suggestion = z.object({
	priority_id: z.string(),
	confidence: z.number(),
	sources: z.array(z.enum(['keywords', 'learned'])),
	keywords: z.array(z.string())
});

/** api.reject_suggestion */
export const suggestionRejected = z.object({ id: z.string(), priority_id: z.string() });

/** api.save_quote */
export const quoteSaved = z.object({ id: z.string(), text: z.string(), quotable: z.boolean() });

const ruled = { items: z.number().nullable(), items_symbol: z.literal('[c]').nullable() };

/**
 * api.feedback_overview: each theme and each priority with its number of items (exact for staff,
 * else under the disclosure rule), and the quotable quotes. No total, on purpose.
 */
export const feedbackOverview = z.object({
	exact: z.boolean(),
	rule: disclosureRule,
	themes: z.array(z.object({ theme: z.string(), ...ruled })),
	priorities: z.array(z.object({ id: z.string(), code: z.string().nullable(), title: z.string(), ...ruled })),
	quotes: z.array(z.string())
});
export type FeedbackOverview = z.infer<typeof feedbackOverview>;

/** api.safeguarding_notices_due (the server's): an organisation with new flags, and whom to tell. Never what. */
export const noticeDue = z.object({
	organisation_id: z.string(),
	organisation_name: z.string(),
	new_items: z.number(),
	recipients: z.array(z.string())
});
export type NoticeDue = z.infer<typeof noticeDue>;

/** api.about_choices: the about-you questions and their answers. */
export const aboutChoices = z.array(
	z.object({
		key: z.string(),
		label: z.string(),
		categories: z.array(z.object({ code: z.string(), label: z.string() }))
	})
);

/** api.import_feedback: how many were added, and how many of them went to the safeguarding queue. */
export const feedbackImported = z.object({ added: z.number(), held: z.number() });

/** What a refused import says (hint invalid_feedback): every problem of every row (row null: the file). */
export const feedbackImportProblems = z.object({
	rows: z.array(z.object({ row: z.number().nullable(), field: z.string().nullable(), message: z.string() }))
});
