import { organisationFor } from '$lib/server/feedback/data';
import { impactOverTime } from '$lib/server/decisions/data';
import { overTimeCharts } from '$lib/server/decisions/over-time-charts';
import type { PageServerLoad } from './$types';

export const load = (async ({ locals, parent }) => {
	const { memberships } = await parent();
	const organisation = organisationFor(
		memberships,
		'readThemes',
		'Only members of a local area read how its feedback led to decisions.'
	);
	const data = await impactOverTime(locals.supabase, organisation.id);
	return { organisation, overTime: data, charts: overTimeCharts(data) };
}) satisfies PageServerLoad;
