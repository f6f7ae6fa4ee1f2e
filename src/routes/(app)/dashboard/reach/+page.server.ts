import { loadReach } from '$lib/server/reach/data';
import type { PageServerLoad } from './$types';

export const load = (async ({ locals, parent, url }) => {
	const { memberships } = await parent();
	return loadReach(locals, url, memberships);
}) satisfies PageServerLoad;
