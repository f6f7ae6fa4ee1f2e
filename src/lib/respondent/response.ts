import { z } from 'zod';
import { ASSISTANCE, ONE_OPTION_KINDS } from '$lib/domain';
import type { RespondentSurvey } from '$lib/respondent/survey';
import { shownKeys } from '$lib/conditions';
import type { ParsedResponse } from './types';

/**
 * The respondent's form, validated on the server before it reaches the database (which checks
 * the same rules again in api.submit_response). Field names: a question's key; `about.<dimension>`
 * for about-you answers; `panel_code`, `assistance`, `response_id`.
 *
 * Built from the survey at request time, so it is plain zod rather than a superforms schema:
 * superforms wants one static schema per form, and these fields come from the database.
 */

export type FieldErrors = Record<string, string>;

export interface ResponseValues {
	response_id: string;
	answers: Record<string, string | string[]>;
	about: Record<string, string>;
	panel_code: string;
	assistance: string;
}

export type { ParsedResponse } from './types';

export interface ValidationMessages {
	required: string;
	choose: string;
	chooseMany: string;
	number: (min: number | null, max: number | null) => string;
	tooLong: (max: number, length: number) => string;
	panelCode: string;
	assistance: string;
	/** an answer holding a NUL character (U+0000), which the database cannot keep */
	unkeptCharacter: string;
}

/** In English; src/lib/respondent/messages.ts has them in other languages. */
export const MESSAGES: ValidationMessages = {
	required: 'Answer this question to continue.',
	choose: 'Choose one of the answers given.',
	chooseMany: 'Choose from the answers given.',
	number: (min: number | null, max: number | null) =>
		min !== null && max !== null ? `Enter a number from ${min} to ${max}.` : 'Enter a number, like 5.',
	tooLong: (max: number, length: number) =>
		`Keep your answer to ${max.toLocaleString('en-GB')} characters or fewer. It has ${length.toLocaleString('en-GB')}.`,
	panelCode: 'A panel code is 8 letters and numbers, like K7QP-2MXA. Leave it empty if you do not have one.',
	assistance: 'Choose who is filling in this survey.',
	unkeptCharacter:
		'Your answer holds a character that cannot be kept (an invisible "null" character, often copied from ' +
		'another program). Remove it, or type your answer again.'
};

/** Reads the posted form into plain values: what the page shows again when something is wrong. */
export function readResponseForm(form: FormData, survey: RespondentSurvey): ResponseValues {
	const text = (name: string) => {
		const v = form.get(name);
		return typeof v === 'string' ? v : '';
	};
	const answers: ResponseValues['answers'] = {};
	for (const q of survey.questions) {
		answers[q.key] =
			q.kind === 'multi_choice'
				? form.getAll(q.key).filter((v): v is string => typeof v === 'string')
				: text(q.key);
	}
	const about: Record<string, string> = {};
	for (const d of survey.about) about[d.key] = text(`about.${d.key}`);
	return {
		response_id: text('response_id'),
		answers,
		about,
		panel_code: text('panel_code'),
		assistance: text('assistance')
	};
}

/** A string that is empty (not answered) or one of the given values. */
function oneOf(values: readonly string[], message: string, required = false, m = MESSAGES) {
	return z
		.string()
		.refine((v) => !required || v !== '', m.required)
		.refine((v) => v === '' || values.includes(v), message);
}

function questionSchema(q: RespondentSurvey['questions'][number], m: ValidationMessages): z.ZodType<unknown> {
	const values = q.options.map((o) => o.value);
	if (ONE_OPTION_KINDS.includes(q.kind)) return oneOf(values, m.choose, q.required, m);
	if (q.kind === 'multi_choice') {
		const list = z.array(z.string()).refine((l) => l.every((v) => values.includes(v)), m.chooseMany);
		return q.required ? list.refine((l) => l.length > 0, m.required) : list;
	}
	if (q.kind === 'number') {
		const message = m.number(q.min_value, q.max_value);
		return z
			.string()
			.trim()
			.refine((v) => !q.required || v !== '', m.required)
			.transform((v, ctx) => {
				if (v === '') return '';
				const n = /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : Number.NaN;
				const outside =
					(q.min_value !== null && n < q.min_value) || (q.max_value !== null && n > q.max_value);
				if (Number.isNaN(n) || outside) {
					ctx.addIssue({ code: 'custom', message });
					return z.NEVER;
				}
				return n;
			});
	}
	// free text: trimmed; over the limit says by how much; a NUL character (only a crafted post or a
	// paste from another program sends one) is refused here, beside the field, not by the database
	const max = q.max_length ?? 2000;
	return z
		.string()
		.transform((v) => v.trim())
		.refine((v) => !q.required || v.length > 0, m.required)
		.superRefine((v, ctx) => {
			if (v.length > max) ctx.addIssue({ code: 'custom', message: m.tooLong(max, v.length) });
			if (v.includes('\u0000')) ctx.addIssue({ code: 'custom', message: m.unkeptCharacter });
		});
}

