import type { ConditionTest } from '$lib/conditions';
import type { BuilderQuestion } from '$lib/builder/types';

/**
 * The builder's form for a question's conditions: one group a question on an earlier page ("does
 * this question depend on its answer, and how?"), and whether all of the conditions or any one must
 * be met. Plain fields, so that it works without JavaScript: test_<id>, values_<id> (the answers
 * chosen), min_<id> and max_<id>, and match.
 */

const CHOICE_KINDS = [
	'agreement_5',
	'faces_3',
	'yes_no_unsure',
	'single_choice',
	'multi_choice',
	'rating_0_10'
];
const NUMBER_KINDS = ['number', 'rating_0_10'];

/** The tests a question of this kind can be given, in the order the form offers them. */
export function testsFor(kind: string): ConditionTest[] {
	return [
		...(CHOICE_KINDS.includes(kind) ? (['chosen'] as const) : []),
		...(NUMBER_KINDS.includes(kind) ? (['between'] as const) : []),
		'answered',
		'not_answered'
	];
}

/** The questions a question may depend on: those on an earlier page, in order. */
export function earlierQuestions(
	questions: readonly BuilderQuestion[],
	questionId: string
): BuilderQuestion[] {
	const pages: number[] = [];
	questions.forEach((q, i) => pages.push(i === 0 ? 1 : pages[i - 1]! + (q.same_page ? 0 : 1)));
	const at = questions.findIndex((q) => q.id === questionId);
	if (at < 0) return [];
	return questions.filter((_, i) => i < at && pages[i]! < pages[at]!);
}

export interface RuleValues {
	test: ConditionTest | '';
	values: string[];
	min: string;
	max: string;
}

export interface ConditionsValues {
	match: string;
	rules: Record<string, RuleValues>;
}

/** The form's values from the question's conditions as they are. */
export function currentValues(
	question: BuilderQuestion,
	earlier: readonly BuilderQuestion[]
): ConditionsValues {
	const rules: Record<string, RuleValues> = {};
	for (const q of earlier) {
		const rule = question.conditions?.rules.find((r) => r.question === q.id);
		rules[q.id] = {
			test: rule?.test ?? '',
			values: rule?.values ?? [],
			min: rule?.min == null ? '' : String(rule.min),
			max: rule?.max == null ? '' : String(rule.max)
		};
	}
	return { match: question.conditions?.match ?? 'all', rules };
}

/** The form's values as posted. */
export function postedValues(form: FormData, earlier: readonly BuilderQuestion[]): ConditionsValues {
	const text = (name: string) => {
		const v = form.get(name);
		return typeof v === 'string' ? v.trim() : '';
	};
	const rules: Record<string, RuleValues> = {};
	for (const q of earlier) {
		const test = text(`test_${q.id}`);
		rules[q.id] = {
			test: (testsFor(q.kind) as string[]).includes(test) ? (test as ConditionTest) : '',
			values: form.getAll(`values_${q.id}`).filter((v): v is string => typeof v === 'string'),
			min: text(`min_${q.id}`),
			max: text(`max_${q.id}`)
		};
	}
	return { match: text('match'), rules };
}

export interface ParsedRule {
	question: string;
	test: ConditionTest;
	values?: string[];
	min?: number | null;
	max?: number | null;
}

const NUMBER = /^-?[0-9]+(\.[0-9]+)?$/;

/**
 * The rules to send, or the messages beside the fields (test_<id>, match) when something is wrong:
 * the same checks the database makes first, so that a plain mistake is answered at once.
 */
export function parseConditions(
	v: ConditionsValues,
	earlier: readonly BuilderQuestion[]
): { ok: true; match: 'all' | 'any'; rules: ParsedRule[] } | { ok: false; errors: Record<string, string> } {
	const errors: Record<string, string> = {};
	const rules: ParsedRule[] = [];
	for (const q of earlier) {
		const r = v.rules[q.id];
		if (!r || r.test === '') continue;
		const field = `test_${q.id}`;
		if (r.test === 'chosen') {
			const known = r.values.filter((x) => q.options.some((o) => o.value === x));
			if (known.length === 0) errors[field] = `Choose at least one answer to ‘${q.prompt}’.`;
			else rules.push({ question: q.id, test: 'chosen', values: known });
		} else if (r.test === 'between') {
			if (r.min === '' && r.max === '') {
				errors[field] = 'Enter the lowest number, the highest number, or both.';
			} else if ((r.min !== '' && !NUMBER.test(r.min)) || (r.max !== '' && !NUMBER.test(r.max))) {
				errors[field] = 'Enter the lowest and highest numbers as numbers, like 5.';
			} else {
				const min = r.min === '' ? null : Number(r.min);
				const max = r.max === '' ? null : Number(r.max);
				if (min !== null && max !== null && min > max)
					errors[field] =
						`This can never be true: the lowest number (${min}) is more than the highest (${max}).`;
				else rules.push({ question: q.id, test: 'between', min, max });
			}
		} else {
			rules.push({ question: q.id, test: r.test });
		}
	}
	const match = v.match === 'any' ? 'any' : v.match === 'all' ? 'all' : null;
	if (rules.length > 1 && !match)
		errors.match = 'Choose whether all the conditions or any one of them must be met.';
	if (Object.keys(errors).length > 0) return { ok: false, errors };
	return { ok: true, match: match ?? 'all', rules };
}
