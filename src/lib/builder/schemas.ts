import { z } from 'zod';
import { AUDIENCES, codes, OWN_OPTION_KINDS, QUESTION_KINDS, WAVE_KINDS } from '$lib/domain';

/** The survey builder's forms: one schema per form, used by superforms on the server and the client. */

export const surveySchema = z.object({
	title: z.string().trim().min(1, 'Enter a title.').max(200, 'Keep the title to 200 characters or fewer.'),
	audience: z.enum(codes(AUDIENCES), {
		error: 'Choose who the survey is for.'
	}),
	introduction: z
		.string()
		.trim()
		.max(4000, 'Keep the introduction to 4,000 characters or fewer.')
		.default(''),
	privacy_notice: z
		.string()
		.trim()
		.max(4000, 'Keep the privacy notice to 4,000 characters or fewer.')
		.default(''),
	easy_read: z.boolean().default(false)
});

/** A symbol: an OpenMoji hexcode the app ships (see $lib/symbols), or '' for none. */
const symbolField = z
	.string()
	.trim()
	.regex(/^([0-9A-F]{4,5}(-[0-9A-F]{4,5})*)?$/, { message: 'Choose a symbol from the list, or no symbol.' })
	.default('');

const optionalNumber = (message: string) => z.number({ error: message }).optional();

export const questionSchema = z
	.object({
		kind: z.enum(codes(QUESTION_KINDS), { error: 'Choose what kind of question this is.' }),
		key: z
			.string()
			.trim()
			.toLowerCase()
			.max(63, 'Keep the short name to 63 characters or fewer.')
			.regex(/^([a-z][a-z0-9_]*)?$/, {
				message:
					'Use lower-case letters, numbers and underscores, starting with a letter, like felt_involved.'
			})
			.default(''),
		prompt: z
			.string()
			.trim()
			.min(1, 'Enter the question.')
			.max(1000, 'Keep the question to 1,000 characters or fewer.'),
		easy_read_prompt: z
			.string()
			.trim()
			.max(1000, 'Keep the easy-read wording to 1,000 characters or fewer.')
			.default(''),
		help_text: z.string().trim().max(2000, 'Keep the help text to 2,000 characters or fewer.').default(''),
		required: z.boolean().default(false),
		max_length: z
			.number({ error: 'Enter a whole number of characters, like 500.' })
			.int('Enter a whole number of characters, like 500.')
			.min(1, 'Enter a number of characters from 1 to 10,000.')
			.max(10000, 'Enter a number of characters from 1 to 10,000.')
			.optional(),
		min_value: optionalNumber('Enter the smallest number, like 0.'),
		max_value: optionalNumber('Enter the largest number, like 25.'),
		priority_id: z.string().default(''),
		symbol: symbolField,
		// One row per option, in order; the checkboxes name rows by their index.
		option_id: z.array(z.string()).default([]),
		option_value: z.array(z.string()).default([]),
		option_label: z
			.array(z.string().trim().max(300, 'Keep each option to 300 characters or fewer.'))
			.default([]),
		option_easy_read: z
			.array(z.string().trim().max(300, 'Keep each option to 300 characters or fewer.'))
			.default([]),
		// radio groups named option_symbol-<n>, gathered into this list in order (see questionFormData)
		option_symbol: z.array(symbolField).default([]),
		positive: z.array(z.string()).default([]),
		remove: z.array(z.string()).default([])
	})
	.superRefine((q, ctx) => {
		if (q.kind === 'free_text' && q.max_length === undefined) {
			ctx.addIssue({
				code: 'custom',
				path: ['max_length'],
				message: 'Enter the most characters an answer may have.'
			});
		}
		if (
			q.kind === 'number' &&
			q.min_value !== undefined &&
			q.max_value !== undefined &&
			q.max_value < q.min_value
		) {
			ctx.addIssue({
				code: 'custom',
				path: ['max_value'],
				message: 'The largest number must be at least the smallest.'
			});
		}
		if (OWN_OPTION_KINDS.includes(q.kind)) {
			const kept = q.option_label.filter((l, i) => l !== '' && !q.remove.includes(String(i)));
			if (kept.length < 2) {
				ctx.addIssue({
					code: 'custom',
					path: ['option_label'],
					message: 'Give at least two options to choose from.'
				});
			}
		}
	});

