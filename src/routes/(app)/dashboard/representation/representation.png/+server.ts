import { pngDownload } from '$lib/server/charts/download';
import { representationChart } from '../chart';
import type { RequestHandler } from './$types';

/** The chart of one dimension (?dimension=ethnicity) as a PNG made on the server, with the same filters as the page. */
export const GET: RequestHandler = async ({ locals, url }) => {
	const { svg, name } = await representationChart(locals, url);
	return pngDownload(svg, `${name}.png`);
};
