/**
 * Equity: one indicator split by the groups of one dimension ("is there a postcode lottery?"), each group
 * against everyone else in the same wave, and whether each gap narrowed or widened since the baseline.
 *
 * Methods (the page's methods note says the same in words):
 * - each group's share has its 95% Wilson interval;
 * - a group's gap is its share minus the share of everyone else who answered in the wave (the rest: everyone
 *   less the group), with Newcombe's hybrid score interval for a difference of two independent shares;
 * - whether a gap is more than chance: Fisher's exact test where an expected count is under 5, else the
 *   score test (`twoSampleTest`), with Holm's adjustment over every group tested in the view, and only
 *   where the group and the rest each have at least `MINIMUM_ANSWERS` answers;
 * - the change in a gap since the baseline, (gap now) − (gap at the baseline), with the MOVER interval of
 *   Zou and Donner (2008) built from the two gaps' Newcombe intervals. These changes are exploratory: they are
 *   not adjusted for many comparisons, and are never called narrowed or widened below the minimum answers.
 *
 * Figures come from the database as the reader may see them (`api.published_table`): hidden ones are null and
 * never tested. For restricted readers shown counts may be rounded, so a rest worked out from them is kept
 * within 0 and its n.
 */
import { MINIMUM_ANSWERS, shareChange, wilsonInterval, type Interval } from '$lib/analytics/proportion';
import { holm, twoSampleTest } from '$lib/analytics/significance';

/** A group's figures in one wave; null when hidden under the disclosure rule. */
export interface GroupCount {
	key: string;
	label: string;
	n: number | null;
	positive: number | null;
}

export interface Gap {
	/** group share − rest share */
	difference: number;
	lower: number;
	upper: number;
}

export type GapVerdict = 'higher' | 'lower' | 'no clear gap' | 'too few answers' | 'hidden';
export type GapChangeVerdict =
	'narrowed' | 'widened' | 'no clear change' | 'too few answers' | 'not comparable';

export interface EquityGroup {
	key: string;
	label: string;
	n: number | null;
	positive: number | null;
	/** positive / n, only where both are shown and n > 0 */
	share: number | null;
	interval: Interval | null;
	/** the rest of the wave: everyone less this group */
	rest: { n: number; positive: number } | null;
	gap: Gap | null;
	/** Holm-adjusted p-value of the gap, where tested */
	pAdjusted: number | null;
	verdict: GapVerdict;
	/** at the baseline, where the view compares with one */
	baselineGap: Gap | null;
	/** (gap now) − (gap at the baseline), MOVER interval */
	gapChange: Gap | null;
	changeVerdict: GapChangeVerdict;
}

export interface EquityResult {
	groups: EquityGroup[];
	/** the share of everyone who answered, where shown */
	everyone: { n: number; positive: number; share: number } | null;
	/** how many gaps were tested (Holm controls over these) */
	comparisons: number;
	/** the sentence of `holm` for the methods note */
	holmNote: string;
}

function restOf(everyone: { n: number; positive: number }, group: { n: number; positive: number }) {
	const n = Math.max(0, everyone.n - group.n);
	const positive = Math.min(n, Math.max(0, everyone.positive - group.positive));
	return { n, positive };
}

function gapOf(group: { n: number; positive: number }, rest: { n: number; positive: number }): Gap | null {
	if (group.positive > group.n) return null;
	const change = shareChange(rest, group);
	return change === null ? null : { difference: change.difference, lower: change.lower, upper: change.upper };
}

/**
 * (gap now) − (gap then) with the MOVER interval from each gap's own interval:
 *   lower = D − √((g₁ − l₁)² + (u₀ − g₀)²),  upper = D + √((u₁ − g₁)² + (g₀ − l₀)²)
 * where g₁ (l₁, u₁) is the gap now and g₀ (l₀, u₀) the gap at the baseline.
 */
export function gapChange(now: Gap, then: Gap): Gap {
	const difference = now.difference - then.difference;
	const lower = difference - Math.hypot(now.difference - now.lower, then.upper - then.difference);
	const upper = difference + Math.hypot(now.upper - now.difference, then.difference - then.lower);
	return { difference, lower: Math.max(-2, lower), upper: Math.min(2, upper) };
}

function shown(count: GroupCount): { n: number; positive: number } | null {
	return count.n === null || count.positive === null || count.positive > count.n
		? null
		: { n: count.n, positive: count.positive };
}

/**
 * The equity view's figures: `groups` and `everyone` in the wave shown, `baselineGroups` and `baselineEveryone`
 * in the baseline it is compared with (omit them to compare with nothing).
 */