export type QuestionForm = z.infer<typeof questionSchema>;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export const waveSchema = z
	.object({
		kind: z.enum(codes(WAVE_KINDS), { error: 'Choose baseline or repeat.' }),
		label: z
			.string()
			.trim()
			.min(1, 'Enter a name for the wave, like Autumn 2026.')
			.max(120, 'Keep the name to 120 characters or fewer.'),
		opens_on: z.string().regex(DATE, { message: 'Enter the opening date.' }),
		closes_on: z.string().regex(DATE, { message: 'Enter the closing date.' })
	})
	.refine((w) => !DATE.test(w.opens_on) || !DATE.test(w.closes_on) || w.closes_on >= w.opens_on, {
		path: ['closes_on'],
		message: 'The closing date must be on or after the opening date.'
	});

/** A wave's new opening and closing dates. */
export const waveDatesSchema = z
	.object({
		opens_on: z.string().regex(DATE, { message: 'Enter the opening date.' }),
		closes_on: z.string().regex(DATE, { message: 'Enter the closing date.' })
	})
	.refine((w) => !DATE.test(w.opens_on) || !DATE.test(w.closes_on) || w.closes_on >= w.opens_on, {
		path: ['closes_on'],
		message: 'The closing date must be on or after the opening date.'
	});

/** How many one-time invitation links to make, and a note for staff (never a name). */
/** Who may answer a wave: anyone with the survey's address, or only the people sent a link. */
export const waveAccessSchema = z.object({
	access: z.enum(['anyone', 'invited'], { error: 'Choose who may answer this wave.' })
});

export const invitationsSchema = z.object({
	count: z
		.number({ error: 'Enter how many links to make, from 1 to 200.' })
		.int('Enter a whole number, from 1 to 200.')
		.min(1, 'Make at least 1 link.')
		.max(200, 'Make 200 links or fewer at a time.'),
	label: z.string().trim().max(120, 'Keep the note to 120 characters or fewer.')
});

export const moveSchema = z.object({
	question_id: z.uuid(),
	direction: z.enum(['up', 'down'])
});

export const pageSchema = z.object({
	question_id: z.uuid(),
	same_page: z.enum(['0', '1'], { error: 'Choose whether the question shares the page before.' })
});

/** A date (YYYY-MM-DD) as the start of that day in London, for the database to read. */
export function startOfLondonDay(date: string): string {
	return `${date} 00:00:00 Europe/London`;
}

/** The end of a date in London: the start of the next day, so the closing date is the last day open. */
export function endOfLondonDay(date: string): string {
	const next = new Date(`${date}T00:00:00Z`);
	next.setUTCDate(next.getUTCDate() + 1);
	return startOfLondonDay(next.toISOString().slice(0, 10));
}

/** A timestamp as a date in London (YYYY-MM-DD). */
export function londonDate(at: Date | string): string {
	return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date(at));
}

/** Languages councils in England often add, each with its own name; staff may add any other. */
export const COMMON_LANGUAGES = [
	{ code: 'pl', english: 'Polish', name: 'Polski', direction: 'ltr' },
	{ code: 'ur', english: 'Urdu', name: 'اردو', direction: 'rtl' },
	{ code: 'ar', english: 'Arabic', name: 'العربية', direction: 'rtl' },
	{ code: 'ro', english: 'Romanian', name: 'Română', direction: 'ltr' },
	{ code: 'bn', english: 'Bengali', name: 'বাংলা', direction: 'ltr' },
	{ code: 'pa', english: 'Punjabi', name: 'ਪੰਜਾਬੀ', direction: 'ltr' },
	{ code: 'so', english: 'Somali', name: 'Soomaali', direction: 'ltr' },
	{ code: 'pt', english: 'Portuguese', name: 'Português', direction: 'ltr' },
	{ code: 'cy', english: 'Welsh', name: 'Cymraeg', direction: 'ltr' },
	{ code: 'gu', english: 'Gujarati', name: 'ગુજરાતી', direction: 'ltr' },
	{ code: 'lt', english: 'Lithuanian', name: 'Lietuvių', direction: 'ltr' },
	{ code: 'es', english: 'Spanish', name: 'Español', direction: 'ltr' },
	{ code: 'uk', english: 'Ukrainian', name: 'Українська', direction: 'ltr' },
	{ code: 'fa', english: 'Persian (Farsi)', name: 'فارسی', direction: 'rtl' },
	{ code: 'ps', english: 'Pashto', name: 'پښتو', direction: 'rtl' },
	{ code: 'tr', english: 'Turkish', name: 'Türkçe', direction: 'ltr' },
	{ code: 'zh', english: 'Chinese (Simplified)', name: '简体中文', direction: 'ltr' }
] as const;

