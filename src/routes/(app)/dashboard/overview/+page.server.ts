import { error } from '@sveltejs/kit';
import { trendChartSvg } from '$lib/indicators/trend';
import { overviewTable } from '$lib/indicators/overview';
import { loadOverview } from '$lib/server/indicators/overview';
import type { PageServerLoad } from './$types';

export const load = (async ({ locals, parent, url }) => {
	const { memberships } = await parent();
	const loaded = await loadOverview(locals.supabase, memberships, url);
	if (!loaded) error(403, 'You are not a member of an organisation yet.');
	const { overview, ...rest } = loaded;
	// Plain data for the page: the cards' words and figures, and each small multiple drawn here as SVG.
	const groups = overview.groups.map((g) => ({
		title: g.title,
		cards: g.cards.map((c) => ({
			id: c.definition.question_id,
			label: c.definition.label,
			survey: c.definition.survey_title,
			positive: c.definition.positive,
			higherIsBetter: c.definition.higher_is_better,
			latest: c.latest && {
				wave: c.latest.waveLabel,
				share: c.latest.share,
				n: c.latest.n,
				positive: c.latest.positive,
				small: c.latest.smallNumbers ?? false
			},
			baseline: c.baseline && { wave: c.baseline.waveLabel, share: c.baseline.share, n: c.baseline.n },
			interim: c.interim,
			change: c.change,
			direction: c.direction,
			directionText: c.directionText,
			verdictWords: c.verdict?.words ?? null,
			target: c.target,
			targetText: c.targetText,
			summary: c.summary,
			svg: trendChartSvg(c.rows, {
				title: c.definition.label,
				indicatorLabel: `answered “${c.definition.positive.join('” or “')}”`,
				// a small coordinate space, so that its 12px text stays readable when the card is 320px wide
				width: 280,
				height: 220,
				verdict: { higherIsBetter: c.definition.higher_is_better }
			})
		}))
	}));
	return {
		...rest,
		groups,
		table: overviewTable(overview),
		summary: overview.summary,
		comparisons: overview.comparisons,
		holmNote: overview.holmNote,
		count: overview.cards.length
	};
}) satisfies PageServerLoad;
