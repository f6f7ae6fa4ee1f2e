/**
 * The trend chart: the share giving a positive answer in each wave of a survey, with its 95% interval,
 * against the baseline. A pure builder (rows in, SVG text out) so it renders on the server, prints, works
 * without JavaScript, and has a snapshot test; plus the one-sentence summary that goes with it.
 *
 * Rows come from the database already through disclosure control: a suppressed wave has `positive` and
 * `share` set to null. Shares and intervals are recomputed here from `positive` and `n`, so the chart, the
 * table and the summary cannot disagree. What may be said about them (no verdict below 30 answers, open
 * waves are interim, the true reason for missing figures, the change's own interval) is decided by the
 * verdict layer in `$lib/analytics/verdict`.
 */
import type { WaveKind } from '$lib/domain';
import * as Plot from '@observablehq/plot';
import { chartDocument, finishChart, SVG_NS } from '$lib/charts/svg';
import { formatCount, formatDate, formatPercent } from '$lib/analytics/format';
import { shareChange, wilsonInterval, type Interval, type ShareChange } from '$lib/analytics/proportion';
import {
	compareWaves,
	figuresInWords,
	interimWords,
	isInterim,
	missingLabel,
	missingReason,
	waveStatus,
	type Verdict,
	type VerdictOptions,
	type WavePhase,
	type WaveStatus
} from '$lib/analytics/verdict';

export type { WaveStatus } from '$lib/analytics/verdict';

/** One wave of one indicator, as the dashboard API returns it. */
export interface TrendRow {
	waveLabel: string;
	waveKind: WaveKind;
	/** When the wave opened (ISO 8601 date or timestamp); waves are drawn in this order. */
	opensAt: string;
	/** How many answered the question; null when disclosure control hid it ([c]). */
	n: number | null;
	/** How many gave a positive answer; null when suppressed. */
	positive: number | null;
	/** positive / n; null when suppressed or nobody answered. Not used for drawing: see the module note. */
	share: number | null;
	/** True when disclosure control hid the figures for this wave. */
	suppressed: boolean;
	/** Whether the wave is open, closed or not open yet. Unknown is treated as closed. */
	phase?: WavePhase;
	/** When the wave closes (ISO 8601): an open wave's figures read "so far, until <this date>". */
	closesAt?: string;
	/** False when the wave did not ask this question. Default true. */
	asked?: boolean;
	/** Exact figures for staff: true when a count is under the disclosure rule's threshold (a warning). */
	smallNumbers?: boolean;
	/** Imported ticks of several positive answers: how many people were positive is not known. */
	peopleUnknown?: boolean;
	/** Imported totals given as published percentages of a base: the counts were worked out and rounded. */
	reconstructed?: boolean;
	/** Shown under an earlier definition, a several-answer wave answered since it changed: never counted so. */
	notCounted?: boolean;
}

/** A wave ready to draw or tabulate. `share` and `interval` are set exactly when `status` is 'shown'. */
export interface TrendPoint extends TrendRow {
	status: WaveStatus;
	/** positive / n */
	share: number | null;
	/** 95% Wilson interval for the share. */
	interval: Interval | null;
}

export interface TrendChartOptions {
	/** The chart's title (shown by the page); also named in the SVG's description. */
	title: string;
	/**
	 * Who answered and what counts as positive, as it reads after "38% of 450", for example
	 * "parent carers agreed they feel listened to". Used for the accessible name (the summary sentence).
	 */
	indicatorLabel?: string;
	/** Width in pixels of the SVG's coordinate system (it scales with CSS). Default 640. */
	width?: number;
	/** Height in pixels. Default 360. */
	height?: number;
	/** The text size in the SVG's own pixels. Default 12; a narrow chart for phones uses more. */
	fontSize?: number;
	/** The document to build in. Default: the browser's, or a linkedom document on the server. */
	document?: Document;
	/** For the summary's verdict: the minimum answers (default 30) and which direction is better. */
	verdict?: VerdictOptions;
	/** Decisions on this indicator's trend (citing it, or under its priority): a dotted rule at each one's date. */
	decisions?: readonly TrendDecision[];
	/** Changes of the indicator's definition (see `definitionMarkers`): a solid rule at each one's date. */
	changes?: readonly TrendChange[];
	/** The definition the figures are counted by, when it is not the latest (see `TrendDefinition`). */
	definition?: TrendDefinition;
}