export function equityFigures(
	groups: readonly GroupCount[],
	everyone: { n: number | null; positive: number | null },
	baseline?: { groups: readonly GroupCount[]; everyone: { n: number | null; positive: number | null } }
): EquityResult {
	const all =
		everyone.n !== null && everyone.positive !== null && everyone.positive <= everyone.n
			? { n: everyone.n, positive: everyone.positive }
			: null;
	const baseAll =
		baseline && baseline.everyone.n !== null && baseline.everyone.positive !== null
			? { n: baseline.everyone.n, positive: Math.min(baseline.everyone.positive, baseline.everyone.n) }
			: null;

	const rows = groups.map((count) => {
		const figures = shown(count);
		const share = figures && figures.n > 0 ? figures.positive / figures.n : null;
		const interval = figures ? wilsonInterval(figures.positive, figures.n) : null;
		const rest = figures && all ? restOf(all, figures) : null;
		const gap = figures && rest ? gapOf(figures, rest) : null;
		const testable =
			figures !== null && rest !== null && figures.n >= MINIMUM_ANSWERS && rest.n >= MINIMUM_ANSWERS;
		const p = testable ? twoSampleTest(figures, rest).pValue : null;

		const before = baseline?.groups.find((g) => g.key === count.key);
		const beforeFigures = before ? shown(before) : null;
		const beforeRest = beforeFigures && baseAll ? restOf(baseAll, beforeFigures) : null;
		const baselineGap = beforeFigures && beforeRest ? gapOf(beforeFigures, beforeRest) : null;
		const change = gap && baselineGap ? gapChange(gap, baselineGap) : null;
		let changeVerdict: GapChangeVerdict;
		if (!change || !beforeFigures || !beforeRest || !figures || !rest) changeVerdict = 'not comparable';
		else if ([figures.n, rest.n, beforeFigures.n, beforeRest.n].some((n) => n < MINIMUM_ANSWERS))
			changeVerdict = 'too few answers';
		else if (change.lower <= 0 && change.upper >= 0) changeVerdict = 'no clear change';
		else
			changeVerdict = Math.abs(gap!.difference) < Math.abs(baselineGap!.difference) ? 'narrowed' : 'widened';

		return { count, figures, share, interval, rest, gap, p, baselineGap, change, changeVerdict };
	});

	const tested = rows.filter((r) => r.p !== null);
	const adjustment = holm(tested.map((r) => r.p!));
	const adjusted = new Map(tested.map((r, i) => [r, adjustment.adjusted[i]!]));

	return {
		everyone: all && all.n > 0 ? { ...all, share: all.positive / all.n } : null,
		comparisons: adjustment.comparisons,
		holmNote: adjustment.note,
		groups: rows.map((r): EquityGroup => {
			const pAdjusted = adjusted.get(r) ?? null;
			let verdict: GapVerdict;
			if (r.figures === null) verdict = 'hidden';
			else if (pAdjusted === null) verdict = 'too few answers';
			else if (pAdjusted >= 0.05 || r.gap === null) verdict = 'no clear gap';
			else verdict = r.gap.difference > 0 ? 'higher' : 'lower';
			return {
				key: r.count.key,
				label: r.count.label,
				n: r.count.n,
				positive: r.count.positive,
				share: r.share,
				interval: r.interval,
				rest: r.rest,
				gap: r.gap,
				pAdjusted,
				verdict,
				baselineGap: r.baselineGap,
				gapChange: r.change,
				changeVerdict: r.changeVerdict
			};
		})
	};
}

/** Signed points, "+12" / "−4" / "0", from a difference of shares. */
export function signedPoints(difference: number): string {
	const points = Math.round(difference * 100);
	return points > 0 ? `+${points}` : points < 0 ? `−${Math.abs(points)}` : '0';
}

/** "between −4 and +12 points" */
export function pointsRange(gap: Gap): string {
	return `between ${signedPoints(gap.lower)} and ${signedPoints(gap.upper)} points`;
}

export const GAP_WORDS: Record<GapVerdict, string> = {
	higher: 'higher than the rest, more than chance',
	lower: 'lower than the rest, more than chance',
	'no clear gap': 'no clear gap',
	'too few answers': `too few answers to tell (under ${MINIMUM_ANSWERS})`,
	hidden: 'hidden (small count)'
};

export const CHANGE_WORDS: Record<GapChangeVerdict, string> = {
	narrowed: 'narrowed',
	widened: 'widened',
	'no clear change': 'no clear change',
	'too few answers': `too few answers to tell (under ${MINIMUM_ANSWERS})`,
	'not comparable': 'no baseline figure to compare'
};

/**
 * One plain sentence for the view. Never a percentage without its n, never a verdict on too little data.
 * e.g. "In Autumn 2026, the share who agree ranged from 31% of 120 (SEN support) to 64% of 95 (EHC plan);
 * 1 of 4 groups differs from the rest by more than chance."
 */
export function equitySummary(result: EquityResult, waveLabel: string, indicatorWords: string): string {
	const withShare = result.groups.filter(
		(g): g is EquityGroup & { share: number; n: number } => g.share !== null && g.n !== null
	);
	if (result.groups.length === 0) return `No one in ${waveLabel} said which of these groups they are in.`;
	if (withShare.length === 0)
		return `In ${waveLabel}, no group has figures to show: each is hidden to protect the people in small groups, or has no answers.`;
	const sorted = [...withShare].sort((a, b) => a.share - b.share);
	const low = sorted[0]!;
	const high = sorted.at(-1)!;
	const pct = (g: { share: number; n: number }) =>
		`${Math.round(g.share * 100)}% of ${g.n.toLocaleString('en-GB')}`;
	const range =
		withShare.length === 1
			? `In ${waveLabel}, ${pct(low)} ${indicatorWords} in the one group with figures (${low.label})`
			: `In ${waveLabel}, the share who ${indicatorWords} ranged from ${pct(low)} (${low.label}) to ${pct(high)} (${high.label})`;
	if (result.comparisons === 0)
		return `${range}; no group has enough answers (${MINIMUM_ANSWERS} in it and in the rest) to tell a gap from chance.`;
	const different = result.groups.filter((g) => g.verdict === 'higher' || g.verdict === 'lower').length;
	return `${range}; ${different} of ${result.comparisons} ${result.comparisons === 1 ? 'group' : 'groups'} tested ${
		different === 1 ? 'differs' : 'differ'
	} from the rest by more than chance.`;
}
