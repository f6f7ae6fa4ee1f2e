import { error } from '@sveltejs/kit';
import { viewDownload } from '$lib/server/charts/download';
import { comparePage, compareRows } from '$lib/server/compare/page';
import type { RequestHandler } from './$types';

/** The two-wave comparison's data (CSV) or picture (SVG, PNG), for the same filters as the page. */
export const GET: RequestHandler = ({ locals, url }) =>
	viewDownload(locals, url, async () => {
		const page = await comparePage(locals.supabase, url);
		// a download never silently swaps a filter that names nothing for another
		if (page.problems.length > 0) error(404, page.problems.join(' '));
		if (!page.comparison || !page.a || !page.b) error(404, 'There are no two waves to compare.');
		return {
			name: `compare-${page.selection.survey?.slug ?? 'survey'}${page.only ? `-${page.only.key}` : ''}-${page.a.slug}-${page.b.slug}`,
			rows: compareRows(page),
			svg: page.svg
		};
	});
