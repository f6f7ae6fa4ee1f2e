/**
 * The addresses' parameters (src/params): a survey's or an organisation's slug and an invitation's
 * token, as the database makes them. What does not match is "not found" before the database is asked.
 */
import { describe, expect, it } from 'vitest';
import { match as slug } from '../../src/params/slug';
import { match as token } from '../../src/params/token';

describe('a slug in an address', () => {
	it("takes a survey's or an organisation's address, in any case", () => {
		for (const ok of [
			'ehc-journey',
			'northbridge',
			'ehc-journey-repeat-2',
			'EHC-Journey',
			'a',
			'x'.repeat(80)
		])
			expect(slug(ok), ok).toBe(true);
	});
	it('refuses what the database never makes: other characters, hyphens at an end or doubled, over 80', () => {
		for (const bad of [
			'',
			'a\u0000',
			'\u0000',
			'a b',
			'a_b',
			'-a',
			'a-',
			'a--b',
			'ehc/journey',
			'é',
			'x'.repeat(81)
		])
			expect(slug(bad), JSON.stringify(bad)).toBe(false);
	});
});

describe("an invitation's token in an address", () => {
	it('takes 22 characters of base64url', () => {
		expect(token('abcdefghijklmnopqrstu_')).toBe(true);
		expect(token('A-9zA-9zA-9zA-9zA-9zA-')).toBe(true);
	});
	it('refuses any other length or character', () => {
		for (const bad of [
			'',
			'abcdefghijklmnopqrstu',
			'abcdefghijklmnopqrstuvw',
			'abcdefghijklmnopqrst+/',
			'abcdefghijklmnopqrstu\u0000'
		])
			expect(token(bad), JSON.stringify(bad)).toBe(false);
	});
});
