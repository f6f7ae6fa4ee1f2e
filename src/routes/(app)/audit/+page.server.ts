import { auditLog, organisationFor, REFUSED } from '$lib/server/feedback/data';
import type { PageServerLoad } from './$types';

export const load = (async ({ locals, parent }) => {
	const { memberships } = await parent();
	const organisation = organisationFor(memberships, 'readAudit', REFUSED.audit);
	return { organisation, entries: await auditLog(locals.supabase, organisation.id) };
}) satisfies PageServerLoad;
