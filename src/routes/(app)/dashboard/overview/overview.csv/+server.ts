import { error } from '@sveltejs/kit';
import { overviewTable } from '$lib/indicators/overview';
import { toCsv } from '$lib/server/decisions/downloads';
import { loadOverview } from '$lib/server/indicators/overview';
import { listMemberships } from '$lib/server/members/data';
import type { RequestHandler } from './$types';

/** The overview's table as CSV: the same figures the page shows the caller (under the disclosure rule). */
export const GET: RequestHandler = async ({ locals, url }) => {
	const { user } = await locals.safeGetSession();
	if (!user) error(401, 'Sign in to download the figures.');
	const memberships = await listMemberships(locals.supabase);
	const loaded = await loadOverview(locals.supabase, memberships, url);
	if (!loaded) error(403, 'You are not a member of an organisation yet.');
	if (loaded.filterError) error(404, loaded.filterError);
	const rows = [...overviewTable(loaded.overview), [], [`As at ${loaded.asOf}`], [loaded.overview.holmNote]];
	const name = `${loaded.organisation.slug}-indicators${loaded.survey ? `-${loaded.survey.slug}` : ''}.csv`;
	return new Response(toCsv(rows), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${name}"`
		}
	});
};
