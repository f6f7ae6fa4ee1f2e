import { error } from '@sveltejs/kit';
import { reachCsvRows } from '$lib/reach/reach';
import { toCsv } from '$lib/server/decisions/downloads';
import { loadReach } from '$lib/server/reach/data';
import type { RequestHandler } from './$types';

/** The reach figures as the page shows them (hidden counts as [c]), for the survey in the URL. */
export const GET: RequestHandler = async ({ locals, url }) => {
	const data = await loadReach(locals, url);
	if (!data.reach || !data.survey) error(404, data.problems[0] ?? 'There is nothing to download.');
	return new Response(toCsv(reachCsvRows(data.reach)), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="reach-${data.survey.slug}.csv"`
		}
	});
};
