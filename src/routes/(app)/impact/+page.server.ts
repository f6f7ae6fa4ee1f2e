import { organisationFor } from '$lib/server/feedback/data';
import { impactFlow, impactOverTime } from '$lib/server/decisions/data';
import { overTimeCharts } from '$lib/server/decisions/over-time-charts';
import type { PageServerLoad } from './$types';

export const load = (async ({ locals, parent }) => {
	const { memberships } = await parent();
	const organisation = organisationFor(
		memberships,
		'readImpact',
		'Only staff, forum and scrutiny members of a local area read how its feedback led to decisions.'
	);
	const [flow, overTime] = await Promise.all([
		impactFlow(locals.supabase, organisation.id),
		impactOverTime(locals.supabase, organisation.id)
	]);
	return { organisation, flow, overTime, charts: overTimeCharts(overTime) };
}) satisfies PageServerLoad;
