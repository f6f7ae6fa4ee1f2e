import { error } from '@sveltejs/kit';
import { viewDownload } from '$lib/server/charts/download';
import { equityPage, equityRows } from '$lib/server/equity/page';
import type { RequestHandler } from './$types';

/** The equity view's data (CSV) or picture (SVG, PNG), for the same filters as the page. */
export const GET: RequestHandler = ({ locals, url }) =>
	viewDownload(locals, url, async () => {
		const page = await equityPage(locals.supabase, url);
		if (!page.view || !page.selection.wave || !page.selection.indicator)
			error(404, 'There are no figures to download.');
		return {
			name: `equity-${page.selection.survey?.slug ?? 'survey'}-${page.selection.indicator.key}-${page.view.by.key}-${page.selection.wave.slug}`,
			rows: equityRows(page),
			svg: page.svg,
			noPicture: 'Figures by group are not published for this question, so there is no picture.'
		};
	});
