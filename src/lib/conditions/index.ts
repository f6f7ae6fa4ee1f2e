import { z } from 'zod';

/**
 * Questions that depend on earlier answers (supabase/migrations/20261202110100_question_conditions.sql).
 *
 * A condition is a list of rules on earlier questions, all or any of which must hold. The builder
 * sees the rules by question id (api.survey_for_builder), a respondent's pages by question key
 * (api.survey_for_respondent's show_if). The database decides what a response may hold; the same
 * rules here decide, on the server, which pages a respondent sees, and say a condition in plain words.
 */

export const CONDITION_TESTS = ['chosen', 'between', 'answered', 'not_answered'] as const;
export type ConditionTest = (typeof CONDITION_TESTS)[number];

export const conditionRule = z.object({
	/** the earlier question: its id for the builder, its key for a respondent's pages */
	question: z.string(),
	test: z.enum(CONDITION_TESTS),
	/** chosen: any of these option values */
	values: z.array(z.string()).optional(),
	/** between: the lowest and highest numbers, either may be absent */
	min: z.number().nullable().optional(),
	max: z.number().nullable().optional()
});
export type ConditionRule = z.infer<typeof conditionRule>;

export const conditions = z.object({
	match: z.enum(['all', 'any']),
	rules: z.array(conditionRule)
});
export type Conditions = z.infer<typeof conditions>;

/** api.set_question_conditions and clear_question_conditions. */
export const conditionsSet = z.object({
	id: z.string(),
	key: z.string(),
	version: z.number(),
	conditions: conditions.nullable(),
	versioned: z.boolean(),
	warning: z.string().nullable()
});

/** Answers by question key, as a respondent's form carries them. */
export type GivenAnswers = Record<string, string | string[] | undefined>;

function given(v: string | string[] | undefined): string[] {
	return (Array.isArray(v) ? v : v === undefined ? [] : [v]).map((x) => x.trim()).filter(Boolean);
}

function ruleMet(rule: ConditionRule, answers: GivenAnswers): boolean {
	const values = given(answers[rule.question]);
	switch (rule.test) {
		case 'answered':
			return values.length > 0;
		case 'not_answered':
			return values.length === 0;
		case 'chosen':
			return values.some((v) => rule.values?.includes(v));
		case 'between': {
			const text = values[0];
			if (text === undefined || !/^-?[0-9]+(\.[0-9]+)?$/.test(text)) return false;
			const n = Number(text);
			return (rule.min == null || n >= rule.min) && (rule.max == null || n <= rule.max);
		}
	}
}

/** Whether a question with these conditions is shown, given the answers of the questions shown before it. */
export function conditionMet(c: Conditions | null | undefined, answers: GivenAnswers): boolean {
	if (!c || c.rules.length === 0) return true;
	return c.match === 'any'
		? c.rules.some((r) => ruleMet(r, answers))
		: c.rules.every((r) => ruleMet(r, answers));
}

/**
 * The keys of the questions a respondent with these answers is shown, in order: an answer to a
 * question that is hidden counts as not given, so conditions chain (as app.check_response has it).
 */
export function shownKeys(
	questions: readonly { key: string; show_if?: Conditions | null }[],
	answers: GivenAnswers
): Set<string> {
	const shown = new Set<string>();
	const effective: GivenAnswers = {};
	for (const q of questions) {
		if (!conditionMet(q.show_if, effective)) continue;
		shown.add(q.key);
		effective[q.key] = answers[q.key];
	}
	return shown;
}

/** The answers with those to hidden questions taken out, and the keys of the answers taken out. */
export function withoutHidden<A extends Record<string, string | string[]>>(
	questions: readonly { key: string; show_if?: Conditions | null }[],
	answers: A
): { answers: A; dropped: string[] } {
	const shown = shownKeys(questions, answers);
	const kept = { ...answers };
	const dropped: string[] = [];
	for (const q of questions) {
		if (shown.has(q.key) || !(q.key in kept)) continue;
		if (given(kept[q.key]).length > 0) dropped.push(q.key);
		delete kept[q.key];
	}
	return { answers: kept, dropped };
}

/** What the builder needs of a question to say a condition in words. */
export interface NamedQuestion {
	id: string;
	prompt: string;
	options: { value: string; label: string }[];
}

function orList(items: string[], or = 'or'): string {
	if (items.length <= 1) return items.join('');
	return `${items.slice(0, -1).join(', ')} ${or} ${items.at(-1)}`;
}

/** One rule in plain words: "answered Yes or Not sure to ‘Does your child have an EHC plan?’". */
export function describeRule(rule: ConditionRule, questions: readonly NamedQuestion[]): string {
	const q = questions.find((x) => x.id === rule.question);
	const name = q ? `‘${q.prompt}’` : 'a question that is no longer there';
	switch (rule.test) {
		case 'answered':
			return `answered ${name}`;
		case 'not_answered':
			return `did not answer ${name}`;
		case 'chosen': {
			const labels = (rule.values ?? []).map((v) => q?.options.find((o) => o.value === v)?.label ?? v);
			return `answered ${orList(labels)} to ${name}`;
		}
		case 'between':
			if (rule.min != null && rule.max != null)
				return `answered a number from ${rule.min} to ${rule.max} to ${name}`;
			if (rule.min != null) return `answered ${rule.min} or more to ${name}`;
			return `answered ${rule.max} or less to ${name}`;
	}
}

/**
 * A condition in plain words: "Shown only to people who answered Yes to ‘Does your child have an
 * EHC plan?’" (the builder), or with `lead` "Asked only of" (figures read off the question), or null
 * for a question everyone is shown.
 */
export function describeConditions(
	c: Conditions | null | undefined,
	questions: readonly NamedQuestion[],
	lead: 'Shown only to' | 'Asked only of' = 'Shown only to'
): string | null {
	if (!c || c.rules.length === 0) return null;
	const parts = c.rules.map((r) => describeRule(r, questions));
	if (parts.length === 1) return `${lead} people who ${parts[0]}.`;
	return c.match === 'any'
		? `${lead} people who ${orList(parts)}.`
		: `${lead} people who ${orList(parts, 'and')}.`;
}
