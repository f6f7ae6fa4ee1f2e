/**
 * A survey in the language a respondent chose: English is the survey's own, and a council adds
 * others (app.survey_languages) with translations by text key (see app.survey_texts), the about-you
 * questions' included. Anything not translated is shown in English, marked so that the page can say
 * which parts are English (WCAG 3.1.2, language of parts).
 */
import { ENGLISH_CODE, ENGLISH_TAG, isEnglish } from '$lib/domain';
import {
	isUnlaunched,
	type RespondentSurvey,
	type SurveyForRespondent,
	type SurveyLanguage
} from '$lib/respondent/survey';

/** The language a respondent's page is shown in. */
export interface ShownLanguage {
	/** the language's code, as the address, draft and response name it: en, pl, ur (langTag gives <html lang>) */
	code: string;
	name: string;
	dir: 'ltr' | 'rtl';
	/** text keys shown in English for want of a translation */
	untranslated: string[];
}

export const ENGLISH: ShownLanguage = { code: ENGLISH_CODE, name: 'English', dir: 'ltr', untranslated: [] };

/** The survey's language with this code, or null (English, or one the survey does not offer). */
export function findLanguage(
	survey: Pick<SurveyForRespondent, 'languages'>,
	code: string | null | undefined
): SurveyLanguage | null {
	if (!code) return null;
	return survey.languages?.find((l) => l.code === code) ?? null;
}

/** The code a draft keeps: the language chosen among the survey's own, or null for English. */
export function chosenCode(language: ShownLanguage): string | null {
	return isEnglish(language.code) ? null : language.code;
}

/**
 * The survey with its texts in the language (the translation when there is one, else the English),
 * and the language as shown. English, or a code the survey does not offer, gives the survey as it is.
 * A survey not yet open to respondents (isUnlaunched) has only its title to translate.
 */
export function inLanguage<S extends SurveyForRespondent>(
	survey: S,
	code: string | null | undefined
): { survey: S; language: ShownLanguage } {
	const l = findLanguage(survey, code);
	if (!l) return { survey, language: ENGLISH };
	// The same survey object in the same language is the same translation: made once, so that what
	// is built from it (the survey's schema) is made once too.
	let byCode = translations.get(survey);
	if (!byCode) {
		byCode = new Map();
		translations.set(survey, byCode);
	}
	let shown = byCode.get(l.code);
	if (!shown) {
		shown = translate(survey, l);
		byCode.set(l.code, shown);
	}
	// made from this very survey, so of its kind
	return shown as { survey: S; language: ShownLanguage };
}

const translations = new WeakMap<
	SurveyForRespondent,
	Map<string, { survey: SurveyForRespondent; language: ShownLanguage }>
>();

function translate(
	survey: SurveyForRespondent,
	l: SurveyLanguage
): { survey: SurveyForRespondent; language: ShownLanguage } {
	const t = l.translations;
	const untranslated: string[] = [];
	/** the translation of a text the survey has, noting when there is none */
	const pick = <T extends string | null>(key: string, english: T): T | string => {
		if (english === null || english === '') return english;
		const translated = t[key];
		if (translated) return translated;
		untranslated.push(key);
		return english;
	};

	const language = (): ShownLanguage => ({ code: l.code, name: l.name, dir: l.direction, untranslated });

	if (isUnlaunched(survey)) {
		const title = pick('title', survey.survey.title);
		return { survey: { ...survey, survey: { ...survey.survey, title } }, language: language() };
	}

	const translated: RespondentSurvey = {
		...survey,
		survey: {
			...survey.survey,
			title: pick('title', survey.survey.title),
			introduction: pick('introduction', survey.survey.introduction),
			privacy_notice: pick('privacy_notice', survey.survey.privacy_notice)
		},
		questions: survey.questions.map((q) => {
			const prompt = pick(`q:${q.key}:prompt`, q.prompt);
			// In easy read, the language's own easy-read wording, else its standard wording, else the English easy read.
			const ownEasy = t[`q:${q.key}:easy_read_prompt`];
			const easy = ownEasy ?? (t[`q:${q.key}:prompt`] ? null : q.easy_read_prompt);
			if (!ownEasy && q.easy_read_prompt && !t[`q:${q.key}:prompt`]) {
				untranslated.push(`q:${q.key}:easy_read_prompt`);
			}
			return {
				...q,
				prompt,
				easy_read_prompt: easy,
				help_text: pick(`q:${q.key}:help_text`, q.help_text),
				options: q.options.map((o) => {
					const base = `o:${q.key}:${o.value}`;
					const ownEasyLabel = t[`${base}:easy_read_label`];
					return {
						...o,
						label: pick(`${base}:label`, o.label),
						easy_read_label: ownEasyLabel ?? (t[`${base}:label`] ? null : o.easy_read_label)
					};
				})
			};
		}),
		// the about-you questions: their wording from the shared vocabulary, translated per survey
		about: survey.about.map((d) => ({
			...d,
			label: pick(`about:${d.key}:prompt`, d.label),
			categories: d.categories.map((c) => ({
				...c,
				label: pick(`about:${d.key}:${c.code}:label`, c.label)
			}))
		}))
	};
	return { survey: translated, language: language() };
}

/**
 * Attributes for an element showing a text: lang and dir of English when the text was not
 * translated, nothing otherwise (it is in the page's language).
 */
export function partLang(language: ShownLanguage, key: string): { lang?: string; dir?: 'ltr' } {
	return language !== ENGLISH && language.untranslated.includes(key) ? { lang: ENGLISH_TAG, dir: 'ltr' } : {};
}
