import { error } from '@sveltejs/kit';
import {
	csvDownload,
	pngDownload,
	svgDownload,
	CHART_FORMATS,
	type ChartFormat
} from '$lib/server/charts/download';
import { equityPage, equityRows } from '$lib/server/equity/page';
import type { RequestHandler } from './$types';

/** The equity view's data (CSV) or picture (SVG, PNG), for the same filters as the page. */
export const GET: RequestHandler = async ({ locals, url }) => {
	const format = (url.searchParams.get('format') ?? 'csv') as ChartFormat;
	if (!CHART_FORMATS.includes(format)) error(400, 'Choose csv, svg or png.');
	const { user } = await locals.safeGetSession();
	if (!user) error(401, 'Sign in to download figures.');
	const page = await equityPage(locals.supabase, url);
	if (!page.view || !page.selection.wave || !page.selection.indicator)
		error(404, 'There are no figures to download.');
	const name = `equity-${page.selection.survey?.slug ?? 'survey'}-${page.selection.indicator.key}-${page.view.by.key}-${page.selection.wave.slug}`;
	if (format === 'csv') return csvDownload(equityRows(page), `${name}.csv`);
	if (!page.svg) error(404, 'Figures by group are not published for this question, so there is no picture.');
	return format === 'svg' ? svgDownload(page.svg, `${name}.svg`) : pngDownload(page.svg, `${name}.png`);
};
