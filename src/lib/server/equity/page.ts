import { getDisclosureSettings } from '$lib/server/disclosure/data';
import { selectView, type Selection } from '$lib/server/dashboards/selection';
import { listMemberships } from '$lib/server/members/data';
import type { Client } from '$lib/server/api';
import { equityChartSvg } from '$lib/equity/chart';
import { CHANGE_WORDS, GAP_WORDS, equitySummary } from '$lib/equity/equity';
import { loadEquity, type EquityView } from './data';

export interface EquityPage {
	selection: Selection;
	view: EquityView | null;
	problems: string[];
	rule: { label: string; threshold: number; rounding_base: number; chosen_at: string } | null;
	summary: string | null;
	svg: string | null;
	/** what the share counts, in words: "answered strongly agree or agree" */
	indicatorWords: string;
}

/** The equity view for a URL, as the page and its downloads both build it. */
export async function equityPage(
	supabase: Client,
	url: URL,
	memberships?: Parameters<typeof selectView>[1]
): Promise<EquityPage> {
	const selection = await selectView(supabase, memberships ?? (await listMemberships(supabase)), url);
	const settings = selection.organisation
		? await getDisclosureSettings(supabase, selection.organisation.id)
		: null;
	const rule = settings?.current ?? null;
	const { view, problem } = await loadEquity(
		supabase,
		selection,
		url.searchParams.get('by'),
		rule?.threshold ?? 10
	);
	const problems = [...selection.problems, ...(problem ? [problem] : [])];
	const indicatorWords = selection.indicator
		? `answered ${selection.indicator.positive.join(' or ').toLowerCase()}`
		: '';
	let summary: string | null = null;
	let svg: string | null = null;
	if (view && view.byGroup && selection.indicator && selection.wave) {
		summary = equitySummary(view.result, selection.wave.label, indicatorWords);
		svg = equityChartSvg(view.result, {
			summary,
			title: `“${selection.indicator.prompt}” by ${view.by.label.toLowerCase()}, ${selection.wave.label}`
		});
	}
	return { selection, view, problems, rule, summary, svg, indicatorWords };
}

const percent = (share: number | null | undefined) =>
	share === null || share === undefined ? null : Math.round(share * 1000) / 10;
const points = (d: number | null | undefined) =>
	d === null || d === undefined ? null : Math.round(d * 1000) / 10;

/** The data table of the view, as the CSV download gives it (the page's table shows the same). */
export function equityRows(page: EquityPage): (string | number | null)[][] {
	const { view, selection } = page;
	if (!view || !selection.wave || !selection.indicator) return [];
	const asOf = view.table.as_of;
	const header = [
		'Indicator',
		'Wave',
		'As at',
		'Groups',
		'Group',
		'Answered (n)',
		'Positive',
		'Share (%)',
		'Share, 95% interval low (%)',
		'Share, 95% interval high (%)',
		'Gap from the rest (points)',
		'Gap, 95% interval low',
		'Gap, 95% interval high',
		'Holm-adjusted p',
		'Gap',
		`Gap at the baseline${view.baselineTable ? ` (${view.baselineTable.wave.label})` : ''} (points)`,
		'Change in gap (points)',
		'Change, 95% interval low',
		'Change, 95% interval high',
		'Change in gap (exploratory)'
	];
	return [
		header,
		...view.result.groups.map((g) => [
			selection.indicator!.prompt,
			selection.wave!.label,
			asOf,
			view.by.label,
			g.label,
			g.n === null ? '[c]' : g.n,
			g.positive === null ? '[c]' : g.positive,
			percent(g.share),
			percent(g.interval?.lower),
			percent(g.interval?.upper),
			points(g.gap?.difference),
			points(g.gap?.lower),
			points(g.gap?.upper),
			g.pAdjusted === null ? null : Number(g.pAdjusted.toPrecision(3)),
			GAP_WORDS[g.verdict],
			points(g.baselineGap?.difference),
			points(g.gapChange?.difference),
			points(g.gapChange?.lower),
			points(g.gapChange?.upper),
			CHANGE_WORDS[g.changeVerdict]
		])
	];
}
