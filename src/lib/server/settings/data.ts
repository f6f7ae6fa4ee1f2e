import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '$lib/database.types';
import { ApiError } from '../api';

/** An organisation's settings: thin wrappers over their API functions that throw ApiError on failure. */

type Client = SupabaseClient<Database, 'api'>;

export interface OrganisationSettings {
	id: string;
	slug: string;
	name: string;
	you_said_we_did_url: string | null;
	/** admin or lead */
	can_edit: boolean;
}

export async function getOrganisationSettings(
	supabase: Client,
	organisationId: string
): Promise<OrganisationSettings | null> {
	const { data, error, status } = await supabase.rpc('organisation_settings', {
		p_organisation_id: organisationId
	});
	if (error) throw new ApiError('organisation_settings', error, status);
	return data as unknown as OrganisationSettings | null;
}

/** Sets (or, with '', removes) the address of the organisation's "you said, we did" page. */
export async function setYouSaidWeDidUrl(supabase: Client, organisationId: string, url: string) {
	const { error, status } = await supabase.rpc('set_you_said_we_did_url', {
		p_organisation_id: organisationId,
		p_url: url
	});
	if (error) throw new ApiError('set_you_said_we_did_url', error, status);
}
