import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '$lib/database.types';
import type { RespondentSurvey } from '$lib/survey';
import type { ParsedResponse } from '$lib/schemas/response';
import { ApiError } from './errors';

/** Surveys and responses: thin wrappers over the API functions that throw ApiError on failure. */

type Client = SupabaseClient<Database, 'api'>;
type Fns = Database['api']['Functions'];

export interface WaveSummary {
	id: string;
	slug: string;
	kind: 'baseline' | 'repeat';
	label: string;
	opens_at: string;
	closes_at: string;
	status: 'open' | 'closed' | 'not_yet_open';
	responses: number;
}

export interface Indicator {
	id: string;
	key: string;
	prompt: string;
	kind: string;
	priority: string | null;
	positive: string[];
}

export interface SurveySummary {
	id: string;
	slug: string;
	title: string;
	audience: string;
	easy_read: boolean;
	waves: WaveSummary[];
	indicators: Indicator[];
}

export interface Membership {
	organisation_id: string;
	organisation_slug: string;
	organisation_name: string;
	role: 'admin' | 'lead' | 'officer' | 'forum' | 'scrutiny' | 'safeguarding';
}

export interface TrendPoint {
	wave_id: string;
	wave_label: string;
	wave_kind: 'baseline' | 'repeat';
	opens_at: string;
	closes_at: string;
	n: number;
	positive: number | null;
	share: number | null;
	suppressed: boolean;
}

/**
 * Calls one API function. The arguments are checked against the generated types; functions that
 * return jsonb are read as the interfaces above, which mirror what the SQL builds.
 */
async function call<F extends keyof Fns>(
	supabase: Client,
	fn: F,
	...args: Fns[F]['Args'] extends Record<PropertyKey, never> ? [] : [Fns[F]['Args']]
): Promise<Fns[F]['Returns']> {
	const { data, error, status } = await supabase.rpc(fn, (args[0] ?? {}) as never);
	if (error) throw new ApiError(fn, error, status);
	return data as Fns[F]['Returns'];
}

export function getRespondentSurvey(supabase: Client, slug: string) {
	return call(supabase, 'survey_for_respondent', { p_slug: slug }).then(
		(d) => d as unknown as RespondentSurvey | null
	);
}

export function submitResponse(
	supabase: Client,
	waveSlug: string,
	r: ParsedResponse,
	channel = 'online',
	language = 'en'
) {
	return call(supabase, 'submit_response', {
		p_response_id: r.responseId,
		p_wave_slug: waveSlug,
		p_answers: r.answers,
		p_about: r.about,
		p_channel: channel,
		p_panel_code: r.panelCode,
		p_assistance: r.assistance,
		p_language: language
	}).then((d) => d as unknown as { response_id: string; duplicate: boolean });
}

export function listMemberships(supabase: Client) {
	return call(supabase, 'my_memberships').then((d) => d as unknown as Membership[]);
}

export function listSurveys(supabase: Client, organisationId: string) {
	return call(supabase, 'list_surveys', { p_organisation_id: organisationId }).then(
		(d) => d as unknown as SurveySummary[]
	);
}

export function indicatorTrend(supabase: Client, questionId: string) {
	return call(supabase, 'indicator_trend', { p_question_id: questionId }).then(
		(d) => d as unknown as TrendPoint[]
	);
}

export function health(supabase: Client) {
	return call(supabase, 'health').then(
		(d) => d as unknown as { migration: string | null; database_time: string }
	);
}
