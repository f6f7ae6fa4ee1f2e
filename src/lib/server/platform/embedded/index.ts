import type { Database } from '../db/types';
import { AuthHandler } from './auth';
import { json } from './http';
import { JwtKeys } from './jwt';
import { RestHandler } from './rest';

export interface LocalSupabase {
	/** The base URL supabase-js is given; requests to it never leave the process. */
	url: string;
	anonKey: string;
	serviceRoleKey: string;
	/** A fetch for supabase-js: answers the local API's paths, passes anything else on. */
	fetch: typeof fetch;
	/** The same API as a plain handler (for a test, or to mount on a server). */
	handle(request: Request): Promise<Response>;
	rest: RestHandler;
}

export const LOCAL_URL = 'http://supabase.local';

/** A path segment decoded, or null when its percent-encoding is not valid UTF-8. */
function decoded(segment: string): string | null {
	try {
		return decodeURIComponent(segment);
	} catch {
		return null;
	}
}

const LONG_LIVED = 10 * 365 * 24 * 3600;

/**
 * An in-process stand-in for the parts of the Supabase HTTP API that the app uses, in front of
 * PGlite or any PostgreSQL: PostgREST's RPC and Supabase Auth's password flow, with its TOTP second factors.
 */
export async function createLocalSupabase(
	db: Database,
	jwtSecret: string,
	schema = 'api',
	/**
	 * The connection the API's calls run on: by default `db`; with PostgreSQL, one that logged in as the
	 * `authenticator` role (supabase/compat/bootstrap.sql), which holds no rights of its own, as PostgREST's
	 * does. Supabase Auth's stand-in keeps `db` (on Supabase it is a service of its own, with its own role).
	 */
	apiDb: Database = db
): Promise<LocalSupabase> {
	const keys = new JwtKeys(jwtSecret);
	const rest = new RestHandler(apiDb, keys, schema);
	const auth = new AuthHandler(db, keys);
	const anonKey = await keys.sign({ role: 'anon' }, LONG_LIVED);
	const serviceRoleKey = await keys.sign({ role: 'service_role' }, LONG_LIVED);

	async function handle(request: Request): Promise<Response> {
		const { pathname } = new URL(request.url);
		let m = /^\/rest\/v1\/rpc\/([^/]+)$/.exec(pathname);
		if (m) {
			const name = decoded(m[1]!);
			// a name whose percent-encoding is not UTF-8 (%E0%A4): refused, as PostgREST refuses a bad request
			if (name === null)
				return json({ code: 'PGRST100', message: `${pathname} is not a valid address.` }, 400);
			return rest.handle(request, name);
		}
		m = /^\/auth\/v1\/(token|user|logout|factors(?:\/[^/]+(?:\/(?:challenge|verify))?)?)$/.exec(pathname);
		if (m) return auth.handle(request, m[1]!);
		return json({ code: 'PGRST000', message: `The local API does not serve ${pathname}.` }, 404);
	}

	const localFetch: typeof fetch = async (input, init) => {
		const request = new Request(input, init);
		if (!request.url.startsWith(LOCAL_URL)) return fetch(request);
		try {
			return await handle(request);
		} catch (error) {
			console.error('local Supabase API:', error);
			// 500, never 503 or 520, which supabase-js would retry
			return json({ code: 'XX000', message: 'The database could not answer.' }, 500);
		}
	};

	return { url: LOCAL_URL, anonKey, serviceRoleKey, fetch: localFetch, handle, rest };
}
