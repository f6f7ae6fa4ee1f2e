import { call, type Client } from '../api';
import type { PopulationOrigin } from '$lib/representation/types';

/** Population sets and representation: calls to their API functions (through `call()`). */

export function populationSettings(supabase: Client, organisationId: string) {
	return call(supabase, 'population_settings', { p_organisation_id: organisationId });
}

export function setPopulation(
	supabase: Client,
	organisationId: string,
	set: {
		origin: PopulationOrigin;
		source: string;
		year: string;
		rows: { dimension: string; group: string; count: string }[];
		laCode?: string;
		laName?: string;
	}
) {
	return call(supabase, 'set_population', {
		p_organisation_id: organisationId,
		p_origin: set.origin,
		p_source: set.source,
		p_year: set.year,
		p_rows: set.rows,
		...(set.laCode ? { p_la_code: set.laCode, p_la_name: set.laName } : {})
	});
}

export function removePopulation(supabase: Client, organisationId: string, origin: PopulationOrigin) {
	return call(supabase, 'remove_population', { p_organisation_id: organisationId, p_origin: origin });
}

/** A wave's respondents by about-you group (through the disclosure rule) and the organisation's populations. */
export function representation(supabase: Client, waveId: string) {
	return call(supabase, 'representation', { p_wave_id: waveId });
}
