import { call, type Client } from '../api';

/** The database's answer to a health check: the migration applied and its clock. */
export function health(supabase: Client) {
	return call(supabase, 'health');
}
