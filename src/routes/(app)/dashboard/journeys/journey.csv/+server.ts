import { error } from '@sveltejs/kit';
import { journeyCsvRows } from '$lib/journeys/journey';
import { toCsv } from '$lib/server/decisions/downloads';
import { loadJourney } from '$lib/server/journeys/data';
import type { RequestHandler } from './$types';

/** The journey's figures as the page shows them (hidden counts as [c]), for the same URL filters. */
export const GET: RequestHandler = async ({ locals, url }) => {
	const data = await loadJourney(locals, url);
	if (!data.journey || !data.indicator) error(404, data.problems[0] ?? 'There is no journey to download.');
	return new Response(toCsv(journeyCsvRows(data.journey, data.indicator.prompt)), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="journey-${data.survey?.slug ?? 'survey'}-${data.indicator.key}.csv"`
		}
	});
};