/** A change of the indicator's definition, as api.indicator_trend lists it (definition_changes). */
export interface DefinitionChangeInput {
	kind: 'wording' | 'positive answers';
	/** when it changed (ISO 8601) */
	at: string;
	/** for a change of positive answers, the definition it started (definition 1 is the first) */
	version: number | null;
	/** what changed, in a sentence */
	words: string;
}

/** A change of definition drawn on the trend. */
export interface TrendChange extends DefinitionChangeInput {
	/** The short label on the chart, e.g. "C1" (the table of changes says what changed). */
	label: string;
}

/** Which definition the figures are counted by: `shown` of `latest` (1 is the first). */
export interface TrendDefinition {
	shown: number;
	latest: number;
}

/** Label the changes of definition in date order for the chart: C1, C2, ... */
export function definitionMarkers(changes: readonly DefinitionChangeInput[]): TrendChange[] {
	return [...changes]
		.sort((a, b) => Date.parse(a.at) - Date.parse(b.at))
		.map((c, i) => ({ ...c, label: `C${i + 1}` }));
}

/** The colour of a change of definition's rule and label: 9.6:1 against white, solid where decisions dot. */
export const CHANGE_COLOUR = '#5b2a86';

/** What the summary says of the definition: the changes, and which definition the figures are counted by. */
export interface TrendContext {
	changes?: readonly DefinitionChangeInput[];
	definition?: TrendDefinition;
}

/**
 * The changes of which answers count as positive that the figures shown are counted after (every one, when
 * the latest definition is shown; under an earlier definition, those up to it).
 */
function positiveChangesWithin(context: TrendContext): DefinitionChangeInput[] {
	const shown = context.definition?.shown ?? Number.POSITIVE_INFINITY;
	return (context.changes ?? []).filter(
		(c) => c.kind === 'positive answers' && (c.version === null || c.version <= shown)
	);
}

/** A change made while the comparison ran: after the baseline opened, before the later wave closed. */
function spans(change: DefinitionChangeInput, from: TrendPoint, to: TrendPoint): boolean {
	const at = Date.parse(change.at);
	const end =
		to.phase === 'open' || to.closesAt === undefined ? Number.POSITIVE_INFINITY : Date.parse(to.closesAt);
	return at > Date.parse(from.opensAt) && at < end;
}

/**
 * The change of which answers count as positive that a comparison of two waves spans, if any: then the change
 * between them is not judged (the baseline as published then was counted another way).
 */
export function positiveChangeBetween(
	from: TrendPoint,
	to: TrendPoint,
	context: TrendContext = {}
): DefinitionChangeInput | null {
	return positiveChangesWithin(context).find((c) => spans(c, from, to)) ?? null;
}

/** "3 March 2026", or the text as it is when it is not a date. */
function dateWords(iso: string): string {
	try {
		return formatDate(iso);
	} catch {
		return iso;
	}
}

/** A decision drawn on the trend of an indicator it cites. */
export interface TrendDecision {
	/** The short label on the chart, e.g. "D1" (the table says which decision it is). */
	label: string;
	/** The date of the decision (ISO 8601). */
	date: string;
}

/** Label decisions in date order for the chart: D1, D2, ... */
export function decisionMarkers<T extends { decided_on: string }>(
	decisions: readonly T[]
): (T & TrendDecision)[] {
	return [...decisions]
		.sort((a, b) => (a.decided_on < b.decided_on ? -1 : a.decided_on > b.decided_on ? 1 : 0))
		.map((d, i) => ({ ...d, label: `D${i + 1}`, date: d.decided_on }));
}

