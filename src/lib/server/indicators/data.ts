import { call, type Client } from '../api';

/** Surveys and their indicators, for the dashboard and the list of surveys. */

export type { Indicator, PanelJourney, SurveySummary, TrendPoint, WaveSummary } from '$lib/indicators/types';

export function listSurveys(supabase: Client, organisationId: string) {
	return call(supabase, 'list_surveys', { p_organisation_id: organisationId });
}

/** The indicator's trend, counted by its definition in force, or by an earlier one (1 is the first). */
export function indicatorTrend(supabase: Client, questionId: string, definition?: number) {
	return call(supabase, 'indicator_trend', {
		p_question_id: questionId,
		...(definition === undefined ? {} : { p_definition: definition })
	});
}

/** Every current indicator's trend in one call (the overview's), as indicatorTrend gives each. */
export function overviewTrends(supabase: Client, organisationId: string) {
	return call(supabase, 'overview_trends', { p_organisation_id: organisationId });
}
