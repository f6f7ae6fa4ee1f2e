import type { PostgrestError, SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '$lib/database.types';

/** The per-request client: the API schema, with the caller's session. */
export type Client = SupabaseClient<Database, 'api'>;
type Fns = Database['api']['Functions'];

/** An API call that failed in a way the caller did not plan for. */
export class ApiError extends Error {
	readonly code: string;
	readonly hint: string | null;
	readonly details: string | null;
	readonly status: number;

	constructor(fn: string, error: PostgrestError, status: number) {
		super(`${fn}: ${error.message}`);
		this.code = error.code;
		this.hint = error.hint || null;
		this.details = error.details || null;
		this.status = status;
	}
}

/** Field messages from an error the database raised with hint 'invalid_answers'/'invalid_dates'. */
export function fieldErrors(error: ApiError): Record<string, string> {
	if (!error.details) return {};
	try {
		const parsed: unknown = JSON.parse(error.details);
		if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
			return Object.fromEntries(
				Object.entries(parsed as Record<string, unknown>).filter(([, v]) => typeof v === 'string')
			) as Record<string, string>;
		}
	} catch {
		// details that are not JSON carry no field messages
	}
	return {};
}

/**
 * Calls one API function. The arguments are checked against the generated types; functions that
 * return jsonb are read as the interfaces above, which mirror what the SQL builds.
 */
export async function call<F extends keyof Fns>(
	supabase: Client,
	fn: F,
	...args: Fns[F]['Args'] extends Record<PropertyKey, never> ? [] : [Fns[F]['Args']]
): Promise<Fns[F]['Returns']> {
	const { data, error, status } = await supabase.rpc(fn, (args[0] ?? {}) as never);
	if (error) throw new ApiError(fn, error, status);
	return data as Fns[F]['Returns'];
}
