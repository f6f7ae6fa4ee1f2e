import { error } from '@sveltejs/kit';
import { representationPage } from '$lib/server/representation/page';
import { representationChartSvg } from '$lib/representation/chart';

/** The chart of one dimension (?dimension=ethnicity), with the same filters as the page, and its file name. */
export async function representationChart(locals: App.Locals, url: URL) {
	const page = await representationPage(locals, url);
	if (!page.view) error(404, page.problem ?? 'There is no chart to download.');
	const dimension = url.searchParams.get('dimension');
	const view = page.view.dimensions.find((d) => d.dimension === dimension);
	if (!view || view.compared === 0)
		error(404, `There is no chart for “${dimension ?? ''}”: choose one shown on the page.`);
	return {
		svg: representationChartSvg(view, `chart-${view.dimension}`),
		name: `representation-${page.wave?.slug ?? 'wave'}-${view.dimension}`
	};
}