/**
 * Where a date falls on the band scale of waves (in opening order): between two waves' centres in
 * proportion to the time between their openings; before the first wave at its band's left edge; after the
 * last at its band's right edge.
 */
export function dateOffset(
	date: string,
	opens: readonly string[],
	centreOf: (index: number) => number,
	bandwidth: number
): number | null {
	const t = Date.parse(date);
	if (opens.length === 0 || Number.isNaN(t)) return null;
	const times = opens.map((o) => Date.parse(o));
	if (t < times[0]!) return centreOf(0) - bandwidth / 2;
	for (let i = 0; i + 1 < times.length; i++) {
		if (t >= times[i]! && t < times[i + 1]!) {
			const span = times[i + 1]! - times[i]!;
			return centreOf(i) + ((centreOf(i + 1) - centreOf(i)) * (t - times[i]!)) / (span || 1);
		}
	}
	const last = times.length - 1;
	return t === times[last] ? centreOf(last) : centreOf(last) + bandwidth / 2;
}

/** The colour of a decision's rule and label: 7.0:1 against white. */
export const DECISION_COLOUR = '#8a3700';

/** Used when no indicator label is given. */
export const DEFAULT_INDICATOR_LABEL = 'people gave a positive answer';

/**
 * Colours, with their contrast against white (WCAG 2.2 needs 3:1 for graphics and 4.5:1 for text).
 * The tests check these ratios on the SVG itself.
 */
export const TREND_COLOURS = {
	/** Points, line and intervals: 8.4:1. */
	measure: '#1d4e89',
	/** All text and axes: 17.4:1. */
	text: '#1a1a1a',
	/** The baseline rule and its label, and the reason a wave has no figures ("hidden (small count)"): 7.0:1. */
	muted: '#595959'
} as const;

const BACKGROUND = 'white';

/** A trend row as the verdict layer reads it. */
function figures(row: TrendRow) {
	return {
		label: row.waveLabel,
		n: row.n,
		positive: row.positive,
		suppressed: row.suppressed,
		asked: row.asked,
		phase: row.phase,
		opensAt: row.opensAt,
		closesAt: row.closesAt,
		peopleUnknown: row.peopleUnknown,
		notCounted: row.notCounted
	};
}

/**
 * Sort waves by opening time and work out what can be shown for each (see `waveStatus`: 'shown',
 * 'suppressed', 'not asked', 'not open yet', 'no answers yet' or 'no answers'). Ties keep their input order.
 */
export function prepareTrend(rows: readonly TrendRow[]): TrendPoint[] {
	return rows
		.map((row, index) => ({ row, index, time: Date.parse(row.opensAt) }))
		.sort((a, b) => compareTimes(a.time, b.time) || a.index - b.index)
		.map(({ row }): TrendPoint => {
			const status = waveStatus(figures(row));
			if (status !== 'shown' || row.positive === null || row.n === null) {
				return { ...row, status, share: null, interval: null };
			}
			return {
				...row,
				status,
				n: row.n,
				share: row.positive / row.n,
				interval: wilsonInterval(row.positive, row.n)
			};
		});
}

function compareTimes(a: number, b: number): number {
	// Unparseable dates go last rather than scrambling the order.
	if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) ? (Number.isNaN(b) ? 0 : 1) : -1;
	return a - b;
}

type ShownPoint = TrendPoint & {
	status: 'shown';
	n: number;
	positive: number;
	share: number;
	interval: Interval;
};

function isShown(point: TrendPoint): point is ShownPoint {
	return point.status === 'shown';
}

function shareOfN(point: ShownPoint): string {
	return `${formatPercent(point.share)} of ${formatCount(point.n)}`;
}

