import { feedbackOverview, organisationFor } from '$lib/server/feedback/data';
import type { PageServerLoad } from './$types';

export const load = (async ({ locals, parent }) => {
	const { memberships } = await parent();
	const organisation = organisationFor(
		memberships,
		'readThemes',
		'Only members of a local area read its themes.'
	);
	return { organisation, overview: await feedbackOverview(locals.supabase, organisation.id) };
}) satisfies PageServerLoad;
