import { error } from '@sveltejs/kit';
import { reachChartSvg } from '$lib/reach/reach';
import { pictureDownload } from '$lib/server/charts/download';
import { loadReach } from '$lib/server/reach/data';
import type { RequestHandler } from './$types';

/** The reach chart as a picture (?format=svg or png), for the survey in the URL. */
export const GET: RequestHandler = async ({ locals, url }) => {
	const data = await loadReach(locals, url);
	if (!data.reach || !data.survey) error(404, data.problems[0] ?? 'There is nothing to download.');
	return pictureDownload(
		reachChartSvg(data.reach),
		url.searchParams.get('format'),
		`reach-${data.survey.slug}`
	);
};