/** "38% of 450 parent carers agreed …", with "so far, until <date>" after it for an open wave. */
function shareOfNFor(point: ShownPoint, indicatorLabel: string): string {
	const interim = interimWords(figures(point));
	return `${shareOfN(point)} ${indicatorLabel}${interim === '' ? '' : ` ${interim}`}`;
}

/** "Autumn 2025" → "Autumn 2025 baseline"; a label that already says so is left alone. */
export function baselineName(point: TrendPoint): string {
	return /\bbaseline\b/i.test(point.waveLabel) ? point.waveLabel : `${point.waveLabel} baseline`;
}

/** Why a wave has no figures, after its name: "Spring 2026 ⟨closed with no answers⟩". */
function withoutFigures(point: TrendPoint): string {
	return missingReason(figures(point)) ?? '';
}

/** The baseline and the wave compared with it, and what may be said about the change. */
export interface TrendComparison {
	baseline: TrendPoint;
	compared: TrendPoint;
	verdict: Verdict;
}

/**
 * The comparison the summary and the direction of travel are about: the earliest wave of kind 'baseline'
 * against the latest later wave with figures. Null when there is no baseline with figures or no later wave
 * with figures.
 */
export function trendComparison(
	rows: readonly TrendRow[],
	options: VerdictOptions = {}
): TrendComparison | null {
	const points = prepareTrend(rows);
	const baselineIndex = points.findIndex((point) => point.waveKind === 'baseline');
	const baseline = points[baselineIndex];
	if (baseline === undefined || !isShown(baseline)) return null;
	const compared = points
		.slice(baselineIndex + 1)
		.filter(isShown)
		.at(-1);
	if (compared === undefined) return null;
	return { baseline, compared, verdict: compareWaves(figures(baseline), figures(compared), options) };
}

/**
 * The change between the baseline and each later wave with figures, with Newcombe's interval: the "change
 * since baseline" column of the table. Null for the baseline itself, for waves without figures, and for waves
 * compared across a change of which answers count as positive (see `positiveChangeBetween`).
 */
export function changesSinceBaseline(
	points: readonly TrendPoint[],
	context: TrendContext = {}
): (ShareChange | null)[] {
	const baselineIndex = points.findIndex((point) => point.waveKind === 'baseline');
	const baseline = points[baselineIndex];
	return points.map((point, index) => {
		if (baseline === undefined || !isShown(baseline) || index <= baselineIndex || !isShown(point))
			return null;
		// which answers count as positive changed in between: not compared as if they were counted alike
		if (positiveChangeBetween(baseline, point, context) !== null) return null;
		return shareChange(
			{ positive: baseline.positive, n: baseline.n },
			{ positive: point.positive, n: point.n }
		);
	});
}

/** One sentence when no wave has figures, giving the true reasons. */
function noFiguresSentence(points: readonly TrendPoint[]): string {
	const statuses = new Set(points.map((point) => point.status));
	if ([...statuses].every((status) => status === 'no answers yet' || status === 'not open yet')) {
		return 'No one has answered yet, so there is nothing to show.';
	}
	if (statuses.size === 1 && statuses.has('suppressed')) {
		return (
			'The figures for every wave are hidden, because counts are too small to publish without risking ' +
			'identifying someone.'
		);
	}
	if (statuses.size === 1 && statuses.has('no answers')) {
		return 'No one answered in any wave, so there is nothing to show.';
	}
	return `No wave has figures to show: ${points.map((point) => `${point.waveLabel} ${withoutFigures(point)}`).join('; ')}.`;
}

