import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '$lib/database.types';
import type { Audience, QuestionKind, WaveKind, WaveStatus } from '$lib/domain';
import type { BuilderAboutDimension } from '$lib/builder/schemas';
import { ApiError } from '../api';

export type { BuilderAboutDimension };

/** The survey builder: thin wrappers over its API functions that throw ApiError on failure. */

type Client = SupabaseClient<Database, 'api'>;
type Fns = Database['api']['Functions'];

export interface BuilderOption {
	id: string;
	value: string;
	label: string;
	easy_read_label: string | null;
	symbol: string | null;
	is_positive: boolean;
	position: number;
	answered: boolean;
}

export interface BuilderQuestion {
	id: string;
	key: string;
	position: number;
	kind: QuestionKind;
	prompt: string;
	easy_read_prompt: string | null;
	help_text: string | null;
	required: boolean;
	max_length: number | null;
	min_value: number | null;
	max_value: number | null;
	priority_id: string | null;
	priority: string | null;
	/** an OpenMoji hexcode (see $lib/symbols), or null */
	symbol: string | null;
	/** shown on the same page as the question before it */
	same_page: boolean;
	version: number;
	answered: boolean;
	answers: number;
	options: BuilderOption[];
	versions: { version: number; prompt: string; replaced_at: string }[];
}

export interface BuilderWave {
	id: string;
	slug: string;
	kind: WaveKind;
	label: string;
	opens_at: string;
	closes_at: string;
	status: WaveStatus;
	responses: number;
}

export interface BuilderSurvey {
	id: string;
	slug: string;
	title: string;
	audience: Audience;
	easy_read: boolean;
	introduction: string;
	privacy_notice: string;
	organisation: { id: string; name: string };
	can_edit: boolean;
	/** the about-you dimensions the survey asks, in order */
	about_dimensions: string[];
	/** every about-you dimension it could ask, with a few of its categories */
	about: BuilderAboutDimension[];
	questions: BuilderQuestion[];
	waves: BuilderWave[];
	priorities: { id: string; position: number; title: string }[];
	/** the texts a language translates, in the order a respondent meets them */
	texts: { key: string; english: string; max_length: number }[];
	languages: BuilderLanguage[];
}

export interface BuilderLanguage {
	id: string;
	code: string;
	name: string;
	direction: 'ltr' | 'rtl';
	position: number;
	/** text key -> translation */
	translations: Record<string, string>;
	/** how many of the survey's texts are translated */
	translated: number;
	/** responses given in the language, of those the member may read (survey staff) */
	responses: number;
}

export interface StandardOption {
	value: string;
	label: string;
	easy_read_label: string;
	symbol?: string;
	is_positive: boolean;
}

/** An option as the builder's functions take it. */
export interface OptionInput {
	id?: string | null;
	value?: string;
	label?: string;
	easy_read_label?: string | null;
	/** an OpenMoji hexcode; '' for none */
	symbol?: string;
	is_positive: boolean;
}

export interface SurveyInput {
	title: string;
	audience: string;
	introduction: string;
	privacy_notice: string;
	easy_read: boolean;
}

export interface QuestionInput {
	prompt: string;
	easy_read_prompt: string;
	help_text: string;
	required: boolean;
	max_length?: number;
	min_value?: number;
	max_value?: number;
	priority_id: string;
	/** an OpenMoji hexcode; '' for none */
	symbol: string;
	options: OptionInput[] | null;
}

async function call<F extends keyof Fns>(
	supabase: Client,
	fn: F,
	args: Fns[F]['Args']
): Promise<Fns[F]['Returns']> {
	const { data, error, status } = await supabase.rpc(fn, args as never);
	if (error) throw new ApiError(fn, error, status);
	return data as Fns[F]['Returns'];
}

const orNull = (s: string) => (s.trim() === '' ? undefined : s);

export function getSurveyForBuilder(supabase: Client, surveyId: string) {
	return call(supabase, 'survey_for_builder', { p_survey_id: surveyId }).then(
		(d) => d as unknown as BuilderSurvey | null
	);
}

export function standardOptions(supabase: Client, kind: QuestionKind) {
	return call(supabase, 'standard_options', { p_kind: kind }).then(
		(d) => (d as unknown as StandardOption[] | null) ?? []
	);
}

export function createSurvey(supabase: Client, organisationId: string, s: SurveyInput) {
	return call(supabase, 'create_survey', {
		p_organisation_id: organisationId,
		p_title: s.title,
		p_audience: s.audience,
		p_introduction: s.introduction,
		p_privacy_notice: s.privacy_notice,
		p_easy_read: s.easy_read
	}).then((d) => d as unknown as { id: string; slug: string; title: string });
}

