import { describe, expect, it } from 'vitest';
import { suggestRedaction } from '$lib/feedback/redact';

describe('suggestRedaction', () => {
	it('replaces email addresses', () => {
		expect(suggestRedaction('Write to jenny.holt+send@example.co.uk please')).toBe('Write to [email] please');
	});

	it('replaces UK phone numbers however they are written', () => {
		for (const phone of [
			'07700 900123',
			'07700900123',
			'+44 7700 900123',
			'0161 496 0000',
			'(01632) 960 001',
			'07700-900-123'
		])
			expect(suggestRedaction(`Ring me on ${phone} any time`), phone).toBe('Ring me on [phone] any time');
	});

	it('leaves ordinary numbers alone: weeks, years, ages', () => {
		const text = 'The plan took 52 weeks, from 2024 to 2025, and he is 14.';
		expect(suggestRedaction(text)).toBe(text);
	});

	it('replaces postcodes', () => {
		expect(suggestRedaction('We live near SW1A 1AA and B33 8TH.')).toBe(
			'We live near [postcode] and [postcode].'
		);
	});

	it('replaces names after a title, with or without the surname', () => {
		expect(suggestRedaction('Mrs Jenny Holt was brilliant, and Dr. Patel listened.')).toBe(
			'[name] was brilliant, and [name] listened.'
		);
	});

	it('replaces names people introduce, keeping who they are', () => {
		expect(suggestRedaction('My son Jack waited a year. my daughter, Amira-Rose, did too.')).toBe(
			'My son [name] waited a year. my daughter, [name], did too.'
		);
		expect(suggestRedaction("My name is Sam O'Neill and our worker was called Dave.")).toBe(
			'My name is [name] and our worker was called [name].'
		);
	});

	it('does not take ordinary words for names', () => {
		const text = 'The SEND team called SEND Direct. My son I think is happier. The bus is late.';
		expect(suggestRedaction(text)).toBe(text);
	});

	it('changes nothing in a comment with no identifying details', () => {
		const text = 'The letters are too long and nobody explains what happens next.';
		expect(suggestRedaction(text)).toBe(text);
	});
});
