import { redirect } from '@sveltejs/kit';
import { listMemberships } from '$lib/server/members/data';
import type { LayoutServerLoad } from './$types';

/** Everything under (app) is for signed-in members: this guard runs for every page in it. */
export const load = (async ({ locals, url }) => {
	const { user } = await locals.safeGetSession();
	if (!user) redirect(303, `/sign-in?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
	const memberships = await listMemberships(locals.supabase);
	return { email: user.email ?? '', memberships };
}) satisfies LayoutServerLoad;
