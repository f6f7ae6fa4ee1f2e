import type { MemberRole } from '$lib/domain';
import { call, type Client } from '../api';

/** The signed-in person's memberships: which organisations, in which role. */

export interface Membership {
	organisation_id: string;
	organisation_slug: string;
	organisation_name: string;
	role: MemberRole;
}

export function listMemberships(supabase: Client) {
	return call(supabase, 'my_memberships').then((d) => d as unknown as Membership[]);
}
