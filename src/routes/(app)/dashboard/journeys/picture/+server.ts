import { error } from '@sveltejs/kit';
import { journeyChartSvg } from '$lib/journeys/journey';
import { pictureDownload } from '$lib/server/charts/download';
import { loadJourney } from '$lib/server/journeys/data';
import type { RequestHandler } from './$types';

/** The journey's flow chart as a picture (?format=svg or png), for the same URL filters. */
export const GET: RequestHandler = async ({ locals, url }) => {
	const data = await loadJourney(locals, url);
	if (!data.journey || !data.indicator) error(404, data.problems[0] ?? 'There is no journey to download.');
	return pictureDownload(
		journeyChartSvg(data.journey),
		url.searchParams.get('format'),
		`journey-${data.survey?.slug ?? 'survey'}-${data.indicator.key}`
	);
};
