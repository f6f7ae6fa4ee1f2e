import type { WaveKind, WaveStatus } from '$lib/domain';
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database, Json } from '$lib/database.types';
import type { ImportReport, AggregateItem } from '$lib/imports/csv';
import { ApiError } from '../api';

/** Other channels: responses typed in by staff, CSV imports and aggregated historic results. */

type Client = SupabaseClient<Database, 'api'>;
type Fns = Database['api']['Functions'];

export interface ImportWave {
	id: string;
	slug: string;
	kind: WaveKind;
	label: string;
	source: 'responses' | 'aggregate';
	opens_at: string;
	closes_at: string;
	status: WaveStatus;
	responses: number;
}

export interface ImportSurvey {
	id: string;
	slug: string;
	title: string;
	waves: ImportWave[];
}

export interface AggregateWave {
	label: string;
	kind: string;
	opens_at: string;
	closes_at: string;
	slug: string;
}

async function call<F extends keyof Fns>(supabase: Client, fn: F, args: Fns[F]['Args']) {
	const { data, error, status } = await supabase.rpc(fn, args as never);
	if (error) throw new ApiError(fn, error, status);
	return data as Fns[F]['Returns'];
}

/** The surveys and waves the caller may add responses to (admin, lead, officer), or none. */
export function importChoices(supabase: Client, organisationId: string) {
	return call(supabase, 'import_choices', { p_organisation_id: organisationId }).then(
		(d) => d as unknown as ImportSurvey[]
	);
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
	}).then((d) => d as unknown as { response_id: string; duplicate: boolean });
}

/**
 * A dry run, or a real run that writes every row or none. A real run with bad rows rejects with an
 * ApiError whose hint is 'invalid_rows' and whose details are the report (see reportOf).
 */
export function importResponses(
	supabase: Client,
	waveId: string,
	rows: Record<string, string>[],
	dryRun: boolean
) {
	return call(supabase, 'import_responses', { p_wave_id: waveId, p_rows: rows, p_dry_run: dryRun }).then(
		(d) => d as unknown as ImportReport
	);
}

/** The report a refused real run carries in its details. */
export function reportOf(error: ApiError): ImportReport | null {
	if (error.hint !== 'invalid_rows' || !error.details) return null;
	try {
		return JSON.parse(error.details) as ImportReport;
	} catch {
		return null;
	}
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
		p_counts: counts as unknown as Json
	}).then((d) => d as unknown as { wave_id: string; slug: string; respondents: number; counts: number });
}

/** What a refused aggregated import says: field -> message, and the rows that need attention. */
export function aggregateProblems(error: ApiError): {
	fields: Record<string, string>;
	rows: { row: number | null; message: string }[];
} | null {
	if (error.hint !== 'invalid_aggregate' || !error.details) return null;
	try {
		return JSON.parse(error.details) as ReturnType<typeof aggregateProblems>;
	} catch {
		return null;
	}
}
