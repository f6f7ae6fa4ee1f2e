import type { AggregateItem } from '$lib/imports/types';
import { call, type Client } from '../api';

/** Other channels: responses typed in by staff, CSV imports and aggregated historic results. */

export type { ImportReport, ImportSurvey, ImportWave } from '$lib/imports/types';

export interface AggregateWave {
	label: string;
	kind: string;
	opens_at: string;
	closes_at: string;
	slug: string;
}

/** The surveys and waves the caller may add responses to (admin, lead, officer), or none. */
export function importChoices(supabase: Client, organisationId: string) {
	return call(supabase, 'import_choices', { p_organisation_id: organisationId });
}

export function enterResponse(
	supabase: Client,
	r: {
		waveId: string;
		responseId: string;
		answers: Record<string, string | string[]>;
		about: Record<string, string>;
		channel: string;
		givenOn: string;
		assistance: string | null;
		panelCode: string | null;
	}
) {
	return call(supabase, 'enter_response', {
		p_wave_id: r.waveId,
		p_response_id: r.responseId,
		p_answers: r.answers,
		p_about: r.about,
		p_channel: r.channel,
		p_given_on: r.givenOn,
		p_assistance: r.assistance,
		p_panel_code: r.panelCode
	});
}

/**
 * A dry run, or a real run that writes every row or none. A real run with bad rows rejects with an
 * ApiError whose hint is 'invalid_rows' and whose details are the report: `refusal(e, 'invalid_rows')`.
 */
export function importResponses(
	supabase: Client,
	waveId: string,
	rows: Record<string, string>[],
	dryRun: boolean
) {
	return call(supabase, 'import_responses', { p_wave_id: waveId, p_rows: rows, p_dry_run: dryRun });
}

export function importAggregate(
	supabase: Client,
	surveyId: string,
	wave: AggregateWave,
	counts: AggregateItem[]
) {
	return call(supabase, 'import_aggregate', {
		p_survey_id: surveyId,
		p_wave: { ...wave },
		p_counts: counts
	});
}

/**
 * Deletes a mistaken wave with its responses and counts (admins and leads); the reason is kept in the audit
 * log. Rejects with hint not_permitted for anyone else, invalid_request (detail {reason}) without a reason.
 */
export function deleteWave(supabase: Client, waveId: string, reason: string) {
	return call(supabase, 'delete_wave', { p_wave_id: waveId, p_reason: reason });
}
