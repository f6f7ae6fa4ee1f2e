import { GROUP_DIMENSIONS, groupFigures } from '$lib/disclosure/groups';
import { equityFigures, type EquityResult, type GroupCount } from '$lib/equity/equity';
import { publishedTable, type PublishedTable } from '$lib/server/disclosure/data';
import type { Client } from '$lib/server/api';
import type { Selection } from '$lib/server/dashboards/selection';

export interface EquityView {
	by: { key: string; label: string };
	/** false: the reader gets this question for everyone only (a restricted reader, several answers) */
	byGroup: boolean;
	table: PublishedTable;
	baselineTable: PublishedTable | null;
	result: EquityResult;
	threshold: number;
}

function counts(table: PublishedTable, dimension: string, threshold: number): GroupCount[] {
	return groupFigures(
		table.rows,
		table.options,
		dimension,
		table.exact ? 1 : threshold,
		table.question_kind === 'multi_choice'
	).map((g) => ({ key: g.label, label: g.label, n: g.n, positive: g.positive }));
}

/**
 * The equity view of the selected indicator in the selected wave, split by `by`, compared with the baseline:
 * both tables as the database publishes them to the reader (api.published_table applies the disclosure rule).
 */
export async function loadEquity(
	supabase: Client,
	selection: Selection,
	byKey: string | null,
	threshold: number
): Promise<{ view: EquityView | null; problem: string | null }> {
	const by = GROUP_DIMENSIONS.find((d) => d.key === byKey) ?? GROUP_DIMENSIONS[0]!;
	const problem =
		byKey && by.key !== byKey
			? `There are no groups called “${byKey}”: showing ${by.label.toLowerCase()}.`
			: null;
	const { indicator, wave, baseline } = selection;
	if (!indicator || !wave) return { view: null, problem };
	const compareWith = baseline && baseline.id !== wave.id ? baseline : null;
	const [table, baselineTable] = await Promise.all([
		publishedTable(supabase, indicator.id, wave.id),
		compareWith ? publishedTable(supabase, indicator.id, compareWith.id) : Promise.resolve(null)
	]);
	const everyone = (t: PublishedTable) => {
		const [all] = counts(t, '_all', threshold);
		return { n: all?.n ?? null, positive: all?.positive ?? null };
	};
	const result = equityFigures(
		counts(table, by.key, threshold),
		everyone(table),
		baselineTable
			? { groups: counts(baselineTable, by.key, threshold), everyone: everyone(baselineTable) }
			: undefined
	);
	return {
		view: { by, byGroup: table.exact || table.grouped, table, baselineTable, result, threshold },
		problem
	};
}
