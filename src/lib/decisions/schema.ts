import { z } from 'zod';
import { ACTIVITY_KINDS, codes, DECISION_STATUSES, PARTICIPATION_LEVELS, PHASES } from '$lib/domain';

/**
 * The forms of decisions and engagement activities, checked here before they reach the database
 * (which checks them again: api.save_decision, api.save_activity).
 */

/** One of these codes, chosen by the person: empty by default, so that nothing chosen is refused. */
function oneOf<const T extends readonly [string, ...string[]]>(values: T, message: string) {
	return z
		.string()
		.default('')
		.refine((v): v is T[number] => (values as readonly string[]).includes(v), message);
}

/** One of these codes or nothing. */
function oneOfOrNone<const T extends readonly [string, ...string[]]>(values: T, message: string) {
	return z
		.string()
		.default('')
		.refine((v) => v === '' || (values as readonly string[]).includes(v), message);
}

const optionalDate = (message: string) =>
	z
		.string()
		.trim()
		.default('')
		.refine((v) => v === '' || /^\d{4}-\d{2}-\d{2}$/.test(v), message);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A decision (api.save_decision). test_questions are the questions the answers are to, in order. */
export const decisionSchema = z
	.object({
		you_said: z
			.string()
			.trim()
			.min(1, 'Summarise what people said.')
			.max(4000, 'Keep the summary to 4,000 characters or fewer.')
			.default(''),
		we_did: z.string().trim().max(4000, 'Keep what was done to 4,000 characters or fewer.').default(''),
		status: oneOf(codes(DECISION_STATUSES), 'Choose the status.'),
		not_possible_reason: z
			.string()
			.trim()
			.max(2000, 'Keep the reason to 2,000 characters or fewer.')
			.default(''),
		decided_by: z
			.string()
			.trim()
			.max(200, 'Keep the name of the body to 200 characters or fewer.')
			.default(''),
		decided_on: optionalDate('Enter the date as a day, month and year, like 2026-11-30.'),
		owner: z.string().trim().max(200, 'Keep the owner to 200 characters or fewer.').default(''),
		priority_id: z
			.string()
			.default('')
			.refine((v) => v === '' || UUID.test(v), 'Choose one of your strategy priorities.'),
		participation: oneOfOrNone(codes(PARTICIPATION_LEVELS), 'Choose a level of participation.'),
		test_questions: z.array(z.string().max(500)).max(10).default([]),
		test_answers: z
			.array(z.string().trim().max(2000, 'Keep each answer to 2,000 characters or fewer.'))
			.default([])
	})
	.refine((v) => v.status !== 'not_possible' || v.not_possible_reason !== '', {
		path: ['not_possible_reason'],
		message: 'Say why it is not possible: people deserve to know.'
	});
export type DecisionInput = z.infer<typeof decisionSchema>;

/** Searching the feedback inbox for evidence (a GET form). */
export const evidenceSearchSchema = z.object({ q: z.string().trim().max(200).default('') });

const count = z.coerce
	.number({ error: 'Enter a whole number, like 12.' })
	.int('Enter a whole number, like 12.')
	.min(0, 'Enter 0 or more.')
	.max(100000, 'Enter 100,000 or fewer.')
	.default(0);

/** An engagement activity (api.save_activity). */
export const activitySchema = z.object({
	title: z
		.string()
		.trim()
		.min(1, 'Enter a name for the activity.')
		.max(200, 'Keep the name to 200 characters or fewer.')
		.default(''),
	held_on: z.iso.date({ error: 'Enter the date it took place, like 2026-11-30.' }),
	kind: oneOf(codes(ACTIVITY_KINDS), 'Choose the type of activity.'),
	participation: oneOf(codes(PARTICIPATION_LEVELS), 'Choose the level of participation.'),
	phase: oneOfOrNone(codes(PHASES), 'Choose a stage of education, or all.'),
	children_young_people: count,
	parent_carers: count,
	professionals: count,
	others: count,
	notes: z.string().trim().max(4000, 'Keep the notes to 4,000 characters or fewer.').default('')
});
export type ActivityInput = z.infer<typeof activitySchema>;

/** Linking one piece of evidence (api.link_evidence): one of the four is filled in. */
export const linkSchema = z.object({
	feedback: z.string().default(''),
	theme: z.string().trim().max(80, 'Keep a theme to 80 characters or fewer.').default(''),
	question: z.string().default(''),
	activity: z.string().default('')
});

/** Removing a piece of evidence, or publishing: the one id the button carries. */
export const idSchema = z.object({ id: z.string().default('') });

/** The organisation's test questions (api.set_decision_test_questions): one a line, up to 10. */
export const testQuestionsSchema = z.object({
	questions: z
		.string()
		.default('')
		.refine((v) => lines(v).length <= 10, 'Keep to 10 questions.')
		.refine((v) => lines(v).every((q) => q.length <= 500), 'Keep each question to 500 characters or fewer.')
});

/** The lines of a text box that are not blank, trimmed. */
export function lines(s: string): string[] {
	return s
		.split(/\r?\n/)
		.map((l) => l.trim())
		.filter(Boolean);
}

/**
 * Deleting a decision or an activity: the box that says so must be ticked. Read straight off the form
 * data (not through superforms, which would fill a missing box with the literal as its default).
 */
export const deleteSchema = z.object({
	confirm: z.literal('yes', { error: 'Tick the box to say you want to delete it for good.' })
});

/** The message beside the box, or null when the box is ticked. */
export function deleteRefusal(data: FormData): string | null {
	const parsed = deleteSchema.safeParse({ confirm: data.get('confirm') });
	return parsed.success ? null : (parsed.error.issues[0]?.message ?? 'Tick the box.');
}
