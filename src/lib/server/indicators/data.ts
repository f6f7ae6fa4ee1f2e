import type { WaveKind, WaveStatus } from '$lib/domain';
import { call, type Client } from '../api';

/** Surveys and their indicators, for the dashboard and the list of surveys. */

export interface WaveSummary {
	id: string;
	slug: string;
	kind: WaveKind;
	label: string;
	opens_at: string;
	closes_at: string;
	status: WaveStatus;
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

export interface TrendPoint {
	wave_id: string;
	wave_label: string;
	wave_kind: WaveKind;
	opens_at: string;
	closes_at: string;
	n: number;
	positive: number | null;
	share: number | null;
	suppressed: boolean;
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