/**
 * One plain-English sentence for a councillor about the trend, never giving a percentage without its n.
 * For example: "At the Autumn 2025 baseline, 38% of 450 parent carers agreed they feel listened to; in
 * Autumn 2026 it was 58% of 300, up 20 percentage points (between 13 and 27), a change larger than chance
 * would explain."
 *
 * The baseline is the earliest wave of kind 'baseline'; it is compared with the latest later wave that has
 * figures (see `trendComparison`), following the verdict layer's rules: no verdict with fewer than 30
 * answers in either wave, none while a wave is open ("so far, until <date>"), and the true reason for a
 * wave without figures. A newer wave without figures is mentioned at the end.
 *
 * Changes of the definition (`context`): a comparison across a change of which answers count as positive gets
 * no verdict, and says so; a change of wording while it ran is named ("the question's wording changed on 3
 * March 2026; figures before and after may not compare"); a change of positive answers outside it is named
 * too (figures published before it were counted another way); figures counted by an earlier definition say so.
 *
 * @param indicatorLabel what follows "38% of 450", e.g. "parent carers agreed they feel listened to".
 * @param options the minimum number of answers for a verdict, and which direction is better
 * @param context the changes of the indicator's definition, and which definition the figures are counted by
 */
export function trendSummary(
	rows: readonly TrendRow[],
	indicatorLabel: string,
	options: VerdictOptions = {},
	context: TrendContext = {}
): string {
	const points = prepareTrend(rows);
	const latest = points.at(-1);
	if (latest === undefined) return 'No waves have opened yet, so there are no answers to show.';
	const shown = points.filter(isShown);
	if (shown.length === 0) return noFiguresSentence(points);

	const baselineIndex = points.findIndex((point) => point.waveKind === 'baseline');
	const baseline = baselineIndex === -1 ? undefined : points[baselineIndex];
	const clauses: string[] = [];
	let described: TrendPoint;

	if (baseline !== undefined && isShown(baseline)) {
		clauses.push(`At the ${baselineName(baseline)}, ${shareOfNFor(baseline, indicatorLabel)}`);
		const later = points.slice(baselineIndex + 1);
		const compared = later.filter(isShown).at(-1);
		if (compared !== undefined) {
			const { verdict } = trendComparison(rows, options)!;
			const tense = isInterim(compared) ? 'is' : 'was';
			const across = positiveChangeBetween(baseline, compared, context);
			if (across === null) {
				clauses.push(
					`in ${compared.waveLabel} it ${tense} ${figuresInWords(figures(compared))}, ${verdict.words}`
				);
			} else {
				clauses.push(`in ${compared.waveLabel} it ${tense} ${figuresInWords(figures(compared))}`);
				clauses.push(
					`which answers count as positive changed on ${dateWords(across.at)}, between these waves, so ` +
						'no verdict is given on the change: figures published before then were counted another way'
				);
			}
			described = compared;
		} else {
			described = baseline;
			if (later.length === 0) clauses.push('there is no later wave to compare with yet');
		}
	} else {
		const newest = shown.at(-1)!;
		clauses.push(`In ${newest.waveLabel}, ${shareOfNFor(newest, indicatorLabel)}`);
		clauses.push(
			baseline === undefined
				? 'there is no baseline to compare with'
				: `the ${baselineName(baseline)} ${withoutFigures(baseline)}, so there is nothing to compare with`
		);
		described = newest;
	}

	if (latest !== described && latest !== baseline && !isShown(latest)) {
		clauses.push(`${latest.waveLabel} ${withoutFigures(latest)}`);
	}
	const rebuilt = reconstructedWaves(points);
	if (rebuilt !== null) clauses.push(rebuilt);
	clauses.push(...definitionClauses(points, baselineIndex, context));
	return `${clauses.join('; ')}.`;
}

/** "3 March 2026", "3 March and 5 May 2026" … as a list of dates. */
function datesInWords(changes: readonly DefinitionChangeInput[]): string {
	const dates = [...new Set(changes.map((c) => dateWords(c.at)))];
	return dates.length === 1 ? dates[0]! : `${dates.slice(0, -1).join(', ')} and ${dates.at(-1)}`;
}

