import { error } from '@sveltejs/kit';
import { selectView } from '$lib/server/dashboards/selection';
import { indicatorDecisions } from '$lib/server/decisions/data';
import { listMemberships } from '$lib/server/members/data';
import { toTrendRows } from '$lib/indicators/trend-rows';
import { trendWords } from '$lib/indicators/trend-download';
import type { Client } from '../api';
import { indicatorTrend } from './data';

/**
 * The trend of the indicator the URL names (`org`, `survey`, `indicator`, as on /dashboard), fetched as the
 * page fetches it: api.indicator_trend (under the disclosure rule for forum and scrutiny) and the decisions
 * the caller may see. A filter that names nothing is a 404 with the reason, never another indicator's file.
 */
export async function loadTrendDownload(supabase: Client, url: URL) {
	const selection = await selectView(supabase, await listMemberships(supabase), url);
	if (selection.problems.length > 0) error(404, selection.problems.join(' '));
	const { survey, indicator } = selection;
	if (!survey || !indicator) error(404, 'There is no indicator to download.');
	const [trend, decisions] = await Promise.all([
		indicatorTrend(supabase, indicator.id),
		indicatorDecisions(supabase, indicator.id)
	]);
	const rows = toTrendRows(trend, new Map(survey.waves.map((w) => [w.id, w.status])));
	const asOf =
		trend
			.map((t) => t.as_of)
			.sort()
			.at(-1) ?? null;
	return {
		survey,
		indicator,
		rows,
		decisions,
		asOf,
		words: trendWords(indicator.prompt, indicator.positive),
		name: `trend-${survey.slug}-${indicator.key}`
	};
}
