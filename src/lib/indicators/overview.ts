/**
 * The overview: every current indicator of an organisation, each against its own baseline wave and target,
 * grouped by strategy priority. Pure: definitions (api.list_indicators) and each indicator's trend
 * (api.indicator_trend, already under the disclosure rule for forum and scrutiny) in; cards, the page's
 * summary sentence, the methods note and the CSV rows out.
 *
 * Statistics come from `$lib/analytics`: Wilson intervals and Newcombe's interval for the change
 * (`trendComparison`), the verdict rules (no verdict under 30 answers in a wave, none while a wave is open,
 * true reasons), and Holm's adjustment: every indicator with a verdict is one test of the same family
 * (two-sided, `twoSampleTest`), so a change is called clear only when its interval leaves out 0 and its
 * Holm-adjusted p-value is under 0.05.
 */
import { formatCount, formatDate, formatPercent } from '$lib/analytics/format';
import { holm, twoSampleTest } from '$lib/analytics/significance';
import { changeWords, DIRECTION_LABEL, type Verdict, type WavePhase } from '$lib/analytics/verdict';
import type { Direction } from '$lib/analytics/proportion';
import { safeCell } from '$lib/decisions/published';
import type { IndicatorDefinition } from './definitions';
import { prepareTrend, trendComparison, trendSummary, type TrendPoint, type TrendRow } from './trend';
import type { TrendPoint as ApiTrendPoint } from './types';

/** Where the latest figure stands against the target. */
export type TargetStanding = 'no target' | 'met' | 'not met' | 'too close to call' | 'no figures';

export interface OverviewCard {
	definition: IndicatorDefinition;
	/** The trend rows, with the chosen baseline as the only wave of kind 'baseline'. */
	rows: TrendRow[];
	points: TrendPoint[];
	/** The latest wave with figures, if any. */
	latest: TrendPoint | null;
	/** The baseline wave, if it has figures. */
	baseline: TrendPoint | null;
	verdict: Verdict | null;
	/** The direction after the control for many comparisons. */
	direction: Direction;
	/** "Better", "No clear change", "Worse", "Too few answers to tell", with "so far" for an open wave. */
	directionText: string;
	/** "up 20 percentage points" and "between 14 and 26", when there is a change to state. */
	change: { headline: string; interval: string; points: number } | null;
	/** The p-value of the change (two-sided) and after Holm's adjustment; null when not tested. */
	pValue: number | null;
	adjustedP: number | null;
	target: TargetStanding;
	targetText: string;
	/** One sentence about this indicator (the chart's accessible name). */
	summary: string;
	/** "so far, until 30 November 2026" when the latest figures are from an open wave; else ''. */
	interim: string;
}

export interface PriorityGroup {
	title: string;
	cards: OverviewCard[];
}

export interface Overview {
	groups: PriorityGroup[];
	cards: OverviewCard[];
	/** How many comparisons were tested together (indicators with a verdict). */
	comparisons: number;
	/** The methods note on many comparisons. */
	holmNote: string;
	summary: string;
}

export const NO_PRIORITY = 'Not filed under a priority';

/** A wave's phase at `now`. */
export function phaseAt(opensAt: string, closesAt: string, now: Date): WavePhase {
	const t = now.getTime();
	if (t < Date.parse(opensAt)) return 'not_yet_open';
	if (t >= Date.parse(closesAt)) return 'closed';
	return 'open';
}

/**
 * The API's rows as trend rows, with the indicator's own baseline: the chosen wave is the only one of
 * kind 'baseline' (a survey's baseline kind is otherwise kept; a repeat chosen as baseline becomes it).
 */
export function trendRows(
	api: readonly ApiTrendPoint[],
	baselineWaveId: string | null,
	now: Date
): TrendRow[] {
	return api.map((r) => ({
		waveLabel: r.wave_label,
		waveKind:
			baselineWaveId === null
				? r.wave_kind
				: r.wave_id === baselineWaveId
					? 'baseline'
					: r.wave_kind === 'baseline'
						? 'repeat'
						: r.wave_kind,
		opensAt: r.opens_at,
		closesAt: r.closes_at,
		n: r.n,
		positive: r.positive,
		share: r.share,
		suppressed: r.suppressed,
		phase: phaseAt(r.opens_at, r.closes_at, now),
		smallNumbers: r.small_numbers,
		peopleUnknown: r.people_unknown,
		reconstructed: r.reconstructed
	}));
}

