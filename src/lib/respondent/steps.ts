/**
 * A survey one page at a time: which pages a survey has, which form fields each page holds, and
 * how the answers kept in a draft become the form values that src/lib/respondent/response.ts checks.
 *
 * Pages: the questions in order, one a page, or a short group of them on one page where the builder
 * put a question on the same page as the one before it; then "who is filling in this survey" with
 * the panel code; then the about-you questions (all optional); then the check-your-answers page.
 *
 * The answers travel with the respondent: every page's form carries the answers given on the other
 * pages as hidden fields (readAnswers reads them all back), so going from page to page writes
 * nothing to the database. A draft is kept only to finish later: when the page's script saves the
 * answers as they are given, or when the respondent asks for a code.
 */
import {
	MESSAGES,
	validateFields,
	type FieldErrors,
	type ResponseValues,
	type ValidationMessages
} from '$lib/respondent/response';
import { en, type Messages } from '$lib/respondent/messages';
import type { RespondentQuestion, RespondentSurvey } from '$lib/respondent/survey';
import { shownKeys, withoutHidden } from '$lib/conditions';

import type { DraftAnswers } from './types';

export type { DraftAnswers } from './types';

export type Step =
	| {
			kind: 'questions';
			number: number;
			questions: RespondentQuestion[];
			/** the number of the page's first question in the survey (1-based) */
			first: number;
	  }
	| { kind: 'who'; number: number }
	| { kind: 'about'; number: number };

export function stepsOf(survey: RespondentSurvey): Step[] {
	const cached = stepsCache.get(survey);
	if (cached) return cached;
	const steps: Step[] = [];
	for (const [i, question] of survey.questions.entries()) {
		const last = steps.at(-1);
		if (question.same_page && last?.kind === 'questions') last.questions.push(question);
		else steps.push({ kind: 'questions', number: steps.length + 1, questions: [question], first: i + 1 });
	}
	steps.push({ kind: 'who', number: steps.length + 1 });
	if (survey.about.length > 0) steps.push({ kind: 'about', number: steps.length + 1 });
	stepsCache.set(survey, steps);
	return steps;
}

/** A survey object (cached per process, and per language) has the same pages every time. */
const stepsCache = new WeakMap<RespondentSurvey, Step[]>();

/**
 * The keys of the questions a respondent with these answers is shown: a question that depends on
 * earlier answers (its show_if) is shown only when they meet its condition (see $lib/conditions).
 */
export function shownQuestions(
	survey: Pick<RespondentSurvey, 'questions'>,
	answers: DraftAnswers
): Set<string> {
	return shownKeys(survey.questions, answers);
}

/** The questions of a page that are shown; a page of questions none of which is shown is skipped. */
export function shownOn(step: Step, shown: Set<string>): RespondentQuestion[] {
	return step.kind === 'questions' ? step.questions.filter((q) => shown.has(q.key)) : [];
}

/** The pages this respondent sees, in order, with these answers: what the progress line counts. */
export function visibleSteps(steps: readonly Step[], shown: Set<string>): Step[] {
	return steps.filter((s) => s.kind !== 'questions' || shownOn(s, shown).length > 0);
}

/**
 * Where a respondent posting to page `n` goes: `n` itself when it is shown with these answers, else
 * the next page shown on the way (`direction` 1, going on) or the previous one (-1, going back);
 * steps.length + 1 is check your answers.
 */
export function pageShown(steps: readonly Step[], shown: Set<string>, n: number, direction: 1 | -1): number {
	let k = n;
	while (k >= 1 && k <= steps.length) {
		const step = steps[k - 1]!;
		if (step.kind !== 'questions' || shownOn(step, shown).length > 0) return k;
		k += direction;
	}
	return k < 1 ? 1 : steps.length + 1;
}

/**
 * The answers with those to questions that earlier answers now hide taken out (they are never
 * sent), and the questions whose answers were taken out, to tell the respondent.
 */
export function dropHidden(
	survey: Pick<RespondentSurvey, 'questions'>,
	answers: DraftAnswers
): { answers: DraftAnswers; dropped: RespondentQuestion[] } {
	const { answers: kept, dropped } = withoutHidden(survey.questions, answers);
	return { answers: kept, dropped: survey.questions.filter((q) => dropped.includes(q.key)) };
}

/** The form fields a page holds, in the order they appear. */
export function fieldsOf(step: Step, survey: Pick<RespondentSurvey, 'about'>): string[] {
	if (step.kind === 'questions') return step.questions.map((q) => q.key);
	if (step.kind === 'who') return ['assistance', 'panel_code'];
	return survey.about.map((d) => `about.${d.key}`);
}

/** The page that holds a form field (1-based), or null when no page does. */
export function stepOfField(field: string, survey: RespondentSurvey): number | null {
	const step = stepsOf(survey).find((s) => fieldsOf(s, survey).includes(field));
	return step?.number ?? null;
}

