import { z } from 'zod';
import { ACTIVITY_KINDS, codes, DECISION_STATUSES, PARTICIPATION_LEVELS } from '$lib/domain';
import { disclosureRule } from '$lib/disclosure/types';

/**
 * Decisions, their evidence, engagement activities and the published "you said, we did": what the
 * API returns, declared once (see `src/lib/server/api.ts` and tests/db/api-results.test.ts; the SQL is
 * supabase/migrations/20261203200100_decisions.sql).
 */

const symbol = z.literal('[c]').nullable();

/** One engagement activity: staff get by_group and notes; anyone else one total under the rule. */
export const activity = z.object({
	id: z.string(),
	title: z.string(),
	held_on: z.string(),
	kind: z.enum(codes(ACTIVITY_KINDS)),
	participation: z.enum(codes(PARTICIPATION_LEVELS)),
	phase: z.string().nullable(),
	took_part: z.number().nullable(),
	took_part_symbol: symbol,
	by_group: z.record(z.string(), z.number()).nullable(),
	notes: z.string().nullable()
});
export type Activity = z.infer<typeof activity>;

export const testAnswer = z.object({ question: z.string(), answer: z.string().nullable() });

/** The fields of a decision every reader gets (app.decision_json). */
const decisionFields = {
	id: z.string(),
	priority_id: z.string().nullable(),
	you_said: z.string(),
	we_did: z.string().nullable(),
	status: z.enum(codes(DECISION_STATUSES)),
	not_possible_reason: z.string().nullable(),
	decided_by: z.string().nullable(),
	decided_on: z.string().nullable(),
	participation: z.enum(codes(PARTICIPATION_LEVELS)).nullable(),
	test_answers: z.array(testAnswer),
	published_at: z.string().nullable(),
	updated_at: z.string(),
	/** how many people told us: exact for staff, else null with people_symbol '[c]' when hidden */
	people: z.number().nullable(),
	people_symbol: symbol,
	indicators: z.array(z.object({ id: z.string(), prompt: z.string(), survey_title: z.string() })),
	activities: z.array(activity)
};

/** A decision as members read it (api.list_decisions). */
export const decision = z.object({
	...decisionFields,
	/** the themes linked as evidence: staff's own words, not published */
	themes: z.array(z.string()),
	owner: z.string().nullable(),
	published: z.boolean(),
	people_small: z.boolean()
});
export type Decision = z.infer<typeof decision>;

/** A published card (api.you_said_we_did): no owner, no themes (staff's words), no small-number warning. */
export const card = z.object({
	...decisionFields,
	/** up to three quotes: the redacted text of reviewed, quotable feedback linked to it */
	quotes: z.array(z.string())
});
export type Card = z.infer<typeof card>;

/** api.list_decisions */
export const decisionList = z.object({
	exact: z.boolean(),
	rule: disclosureRule,
	decisions: z.array(decision)
});

export const evidence = z.object({
	id: z.string(),
	kind: z.enum(['feedback', 'theme', 'indicator', 'activity']),
	label: z.string().nullable(),
	held: z.boolean(),
	ref: z.string()
});
export type Evidence = z.infer<typeof evidence>;

/** api.decision: one decision with its evidence, for staff. */
export const decisionWithEvidence = decision.extend({ evidence: z.array(evidence) });
export type DecisionWithEvidence = z.infer<typeof decisionWithEvidence>;

export const decisionSaved = z.object({ id: z.string(), published: z.boolean() });
export const decisionPublished = z.object({
	id: z.string(),
	published: z.boolean(),
	published_at: z.string().nullable()
});
export const evidenceLinked = z.object({
	id: z.string(),
	kind: z.enum(['feedback', 'theme', 'indicator', 'activity']),
	people: z.number()
});
export const evidenceUnlinked = z.object({ id: z.string(), decision_id: z.string() });
export const decisionDeleted = z.object({ id: z.string(), was_published: z.boolean() });
export const activityDeleted = z.object({ id: z.string() });
export const testQuestionsSet = z.object({ questions: z.array(z.string()) });

/** api.list_activities: reach (by group, across all activities) for staff only. */
export const activityList = z.object({
	exact: z.boolean(),
	rule: disclosureRule,
	activities: z.array(activity),
	reach: z.record(z.string(), z.number()).nullable()
});
export const activitySaved = z.object({ id: z.string(), took_part: z.number() });

/** api.you_said_we_did: the public page's cards, by priority; null for an unknown slug. */
export const youSaidWeDid = z.object({
	organisation: z.object({ name: z.string(), slug: z.string() }),
	rule: disclosureRule,
	test_questions: z.array(z.string()),
	priorities: z.array(
		z.object({
			id: z.string().nullable(),
			code: z.string().nullable(),
			title: z.string(),
			cards: z.array(card)
		})
	)
});
export type YouSaidWeDid = z.infer<typeof youSaidWeDid>;

/** One flow of api.impact_flow: feedback items from a node to the next; value null with '[c]' when hidden. */
export const flowLink = z.object({
	source: z.string(),
	target: z.string(),
	value: z.number().nullable(),
	symbol,
	/** staff only: a count under the disclosure rule's threshold */
	small: z.boolean()
});
export type FlowLink = z.infer<typeof flowLink>;

/** A node of the flow: 'feedback', 'p:<priority>', 'd:<decision>', 'none' (no decision yet), 's:<status>'. */
export const flowNode = z.union([
	z.object({ key: z.string(), kind: z.enum(['feedback', 'priority', 'none']), label: z.string() }),
	z.object({
		key: z.string(),
		kind: z.literal('decision'),
		label: z.string(),
		we_did: z.string().nullable(),
		status: z.enum(codes(DECISION_STATUSES)),
		decided_on: z.string().nullable(),
		published: z.boolean()
	}),
	z.object({ key: z.string(), kind: z.literal('status'), status: z.enum(codes(DECISION_STATUSES)) })
]);
export type FlowNode = z.infer<typeof flowNode>;

/** api.impact_flow: from feedback to priorities to decisions to their status. */
export const impactFlow = z.object({
	exact: z.boolean(),
	rule: disclosureRule,
	nodes: z.array(flowNode),
	links: z.array(flowLink)
});
export type ImpactFlow = z.infer<typeof impactFlow>;

/** api.indicator_decisions: a decision citing an indicator, to mark on its trend. */
export const indicatorDecision = z.object({
	id: z.string(),
	you_said: z.string(),
	we_did: z.string().nullable(),
	status: z.enum(codes(DECISION_STATUSES)),
	published: z.boolean(),
	/** the date it was taken; else when it was published or recorded (date_recorded true) */
	decided_on: z.string(),
	date_recorded: z.boolean(),
	/** it cites the indicator as evidence */
	cites: z.boolean(),
	/** it is filed under the indicator's strategy priority */
	same_priority: z.boolean()
});
export type IndicatorDecision = z.infer<typeof indicatorDecision>;
