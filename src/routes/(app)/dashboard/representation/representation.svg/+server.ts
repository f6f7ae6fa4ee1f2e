import { error } from '@sveltejs/kit';
import { representationPage } from '$lib/server/representation/page';
import { representationChartSvg } from '$lib/representation/chart';
import type { RequestHandler } from './$types';

/** The chart of one dimension (?dimension=ethnicity) as an SVG file, with the same filters as the page. */
export const GET: RequestHandler = async ({ locals, url }) => {
	const page = await representationPage(locals, url);
	if (!page.view) error(404, page.problem ?? 'There is no chart to download.');
	const dimension = url.searchParams.get('dimension');
	const view = page.view.dimensions.find((d) => d.dimension === dimension);
	if (!view || view.compared === 0)
		error(404, `There is no chart for “${dimension ?? ''}”: choose one shown on the page.`);
	return new Response(representationChartSvg(view, `chart-${view.dimension}`), {
		headers: {
			'content-type': 'image/svg+xml; charset=utf-8',
			'content-disposition': `attachment; filename="representation-${page.wave?.slug ?? 'wave'}-${view.dimension}.svg"`
		}
	});
};
