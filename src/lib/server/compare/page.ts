import { getDisclosureSettings } from '$lib/server/disclosure/data';
import { selectView, type Selection } from '$lib/server/dashboards/selection';
import { indicatorTrend } from '$lib/server/indicators/data';
import { listIndicators } from '$lib/server/indicators/definitions';
import { listMemberships } from '$lib/server/members/data';
import type { Client } from '$lib/server/api';
import { safeCell } from '$lib/decisions/published';
import { compareChartSvg } from '$lib/compare/chart';
import {
	COMPARE_VERDICT_LABEL,
	compareTwoWaves,
	comparisonSummary,
	type CompareIndicator,
	type CompareWave,
	type Comparison,
	type WaveCount
} from '$lib/compare/compare';
import type { WaveSummary } from '$lib/indicators/types';

export interface ComparePage {
	selection: Selection;
	/** the waves the survey has opened, which may be compared */
	waves: WaveSummary[];
	a: WaveSummary | null;
	b: WaveSummary | null;
	/** the indicator chosen, or null for every indicator of the survey */
	only: CompareIndicator | null;
	comparison: Comparison | null;
	problems: string[];
	rule: { label: string; threshold: number; rounding_base: number; chosen_at: string } | null;
	summary: string | null;
	svg: string | null;
	asOf: string | null;
	roundedTo: number;
}

/** A wave named in the URL (`a` or `b`), or the fallback with a problem that says so. */
function chosenWave(
	survey: { title: string; waves: WaveSummary[] },
	opened: readonly WaveSummary[],
	wanted: string | null,
	fallback: WaveSummary | null,
	which: 'A' | 'B',
	problems: string[]
): WaveSummary | null {
	if (!wanted) return fallback;
	const wave = survey.waves.find((w) => w.slug === wanted);
	if (wave && opened.includes(wave)) return wave;
	const instead = fallback ? `: showing ${fallback.label} as wave ${which} instead` : '';
	problems.push(
		wave
			? `${wave.label} has not opened yet, so it has no figures to compare${instead}.`
			: `“${survey.title}” has no wave “${wanted.slice(0, 80)}”${instead}.`
	);
	return fallback;
}

/**
 * The two-wave comparison for a URL (`org`, `survey`, `a`, `b`, and `indicator` for one indicator, else every
 * indicator of the survey), as the page and its downloads both build it. Figures come from
 * api.indicator_trend, under the disclosure rule for forum and scrutiny, exactly as the trend and the
 * overview get them. A filter that names nothing is said in `problems`, never silently replaced.
 */
export async function comparePage(
	supabase: Client,
	url: URL,
	memberships?: Parameters<typeof selectView>[1]
): Promise<ComparePage> {
	// the indicator filter is this view's own: none (or "all") means every indicator, not the first
	const forSelection = new URL(url);
	forSelection.searchParams.delete('indicator');
	forSelection.searchParams.delete('wave');
	const selection = await selectView(
		supabase,
		memberships ?? (await listMemberships(supabase)),
		forSelection
	);
	const problems = [...selection.problems];
	const empty = {
		selection,
		waves: [],
		a: null,
		b: null,
		only: null,
		comparison: null,
		problems,
		rule: null,
		summary: null,
		svg: null,
		asOf: null,
		roundedTo: 1
	};
	const { organisation, survey } = selection;
	if (!organisation || !survey) return empty;
	const [settings, definitions] = await Promise.all([
		getDisclosureSettings(supabase, organisation.id),
		listIndicators(supabase, organisation.id)
	]);
	const rule = settings?.current ?? null;

	const opened = survey.waves.filter((w) => w.status !== 'not_yet_open');
	const a = chosenWave(survey, opened, url.searchParams.get('a'), selection.baseline, 'A', problems);
	const latestOther = (not: WaveSummary | null) => opened.filter((w) => w.id !== not?.id).at(-1) ?? null;
	let b = chosenWave(survey, opened, url.searchParams.get('b'), latestOther(a), 'B', problems);
	if (a && b && a.id === b.id) {
		b = latestOther(a);
		problems.push(
			`Wave A and wave B are both ${a.label}${b ? `: showing ${b.label} as wave B instead` : ''}.`
		);
	}

	const definitionOf = new Map(definitions.map((d) => [d.question_id, d]));
	const all: CompareIndicator[] = survey.indicators.map((i) => ({
		id: i.id,
		key: i.key,
		prompt: i.prompt,
		positive: i.positive,
		higherIsBetter: definitionOf.get(i.id)?.higher_is_better ?? true
	}));
	const wanted = url.searchParams.get('indicator');
	const only = wanted && wanted !== 'all' ? (all.find((i) => i.key === wanted) ?? null) : null;
	if (wanted && wanted !== 'all' && !only)
		problems.push(
			`“${survey.title}” has no indicator “${wanted.slice(0, 80)}”: comparing every indicator instead.`
		);
	const indicators = only ? [only] : all.filter((i) => definitionOf.get(i.id)?.retired !== true);

	const base = { ...empty, waves: opened, a, b, only, rule };
	if (!a || !b || indicators.length === 0) return base;

	const trends = await Promise.all(indicators.map((i) => indicatorTrend(supabase, i.id)));
	const counts = new Map(
		indicators.map((indicator, index) => [
			indicator.id,
			new Map(
				trends[index]!.map((t): [string, WaveCount] => [
					t.wave_id,
					{
						n: t.n,
						positive: t.positive,
						suppressed: t.suppressed,
						smallNumbers: t.small_numbers,
						peopleUnknown: t.people_unknown,
						reconstructed: t.reconstructed
					}
				])
			)
		])
	);
	const rows = trends.flat().filter((t) => t.wave_id === a.id || t.wave_id === b.id);
	const asOf =
		rows
			.map((t) => t.as_of)
			.sort()
			.at(-1) ?? null;
	const roundedTo = Math.max(1, ...rows.map((t) => t.rounded_to));
	const toWave = (w: WaveSummary): CompareWave => ({
		id: w.id,
		slug: w.slug,
		label: w.label,
		phase: w.status,
		opensAt: w.opens_at,
		closesAt: w.closes_at
	});
	const comparison = compareTwoWaves(indicators, counts, toWave(a), toWave(b));
	const summary = comparisonSummary(comparison);
	const svg = compareChartSvg(comparison, { summary, title: compareTitle(comparison, survey.title) });
	return { ...base, comparison, summary, svg, asOf, roundedTo };
}

