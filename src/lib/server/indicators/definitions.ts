import { call, type Client } from '../api';
import { saveArguments, type IndicatorForm } from '$lib/indicators/definitions';

/** Indicator definitions: the list every member reads, and the two writes of admins and leads. */

export type { IndicatorDefinition } from '$lib/indicators/definitions';

export function listIndicators(supabase: Client, organisationId: string) {
	return call(supabase, 'list_indicators', { p_organisation_id: organisationId });
}

export function saveIndicator(supabase: Client, form: IndicatorForm) {
	return call(supabase, 'save_indicator', saveArguments(form));
}

export function retireIndicator(supabase: Client, questionId: string, retired: boolean) {
	return call(supabase, 'retire_indicator', { p_question_id: questionId, p_retired: retired });
}
