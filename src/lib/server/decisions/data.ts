import { call, type Client } from '../api';
import type { DecisionInput, ActivityInput } from '$lib/decisions/schema';

/**
 * Decisions, their evidence, engagement activities and the published "you said, we did": thin
 * wrappers over their API functions that throw ApiError on failure.
 */

export function listDecisions(
	supabase: Client,
	organisationId: string,
	filter: { status?: string; priority?: string } = {}
) {
	return call(supabase, 'list_decisions', {
		p_organisation_id: organisationId,
		p_status: filter.status,
		p_priority_id: filter.priority
	});
}

export function getDecision(supabase: Client, id: string) {
	return call(supabase, 'decision', { p_id: id });
}

export function saveDecision(supabase: Client, organisationId: string, d: DecisionInput, id?: string) {
	return call(supabase, 'save_decision', {
		p_organisation_id: organisationId,
		p_id: id,
		p_you_said: d.you_said,
		p_we_did: d.we_did,
		p_status: d.status,
		p_not_possible_reason: d.not_possible_reason,
		p_decided_by: d.decided_by,
		p_decided_on: d.decided_on || null,
		p_owner: d.owner,
		p_priority_id: d.priority_id || null,
		p_participation: d.participation || null,
		p_test_answers: d.test_questions.map((question, i) => ({ question, answer: d.test_answers[i] ?? '' }))
	});
}

export function publishDecision(supabase: Client, id: string, published: boolean) {
	return call(supabase, 'publish_decision', { p_id: id, p_published: published });
}

export type EvidenceRef =
	{ feedback: string } | { theme: string } | { question: string } | { activity: string };

export function linkEvidence(supabase: Client, decisionId: string, ref: EvidenceRef) {
	return call(supabase, 'link_evidence', {
		p_decision_id: decisionId,
		p_feedback_id: 'feedback' in ref ? ref.feedback : undefined,
		p_theme: 'theme' in ref ? ref.theme : undefined,
		p_question_id: 'question' in ref ? ref.question : undefined,
		p_activity_id: 'activity' in ref ? ref.activity : undefined
	});
}

export function unlinkEvidence(supabase: Client, evidenceId: string) {
	return call(supabase, 'unlink_evidence', { p_id: evidenceId });
}

export async function testQuestions(supabase: Client, organisationId: string): Promise<string[]> {
	return (await call(supabase, 'decision_test_questions', { p_organisation_id: organisationId })) ?? [];
}

export function setTestQuestions(supabase: Client, organisationId: string, questions: string[]) {
	return call(supabase, 'set_decision_test_questions', {
		p_organisation_id: organisationId,
		p_questions: questions
	});
}

export function listActivities(supabase: Client, organisationId: string) {
	return call(supabase, 'list_activities', { p_organisation_id: organisationId });
}

export function saveActivity(supabase: Client, organisationId: string, a: ActivityInput, id?: string) {
	return call(supabase, 'save_activity', {
		p_organisation_id: organisationId,
		p_id: id,
		p_title: a.title,
		p_held_on: a.held_on,
		p_kind: a.kind,
		p_participation: a.participation,
		p_phase: a.phase || null,
		p_took_part: {
			children_young_people: a.children_young_people,
			parent_carers: a.parent_carers,
			professionals: a.professionals,
			others: a.others
		},
		p_notes: a.notes
	});
}

/** The published cards of the organisation with this slug, or null (anyone may call it). */
export function youSaidWeDid(supabase: Client, slug: string) {
	return call(supabase, 'you_said_we_did', { p_slug: slug });
}

/** What a member who may not do a thing is told. */
export const REFUSED = {
	record: 'Only administrators, leads and officers record decisions and activities.',
	publish: 'Only administrators and leads publish decisions.'
} as const;

/** By quarter: themes with a published response, days from comment to response, activities by level. */
export function impactOverTime(supabase: Client, organisationId: string) {
	return call(supabase, 'impact_over_time', { p_organisation_id: organisationId });
}

/** The flow from feedback to priorities to decisions to status (api.impact_flow). */
export function impactFlow(supabase: Client, organisationId: string) {
	return call(supabase, 'impact_flow', { p_organisation_id: organisationId });
}

/** The decisions citing an indicator, to mark on its trend (api.indicator_decisions). */
export function indicatorDecisions(supabase: Client, questionId: string) {
	return call(supabase, 'indicator_decisions', { p_question_id: questionId });
}

/** Deletes a decision and its evidence links (admins and leads; officers only one not published). */
export function deleteDecision(supabase: Client, id: string) {
	return call(supabase, 'delete_decision', { p_id: id });
}

/** Deletes an engagement activity; refused (activity_cited) while a decision cites it. */
export function deleteActivity(supabase: Client, id: string) {
	return call(supabase, 'delete_activity', { p_id: id });
}
