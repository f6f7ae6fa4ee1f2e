import { redirect } from '@sveltejs/kit';
import { listMemberships } from '$lib/server/members/data';
import { codePage, needsSecondStep } from '$lib/server/members/second-step';
import type { LayoutServerLoad } from './$types';

/** Everything under (app) is for signed-in members: this guard runs for every page in it. */
export const load = (async ({ locals, url }) => {
	const { session, user } = await locals.safeGetSession();
	if (!user) redirect(303, `/sign-in?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
	// the database gives a session without the second step no role at all: ask for the code instead
	if (needsSecondStep(session, user)) redirect(303, codePage(url.pathname + url.search));
	const memberships = await listMemberships(locals.supabase);
	return { email: user.email ?? '', memberships };
}) satisfies LayoutServerLoad;
