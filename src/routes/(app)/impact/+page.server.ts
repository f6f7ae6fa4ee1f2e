import { organisationFor } from '$lib/server/feedback/data';
import { impactFlow } from '$lib/server/decisions/data';
import type { PageServerLoad } from './$types';

export const load = (async ({ locals, parent }) => {
	const { memberships } = await parent();
	const organisation = organisationFor(
		memberships,
		'readImpact',
		'Only staff, forum and scrutiny members of a local area read how its feedback led to decisions.'
	);
	return { organisation, flow: await impactFlow(locals.supabase, organisation.id) };
}) satisfies PageServerLoad;
