/**
 * The session's cookie (sessionCookie, used by hooks.server.ts for what @supabase/ssr sets): never
 * kept longer than a week, where @supabase/ssr asks for 400 days; removed when it is removed;
 * HttpOnly, SameSite=Lax, for the whole site, and Secure over HTTPS.
 */
import { describe, expect, it } from 'vitest';
import { SESSION_SECONDS, sessionCookie } from '$lib/server/platform/supabase-options';

describe('sessionCookie', () => {
	it('keeps a session a week at most, not the 400 days @supabase/ssr asks for', () => {
		expect(SESSION_SECONDS).toBe(7 * 24 * 3600);
		expect(sessionCookie({ path: '/', maxAge: 400 * 24 * 3600 }, true).maxAge).toBe(SESSION_SECONDS);
		expect(sessionCookie({ path: '/' }, true).maxAge).toBe(SESSION_SECONDS);
		expect(sessionCookie({ path: '/', maxAge: 3600 }, true).maxAge).toBe(3600);
	});

	it('removes a cookie that is being removed', () => {
		expect(sessionCookie({ path: '/', maxAge: 0 }, false).maxAge).toBe(0);
	});

	it('is HttpOnly, SameSite=Lax and for the whole site, and Secure only over HTTPS', () => {
		const options = sessionCookie({ path: '/account', sameSite: 'none', httpOnly: false }, true);
		expect(options).toMatchObject({ path: '/', sameSite: 'lax', httpOnly: true, secure: true });
		expect(sessionCookie({ path: '/' }, false).secure).toBe(false);
	});
});
