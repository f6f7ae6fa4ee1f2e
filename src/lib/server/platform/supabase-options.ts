import type { Cookies } from '@sveltejs/kit';
import WebSocket from 'ws';

type CookieSerializeOptions = Parameters<Cookies['set']>[2];

/**
 * Options every supabase-js client of ours shares. supabase-js 2.110+ looks for a native WebSocket
 * when the client is made, which Node 20 lacks: realtime gets `ws` as its transport (it is never
 * connected; the app uses no realtime channel).
 */
export const API_SCHEMA = 'api' as const;

export function clientOptions(customFetch?: typeof fetch) {
	return {
		db: { schema: API_SCHEMA },
		global: customFetch ? { fetch: customFetch } : {},
		realtime: { transport: WebSocket as unknown as typeof globalThis.WebSocket }
	};
}

/**
 * A session ends after a week without use: the local stand-in's refresh tokens last that long, and
 * the session's cookie as long, where @supabase/ssr would keep it 400 days. (On Supabase, set the
 * same under Authentication, Sessions: an inactivity timeout of 7 days.)
 */
export const SESSION_SECONDS = 7 * 24 * 3600;

/**
 * The options of a session cookie that @supabase/ssr sets: for the whole site, HttpOnly (the app
 * reads the session on the server only), SameSite=Lax, Secure over HTTPS, and never longer than
 * SESSION_SECONDS; a cookie being removed (max-age 0) stays removed.
 */
export function sessionCookie(options: CookieSerializeOptions, secure: boolean): CookieSerializeOptions {
	const maxAge = options.maxAge === undefined ? SESSION_SECONDS : Math.min(options.maxAge, SESSION_SECONDS);
	return { ...options, maxAge, path: '/', secure, sameSite: 'lax', httpOnly: true };
}
