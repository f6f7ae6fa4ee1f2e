import { ENGLISH_TAG } from '$lib/domain';
import { createServerClient } from '@supabase/ssr';
type CookieSerializeOptions = Parameters<Cookies['set']>[2];
import { json } from '@sveltejs/kit';
import type { Cookies, Handle, HandleServerError, RequestEvent, ServerInit } from '@sveltejs/kit';
import type { Database } from '$lib/database.types';
import { backend, closeBackend, StartupError } from '$lib/server/platform/backend';
import { announce } from '$lib/server/platform/announce';
import { startPurge } from '$lib/server/platform/purge';
import { startMemoryTrim, trimSeconds } from '$lib/server/platform/memory-trim';
import { mailSettings, startSafeguardingMail } from '$lib/server/safeguarding/notices';
import { compressed } from '$lib/server/compress';
import { deploymentWarnings } from '$lib/server/platform/deployment';
import { serverEnv as environment } from '$lib/server/platform/env';
import { clientOptions, sessionCookie } from '$lib/server/platform/supabase-options';
import { respondentApi } from '$lib/server/respondent/server-api';

export const init: ServerInit = async () => {
	// adapter-node emits this once it has stopped taking requests (SIGTERM, SIGINT).
	const jobs: { stop(): void }[] = [];
	process.once('sveltekit:shutdown' as 'beforeExit', () => {
		for (const job of jobs) job.stop();
		closeBackend().catch((error: unknown) => console.error('Could not close the database:', error));
	});
	try {
		const env = environment();
		const mail = mailSettings(env);
		const trimEvery = trimSeconds(env);
		const b = await backend(env);
		announce(b, env);
		for (const warning of deploymentWarnings(env)) console.warn(`Warning: ${warning}`);
		// expired drafts (unfinished answers) are kept no longer than promised, whether or not anyone
		// starts another
		jobs.push(startPurge(b));
		// the C allocator's free pages handed back to the system (src/lib/server/platform/memory-trim.ts)
		const trimming = await startMemoryTrim(trimEvery);
		if (trimming) jobs.push(trimming);
		// safeguarding members told by email that items have arrived (never what), where mail is set up
		if (mail)
			jobs.push(startSafeguardingMail(b, mail, env.ORIGIN ?? `http://localhost:${env.PORT ?? '3000'}`));
	} catch (error) {
		// One clear line naming what to set, then a non-zero exit.
		const message = error instanceof StartupError ? error.message : `Could not start: ${String(error)}`;
		console.error(message);
		process.exit(1);
	}
};

export const handle: Handle = async ({ event, resolve }) => {
	const b = await backend(environment());
	const secure = event.url.protocol === 'https:';
	// Made when a page first asks for it: a page answered from memory (a survey's welcome page, whose
	// survey is cached) never pays for one.
	let supabase: App.Locals['supabase'] | undefined;
	// who is signed in, asked of the Auth server once a request (the guard below and the pages' loads
	// share it), and again after the request changes the session (signing in or out, a second step)
	let sessionCheck: ReturnType<App.Locals['safeGetSession']> | undefined;
	Object.defineProperty(event.locals, 'supabase', {
		configurable: true,
		enumerable: true,
		get: () =>
			(supabase ??= createServerClient<Database, 'api'>(b.url, b.anonKey, {
				...clientOptions(b.fetch),
				cookies: {
					getAll: () => event.cookies.getAll(),
					setAll: (cookies: { name: string; value: string; options: CookieSerializeOptions }[]) => {
						sessionCheck = undefined;
						for (const { name, value, options } of cookies) {
							event.cookies.set(name, value, sessionCookie(options, secure));
						}
					}
				}
			}))
	});

	let respondent: App.Locals['respondentApi'] | undefined;
	Object.defineProperty(event.locals, 'respondentApi', {
		configurable: true,
		enumerable: true,
		get: () => (respondent ??= respondentApi(b, event.getClientAddress()))
	});

	const checkSession = async () => {
		const {
			data: { session }
		} = await event.locals.supabase.auth.getSession();
		if (!session) return { session: null, user: null };
		// getSession trusts the cookie; getUser asks the Auth server whether the JWT is valid and its
		// session still live (signed out, or ended by a refresh token presented twice, it is not).
		const {
			data: { user },
			error
		} = await event.locals.supabase.auth.getUser();
		if (error || !user) return { session: null, user: null };
		return { session, user };
	};
	event.locals.safeGetSession = () => (sessionCheck ??= checkSession());

	// Everything under (app) is for signed-in members. The layout's load asks for pages, but a form's
	// action runs before any load, and a form posted to an endpoint (+server.ts, the backup) has none:
	// so a post is asked here, before either. The database refuses an ended session's token too
	// (app.has_role); this sends the person to sign in rather than to a refusal. What is asked for
	// with GET is left to the layout's load (pages, and their data asked for by their script) and to
	// each download, which answers 401 (a file's link should not lead to a page).
	if (
		event.route.id?.startsWith('/(app)') &&
		event.request.method !== 'GET' &&
		event.request.method !== 'HEAD'
	) {
		const { user } = await event.locals.safeGetSession();
		if (!user) return toSignIn(event);
	}

	const response = await resolve(event, {
		filterSerializedResponseHeaders: (name) => name === 'content-range' || name === 'x-supabase-api-version',
		// a respondent page in the language chosen (src/lib/server/respondent/context.ts sets it while loading)
		transformPageChunk: ({ html }) =>
			html
				.replace('%lang%', event.locals.language?.lang ?? ENGLISH_TAG)
				.replace('%dir%', event.locals.language?.dir ?? 'ltr')
	});
	// A signed-in member's pages (and the sign-in page) are never kept by a browser's or a proxy's
	// cache, where the next person at a shared computer, or the proxy, could read them.
	const routeId = event.route.id ?? '';
	if (routeId.startsWith('/(app)') || routeId.startsWith('/sign-in') || routeId.startsWith('/sign-out')) {
		response.headers.set('cache-control', 'no-store');
	}
	response.headers.set('x-content-type-options', 'nosniff');
	response.headers.set('referrer-policy', 'same-origin');
	response.headers.set('permissions-policy', 'camera=(), microphone=(), geolocation=(), interest-cohort=()');
	return compressed(event.request, response);
};

/**
 * The sign-in page, coming back here afterwards: a redirect, or for a form enhanced by the page's
 * script (which asks for the action's result as JSON) the same redirect as an action result.
 */
function toSignIn(event: RequestEvent): Response {
	const location = `/sign-in?redirectTo=${encodeURIComponent(event.url.pathname)}`;
	const headers = { 'cache-control': 'no-store' };
	if (event.request.headers.get('x-sveltekit-action') === 'true') {
		return json({ type: 'redirect', status: 303, location }, { headers });
	}
	return new Response(null, { status: 303, headers: { ...headers, location } });
}

export const handleError: HandleServerError = ({ error, status }) => {
	if (status !== 404) console.error(error);
	return {
		message: status === 404 ? 'Page not found' : 'Something went wrong on our side. Please try again.'
	};
};
