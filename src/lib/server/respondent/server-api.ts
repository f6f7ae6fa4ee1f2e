import { createClient } from '@supabase/supabase-js';
import type { Database } from '$lib/database.types';
import type { Backend } from '../platform/backend';
import { clientOptions } from '../platform/supabase-options';
import type { Client } from '../api';

/**
 * The server's own client for the functions that only the server may call on a respondent's behalf:
 * api.load_draft, api.save_draft, api.start_invitation and api.submit_response, granted to
 * service_role alone (20261215000300_respondents_answer_through_the_server.sql), which the database
 * counts against the respondent's address.
 *
 * Why the service role key: ARCHITECTURE.md keeps every rule in the database and has each function
 * "revoked from everyone it is not for"; drafts are for the app's server, so anon and authenticated
 * may not call them at all, and a resume code or response id is useless to anyone calling the API
 * directly. Supabase's own server-side credential is the service role key, which never leaves the
 * server (it is read from SUPABASE_SERVICE_ROLE_KEY, or made by the embedded stand-in); no new
 * database role or secret is needed on Supabase. The database takes an address from the X-Client-Address
 * header of this caller alone (app.client_address), and keeps its
 * per-address limits on what the server passes: event.getClientAddress(), which behind a reverse
 * proxy needs adapter-node's ADDRESS_HEADER.
 *
 * The client keeps no session and is made per request (only when a page needs it).
 */
export function respondentApi(b: Pick<Backend, 'url' | 'serviceRoleKey' | 'fetch'>, address: string): Client {
	const options = clientOptions(b.fetch);
	return createClient<Database, 'api'>(b.url, b.serviceRoleKey, {
		...options,
		global: { ...options.global, headers: { 'x-client-address': address } },
		auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false }
	});
}