/** Where the latest share stands against the target, by its 95% interval. */
export function targetStanding(
	definition: Pick<IndicatorDefinition, 'target_percent' | 'target_date' | 'higher_is_better'>,
	latest: TrendPoint | null
): { standing: TargetStanding; text: string } {
	if (definition.target_percent === null || definition.target_date === null)
		return { standing: 'no target', text: 'No target set' };
	const target = definition.target_percent / 100;
	const goal = `${formatPercent(target, definition.target_percent % 1 === 0 ? 0 : 1)} by ${formatDate(definition.target_date)}`;
	if (latest === null || latest.interval === null || latest.share === null || latest.n === null)
		return { standing: 'no figures', text: `Target ${goal}: no figures to compare with it yet` };
	const { lower, upper } = latest.interval;
	const above = lower > target;
	const below = upper < target;
	const met = definition.higher_is_better ? latest.share >= target && above : latest.share <= target && below;
	const missed = definition.higher_is_better ? below : above;
	const latestWords = `${formatPercent(latest.share)} of ${formatCount(latest.n)}`;
	if (met) return { standing: 'met', text: `Target ${goal}: met (${latestWords})` };
	if (missed) return { standing: 'not met', text: `Target ${goal}: not met yet (${latestWords})` };
	return {
		standing: 'too close to call',
		text: `Target ${goal}: too close to tell (${latestWords}; the target is within its margin of error)`
	};
}

const TOO_FEW = 'Too few answers to tell';

/** Why there is nothing to compare: figures hidden under the disclosure rule, or none yet. */
function nothingToCompare(points: readonly TrendPoint[]): string {
	if (points.some((p) => p.status === 'suppressed')) return HIDDEN_WORDS;
	if (points.some((p) => p.status === 'people unknown'))
		return 'Not enough figures to compare: imported totals count ticks, not people';
	return 'No figures to compare yet';
}

const HIDDEN_WORDS = 'Not enough figures to compare: some are hidden to protect small numbers';

function directionText(verdict: Verdict | null, direction: Direction, points: readonly TrendPoint[]): string {
	if (verdict === null || verdict.kind === 'no figures') return nothingToCompare(points);
	if (verdict.kind === 'too few answers') return TOO_FEW;
	const label = DIRECTION_LABEL[direction];
	return verdict.kind === 'interim' ? `${label} so far (wave still open)` : label;
}

/**
 * The overview's cards. `trends` is keyed by question id. Retired indicators are left out. The verdicts
 * of every indicator whose comparison can have one (closed waves, enough answers) are one family for
 * Holm's adjustment.
 */
export function buildOverview(
	definitions: readonly IndicatorDefinition[],
	trends: ReadonlyMap<string, readonly ApiTrendPoint[]>,
	now: Date
): Overview {
	const current = definitions.filter((d) => !d.retired);
	const prepared = current.map((definition) => {
		const rows = trendRows(trends.get(definition.question_id) ?? [], definition.baseline_wave_id, now);
		const points = prepareTrend(rows);
		const options = { higherIsBetter: definition.higher_is_better };
		const comparison = trendComparison(rows, options);
		const shown = points.filter((p) => p.status === 'shown');
		const baseline = points.find((p) => p.waveKind === 'baseline' && p.status === 'shown') ?? null;
		const verdict = comparison?.verdict ?? null;
		const tested =
			comparison !== null && (verdict!.kind === 'clear change' || verdict!.kind === 'no clear change');
		const pValue = tested
			? twoSampleTest(
					{ positive: comparison.baseline.positive!, n: comparison.baseline.n! },
					{ positive: comparison.compared.positive!, n: comparison.compared.n! }
				).pValue
			: null;
		return { definition, rows, points, latest: shown.at(-1) ?? null, baseline, verdict, pValue, options };
	});
	const family = prepared.filter((p) => p.pValue !== null);
	const control = holm(family.map((p) => p.pValue!));
	const adjusted = new Map(family.map((p, i) => [p, control.adjusted[i]!]));
	const clear = new Map(family.map((p, i) => [p, control.moreThanChance[i]!]));

	const cards = prepared.map((p): OverviewCard => {
		let direction: Direction = p.verdict?.direction ?? 'not enough data';
		// a change whose interval leaves out 0 but which is not clear once the other tests are allowed for
		if (p.verdict?.kind === 'clear change' && !clear.get(p)) direction = 'no clear change';
		if (p.verdict?.kind === 'interim') direction = p.verdict.direction;
		const target = targetStanding(p.definition, p.latest);
		const change = p.verdict?.change ? changeWords(p.verdict.change) : null;
		const label = `answered “${p.definition.positive.join('” or “')}” to “${p.definition.prompt}”`;
		let summary = trendSummary(p.rows, label, p.options);
		if (p.verdict?.kind === 'clear change' && !clear.get(p))
			summary = `${summary.replace(/\.$/, '')}; but not once the ${control.comparisons} indicators tested together are allowed for.`;
		const latestPhase = p.latest?.phase;
		return {
			definition: p.definition,
			rows: p.rows,
			points: p.points,
			latest: p.latest,
			baseline: p.baseline,
			verdict: p.verdict,
			direction,
			directionText: directionText(p.verdict, direction, p.points),
			change,
			pValue: p.pValue,
			adjustedP: adjusted.get(p) ?? null,
			target: target.standing,
			targetText: target.text,
			summary,
			interim:
				latestPhase === 'open' && p.latest?.closesAt
					? `so far, until ${formatDate(p.latest.closesAt)}`
					: latestPhase === 'open'
						? 'so far'
						: ''
		};
	});

	const byPriority = new Map<string, { position: number; cards: OverviewCard[] }>();
	for (const card of cards) {
		const title = card.definition.priority_title ?? NO_PRIORITY;
		const group = byPriority.get(title) ?? {
			position: card.definition.priority_position ?? Number.MAX_SAFE_INTEGER,
			cards: []
		};
		group.cards.push(card);
		byPriority.set(title, group);
	}
	const groups = [...byPriority.entries()]
		.sort((a, b) => a[1].position - b[1].position)
		.map(([title, g]) => ({ title, cards: g.cards }));

	return {
		groups,
		cards,
		comparisons: control.comparisons,
		holmNote: control.note,
		summary: overviewSummary(cards)
	};
}

