import { may } from '$lib/domain';
import { buildOverview, type Overview } from '$lib/indicators/overview';
import type { TrendPoint } from '$lib/indicators/types';
import type { Client } from '../api';
import { overviewTrends } from './data';
import { chosenOrganisation, isIndicator, listIndicators } from './definitions';

/**
 * The overview's data, for its page and its CSV: the organisation's current indicators (optionally of one
 * survey, `?survey=<slug>`), each with its trend, all in one call of api.overview_trends (the rows
 * api.indicator_trend gives, under the disclosure rule for forum and scrutiny), built into cards by
 * `buildOverview`. A survey filter that names nothing gives `filterError` and no figures, never an error page.
 */
export async function loadOverview(
	supabase: Client,
	memberships: Parameters<typeof chosenOrganisation>[0],
	url: URL
) {
	const organisation = chosenOrganisation(memberships, url);
	if (!organisation) return null;
	const all = (await listIndicators(supabase, organisation.id)).filter(isIndicator);
	const surveys = [
		...new Map(all.map((d) => [d.survey_slug, { slug: d.survey_slug, title: d.survey_title }])).values()
	];
	const wanted = url.searchParams.get('survey');
	const survey = wanted ? (surveys.find((s) => s.slug === wanted) ?? null) : null;
	const filterError =
		wanted !== null && survey === null
			? `No survey of ${organisation.name} with indicators is called “${wanted.slice(0, 80)}”. Choose one from the list, or show every survey.`
			: null;
	const definitions = filterError
		? []
		: all.filter(
				(d) => !d.retired && d.positive.length > 0 && (survey === null || d.survey_slug === survey.slug)
			);
	const everyTrend = definitions.length > 0 ? await overviewTrends(supabase, organisation.id) : [];
	const byQuestion = new Map(everyTrend.map((t) => [t.question_id, t.trend]));
	const trends = new Map<string, TrendPoint[]>(
		definitions.map((d) => [d.question_id, byQuestion.get(d.question_id) ?? []] as const)
	);
	const asOf = [...trends.values()]
		.flatMap((rows) => rows.map((r) => r.as_of))
		.sort()
		.at(-1);
	const rule = [...trends.values()].flat()[0]?.rule ?? null;
	const now = asOf ? new Date(asOf) : new Date();
	const overview: Overview = buildOverview(definitions, trends, now);
	return {
		organisation,
		surveys,
		survey,
		filterError,
		overview,
		asOf: asOf ?? new Date().toISOString(),
		rule,
		exact: organisation.roles.some((r) => may(r as never, 'seeExactFigures')),
		/** indicators with no positive answers chosen any more (a definition kept, nothing to count) */
		unusable: all.filter((d) => !d.retired && d.positive.length === 0).map((d) => d.label)
	};
}
