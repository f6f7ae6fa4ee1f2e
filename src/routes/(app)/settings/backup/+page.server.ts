import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';

const REFUSED = "Only an administrator can download the organisation's backup.";

export const load = (async ({ parent }) => {
	const { memberships } = await parent();
	const admin = memberships.find((m) => m.role === 'admin');
	if (!admin) error(403, REFUSED);
	return { organisationName: admin.organisation_name };
}) satisfies PageServerLoad;