/**
 * One sentence for the whole page, each reason true: "Of 6 current indicators: 2 are better than at
 * baseline, 1 is worse, 1 shows no clear change, 1 has too few answers to tell and 1 has no figures to
 * compare yet."
 */
export function overviewSummary(cards: readonly OverviewCard[]): string {
	if (cards.length === 0) return 'There are no current indicators to show.';
	const count = (test: (c: OverviewCard) => boolean) => cards.filter(test).length;
	const kind = (c: OverviewCard) => c.verdict?.kind ?? 'no figures';
	const verdict = (c: OverviewCard) => kind(c) === 'clear change' || kind(c) === 'no clear change';
	const better = count((c) => verdict(c) && c.direction === 'improved');
	const worse = count((c) => verdict(c) && c.direction === 'worsened');
	const same = count((c) => verdict(c) && c.direction === 'no clear change');
	const interim = count((c) => kind(c) === 'interim');
	const tooFew = count((c) => kind(c) === 'too few answers');
	const nothing = (c: OverviewCard) => kind(c) === 'no figures';
	const hidden = count((c) => nothing(c) && c.directionText === HIDDEN_WORDS);
	const none = count(nothing) - hidden;
	const n = (k: number, one: string, many: string) => `${k} ${k === 1 ? one : many}`;
	const parts = [
		better ? `${n(better, 'is', 'are')} better than at baseline` : '',
		worse ? `${n(worse, 'is', 'are')} worse` : '',
		same ? `${n(same, 'shows', 'show')} no clear change` : '',
		interim ? `${n(interim, 'has', 'have')} a wave still open, so no verdict yet` : '',
		tooFew ? `${n(tooFew, 'has', 'have')} too few answers to tell` : '',
		hidden
			? `${n(hidden, 'has', 'have')} figures hidden to protect small numbers, so nothing to compare`
			: '',
		none ? `${n(none, 'has', 'have')} no figures to compare yet` : ''
	].filter(Boolean);
	const list = parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}` : parts[0];
	return `Of ${n(cards.length, 'current indicator', 'current indicators')}: ${list}.`;
}

function figure(point: TrendPoint | null): string {
	if (point === null || point.share === null || point.n === null) return '';
	return `${formatPercent(point.share)} of ${formatCount(point.n)}`;
}

/** The table's (and the CSV's) rows: one an indicator, every share with its n. */
export function overviewTable(overview: Overview): string[][] {
	const header = [
		'Priority',
		'Indicator',
		'Survey',
		'Baseline wave',
		'Baseline positive',
		'Baseline answered',
		'Latest wave',
		'Latest positive',
		'Latest answered',
		'Latest share',
		'Change since baseline',
		'Change 95% interval',
		'Direction of travel',
		'Holm-adjusted p',
		'Target'
	];
	const rows = overview.cards.map((c) => [
		c.definition.priority_title ?? NO_PRIORITY,
		c.definition.label,
		c.definition.survey_title,
		c.baseline?.waveLabel ?? c.definition.baseline_wave_label ?? '',
		c.baseline?.positive?.toString() ?? '',
		c.baseline?.n?.toString() ?? '',
		c.latest ? `${c.latest.waveLabel}${c.interim ? ` (${c.interim})` : ''}` : '',
		c.latest?.positive?.toString() ?? '',
		c.latest?.n?.toString() ?? '',
		figure(c.latest),
		c.change ? c.change.headline : '',
		c.change ? c.change.interval : '',
		c.directionText,
		c.adjustedP === null ? '' : c.adjustedP.toFixed(3),
		c.targetText
	]);
	return [header, ...rows.map((r) => r.map((v, i) => (i === 0 || i === 1 || i === 2 ? safeCell(v) : v)))];
}