export function updateSurvey(supabase: Client, surveyId: string, s: SurveyInput) {
	return call(supabase, 'update_survey', {
		p_survey_id: surveyId,
		p_title: s.title,
		p_audience: s.audience,
		p_introduction: s.introduction,
		p_privacy_notice: s.privacy_notice,
		p_easy_read: s.easy_read
	}).then((d) => d as unknown as { id: string; slug: string; title: string });
}

function questionArgs(q: QuestionInput) {
	return {
		p_prompt: q.prompt,
		p_easy_read_prompt: orNull(q.easy_read_prompt),
		p_help_text: orNull(q.help_text),
		p_required: q.required,
		p_max_length: q.max_length,
		p_min_value: q.min_value,
		p_max_value: q.max_value,
		p_priority_id: orNull(q.priority_id),
		p_options: (q.options ?? undefined) as never,
		p_symbol: q.symbol
	};
}

export function addQuestion(
	supabase: Client,
	surveyId: string,
	kind: QuestionKind,
	key: string,
	q: QuestionInput
) {
	return call(supabase, 'add_question', {
		p_survey_id: surveyId,
		p_kind: kind,
		p_key: orNull(key),
		...questionArgs(q)
	}).then((d) => d as unknown as { id: string; key: string; version: number });
}

export function updateQuestion(supabase: Client, questionId: string, q: QuestionInput) {
	return call(supabase, 'update_question', { p_question_id: questionId, ...questionArgs(q) }).then(
		(d) =>
			d as unknown as { id: string; key: string; version: number; versioned: boolean; warning: string | null }
	);
}

export function reorderQuestions(supabase: Client, surveyId: string, questionIds: string[]) {
	return call(supabase, 'reorder_questions', { p_survey_id: surveyId, p_question_ids: questionIds });
}

/** Shows a question on the same page as the one before it, or on a page of its own. */
export function setQuestionPage(supabase: Client, questionId: string, samePage: boolean) {
	return call(supabase, 'set_question_page', { p_question_id: questionId, p_same_page: samePage });
}

export function deleteQuestion(supabase: Client, questionId: string) {
	return call(supabase, 'delete_question', { p_question_id: questionId });
}

export function createWave(
	supabase: Client,
	surveyId: string,
	w: { kind: string; label: string; opens_at: string; closes_at: string }
) {
	return call(supabase, 'create_wave', {
		p_survey_id: surveyId,
		p_kind: w.kind,
		p_label: w.label,
		p_opens_at: w.opens_at,
		p_closes_at: w.closes_at
	}).then((d) => d as unknown as BuilderWave);
}

/** Moves a wave's opening and closing (RLS decides who may: admin, lead, officer). */
export function setWaveDates(supabase: Client, waveId: string, opensAt: string, closesAt: string) {
	return call(supabase, 'set_wave_dates', {
		p_wave_id: waveId,
		p_opens_at: opensAt,
		p_closes_at: closesAt
	});
}

export function addSurveyLanguage(
	supabase: Client,
	surveyId: string,
	l: { code: string; name: string; direction: 'ltr' | 'rtl' }
) {
	return call(supabase, 'add_survey_language', {
		p_survey_id: surveyId,
		p_code: l.code,
		p_name: l.name,
		p_direction: l.direction
	}).then((d) => d as unknown as { id: string; code: string; name: string; direction: 'ltr' | 'rtl' });
}

export function removeSurveyLanguage(supabase: Client, surveyId: string, code: string) {
	return call(supabase, 'remove_survey_language', { p_survey_id: surveyId, p_code: code }).then(
		(d) => d as unknown as { code: string; removed: boolean }
	);
}

/** Changes a language's own name and direction (admin, lead, officer); its code and translations stay. */
export function updateSurveyLanguage(
	supabase: Client,
	surveyId: string,
	code: string,
	l: { name: string; direction: 'ltr' | 'rtl' }
) {
	return call(supabase, 'update_survey_language', {
		p_survey_id: surveyId,
		p_code: code,
		p_name: l.name,
		p_direction: l.direction
	}).then((d) => d as unknown as { id: string; code: string; name: string; direction: 'ltr' | 'rtl' });
}

export function saveSurveyTranslations(
	supabase: Client,
	surveyId: string,
	code: string,
	translations: Record<string, string>
) {
	return call(supabase, 'save_survey_translations', {
		p_survey_id: surveyId,
		p_code: code,
		p_translations: translations
	}).then((d) => d as unknown as { code: string; translated: number; texts: number });
}
/** Chooses the about-you questions a survey asks (admin, lead, officer); [] for none. */
export function setSurveyAbout(supabase: Client, surveyId: string, dimensions: string[]) {
	return call(supabase, 'set_survey_about', { p_survey_id: surveyId, p_dimensions: dimensions }).then(
		(d) => d as unknown as { id: string; about_dimensions: string[] }
	);
}