/**
 * A survey's schema is built once per survey object and wording: the respondent pages check every
 * page against it, and the server keeps each survey object for a few seconds
 * (src/lib/server/respondent/context.ts). The wordings are the shipped catalogues, a handful of objects.
 */
const schemas = new WeakMap<
	RespondentSurvey,
	Map<ValidationMessages, ReturnType<typeof buildResponseSchema>>
>();

export function responseSchema(survey: RespondentSurvey, m: ValidationMessages = MESSAGES) {
	let byWording = schemas.get(survey);
	if (!byWording) {
		byWording = new Map();
		schemas.set(survey, byWording);
	}
	let schema = byWording.get(m);
	if (!schema) {
		schema = buildResponseSchema(survey, m);
		byWording.set(m, schema);
	}
	return schema;
}

function buildResponseSchema(survey: RespondentSurvey, m: ValidationMessages) {
	const answers: Record<string, z.ZodType<unknown>> = {};
	for (const q of survey.questions) answers[q.key] = questionSchema(q, m);
	const about: Record<string, z.ZodType<unknown>> = {};
	for (const d of survey.about) {
		about[d.key] = oneOf(
			d.categories.map((c) => c.code),
			m.choose,
			false,
			m
		);
	}
	return z.object({
		response_id: z.uuid({ message: 'The form was damaged. Reload the page and try again.' }),
		answers: z.object(answers),
		about: z.object(about),
		panel_code: z
			.string()
			.transform((v) => v.replace(/[\s-]/g, '').toUpperCase())
			.refine((v) => v === '' || /^[A-Z0-9]{8}$/.test(v), m.panelCode),
		assistance: oneOf(
			ASSISTANCE.map((a) => a.value),
			m.assistance,
			false,
			m
		)
	});
}

/** The field name a zod issue belongs to, as the form names it. */
function fieldFor(path: PropertyKey[]): string {
	const [head, key] = path;
	if (head === 'answers' && typeof key === 'string') return key;
	if (head === 'about' && typeof key === 'string') return `about.${key}`;
	return String(head ?? 'form');
}

export function validateResponse(
	values: ResponseValues,
	survey: RespondentSurvey,
	m: ValidationMessages = MESSAGES
): { ok: true; data: ParsedResponse } | { ok: false; errors: FieldErrors } {
	// A question that earlier answers hide is not asked: its answer is left out, and it is not required.
	const shown = shownKeys(survey.questions, values.answers);
	const hidden = survey.questions.filter((q) => !shown.has(q.key)).map((q) => q.key);
	let schema = responseSchema(survey, m);
	if (hidden.length > 0) {
		const answers = schema.shape.answers.omit(Object.fromEntries(hidden.map((k) => [k, true])) as never);
		schema = schema.extend({ answers }) as unknown as typeof schema;
	}
	const result = schema.safeParse(values);
	if (!result.success) {
		const errors: FieldErrors = {};
		for (const issue of result.error.issues) {
			const field = fieldFor(issue.path);
			errors[field] ??= issue.message;
		}
		return { ok: false, errors };
	}
	const d = result.data as {
		response_id: string;
		answers: Record<string, unknown>;
		about: Record<string, string>;
		panel_code: string;
		assistance: string;
	};
	const answers: ParsedResponse['answers'] = {};
	for (const q of survey.questions) {
		const v = d.answers[q.key];
		if (v === '' || v === undefined || (Array.isArray(v) && v.length === 0)) continue;
		answers[q.key] = v as string | string[] | number;
	}
	const about: Record<string, string> = {};
	for (const [k, v] of Object.entries(d.about)) if (v) about[k] = v;
	return {
		ok: true,
		data: {
			responseId: d.response_id,
			answers,
			about,
			panelCode: d.panel_code || null,
			assistance: d.assistance || null
		}
	};
}

/**
 * Messages for some fields only: what one page of the survey shows beside its own fields. The
 * whole response is checked, so each field is judged by exactly the rules of the final submission.
 */
export function validateFields(
	values: ResponseValues,
	survey: RespondentSurvey,
	fields: readonly string[],
	m: ValidationMessages = MESSAGES
): FieldErrors {
	const checked = validateResponse(values, survey, m);
	if (checked.ok) return {};
	return Object.fromEntries(Object.entries(checked.errors).filter(([field]) => fields.includes(field)));
}