/** What the summary says of the definition's changes, beyond a comparison across one (see `trendSummary`). */
function definitionClauses(
	points: readonly TrendPoint[],
	baselineIndex: number,
	context: TrendContext
): string[] {
	const clauses: string[] = [];
	const shown = points.filter(isShown);
	const first =
		points[baselineIndex] !== undefined && isShown(points[baselineIndex]!)
			? points[baselineIndex]!
			: shown[0];
	const last = shown.at(-1);
	if (first === undefined || last === undefined) return clauses;
	const wording = (context.changes ?? []).filter((c) => c.kind === 'wording' && spans(c, first, last));
	if (wording.length > 0) {
		clauses.push(
			`the question's wording changed on ${datesInWords(wording)}; figures before and after may not compare`
		);
	}
	// a change of positive answers the comparison does not span: every wave here is counted the same way
	const comparedAcross = first !== last ? positiveChangeBetween(first, last, context) : null;
	const outside = positiveChangesWithin(context).filter(
		(c) => c !== comparedAcross && Date.parse(c.at) > Date.parse(points[0]!.opensAt)
	);
	if (outside.length > 0 && comparedAcross === null) {
		clauses.push(
			`which answers count as positive changed on ${datesInWords(outside)}: every wave here is counted the ` +
				'new way, so figures published before then differ'
		);
	}
	const definition = context.definition;
	if (definition !== undefined && definition.shown < definition.latest) {
		const next = (context.changes ?? []).find(
			(c) => c.kind === 'positive answers' && c.version === definition.shown + 1
		);
		if (next !== undefined)
			clauses.push(`these figures count positive answers as they were defined before ${dateWords(next.at)}`);
	}
	return clauses;
}

/**
 * "the figures for Spring 2019 were reconstructed from published percentages, rounded to whole people": what
 * the summary says when a wave with figures was imported as percentages of a base; null when none was.
 */
export function reconstructedWaves(points: readonly TrendPoint[]): string | null {
	const labels = points.filter((point) => point.reconstructed && isShown(point)).map((p) => p.waveLabel);
	if (labels.length === 0) return null;
	const names = labels.length === 1 ? labels[0] : `${labels.slice(0, -1).join(', ')} and ${labels.at(-1)}`;
	return `the figures for ${names} were reconstructed from published percentages, rounded to whole people`;
}

/** A horizontal bar for the ends of an interval, drawn as a Plot dot symbol (its radius is half its width). */
const capSymbol = {
	draw(context: CanvasPath, size: number): void {
		const half = Math.sqrt(size / Math.PI);
		context.moveTo(-half, 0);
		context.lineTo(half, 0);
	}
};

/**
 * Draw the trend chart and return it as SVG text.
 *
 * - x: one band per wave in order of opening, labelled with the wave's label ("(baseline)" added);
 * - y: share positive, 0–100%;
 * - for each wave with figures: the 95% Wilson interval as an error bar, the point, and "38%\nn=450";
 *   a line joins the waves with figures; a wave still open has a hollow point and "so far" under its n;
 * - a dashed rule at the baseline share, labelled in the right margin;
 * - a wave without figures has no point, only the reason in a few words (`missingLabel`): "hidden (small
 *   count)", "not asked", "not open yet", "no answers yet" or "closed, no answers".
 *
 * The root is `<svg role="img">` whose accessible name (aria-label and `<title>`) is the summary sentence.
 * Output is deterministic and the same in Node (linkedom) and in a browser: elements are serialised here,
 * with attributes in alphabetical order and coordinates rounded to 2 decimals.
 */
