import { error } from '@sveltejs/kit';
import { selectView } from '$lib/server/dashboards/selection';
import { indicatorDecisions } from '$lib/server/decisions/data';
import { listMemberships } from '$lib/server/members/data';
import { toTrendRows } from '$lib/indicators/trend-rows';
import { trendWords } from '$lib/indicators/trend-download';
import { askedDefinition, shownDefinition } from '$lib/indicators/definition-versions';
import { formatDate } from '$lib/analytics/format';
import { ApiError, type Client } from '../api';
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
	// ?definition=<n>, as on the page: the figures as the indicator was defined before a change of which
	// answers count as positive; one it never had is a 404 with the reason, never the current figures
	const { asked, definition } = askedDefinition(url);
	if (asked !== null && definition === undefined)
		error(404, 'There is no such definition of this indicator.');
	const trendOf = async () => {
		try {
			return await indicatorTrend(supabase, indicator.id, definition);
		} catch (e) {
			if (e instanceof ApiError && e.hint === 'invalid_request') error(404, e.reason);
			throw e;
		}
	};
	const [trend, decisions] = await Promise.all([trendOf(), indicatorDecisions(supabase, indicator.id)]);
	// an earlier definition: its own positive answers, and the title says until when it held
	const { definition: shown, changes, earlier } = shownDefinition(trend);
	const words = trendWords(indicator.prompt, earlier ? earlier.before : indicator.positive);
	if (earlier) words.title += `, as defined before ${formatDate(earlier.at)}`;
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
		words,
		positive: earlier ? earlier.before : indicator.positive,
		changes,
		definition: shown,
		name: `trend-${survey.slug}-${indicator.key}${earlier ? `-definition-${shown!.shown}` : ''}`
	};
}
