import { loadJourney } from '$lib/server/journeys/data';
import type { PageServerLoad } from './$types';

export const load = (async ({ locals, parent, url }) => {
	const { memberships } = await parent();
	return loadJourney(locals, url, memberships);
}) satisfies PageServerLoad;
