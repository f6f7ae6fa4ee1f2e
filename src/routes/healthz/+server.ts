import { json } from '@sveltejs/kit';
import { backend } from '$lib/server/platform/backend';
import { serverEnv } from '$lib/server/platform/env';
import { health } from '$lib/server/platform/health';
import type { RequestHandler } from './$types';

/** For load balancers and people: which database this is, and which migration it is on. */
export const GET: RequestHandler = async ({ locals }) => {
	const b = await backend(serverEnv());
	try {
		const h = await health(locals.supabase);
		return json(
			{ status: 'ok', database: b.mode, migration: h.migration, time: h.database_time },
			{ headers: { 'cache-control': 'no-store' } }
		);
	} catch (e) {
		return json(
			{
				status: 'error',
				database: b.mode,
				migration: null,
				error: e instanceof Error ? e.message : String(e)
			},
			{ status: 503, headers: { 'cache-control': 'no-store' } }
		);
	}
};
