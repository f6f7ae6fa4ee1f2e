import { z } from 'zod';
import { ADDED_FEEDBACK_CHANNELS, codes, SAFEGUARDING_ACTIONS, SENTIMENTS } from '$lib/domain';

/**
 * One of these codes, chosen by the person: empty by default, so that a form sent with nothing
 * chosen is refused with `message` (a zod enum would default to its first code, and choose for them).
 */
function oneOf<const T extends readonly [string, ...string[]]>(values: T, message: string) {
	return z
		.string()
		.default('')
		.refine((v): v is T[number] => (values as readonly string[]).includes(v), message);
}

/** Adding a comment given another way (api.add_feedback). */
export const addFeedbackSchema = z.object({
	channel: oneOf(codes(ADDED_FEEDBACK_CHANNELS), 'Choose where this feedback was given.'),
	given_on: z.iso.date({ error: 'Enter the date it was given, like 2026-11-30.' }),
	text: z
		.string()
		.trim()
		.min(1, 'Enter what was said.')
		.max(10000, 'Keep it to 10,000 characters or fewer.')
		.default('')
});

/** Tagging an item (api.tag_feedback). Themes are typed separated by commas. */
export const tagSchema = z.object({
	priorities: z.array(z.string()).default([]),
	themes: z.string().max(2000, 'Keep the themes shorter.').default(''),
	sentiment: z.union([z.enum(codes(SENTIMENTS)), z.literal('')]).default('')
});

/** Tagging a selection of the inbox (api.bulk_tag_feedback): one priority and/or one theme. */
export const bulkTagSchema = z
	.object({
		ids: z.array(z.string()).default([]),
		priority: z.string().default(''),
		theme: z.string().trim().max(80, 'Keep the theme to 80 characters or fewer.').default('')
	})
	.refine((v) => v.ids.length > 0, {
		path: ['ids'],
		message: 'Choose the comments to tag: tick them in the list.'
	})
	.refine((v) => v.priority !== '' || v.theme !== '', {
		path: ['priority'],
		message: 'Choose a priority or type a theme to tag them with.'
	});

/** The themes typed in the tag form: separated by commas, trimmed, lower case, each once. */
export function splitThemes(s: string): string[] {
	return [
		...new Set(
			s
				.split(',')
				.map((t) => t.trim().toLowerCase())
				.filter(Boolean)
		)
	];
}

/** Flagging an item for the safeguarding lead (api.flag_feedback). */
export const flagSchema = z.object({
	reason: z.string().trim().max(1000, 'Keep the reason to 1,000 characters or fewer.').default('')
});

/** Closing a safeguarding flag (api.close_safeguarding_flag). */
export const closeFlagSchema = z
	.object({
		action: oneOf(codes(SAFEGUARDING_ACTIONS), 'Choose the action you took.'),
		note: z.string().trim().max(2000, 'Keep the note to 2,000 characters or fewer.').default('')
	})
	.refine((v) => v.action !== 'other' || v.note !== '', { path: ['note'], message: 'Say what you did.' });

/** Adding a safeguarding phrase (api.add_safeguarding_phrase checks it matches only worrying comments). */
export const phraseSchema = z.object({
	phrase: z
		.string()
		.trim()
		.refine((v) => /[A-Za-z0-9]/.test(v), 'Enter a word or phrase with at least one letter or digit.')
		.refine((v) => v.replace(/[^A-Za-z0-9]/g, '').length >= 3 || !/[A-Za-z0-9]/.test(v), {
			message: 'Enter at least 3 letters: a shorter entry would match almost every comment.'
		})
		.refine((v) => v.length <= 100, 'Keep a phrase to 100 characters or fewer.')
		.default('')
});

/** A strategy priority (api.save_priority). */
export const prioritySchema = z.object({
	code: z
		.string()
		.trim()
		.refine((v) => v === '' || /^[A-Za-z0-9][A-Za-z0-9 ._-]{0,19}$/.test(v), {
			message: 'Use up to 20 letters, digits, dots or dashes, like P1 or 2.3.'
		})
		.default(''),
	title: z
		.string()
		.trim()
		.min(1, "Enter the priority's title.")
		.max(300, 'Keep the title to 300 characters or fewer.')
		.default(''),
	description: z.string().trim().max(4000, 'Keep the description to 4,000 characters or fewer.').default(''),
	position: z.coerce.number().int().min(1, 'Enter a place of 1 or more.').optional()
});

/** A keyword of a priority (api.add_priority_keyword also refuses duplicates and stop words only). */
export const keywordSchema = z.object({
	keyword: z
		.string()
		.trim()
		.min(1, 'Enter a word or a short phrase.')
		.max(60, 'Keep a keyword to 60 characters or fewer.')
		.refine((v) => v === '' || v.replace(/[^\p{L}\p{N}]/gu, '').length >= 2, {
			message:
				'A single letter would match almost every comment. Enter a word that tells this priority apart, like "waiting list".'
		})
		.default('')
});

/** Words left in a quote once [placeholders] and punctuation are taken away (api.save_quote checks the same). */
export const wordsLeft = (s: string) => s.replace(/\[[^\]]*\]|[^\p{L}\p{N}]/gu, '');

/** Reviewing an item for quoting (api.save_quote): the redacted text, and whether it may be quoted. */
export const quoteSchema = z.object({
	quote: z
		.string()
		.trim()
		.min(1, 'Enter the comment as it may be quoted, with names and identifying details taken out.')
		.max(10000, 'Keep the quote to 10,000 characters or fewer.')
		.refine(
			(v) => v === '' || wordsLeft(v) !== '',
			'Nothing of the comment is left to quote: keep its words, and take out only names and details.'
		)
		.default(''),
	quotable: oneOf(['yes', 'no'] as const, 'Choose whether it may be quoted in public.')
});
