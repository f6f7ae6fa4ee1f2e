import { publicFigures } from '$lib/server/indicators/public';
import type { PageServerLoad } from './$types';

export const load = (async ({ locals, params, setHeaders }) => {
	// what the database gives depends on who asks (a member may see exact figures): never a shared cache
	setHeaders({ 'cache-control': 'private, no-store' });
	return publicFigures(locals.supabase, params.slug);
}) satisfies PageServerLoad;
