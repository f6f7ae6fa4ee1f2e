import { redirect } from '@sveltejs/kit';
import { homeFor } from '$lib/dashboards/views';
import type { PageServerLoad } from './$types';

/** A member's home: where their role starts (signing in lands here unless it was asked to go elsewhere). */
export const load = (async ({ parent }) => {
	const { memberships } = await parent();
	redirect(303, homeFor(memberships.map((m) => m.role)));
}) satisfies PageServerLoad;