/** "Your experience of the EHC plan process: Autumn 2025 (A) against Spring 2026 (B)" */
export function compareTitle(comparison: Pick<Comparison, 'a' | 'b'>, surveyTitle: string): string {
	return `“${surveyTitle}”: ${comparison.a.label} (A) against ${comparison.b.label} (B)`;
}

const percent = (share: number | null | undefined) =>
	share === null || share === undefined ? null : Math.round(share * 1000) / 10;

/** The data table of the view, as the CSV download gives it (the page's table shows the same). */
export function compareRows(page: ComparePage): (string | number | null)[][] {
	const { comparison, selection } = page;
	if (!comparison || !selection.survey) return [];
	const { a, b } = comparison;
	const header = [
		'Survey',
		'Indicator',
		'Counts as positive',
		'As at',
		`Wave A`,
		'A answered (n)',
		'A positive',
		'A share (%)',
		'A 95% interval low (%)',
		'A 95% interval high (%)',
		'Wave B',
		'B answered (n)',
		'B positive',
		'B share (%)',
		'B 95% interval low (%)',
		'B 95% interval high (%)',
		'Change B − A (points)',
		'Change 95% interval low',
		'Change 95% interval high',
		'Holm-adjusted p',
		'Verdict',
		'In words'
	];
	const n = (s: { n: number | null; status: string }) =>
		s.n !== null ? s.n : s.status === 'suppressed' ? '[c]' : null;
	const positive = (s: { positive: number | null; status: string }) =>
		s.positive !== null ? s.positive : s.status === 'suppressed' ? '[c]' : null;
	return [
		header,
		...comparison.rows.map((r) => [
			safeCell(selection.survey!.title),
			safeCell(r.indicator.prompt),
			safeCell(r.indicator.positive.join(' or ')),
			page.asOf,
			safeCell(`${a.label}${a.phase === 'open' ? ' (so far: still open)' : ''}`),
			n(r.a),
			positive(r.a),
			percent(r.a.share),
			percent(r.a.interval?.lower),
			percent(r.a.interval?.upper),
			safeCell(`${b.label}${b.phase === 'open' ? ' (so far: still open)' : ''}`),
			n(r.b),
			positive(r.b),
			percent(r.b.share),
			percent(r.b.interval?.lower),
			percent(r.b.interval?.upper),
			percent(r.change?.difference),
			percent(r.change?.lower),
			percent(r.change?.upper),
			r.adjustedP === null ? null : Number(r.adjustedP.toPrecision(3)),
			COMPARE_VERDICT_LABEL[r.verdict],
			safeCell(r.words)
		])
	];
}
