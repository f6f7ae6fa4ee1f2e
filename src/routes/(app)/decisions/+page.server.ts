import { error } from '@sveltejs/kit';
import { codes, DECISION_STATUSES, may } from '$lib/domain';
import { takeNotice } from '$lib/server/builder/forms';
import { listDecisions } from '$lib/server/decisions/data';
import { isUuid, listPriorities } from '$lib/server/feedback/data';
import type { PageServerLoad } from './$types';

export const load = (async ({ cookies, locals, parent, url }) => {
	const { memberships } = await parent();
	// staff first: they see every decision; forum and scrutiny the published ones
	const m = memberships.find((x) => may(x.role, 'recordDecisions')) ?? memberships[0];
	if (!m) error(403, 'Only members of a local area read its decisions.');
	const status = url.searchParams.get('status') ?? '';
	const priority = url.searchParams.get('priority') ?? '';
	const filter = {
		status: (codes(DECISION_STATUSES) as string[]).includes(status) ? status : undefined,
		priority: isUuid(priority) ? priority : undefined
	};
	const [list, priorities] = await Promise.all([
		listDecisions(locals.supabase, m.organisation_id, filter),
		listPriorities(locals.supabase, m.organisation_id)
	]);
	return {
		organisation: { id: m.organisation_id, name: m.organisation_name, slug: m.organisation_slug },
		canRecord: may(m.role, 'recordDecisions'),
		canPublish: may(m.role, 'publishDecisions'),
		filter,
		list,
		priorities,
		notice: takeNotice(cookies, '/decisions')
	};
}) satisfies PageServerLoad;
