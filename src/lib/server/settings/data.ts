import { call, type Client } from '../api';

/** An organisation's settings: thin wrappers over their API functions that throw ApiError on failure. */

export type { OrganisationSettings } from '$lib/settings/types';

/** The organisation's settings, or null for one the caller is not a member of. */
export function getOrganisationSettings(supabase: Client, organisationId: string) {
	return call(supabase, 'organisation_settings', { p_organisation_id: organisationId });
}

/** Sets (or, with '', removes) the address of the organisation's "you said, we did" page. */
export async function setYouSaidWeDidUrl(supabase: Client, organisationId: string, url: string) {
	await call(supabase, 'set_you_said_we_did_url', { p_organisation_id: organisationId, p_url: url });
}
