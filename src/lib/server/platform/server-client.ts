import { createClient } from '@supabase/supabase-js';
import type { Database } from '$lib/database.types';
import type { Client } from '../api';
import type { Backend } from './backend';
import { clientOptions } from './supabase-options';

/**
 * The server's own client for its background work (the scheduled purge, safeguarding notices): the
 * service role key, no session, and no client address, so that no respondent's limit counts it.
 */
export function serverClient(b: Pick<Backend, 'url' | 'serviceRoleKey' | 'fetch'>): Client {
	return createClient<Database, 'api'>(b.url, b.serviceRoleKey, {
		...clientOptions(b.fetch),
		auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false }
	});
}
