import { error } from '@sveltejs/kit';
import {
	CHART_FORMATS,
	csvDownload,
	pngDownload,
	svgDownload,
	type ChartFormat
} from '$lib/server/charts/download';
import { distributionCsv, distributionPage } from '$lib/server/distribution/page';
import type { RequestHandler } from './$types';

/** Every answer's figures (CSV) or the picture (SVG, PNG), for the same filters as the page. */
export const GET: RequestHandler = async ({ locals, url }) => {
	const format = (url.searchParams.get('format') ?? 'csv') as ChartFormat;
	if (!CHART_FORMATS.includes(format)) error(400, 'Choose csv, svg or png.');
	const { user } = await locals.safeGetSession();
	if (!user) error(401, 'Sign in to download figures.');
	const page = await distributionPage(locals.supabase, url);
	const { indicator, survey } = page.selection;
	if (!indicator || page.rows.length === 0) error(404, 'There are no figures to download.');
	const name = `answers-${survey?.slug ?? 'survey'}-${indicator.key}`;
	if (format === 'csv') return csvDownload(distributionCsv(page), `${name}.csv`);
	if (!page.svg)
		error(404, 'A question with several answers to tick has no stacked picture: download its figures.');
	return format === 'svg' ? svgDownload(page.svg, `${name}.svg`) : pngDownload(page.svg, `${name}.png`);
};
