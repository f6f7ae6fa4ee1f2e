import { viewDownload } from '$lib/server/charts/download';
import { loadTrendDownload } from '$lib/server/indicators/trend-download';
import { trendCsvRows, trendPictureSvg } from '$lib/indicators/trend-download';
import type { RequestHandler } from './$types';

/** The trend's data (CSV) or picture (SVG, PNG), for the same filters as /dashboard. */
export const GET: RequestHandler = ({ locals, url }) =>
	viewDownload(locals, url, async () => {
		const trend = await loadTrendDownload(locals.supabase, url);
		const { survey, indicator } = trend;
		return {
			name: trend.name,
			rows: trendCsvRows(
				trend.rows,
				{ survey: survey.title, prompt: indicator.prompt, positive: trend.positive },
				trend.asOf
			),
			svg: trendPictureSvg(trend.rows, trend.words, {
				decisions: trend.decisions,
				changes: trend.changes,
				definition: trend.definition
			})
		};
	});
