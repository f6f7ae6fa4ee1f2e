import { describe, expect, it } from 'vitest';
import { parseHTML } from 'linkedom';
import { render } from 'svelte/server';
import ProblemPage from '$lib/respondent/ProblemPage.svelte';
import { messagesFor } from '$lib/respondent/messages';

/** The page's heading, its paragraphs and its title, as a respondent would read them. */
function shown(status: number, error: App.Error | null, code: string | null) {
	const { body, head } = render(ProblemPage, { props: { status, error, m: messagesFor(code) } });
	const { document } = parseHTML(`<html><head>${head}</head><body>${body}</body></html>`);
	return {
		title: document.querySelector('title')?.textContent ?? '',
		heading: document.querySelector('h1')?.textContent ?? '',
		text: [...document.querySelectorAll('p')].map((p) => p.textContent).join('\n')
	};
}

describe("the page shown when a survey's page cannot be", () => {
	it('says how long to wait in the words of the language chosen, from the seconds the database gave', () => {
		const limited: App.Error = {
			message: 'Too many tries from your connection. Please try again in 9 minutes.',
			code: 'rate_limited',
			retryAfter: 530
		};
		const pl = shown(429, limited, 'pl');
		expect(pl.heading).toBe('Zaczekaj, zanim spróbujesz ponownie');
		expect(pl.text).toContain('Spróbuj ponownie za 9 min.');
		expect(pl.text).not.toContain('Too many');
		expect(pl.title).toBe('Zaczekaj, zanim spróbujesz ponownie – Wyraź swoją opinię');
		expect(shown(429, { ...limited, retryAfter: 45 }, 'ar').text).toContain('بعد دقيقة واحدة');
		const en = shown(429, limited, null);
		expect(en.heading).toBe('Please wait before trying again');
		expect(en.text).toContain(limited.message);
	});

	it('says why what was sent was refused, by kind, never with English words on a page in another language', () => {
		const unkept: App.Error = { message: 'What was sent holds a character…', code: 'unkept_character' };
		const ur = shown(400, unkept, 'ur');
		expect(ur.heading).toBe('معذرت، یہ نہیں ہو سکا');
		expect(ur.text).toContain('"null"');
		// no English but the name of the character
		expect(ur.text.replaceAll('"null"', '')).not.toMatch(/[A-Za-z]{3,}/);
		expect(shown(400, { message: 'x', code: 'not_asked' }, 'ar').text).toContain('لا يسأل عنه هذا الاستبيان');
		expect(shown(400, { message: 'x', code: 'not_asked' }, null).text).toContain(
			'the form sent something this survey does not ask'
		);
		// a refusal with no kind: its message in English, and only on an English page
		const other: App.Error = { message: 'That address is not a survey page.' };
		expect(shown(400, other, null).text).toContain(other.message);
		const pl = shown(400, other, 'pl');
		expect(pl.text).not.toContain(other.message);
		expect(pl.text).toContain('spróbuj ponownie');
	});

	it('says a page was not found, and that a fault lost no answers already sent', () => {
		expect(shown(404, { message: 'Page not found' }, 'ar').heading).toBe('الصفحة غير موجودة');
		const fault = shown(500, { message: 'Something went wrong on our side. Please try again.' }, 'pl');
		expect(fault.heading).toBe('Niestety coś poszło nie tak');
		expect(fault.text).toContain('nie zginęły');
	});

	it('is in English for a language the app has no words for', () => {
		expect(shown(404, { message: 'Page not found' }, 'fr').heading).toBe('Page not found');
		expect(messagesFor('fr').lang).toBe('en-GB');
		expect([messagesFor('ur').lang, messagesFor('ur').dir]).toEqual(['ur', 'rtl']);
	});
});
