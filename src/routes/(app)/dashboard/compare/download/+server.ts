import { error } from '@sveltejs/kit';
import { CHART_FORMATS, csvDownload, pictureDownload, type ChartFormat } from '$lib/server/charts/download';
import { comparePage, compareRows } from '$lib/server/compare/page';
import type { RequestHandler } from './$types';

/** The two-wave comparison's data (CSV) or picture (SVG, PNG), for the same filters as the page. */
export const GET: RequestHandler = async ({ locals, url }) => {
	const format = (url.searchParams.get('format') ?? 'csv') as ChartFormat;
	if (!CHART_FORMATS.includes(format)) error(400, 'Choose csv, svg or png.');
	const { user } = await locals.safeGetSession();
	if (!user) error(401, 'Sign in to download figures.');
	const page = await comparePage(locals.supabase, url);
	// a download never silently swaps a filter that names nothing for another
	if (page.problems.length > 0) error(404, page.problems.join(' '));
	if (!page.comparison || !page.svg || !page.a || !page.b) error(404, 'There are no two waves to compare.');
	const name = `compare-${page.selection.survey?.slug ?? 'survey'}${page.only ? `-${page.only.key}` : ''}-${page.a.slug}-${page.b.slug}`;
	if (format === 'csv') return csvDownload(compareRows(page), `${name}.csv`);
	return pictureDownload(page.svg, format, name);
};
