import type { QuestionKind } from '$lib/domain';
import type { Json } from '$lib/database.types';
import { call, type Client } from '../api';

export type {
	Audience,
	BuilderAboutDimension,
	BuilderLanguage,
	BuilderOption,
	BuilderQuestion,
	BuilderSurvey,
	BuilderWave,
	StandardOption
} from '$lib/builder/types';

/** The survey builder: thin wrappers over its API functions that throw ApiError on failure. */

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

const orNull = (s: string) => (s.trim() === '' ? undefined : s);

/** The hours in which a wave of the survey received far more answers online than usual. */
export function responseBursts(supabase: Client, surveyId: string) {
	return call(supabase, 'response_bursts', { p_survey_id: surveyId });
}

export function getSurveyForBuilder(supabase: Client, surveyId: string) {
	return call(supabase, 'survey_for_builder', { p_survey_id: surveyId });
}

export function standardOptions(supabase: Client, kind: QuestionKind) {
	return call(supabase, 'standard_options', { p_kind: kind }).then((d) => d ?? []);
}

export function createSurvey(supabase: Client, organisationId: string, s: SurveyInput) {
	return call(supabase, 'create_survey', {
		p_organisation_id: organisationId,
		p_title: s.title,
		p_audience: s.audience,
		p_introduction: s.introduction,
		p_privacy_notice: s.privacy_notice,
		p_easy_read: s.easy_read
	});
}

export function updateSurvey(supabase: Client, surveyId: string, s: SurveyInput) {
	return call(supabase, 'update_survey', {
		p_survey_id: surveyId,
		p_title: s.title,
		p_audience: s.audience,
		p_introduction: s.introduction,
		p_privacy_notice: s.privacy_notice,
		p_easy_read: s.easy_read
	});
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
	});
}

export function updateQuestion(supabase: Client, questionId: string, q: QuestionInput) {
	return call(supabase, 'update_question', { p_question_id: questionId, ...questionArgs(q) });
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
	});
}

/** Whether a wave is answered only through invitation links (admin, lead, officer; audited). */
export function setWaveAccess(supabase: Client, waveId: string, invitationOnly: boolean) {
	return call(supabase, 'set_wave_access', { p_wave_id: waveId, p_invitation_only: invitationOnly });
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
	});
}

export function removeSurveyLanguage(supabase: Client, surveyId: string, code: string) {
	return call(supabase, 'remove_survey_language', { p_survey_id: surveyId, p_code: code });
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
	});
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
	});
}
/** Chooses the about-you questions a survey asks (admin, lead, officer); [] for none. */
export function setSurveyAbout(supabase: Client, surveyId: string, dimensions: string[]) {
	return call(supabase, 'set_survey_about', { p_survey_id: surveyId, p_dimensions: dimensions });
}

/** A condition rule as the builder's form gives it: an earlier question by id, and what its answer must be. */
export interface ConditionRuleInput {
	question: string;
	test: 'chosen' | 'between' | 'answered' | 'not_answered';
	values?: string[];
	min?: number | null;
	max?: number | null;
}

/** Shows a question only when earlier answers meet the rules (all or any of them); none clears them. */
export function setQuestionConditions(
	supabase: Client,
	questionId: string,
	match: 'all' | 'any',
	rules: ConditionRuleInput[]
) {
	return call(supabase, 'set_question_conditions', {
		p_question_id: questionId,
		p_match: match,
		p_rules: rules as unknown as Json
	});
}

/** Shows a question to everyone again. */
export function clearQuestionConditions(supabase: Client, questionId: string) {
	return call(supabase, 'clear_question_conditions', { p_question_id: questionId });
}
