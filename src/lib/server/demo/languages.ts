/**
 * The demo's languages (data/languages.json): the parent carer survey (ehc-journey) in Polish and
 * in Urdu (right to left), every text translated (its about-you questions and Northbridge's areas
 * too), so that the language choice shows on its welcome page.
 */
import { DEMO_DATA, joinParagraphs } from './data';
import { SCALES } from './vocabulary';

export interface DemoLanguage {
	surveySlug: string;
	code: string;
	name: string;
	direction: 'ltr' | 'rtl';
	/** text key -> translation (see app.survey_texts) */
	translations: Record<string, string>;
}

type Language = (typeof DEMO_DATA.languages)[number];

/** Every text key of a language: the texts as written, each scale's answers, the about-you questions. */
function translations(language: Language): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [key, text] of Object.entries(language.texts)) out[key] = joinParagraphs(text);
	// the options of a standard scale, for each question that asks it
	for (const { kind, questions, words } of language.scales) {
		for (const key of questions) {
			for (const o of SCALES[kind]) {
				const w = words[o.value];
				if (!w) continue;
				out[`o:${key}:${o.value}:label`] = w[0];
				out[`o:${key}:${o.value}:easy_read_label`] = w[1];
			}
		}
	}
	// an about-you question's wording and its answers by category code, "prefer not to say" the same for each
	for (const [dimension, w] of Object.entries(language.about)) {
		out[`about:${dimension}:prompt`] = w.prompt;
		for (const [code, label] of Object.entries(w.answers)) out[`about:${dimension}:${code}:label`] = label;
		out[`about:${dimension}:prefer_not_to_say:label`] = language.preferNotToSay;
	}
	return out;
}

export const DEMO_LANGUAGES: DemoLanguage[] = DEMO_DATA.languages.map((l) => ({
	surveySlug: l.surveySlug,
	code: l.code,
	name: l.name,
	direction: l.direction,
	translations: translations(l)
}));
