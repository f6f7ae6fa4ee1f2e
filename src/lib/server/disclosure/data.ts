import { call, type Client } from '../api';
import type { RuleKind } from '$lib/disclosure/schema';

/** The disclosure rule and published figures: calls to their API functions (through `call()`). */

export type {
	DisclosureRule,
	DisclosureSettings,
	PublishedCell,
	PublishedRow,
	PublishedTable
} from '$lib/disclosure/types';

export function getDisclosureSettings(supabase: Client, organisationId: string) {
	return call(supabase, 'disclosure_settings', { p_organisation_id: organisationId });
}

export function setDisclosureRule(
	supabase: Client,
	organisationId: string,
	rule: { kind: RuleKind; threshold?: number; rounding_base?: number }
) {
	return call(supabase, 'set_disclosure_rule', {
		p_organisation_id: organisationId,
		p_kind: rule.kind,
		...(rule.kind === 'custom' ? { p_threshold: rule.threshold, p_rounding_base: rule.rounding_base } : {})
	});
}

/** One question in one wave by every group, through the organisation's disclosure rule (api.published_table). */
export function publishedTable(supabase: Client, questionId: string, waveId: string) {
	return call(supabase, 'published_table', { p_question_id: questionId, p_wave_id: waveId });
}
