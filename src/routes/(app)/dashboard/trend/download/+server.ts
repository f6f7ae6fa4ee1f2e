import { error } from '@sveltejs/kit';
import { CHART_FORMATS, csvDownload, pictureDownload, type ChartFormat } from '$lib/server/charts/download';
import { loadTrendDownload } from '$lib/server/indicators/trend-download';
import { trendCsvRows, trendPictureSvg } from '$lib/indicators/trend-download';
import type { RequestHandler } from './$types';

/** The trend's data (CSV) or picture (SVG, PNG), for the same filters as /dashboard. */
export const GET: RequestHandler = async ({ locals, url }) => {
	const format = (url.searchParams.get('format') ?? 'csv') as ChartFormat;
	if (!CHART_FORMATS.includes(format)) error(400, 'Choose csv, svg or png.');
	const { user } = await locals.safeGetSession();
	if (!user) error(401, 'Sign in to download figures.');
	const trend = await loadTrendDownload(locals.supabase, url);
	if (format === 'csv')
		return csvDownload(
			trendCsvRows(
				trend.rows,
				{ survey: trend.survey.title, prompt: trend.indicator.prompt, positive: trend.indicator.positive },
				trend.asOf
			),
			`${trend.name}.csv`
		);
	return pictureDownload(
		trendPictureSvg(trend.rows, trend.words, { decisions: trend.decisions }),
		format,
		trend.name
	);
};
