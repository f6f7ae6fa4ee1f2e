import { takeNotice } from '$lib/server/builder/forms';
import { organisationFor, REFUSED, safeguardingQueue } from '$lib/server/feedback/data';
import type { PageServerLoad } from './$types';

export const load = (async ({ cookies, locals, parent }) => {
	const { memberships } = await parent();
	const organisation = organisationFor(memberships, 'safeguard', REFUSED.queue);
	const queue = await safeguardingQueue(locals.supabase, organisation.id);
	return { organisation, queue, notice: takeNotice(cookies, '/safeguarding') };
}) satisfies PageServerLoad;
