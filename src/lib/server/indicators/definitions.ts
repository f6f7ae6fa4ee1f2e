import { call, type Client } from '../api';
import { saveArguments, type IndicatorForm } from '$lib/indicators/definitions';

/** Indicator definitions: the list every member reads, and the two writes of admins and leads. */

export type { IndicatorDefinition } from '$lib/indicators/definitions';

/** The organisation's indicators; with `candidates`, also its questions with options none of which is positive. */
export function listIndicators(supabase: Client, organisationId: string, candidates = false) {
	return call(supabase, 'list_indicators', {
		p_organisation_id: organisationId,
		p_with_candidates: candidates
	});
}

/** An indicator proper: its question has positive answers, or it has a definition of its own. */
export const isIndicator = (d: { defined: boolean; positive: string[] }) =>
	d.defined || d.positive.length > 0;

export const REFUSED_INDICATORS = 'Only administrators and leads define, change and retire indicators.';

export function saveIndicator(supabase: Client, form: IndicatorForm) {
	return call(supabase, 'save_indicator', saveArguments(form));
}

export function retireIndicator(supabase: Client, questionId: string, retired: boolean) {
	return call(supabase, 'retire_indicator', { p_question_id: questionId, p_retired: retired });
}

interface Membership {
	organisation_id: string;
	organisation_slug: string;
	organisation_name: string;
	role: string;
}

/** The organisation a page is about: `?org=<slug>` among the caller's, else their first; and their roles in it. */
export function chosenOrganisation(memberships: readonly Membership[], url: URL) {
	const slug = url.searchParams.get('org');
	const m = memberships.find((x) => x.organisation_slug === slug) ?? memberships[0];
	if (!m) return null;
	return {
		id: m.organisation_id,
		slug: m.organisation_slug,
		name: m.organisation_name,
		roles: memberships.filter((x) => x.organisation_id === m.organisation_id).map((x) => x.role),
		many: new Set(memberships.map((x) => x.organisation_id)).size > 1
	};
}
