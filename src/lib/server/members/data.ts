import { call, type Client, type Result } from '../api';

/** The signed-in person's memberships: which organisations, in which role. */

export type Membership = Result<'my_memberships'>[number];

export function listMemberships(supabase: Client) {
	return call(supabase, 'my_memberships');
}
