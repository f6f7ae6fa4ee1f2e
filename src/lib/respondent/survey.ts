/** What api.survey_for_respondent returns: everything a respondent's page needs. */

import type { Audience, QuestionKind, WaveKind, WaveStatus } from '$lib/domain';

export interface RespondentOption {
	value: string;
	label: string;
	easy_read_label: string | null;
	symbol: string | null;
}

export interface RespondentQuestion {
	key: string;
	kind: QuestionKind;
	prompt: string;
	easy_read_prompt: string | null;
	help_text: string | null;
	required: boolean;
	max_length: number | null;
	min_value: number | null;
	max_value: number | null;
	/** an OpenMoji hexcode, shown from /symbols/openmoji/<symbol>.svg */
	symbol?: string | null;
	/** shown on the same page as the question before it (a short group of questions a page) */
	same_page?: boolean;
	options: RespondentOption[];
}

export interface AboutDimension {
	key: string;
	label: string;
	categories: { code: string; label: string }[];
}

/** A language the survey is offered in besides English (see src/lib/respondent/language.ts). */
export interface SurveyLanguage {
	/** BCP 47: pl, ur, pa-IN */
	code: string;
	/** its own name: Polski, اردو */
	name: string;
	direction: 'ltr' | 'rtl';
	/**
	 * text key -> translation: title, introduction, privacy_notice, q:<key>:prompt, o:<key>:<value>:label…,
	 * about:<dimension>:prompt, about:<dimension>:<category code>:label
	 */
	translations: Record<string, string>;
}

export interface RespondentSurvey {
	/** you_said_we_did_url: the full https address of the organisation's "you said, we did" page, or null */
	organisation: { name: string; slug: string; you_said_we_did_url: string | null };
	survey: {
		slug: string;
		title: string;
		audience: Audience;
		easy_read: boolean;
		introduction: string;
		privacy_notice: string;
	};
	wave: {
		slug: string;
		label: string;
		kind: WaveKind;
		opens_at: string;
		closes_at: string;
		status: WaveStatus;
	};
	questions: RespondentQuestion[];
	languages: SurveyLanguage[];
	/** the about-you questions this survey asks: possibly none */
	about: AboutDimension[];
}