/**
 * Adding a language: one of the common ones, or another with its code, own name and direction.
 * The database checks the same rules again (api.add_survey_language).
 */
export const languageSchema = z
	.object({
		choice: z.string().default(''),
		code: z.string().trim().default(''),
		name: z.string().trim().max(60, 'Keep the name to 60 characters or fewer.').default(''),
		direction: z.enum(['', 'ltr', 'rtl']).default('')
	})
	.superRefine((l, ctx) => {
		if (l.choice === '') {
			ctx.addIssue({ code: 'custom', path: ['choice'], message: 'Choose a language, or another language.' });
			return;
		}
		if (l.choice !== 'other') {
			if (!COMMON_LANGUAGES.some((c) => c.code === l.choice)) {
				ctx.addIssue({ code: 'custom', path: ['choice'], message: 'Choose a language from the list.' });
			}
			return;
		}
		if (l.code === '') {
			ctx.addIssue({
				code: 'custom',
				path: ['code'],
				message: "Enter the language's code, like pl for Polish."
			});
		} else if (!/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(l.code)) {
			ctx.addIssue({
				code: 'custom',
				path: ['code'],
				message: 'Enter a code of 2 or 3 letters, like pl or ur, with a region if you need one, like pa-IN.'
			});
		} else if (/^en(-|$)/i.test(l.code)) {
			ctx.addIssue({ code: 'custom', path: ['code'], message: "English is the survey's own language." });
		}
		if (l.name === '') {
			ctx.addIssue({
				code: 'custom',
				path: ['name'],
				message: "Enter the language's name as its speakers write it, like Polski."
			});
		}
		if (l.direction === '') {
			ctx.addIssue({
				code: 'custom',
				path: ['direction'],
				message: 'Choose the direction the language is written in.'
			});
		}
	});

export const removeLanguageSchema = z.object({ code: z.string().min(1) });

/**
 * A language's own name and direction, changed after it was added. The database checks the same
 * rules again (api.update_survey_language).
 */
export const languageDetailsSchema = z.object({
	name: z
		.string()
		.trim()
		.min(1, "Enter the language's name as its speakers write it, like Polski.")
		.max(60, 'Keep the name to 60 characters or fewer.')
		.default(''),
	direction: z
		.string()
		.default('')
		.refine((d) => d === 'ltr' || d === 'rtl', 'Choose the direction the language is written in.')
});

/** A text to translate, as api.survey_for_builder lists it. */
export interface TranslatableText {
	key: string;
	english: string;
	max_length: number;
}

/**
 * The translation form of a survey's texts: one optional field per text, named by its key (see
 * app.survey_texts). Built from the survey's texts on the server and again in the browser.
 */
export function translationSchema(texts: readonly TranslatableText[]) {
	return z.object(
		Object.fromEntries(
			texts.map((t) => [
				t.key,
				z
					.string()
					.trim()
					.max(
						t.max_length,
						`Keep the translation to ${t.max_length.toLocaleString('en-GB')} characters or fewer.`
					)
					.default('')
			])
		)
	);
}
export type { BuilderAboutDimension } from './types';

/** The about-you questions a survey asks: dimension keys, none ticked for none. The database knows which exist. */
export const aboutSetSchema = z.object({
	about_dimensions: z
		.array(z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'Choose from the about-you questions listed.'))
		.max(20, 'Choose from the about-you questions listed.')
		.default([])
});
