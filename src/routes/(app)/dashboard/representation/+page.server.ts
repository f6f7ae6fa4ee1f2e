import { representationPage } from '$lib/server/representation/page';
import type { PageServerLoad } from './$types';

export const load = (async ({ locals, parent, url }) => {
	const { memberships } = await parent();
	return representationPage(locals, url, memberships, { overview: true });
}) satisfies PageServerLoad;
