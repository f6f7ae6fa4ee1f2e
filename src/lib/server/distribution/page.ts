import { getDisclosureSettings, publishedTable } from '$lib/server/disclosure/data';
import { selectView, type Selection } from '$lib/server/dashboards/selection';
import { listMemberships } from '$lib/server/members/data';
import type { Client } from '$lib/server/api';
import {
	distributionChartSvg,
	distributionRows,
	distributionSummary,
	type DistributionRow,
	type WaveAnswers
} from '$lib/distribution/distribution';

export interface DistributionPage {
	selection: Selection;
	rows: DistributionRow[];
	/** true: a restricted reader gets positive and not positive only (the rule publishes no more) */
	twoParts: boolean;
	several: boolean;
	asOf: string | null;
	roundedTo: number;
	rule: { label: string; threshold: number; rounding_base: number; chosen_at: string } | null;
	summary: string | null;
	svg: string | null;
	positiveWords: string;
}

/**
 * Every answer to the selected indicator's question in each opened wave, as the database publishes it to the
 * reader (api.published_table, everyone's row), for the page and its downloads.
 */
export async function distributionPage(
	supabase: Client,
	url: URL,
	memberships?: Parameters<typeof selectView>[1]
): Promise<DistributionPage> {
	const selection = await selectView(supabase, memberships ?? (await listMemberships(supabase)), url);
	const settings = selection.organisation
		? await getDisclosureSettings(supabase, selection.organisation.id)
		: null;
	const { indicator, survey } = selection;
	const positiveWords = indicator ? indicator.positive.join(' or ').toLowerCase() : '';
	const page: DistributionPage = {
		selection,
		rows: [],
		twoParts: false,
		several: indicator?.kind === 'multi_choice',
		asOf: null,
		roundedTo: 1,
		rule: settings?.current ?? null,
		summary: null,
		svg: null,
		positiveWords
	};
	if (!indicator || !survey) return page;
	const waves = survey.waves.filter((w) => w.status !== 'not_yet_open');
	const tables = await Promise.all(waves.map((w) => publishedTable(supabase, indicator.id, w.id)));
	const answers: WaveAnswers[] = tables.map((t, i) => {
		const everyone = t.rows.find((r) => r.dimension === '_all');
		return {
			label: waves[i]!.label,
			status: t.wave.status,
			n: everyone ? everyone.n : null,
			answers: t.options.map((o, j) => ({
				value: o.value,
				label: o.label,
				positive: o.positive,
				count: everyone?.cells[j]?.count ?? null
			}))
		};
	});
	page.twoParts = tables.some((t) => t.grouped);
	page.asOf =
		tables
			.map((t) => t.as_of)
			.sort()
			.at(-1) ?? null;
	page.roundedTo = Math.max(1, ...tables.map((t) => t.rounded_to));
	if (page.several)
		return { ...page, rows: distributionRows(answers).map((r) => ({ ...r, segments: null })) };
	page.rows = distributionRows(answers);
	page.summary = distributionSummary(page.rows, positiveWords);
	page.svg = distributionChartSvg(page.rows, {
		summary: page.summary,
		title: `Every answer to “${indicator.prompt}”, by wave`
	});
	return page;
}

/** The data table, as the CSV download gives it: one row per wave and answer. */
export function distributionCsv(page: DistributionPage): (string | number | null)[][] {
	const indicator = page.selection.indicator;
	if (!indicator) return [];
	return [
		['Question', 'Wave', 'As at', 'Answer', 'Counts as positive', 'People', 'Answered (n)', 'Share (%)'],
		...page.rows.flatMap((r) =>
			r.wave.answers.map((a) => [
				indicator.prompt,
				r.wave.label,
				page.asOf,
				a.label,
				a.positive ? 'yes' : 'no',
				a.count === null ? '[c]' : a.count,
				r.wave.n === null ? '[c]' : r.wave.n,
				a.count === null || !r.wave.n ? null : Math.round((a.count / r.wave.n) * 1000) / 10
			])
		)
	];
}
