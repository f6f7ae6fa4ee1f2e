import { error } from '@sveltejs/kit';
import { pictureDownload } from '$lib/server/charts/download';
import { publicFigures } from '$lib/server/indicators/public';
import { toTrendRows } from '$lib/indicators/trend-rows';
import { trendPictureSvg, trendWords } from '$lib/indicators/trend-download';
import type { RequestHandler } from './$types';

/**
 * One published indicator's trend as a picture (?survey=&indicator=&format=svg or png): drawn from the very
 * figures the public page shows (api.indicator_trend as the caller, under the disclosure rule when signed
 * out), so that the picture can say no more than the page.
 */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	const { organisation, indicators } = await publicFigures(locals.supabase, params.slug);
	const wanted = indicators.find(
		({ indicator }) =>
			indicator.survey.slug === url.searchParams.get('survey') &&
			indicator.key === url.searchParams.get('indicator')
	);
	if (!wanted) error(404, `${organisation.name} publishes no such indicator.`);
	const { indicator, trend } = wanted;
	return pictureDownload(
		trendPictureSvg(toTrendRows(trend), trendWords(indicator.prompt, indicator.positive)),
		url.searchParams.get('format'),
		`${organisation.slug}-${indicator.survey.slug}-${indicator.key}`
	);
};
