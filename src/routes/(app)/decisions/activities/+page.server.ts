import { takeNotice } from '$lib/server/builder/forms';
import { listActivities } from '$lib/server/decisions/data';
import { recordingOrganisation } from '$lib/server/decisions/forms';
import type { PageServerLoad } from './$types';

export const load = (async ({ cookies, locals, parent }) => {
	const { memberships } = await parent();
	const organisation = recordingOrganisation(memberships);
	return {
		organisation,
		list: await listActivities(locals.supabase, organisation.id),
		notice: takeNotice(cookies, '/decisions/activities')
	};
}) satisfies PageServerLoad;
