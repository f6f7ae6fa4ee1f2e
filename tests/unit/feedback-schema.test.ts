import { describe, expect, it } from 'vitest';
import {
	addFeedbackSchema,
	closeFlagSchema,
	keywordSchema,
	phraseSchema,
	quoteSchema,
	splitThemes
} from '$lib/feedback/schema';

describe('feedback forms', () => {
	it('never chooses an action or a channel for the person who sent nothing', () => {
		const closed = closeFlagSchema.safeParse({});
		expect(closed.success).toBe(false);
		expect(closed.error?.issues.map((i) => [i.path.join('.'), i.message])).toContainEqual([
			'action',
			'Choose the action you took.'
		]);
		const added = addFeedbackSchema.safeParse({ given_on: '2026-11-30', text: 'Hello' });
		expect(added.error?.issues.map((i) => i.message)).toEqual(['Choose where this feedback was given.']);
	});

	it('asks for a note when the action is something else', () => {
		const r = closeFlagSchema.safeParse({ action: 'other', note: ' ' });
		expect(r.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
			['note', 'Say what you did.']
		]);
		expect(closeFlagSchema.safeParse({ action: 'no_concern' }).success).toBe(true);
	});

	it('refuses an empty, too long or single-letter keyword, one message each', () => {
		const messages = (keyword: string) =>
			keywordSchema.safeParse({ keyword }).error?.issues.map((i) => i.message);
		expect(messages('   ')).toEqual(['Enter a word or a short phrase.']);
		expect(messages('x'.repeat(61))).toEqual(['Keep a keyword to 60 characters or fewer.']);
		expect(messages(' e ')?.[0]).toMatch(/would match almost every comment/);
		expect(keywordSchema.parse({ keyword: ' waiting list ' })).toEqual({ keyword: 'waiting list' });
	});

	it('refuses an empty or too short phrase with the message the database gives', () => {
		expect(phraseSchema.safeParse({ phrase: ' !! ' }).error?.issues[0]?.message).toBe(
			'Enter a word or phrase with at least one letter or digit.'
		);
		expect(phraseSchema.safeParse({ phrase: 'a' }).error?.issues[0]?.message).toMatch(/at least 3 letters/);
		expect(phraseSchema.safeParse({ phrase: 'hits me' }).success).toBe(true);
	});

	it('splits themes at commas, lower case, each once', () => {
		expect(splitThemes(' Transport, waiting times ,transport,, ')).toEqual(['transport', 'waiting times']);
	});
});

describe('the quote form', () => {
	const errors = (input: Record<string, unknown>) => {
		const r = quoteSchema.safeParse(input);
		return r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [i.path.join('.'), i.message]));
	};

	it('takes a redacted text and a choice', () => {
		expect(errors({ quote: '[name] said the bus was late', quotable: 'yes' })).toEqual({});
		expect(quoteSchema.parse({ quote: '  It helped.  ', quotable: 'no' })).toEqual({
			quote: 'It helped.',
			quotable: 'no'
		});
	});

	it('refuses an empty redaction, one of placeholders only, and no choice, each beside its field', () => {
		expect(errors({ quote: '   ', quotable: 'yes' })).toEqual({
			quote: 'Enter the comment as it may be quoted, with names and identifying details taken out.'
		});
		expect(errors({ quote: '[name], [phone].', quotable: 'yes' })).toEqual({
			quote: 'Nothing of the comment is left to quote: keep its words, and take out only names and details.'
		});
		expect(errors({ quote: 'Fine', quotable: '' })).toEqual({
			quotable: 'Choose whether it may be quoted in public.'
		});
	});
});
