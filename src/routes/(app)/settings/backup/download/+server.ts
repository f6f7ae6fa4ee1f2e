import { error } from '@sveltejs/kit';
import { ApiError } from '$lib/server/api';
import { backupFileName } from '$lib/server/backup';
import { exportOrganisation } from '$lib/server/backup/data';
import { listMemberships } from '$lib/server/members/data';
import type { RequestHandler } from './$types';

const REFUSED = "Only an administrator can download the organisation's backup.";

/**
 * The organisation's backup as a file: a form post (it writes to the audit log), answered with the
 * file to save, so the page works without JavaScript. The database refuses anyone but the
 * organisation's administrators.
 */
export const POST: RequestHandler = async ({ locals }) => {
	const memberships = await listMemberships(locals.supabase);
	const organisationId = memberships.find((m) => m.role === 'admin')?.organisation_id;
	if (!organisationId) error(403, REFUSED);
	let backup;
	try {
		backup = await exportOrganisation(locals.supabase, organisationId);
	} catch (e) {
		if (e instanceof ApiError && (e.hint === 'not_permitted' || e.hint === 'not_found')) error(403, REFUSED);
		throw e;
	}
	return new Response(JSON.stringify(backup) + '\n', {
		headers: {
			'content-type': 'application/json; charset=utf-8',
			'content-disposition': `attachment; filename="${backupFileName(backup)}"`,
			'cache-control': 'no-store'
		}
	});
};