/** Reads one page's fields from a posted form: a field left out is kept as not answered. */
export function readFields(form: FormData, survey: RespondentSurvey, step: Step): DraftAnswers {
	const answers: DraftAnswers = {};
	const multi = new Set(
		step.kind === 'questions' ? step.questions.filter((q) => q.kind === 'multi_choice').map((q) => q.key) : []
	);
	for (const field of fieldsOf(step, survey)) {
		if (multi.has(field)) {
			answers[field] = form.getAll(field).filter((v): v is string => typeof v === 'string');
		} else {
			const v = form.get(field);
			answers[field] = typeof v === 'string' ? v : '';
		}
	}
	// "This is my first time: give me this panel code" ticked, and no code typed: the code offered
	if (step.kind === 'who' && !answers.panel_code) {
		const offered = form.get('panel_code_new');
		if (typeof offered === 'string' && /^[A-Z0-9]{4}-[A-Z0-9]{4}$/.test(offered))
			answers.panel_code = offered;
	}
	return answers;
}

/**
 * Every answer a posted page carries: its own fields and, as hidden fields, those of every other
 * page. Only the survey's own fields are read; a field left out is not answered.
 */
export function readAnswers(form: FormData, survey: RespondentSurvey): DraftAnswers {
	const answers: DraftAnswers = {};
	for (const step of stepsOf(survey)) Object.assign(answers, readFields(form, survey, step));
	return answers;
}

/**
 * The hidden fields that carry the answers of the other pages: name and value pairs, a
 * several-choice answer as one pair a choice, in the order given. Answers not given are left out,
 * and so are the page's own fields (`own`), which the page shows.
 */
export function carriedFields(answers: DraftAnswers, own: readonly string[]): [string, string][] {
	const pairs: [string, string][] = [];
	for (const [field, v] of Object.entries(answers)) {
		if (own.includes(field)) continue;
		for (const x of Array.isArray(v) ? v : [v]) if (x !== '') pairs.push([field, x]);
	}
	return pairs;
}

/**
 * A page's address with the survey's query ("?easy=1&lang=pl") and more set, or removed (null):
 * addressOf('/s/x/id/q/2', '?lang=pl', { change: '1' }) is '/s/x/id/q/2?lang=pl&change=1'.
 */
export function addressOf(path: string, query: string, extra: Record<string, string | null> = {}): string {
	const params = new URLSearchParams(query);
	for (const [k, v] of Object.entries(extra)) {
		if (v === null) params.delete(k);
		else params.set(k, v);
	}
	const qs = params.toString();
	return qs ? `${path}?${qs}` : path;
}

/** The whole form, as the one-page survey would have posted it, from the answers kept so far. */
export function toResponseValues(
	answers: DraftAnswers,
	survey: RespondentSurvey,
	responseId: string
): ResponseValues {
	const text = (field: string) => {
		const v = answers[field];
		return typeof v === 'string' ? v : '';
	};
	const values: ResponseValues = {
		response_id: responseId,
		answers: {},
		about: {},
		panel_code: text('panel_code'),
		assistance: text('assistance')
	};
	for (const q of survey.questions) {
		const v = answers[q.key];
		values.answers[q.key] =
			q.kind === 'multi_choice' ? (Array.isArray(v) ? v : v ? [v] : []) : typeof v === 'string' ? v : '';
	}
	for (const d of survey.about) values.about[d.key] = text(`about.${d.key}`);
	return values;
}

/** What is wrong with one page's answers: messages for its own fields only. */
export function pageErrors(
	answers: DraftAnswers,
	survey: RespondentSurvey,
	step: Step,
	responseId: string,
	m: ValidationMessages = MESSAGES
): FieldErrors {
	return validateFields(toResponseValues(answers, survey, responseId), survey, fieldsOf(step, survey), m);
}

/** An answer as the check-your-answers page shows it. */
export function answerLabels(
	survey: RespondentSurvey,
	answers: DraftAnswers,
	field: string,
	easyRead: boolean,
	assistance: Messages['assistance'] = en.assistance
): string[] {
	const v = answers[field];
	const given = (Array.isArray(v) ? v : v ? [v] : []).map((x) => x.trim()).filter(Boolean);
	if (field === 'assistance') return given.map((g) => assistance[g as keyof Messages['assistance']] ?? g);
	if (field.startsWith('about.')) {
		const d = survey.about.find((x) => `about.${x.key}` === field);
		return given.map((g) => d?.categories.find((c) => c.code === g)?.label ?? g);
	}
	const q = survey.questions.find((x) => x.key === field);
	if (!q || q.options.length === 0) return given;
	return given.map((g) => {
		const o = q.options.find((x) => x.value === g);
		return o ? (easyRead && o.easy_read_label ? o.easy_read_label : o.label) : g;
	});
}

/** The wording of a question: the easy-read wording when asked for and there is one. */
export function promptOf(q: RespondentQuestion, easyRead: boolean): string {
	return easyRead && q.easy_read_prompt ? q.easy_read_prompt : q.prompt;
}

/** What "Read this question aloud" says: the question, its hint, and each answer to choose from. */
export function spokenText(
	q: RespondentQuestion,
	easyRead: boolean,
	answersAre = 'The answers are:'
): string {
	const parts = [promptOf(q, easyRead)];
	if (q.help_text) parts.push(q.help_text);
	if (q.options.length > 0) {
		parts.push(answersAre);
		for (const o of q.options) parts.push(easyRead && o.easy_read_label ? o.easy_read_label : o.label);
	}
	return parts.map((p) => p.trim().replace(/[.?!:]?$/, (m) => m || '.')).join(' ');
}