export function trendChartSvg(rows: readonly TrendRow[], options: TrendChartOptions): string {
	const { title, indicatorLabel = DEFAULT_INDICATOR_LABEL, width = 640, height = 360 } = options;
	const document = chartDocument(options.document);
	const points = prepareTrend(rows);
	const summary = trendSummary(rows, indicatorLabel, options.verdict, {
		changes: options.changes,
		definition: options.definition
	});
	const keys = points.map((_, index) => String(index));
	const tickLabel = new Map(
		points.map((point, index) => [
			String(index),
			point.waveKind === 'baseline' && !/\bbaseline\b/i.test(point.waveLabel)
				? `${point.waveLabel} (baseline)`
				: point.waveLabel
		])
	);
	const shown = points
		.map((point, index) => ({ key: String(index), point }))
		.filter((d): d is { key: string; point: ShownPoint } => isShown(d.point));
	const missing = points
		.map((point, index) => ({ key: String(index), point }))
		.filter((d) => !isShown(d.point));
	const baseline = points.find((point) => point.waveKind === 'baseline');
	const baselineShare = baseline !== undefined && isShown(baseline) ? [baseline.share] : [];
	const caps = shown.flatMap(({ key, point }) => [
		{ key, y: point.interval.lower },
		{ key, y: point.interval.upper }
	]);
	const halo = { stroke: BACKGROUND, strokeWidth: 4, paintOrder: 'stroke' } as const;

	const chart = Plot.plot({
		document,
		width,
		height,
		marginTop: 40,
		marginRight: 72,
		marginBottom: 44,
		marginLeft: 44,
		className: 'trend-chart',
		x: { type: 'band', domain: keys, padding: 0.2 },
		y: { domain: [0, 1] },
		marks: [
			Plot.gridY({ ticks: 5, stroke: TREND_COLOURS.text, strokeOpacity: 0.12 }),
			Plot.axisY({
				ticks: 5,
				tickFormat: (share: number) => formatPercent(share),
				label: 'Share positive',
				labelAnchor: 'top',
				labelArrow: 'none'
			}),
			Plot.axisX({
				tickFormat: (key: string) => tickLabel.get(key) ?? '',
				tickSize: 0,
				tickPadding: 8,
				lineWidth: 9,
				label: null
			}),
			Plot.ruleY(baselineShare, {
				stroke: TREND_COLOURS.muted,
				strokeWidth: 1.5,
				strokeDasharray: '6,4'
			}),
			Plot.text(baselineShare, {
				y: (share: number) => share,
				text: (share: number) => `Baseline\n${formatPercent(share)}`,
				frameAnchor: 'right',
				textAnchor: 'start',
				dx: 8,
				fill: TREND_COLOURS.muted
			}),
			Plot.line(shown, {
				x: 'key',
				y: (d: { point: ShownPoint }) => d.point.share,
				stroke: TREND_COLOURS.measure,
				strokeWidth: 1.5
			}),
			Plot.ruleX(shown, {
				x: 'key',
				y1: (d: { point: ShownPoint }) => d.point.interval.lower,
				y2: (d: { point: ShownPoint }) => d.point.interval.upper,
				stroke: TREND_COLOURS.measure,
				strokeWidth: 2
			}),
			Plot.dot(caps, {
				x: 'key',
				y: 'y',
				symbol: capSymbol,
				r: 6,
				stroke: TREND_COLOURS.measure,
				strokeWidth: 2
			}),
			Plot.dot(
				shown.filter((d) => !isInterim(d.point)),
				{
					x: 'key',
					y: (d: { point: ShownPoint }) => d.point.share,
					r: 5,
					fill: TREND_COLOURS.measure,
					stroke: BACKGROUND,
					strokeWidth: 1.5
				}
			),
			// A wave still open: a hollow point, its figures are interim.
			Plot.dot(
				shown.filter((d) => isInterim(d.point)),
				{
					x: 'key',
					y: (d: { point: ShownPoint }) => d.point.share,
					r: 5,
					fill: BACKGROUND,
					stroke: TREND_COLOURS.measure,
					strokeWidth: 2
				}
			),
			Plot.text(shown, {
				x: 'key',
				y: (d: { point: ShownPoint }) => d.point.interval.upper,
				text: (d: { point: ShownPoint }) =>
					`${formatPercent(d.point.share)}\nn=${formatCount(d.point.n)}${isInterim(d.point) ? '\nso far' : ''}`,
				lineAnchor: 'bottom',
				dy: -8,
				fill: TREND_COLOURS.text,
				fontWeight: 600,
				...halo
			}),
			Plot.text(points.length === 0 ? ['No waves have opened yet'] : [], {
				frameAnchor: 'middle',
				fill: TREND_COLOURS.muted,
				fontStyle: 'italic'
			}),
			Plot.text(missing, {
				x: 'key',
				y: 0,
				text: (d: { point: TrendPoint }) => (d.point.status === 'shown' ? '' : missingLabel(d.point.status)),
				lineAnchor: 'bottom',
				dy: -8,
				fill: TREND_COLOURS.muted,
				fontStyle: 'italic',
				...halo
			})
		]
	});

	// Decisions (a dotted rule) and changes of definition (a solid one) at their dates, labelled above the plot.
	const decisions = options.decisions ?? [];
	const changes = options.changes ?? [];
	const marks = [
		...decisions.map((d) => ({ label: d.label, date: d.date, change: false })),
		...changes.map((c) => ({ label: c.label, date: c.at, change: true }))
	].sort((a, b) => Date.parse(a.date) - Date.parse(b.date));
	if (marks.length > 0 && points.length > 0) {
		const x = chart.scale('x') as { apply: (key: string) => number; bandwidth?: number };
		const bandwidth = x.bandwidth ?? 0;
		const group = document.createElementNS(SVG_NS, 'g');
		group.setAttribute('class', 'decision-markers');
		marks.forEach((mark, index) => {
			const at = dateOffset(
				mark.date,
				points.map((p) => p.opensAt),
				(i) => x.apply(keys[i]!) + bandwidth / 2,
				bandwidth
			);
			if (at === null) return;
			const colour = mark.change ? CHANGE_COLOUR : DECISION_COLOUR;
			const rule = document.createElementNS(SVG_NS, 'line');
			rule.setAttribute('class', mark.change ? 'definition-marker' : 'decision-marker');
			rule.setAttribute('x1', String(at));
			rule.setAttribute('x2', String(at));
			rule.setAttribute('y1', String(40 - 4));
			rule.setAttribute('y2', String(height - 44));
			rule.setAttribute('stroke', colour);
			rule.setAttribute('stroke-width', mark.change ? '2' : '1.5');
			if (!mark.change) rule.setAttribute('stroke-dasharray', '2,3');
			const label = document.createElementNS(SVG_NS, 'text');
			label.setAttribute('class', mark.change ? 'definition-label' : 'decision-label');
			label.setAttribute('x', String(at));
			// staggered, so that two marks close together do not overwrite each other
			label.setAttribute('y', String(index % 2 === 0 ? 32 : 20));
			label.setAttribute('text-anchor', 'middle');
			label.setAttribute('fill', colour);
			label.setAttribute('font-weight', '600');
			label.textContent = mark.label;
			group.appendChild(rule);
			group.appendChild(label);
		});
		chart.appendChild(group);
	}

	const description =
		`${title}: the share giving a positive answer in each wave, with a bar for its 95% confidence ` +
		'interval; the dashed line marks the baseline' +
		(points.some((point) => isShown(point) && isInterim(point))
			? '; a hollow point marks a wave still open, whose figures are so far.'
			: '.') +
		(decisions.length > 0 && points.length > 0
			? ` A dotted line marks the date of each decision on this indicator (${decisions
					.map((d) => d.label)
					.join(', ')}); the table of decisions says which.`
			: '') +
		(changes.length > 0 && points.length > 0
			? ` A solid line marks each change of the indicator's definition (${changes
					.map((c) => c.label)
					.join(', ')}); the table of changes says what changed.`
			: '');
	return finishChart(chart, document, {
		summary,
		description,
		text: TREND_COLOURS.text,
		fontSize: options.fontSize
	});
}
