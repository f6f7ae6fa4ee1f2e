import { error } from '@sveltejs/kit';
import { viewDownload } from '$lib/server/charts/download';
import { distributionCsv, distributionPage } from '$lib/server/distribution/page';
import type { RequestHandler } from './$types';

/** Every answer's figures (CSV) or the picture (SVG, PNG), for the same filters as the page. */
export const GET: RequestHandler = ({ locals, url }) =>
	viewDownload(locals, url, async () => {
		const page = await distributionPage(locals.supabase, url);
		const { indicator, survey } = page.selection;
		if (!indicator || page.rows.length === 0) error(404, 'There are no figures to download.');
		return {
			name: `answers-${survey?.slug ?? 'survey'}-${indicator.key}`,
			rows: distributionCsv(page),
			svg: page.svg,
			noPicture: 'A question with several answers to tick has no stacked picture: download its figures.'
		};
	});
