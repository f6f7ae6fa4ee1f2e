import { describe, expect, it } from 'vitest';
import { ENGLISH, inLanguage, partLang } from '../../src/lib/respondent/language';
import {
	ar,
	CATALOGUES,
	en,
	formatDateIn,
	messagesFor,
	pl,
	withFallback
} from '../../src/lib/respondent/messages';
import { validateResponse } from '../../src/lib/respondent/response';
import type { RespondentSurvey } from '../../src/lib/respondent/survey';

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
		status: 'open',
		invitation_only: false
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

	it('ships English, Polish, Urdu and Arabic', () => {
		expect(Object.keys(CATALOGUES).sort()).toEqual(['ar', 'en', 'pl', 'ur']);
		expect(CATALOGUES.ar).toBe(ar);
		expect(messagesFor('ar').continue).toBe('متابعة');
		expect(messagesFor('ar-GB')).toBe(messagesFor('ar'));
	});

	it('ships complete catalogues: every message of English in every catalogue, none empty', () => {
		/** each message as text: a function called with sample arguments (numbers for numbers) */
		const texts = (c: object, path = ''): Record<string, string> =>
			Object.fromEntries(
				Object.entries(c).flatMap(([key, value]: [string, unknown]): [string, string][] => {
					const at = path + key;
					if (typeof value === 'string') return [[at, value]];
					if (typeof value === 'function') {
						const args = Array.from({ length: value.length }, (_, i) => (i === 0 ? 3 : 12));
						return [[at, String((value as (...a: unknown[]) => unknown)(...args))]];
					}
					if (value && typeof value === 'object') return Object.entries(texts(value, `${at}.`));
					return [[at, `(not a message: ${typeof value})`]];
				})
			);
		const english = texts(en);
		expect(Object.keys(english).length).toBeGreaterThan(80);
		for (const [code, catalogue] of Object.entries(CATALOGUES)) {
			const own = texts(catalogue);
			expect({ code, keys: Object.keys(own).sort() }).toEqual({ code, keys: Object.keys(english).sort() });
			const empty = Object.entries(own).filter(([, t]) => t.trim() === '' || t.includes('undefined'));
			expect({ code, empty }).toEqual({ code, empty: [] });
			// a translation, not the English left in place (the locale and the direction aside)
			if (code !== 'en') {
				const same = Object.keys(english).filter(
					(k) => k !== 'locale' && k !== 'dir' && own[k] === english[k]
				);
				expect({ code, same }).toEqual({ code, same: [] });
			}
		}
	});

	it('says "in n minutes" in Arabic as Arabic counts them', () => {
		const m = messagesFor('ar');
		expect(m.resumeTooMany('10:30', 1, 'Northbridge')).toContain('بعد دقيقة واحدة');
		expect(m.resumeTooMany('10:30', 2, 'Northbridge')).toContain('بعد دقيقتين');
		expect(m.resumeTooMany('10:30', 7, 'Northbridge')).toContain('بعد 7 دقائق');
		expect(m.resumeTooMany('10:30', 15, 'Northbridge')).toContain('بعد 15 دقيقة');
	});

	it('writes dates in the language', () => {
		expect(formatDateIn(en, '2026-03-03T09:00:00Z')).toBe('3 March 2026');
		expect(formatDateIn(pl, '2026-03-03T09:00:00Z')).toBe('3 marca 2026');
		// with the digits used in England
		expect(formatDateIn(ar, '2026-03-03T09:00:00Z')).toBe('3 مارس 2026');
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
		expect(language.code).toBe('ur'); // what the response records
	});

	it('translates the about-you questions and their answers, marking those left in English', () => {
		const withAbout: RespondentSurvey = {
			...survey,
			about: [
				{
					key: 'phase',
					label: 'Stage of education',
					categories: [
						{ code: 'primary', label: 'Primary school' },
						{ code: 'secondary', label: 'Secondary school' },
						{ code: 'prefer_not_to_say', label: 'Prefer not to say' }
					]
				},
				{ key: 'gender', label: 'Gender', categories: [{ code: 'girl_woman', label: 'Girl or woman' }] }
			],
			languages: [
				{
					code: 'pl',
					name: 'Polski',
					direction: 'ltr',
					translations: {
						'about:phase:prompt': 'Etap edukacji',
						'about:phase:primary:label': 'Szkoła podstawowa',
						'about:phase:prefer_not_to_say:label': 'Wolę nie mówić',
						'about:gender:girl_woman:label': 'Dziewczyna lub kobieta'
					}
				}
			]
		};
		const { survey: s, language } = inLanguage(withAbout, 'pl');
		expect(s.about.map((d) => [d.label, d.categories.map((c) => c.label)])).toEqual([
			['Etap edukacji', ['Szkoła podstawowa', 'Secondary school', 'Wolę nie mówić']],
			['Gender', ['Dziewczyna lub kobieta']]
		]);
		expect(s.about[0]!.categories.map((c) => c.code)).toEqual(['primary', 'secondary', 'prefer_not_to_say']);
		expect(language.untranslated).toEqual(
			expect.arrayContaining(['about:phase:secondary:label', 'about:gender:prompt'])
		);
		expect(partLang(language, 'about:phase:prompt')).toEqual({});
		expect(partLang(language, 'about:phase:secondary:label')).toEqual({ lang: 'en-GB', dir: 'ltr' });
		expect(partLang(language, 'about:gender:prompt')).toEqual({ lang: 'en-GB', dir: 'ltr' });
		// the survey as it came, untouched
		expect(withAbout.about[0]!.label).toBe('Stage of education');
	});

	it('is English for no code, English, or a language the survey does not offer', () => {
		for (const code of [null, 'en', 'pl']) {
			const shown = inLanguage(survey, code);
			expect(shown.survey).toBe(survey);
			expect(shown.language).toBe(ENGLISH);
		}
		expect(ENGLISH.code).toBe('en'); // what a response in English records
	});
});
