import { createClient } from '@supabase/supabase-js';
import type { Database } from '$lib/database.types';
import type { Backend } from '../platform/backend';
import { clientOptions } from '../platform/supabase-options';
import type { Client } from '../api';

/** What the respondent's pages call: the API's functions, each call counted against one address. */
export type RespondentClient = Pick<Client, 'rpc'>;

type Server = Pick<Backend, 'url' | 'serviceRoleKey' | 'fetch'>;

/** One client a backend, shared by every request: it keeps no session, and only the address differs. */
const shared = new WeakMap<Server, Client>();

/**
 * The server's own client for the functions that only the server may call on a respondent's behalf:
 * api.load_draft, api.save_draft, api.invitation_status, api.start_invitation and api.submit_response,
 * granted to service_role alone (20261215000300_respondents_answer_through_the_server.sql,
 * 20261217000100_invitation_links_through_the_server.sql), which the database counts against the
 * respondent's address.
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
 * The client keeps no session, so one serves every request (making a supabase-js client costs about
 * 0.1 ms, once a survey sent); each call carries its request's address as a header of its own.
 */
export function respondentApi(b: Server, address: string): RespondentClient {
	let client = shared.get(b);
	if (!client) {
		const options = clientOptions(b.fetch);
		client = createClient<Database, 'api'>(b.url, b.serviceRoleKey, {
			...options,
			auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false }
		});
		shared.set(b, client);
	}
	const server = client;
	return {
		rpc: ((...args: Parameters<Client['rpc']>) =>
			server.rpc(...args).setHeader('x-client-address', address)) as Client['rpc']
	};
}
