import { describe, expect, it } from 'vitest';
import { pageTitle } from '../../src/lib/respondent/title';
import { fontSheetCss, scriptFontFor, scriptFontSheet } from '../../src/lib/respondent/fonts';

describe('a respondent page’s title', () => {
	it('names the page, then the survey, then the organisation', () => {
		expect(pageTitle('Page 1 of 4', 'Your experience', 'Northbridge')).toBe(
			'Page 1 of 4 – Your experience – Northbridge'
		);
	});
	it('says a name once when the page is named by its survey', () => {
		expect(pageTitle('Your experience', 'Your experience', 'Northbridge')).toBe(
			'Your experience – Northbridge'
		);
		expect(pageTitle(null, 'Your experience', 'Northbridge')).toBe('Your experience – Northbridge');
	});
	it('puts "Error:" first while the page shows a problem', () => {
		expect(pageTitle('About you', 'Survey', 'Org', 'Błąd:')).toBe('Błąd: About you – Survey – Org');
	});
});

describe('the font of a language in Arabic script', () => {
	it('is Noto Nastaliq Urdu for Urdu and Noto Naskh Arabic for Arabic, and none for the others', () => {
		expect(scriptFontFor('ur')?.family).toBe('Noto Nastaliq Urdu');
		expect(scriptFontFor('ar')?.family).toBe('Noto Naskh Arabic');
		expect(scriptFontFor('ar-SA')?.family).toBe('Noto Naskh Arabic');
		expect(scriptFontFor('pl')).toBeNull();
		expect(scriptFontFor(undefined)).toBeNull();
		expect(scriptFontSheet('en')).toBeNull();
		expect(scriptFontSheet('ar-SA')).toBe('/fonts/noto-naskh-arabic.css');
		expect(scriptFontSheet('ur')).toBe('/fonts/noto-nastaliq-urdu.css');
		expect(fontSheetCss('no-such-font')).toBeNull();
	});
	it('declares one woff2 file, limited to the Arabic letters', () => {
		const css = fontSheetCss('noto-naskh-arabic') ?? '';
		expect(css.match(/@font-face/g)).toHaveLength(1);
		expect(css).toMatch(/noto-naskh-arabic-arabic-400-normal[^)]*\.woff2\) format\('woff2'\)/);
		expect(css).toContain('unicode-range:U+0600-06FF');
	});
});
