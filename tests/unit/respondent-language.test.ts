import { describe, expect, it } from 'vitest';
import { ENGLISH, inLanguage, partLang, responseLanguage } from '../../src/lib/respondent/language';
import {
	CATALOGUES,
	en,
	formatDateIn,
	messagesFor,
	pl,
	ur,
	withFallback
} from '../../src/lib/respondent/messages';
import { validateResponse } from '../../src/lib/schemas/response';
import type { RespondentSurvey } from '../../src/lib/survey';

const survey: RespondentSurvey = {
	organisation: { name: 'Northbridge', slug: 'northbridge', you_said_we_did_url: null },
	survey: {
		slug: 'views',
		title: 'Your views',
		audience: 'parent_carers',
		easy_read: false,
		introduction: 'Tell us how it is going.',
		privacy_notice: ''
	},
	wave: {
		slug: 'views-baseline',
		label: 'Baseline',
		kind: 'baseline',
		opens_at: '2026-01-01T00:00:00Z',
		closes_at: '2027-01-01T00:00:00Z',
		status: 'open'
	},
	questions: [
		{
			key: 'heard',
			kind: 'yes_no_unsure',
			prompt: 'Did you feel heard?',
			easy_read_prompt: 'Did people listen?',
			help_text: 'Think of the last meeting.',
			required: true,
			max_length: null,
			min_value: null,
			max_value: null,
			options: [
				{ value: 'yes', label: 'Yes', easy_read_label: 'Yes', symbol: null },
				{ value: 'no', label: 'No', easy_read_label: 'No', symbol: null }
			]
		}
	],
	languages: [
		{
			code: 'ur',
			name: 'اردو',
			direction: 'rtl',
			translations: {
				title: 'آپ کی رائے',
				'q:heard:prompt': 'کیا آپ کی بات سنی گئی؟',
				'o:heard:yes:label': 'ہاں'
			}
		}
	],
	about: []
};

describe('the message catalogue', () => {
	it('gives each shipped language its own words', () => {
		expect(messagesFor('pl').continue).toBe('Dalej');
		expect(messagesFor('ur').continue).toBe('جاری رکھیں');
		expect(messagesFor('ur').pageOf(2, 9)).toContain('2');
	});

	it('uses the language subtag for a regional code, and English for a language without a catalogue', () => {
		expect(messagesFor('pl-PL').back).toBe(pl.back);
		expect(messagesFor('so')).toBe(en);
		expect(messagesFor('en-GB')).toBe(en);
		expect(messagesFor(null)).toBe(en);
	});

	it('fills the strings a catalogue leaves out with English, down to the validation messages', () => {
		const m = withFallback({ continue: 'Sigi', validation: { required: 'Ka jawaab su’aashan.' } });
		expect(m.continue).toBe('Sigi');
		expect(m.back).toBe(en.back);
		expect(m.validation.required).toBe('Ka jawaab su’aashan.');
		expect(m.validation.choose).toBe(en.validation.choose);
		expect(m.assistance).toEqual(en.assistance);
	});

	it('ships complete catalogues: every English key in Polish and Urdu', () => {
		for (const c of [pl, ur]) {
			expect(Object.keys(c).sort()).toEqual(Object.keys(en).sort());
			expect(Object.keys(c.validation).sort()).toEqual(Object.keys(en.validation).sort());
		}
		expect(Object.keys(CATALOGUES).sort()).toEqual(['en', 'pl', 'ur']);
	});

	it('writes dates in the language', () => {
		expect(formatDateIn(en, '2026-03-03T09:00:00Z')).toBe('3 March 2026');
		expect(formatDateIn(pl, '2026-03-03T09:00:00Z')).toBe('3 marca 2026');
	});

	it('checks answers with messages in the language', () => {
		const result = validateResponse(
			{
				response_id: '7d0b0c7e-9a5e-4a43-8f1e-2d0f9a6c2b11',
				answers: { heard: '' },
				about: {},
				panel_code: '',
				assistance: ''
			},
			survey,
			pl.validation
		);
		expect(result).toEqual({ ok: false, errors: { heard: pl.validation.required } });
	});
});

describe('a survey in a language', () => {
	it('shows the translations, and English for what is not translated', () => {
		const { survey: s, language } = inLanguage(survey, 'ur');
		expect(language).toMatchObject({ code: 'ur', name: 'اردو', dir: 'rtl' });
		expect(s.survey.title).toBe('آپ کی رائے');
		expect(s.survey.introduction).toBe('Tell us how it is going.');
		const q = s.questions[0]!;
		expect(q.prompt).toBe('کیا آپ کی بات سنی گئی؟');
		// its own prompt rather than the English easy read
		expect(q.easy_read_prompt).toBeNull();
		expect(q.help_text).toBe('Think of the last meeting.');
		expect(q.options.map((o) => o.label)).toEqual(['ہاں', 'No']);
		expect(language.untranslated).toEqual(['introduction', 'q:heard:help_text', 'o:heard:no:label']);
		expect(partLang(language, 'introduction')).toEqual({ lang: 'en-GB', dir: 'ltr' });
		expect(partLang(language, 'title')).toEqual({});
		expect(responseLanguage(language)).toBe('ur');
	});

	it('is English for no code, English, or a language the survey does not offer', () => {
		for (const code of [null, 'en', 'pl']) {
			const shown = inLanguage(survey, code);
			expect(shown.survey).toBe(survey);
			expect(shown.language).toBe(ENGLISH);
		}
		expect(responseLanguage(ENGLISH)).toBe('en');
	});
});
