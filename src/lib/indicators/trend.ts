/**
 * The trend chart: the share giving a positive answer in each wave of a survey, with its 95% interval,
 * against the baseline. A pure builder (rows in, SVG text out) so it renders on the server, prints, works
 * without JavaScript, and has a snapshot test; plus the one-sentence summary that goes with it.
 *
 * Rows come from the database already through disclosure control: a suppressed wave has `positive` and
 * `share` set to null. Shares and intervals are recomputed here from `positive` and `n`, so the chart, the
 * table and the summary cannot disagree.
 */
import type { WaveKind } from '$lib/domain';
import * as Plot from '@observablehq/plot';
import { formatCount, formatPercent, roundPercent } from '$lib/analytics/format';
import { shareChange, wilsonInterval, type Interval } from '$lib/analytics/proportion';

/** One wave of one indicator, as the dashboard API returns it. */
export interface TrendRow {
	waveLabel: string;
	waveKind: WaveKind;
	/** When the wave opened (ISO 8601 date or timestamp); waves are drawn in this order. */
	opensAt: string;
	/** How many answered the question. */
	n: number;
	/** How many gave a positive answer; null when suppressed. */
	positive: number | null;
	/** positive / n; null when suppressed or nobody answered. Not used for drawing: see the module note. */
	share: number | null;
	/** True when disclosure control hid the figures for this wave. */
	suppressed: boolean;
}

/** What can be shown for a wave. */
export type WaveStatus = 'shown' | 'suppressed' | 'no answers';

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
	/** The document to build in. Default: the browser's, or a linkedom document on the server. */
	document?: Document;
}

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
	/** The baseline rule and its label, and "too few to show": 7.0:1. */
	muted: '#595959'
} as const;

const BACKGROUND = 'white';

/**
 * linkedom, loaded only where there is no DOM (on the server). It is a dynamic import so that the browser
 * bundle keeps it in a separate chunk that is never downloaded: a static import would add about 120 kB
 * (gzipped) to every page with a chart, because bundlers cannot drop linkedom's module side effects.
 */
const serverDom: typeof import('linkedom') | null =
	typeof document === 'undefined' ? await import('linkedom') : null;

const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * Sort waves by opening time and work out what can be shown for each. Ties keep their input order.
 * A wave with n = 0 has 'no answers'; a wave that was suppressed (or came without a positive count) is
 * 'suppressed'.
 */
export function prepareTrend(rows: readonly TrendRow[]): TrendPoint[] {
	return rows
		.map((row, index) => ({ row, index, time: Date.parse(row.opensAt) }))
		.sort((a, b) => compareTimes(a.time, b.time) || a.index - b.index)
		.map(({ row }): TrendPoint => {
			if (row.n === 0) return { ...row, status: 'no answers', share: null, interval: null };
			if (row.suppressed || row.positive === null) {
				return { ...row, status: 'suppressed', share: null, interval: null };
			}
			return {
				...row,
				status: 'shown',
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

type ShownPoint = TrendPoint & { status: 'shown'; positive: number; share: number; interval: Interval };

function isShown(point: TrendPoint): point is ShownPoint {
	return point.status === 'shown';
}

function shareOfN(point: ShownPoint): string {
	return `${formatPercent(point.share)} of ${formatCount(point.n)}`;
}

/** "Autumn 2025" → "Autumn 2025 baseline"; a label that already says so is left alone. */
function baselineName(point: TrendPoint): string {
	return /\bbaseline\b/i.test(point.waveLabel) ? point.waveLabel : `${point.waveLabel} baseline`;
}

/** Why a wave has no figures: the latest wave may still be open, an earlier one is closed. */
function withoutFigures(point: TrendPoint, tense: 'present' | 'past'): string {
	if (point.status === 'suppressed') return 'had too few answers to show';
	return tense === 'present' ? 'has no answers yet' : 'had no answers';
}

/**
 * How the latest wave with figures compares with the baseline, in words. The points difference is taken
 * between the rounded percentages, so the sentence adds up for a reader ("38% … 58%, up 20 points").
 * Whether it is "larger than chance would explain" comes from Newcombe's interval on the exact counts.
 */
function changeClause(baseline: ShownPoint, wave: ShownPoint): string {
	const change = shareChange(
		{ positive: baseline.positive, n: baseline.n },
		{ positive: wave.positive, n: wave.n }
	);
	if (change === null) return ''; // unreachable: both have answers
	const points = roundPercent(wave.share) - roundPercent(baseline.share);
	const direction = change.difference > 0 ? 'up' : 'down';
	const size =
		points === 0
			? `${direction} by less than 1 percentage point`
			: `${direction} ${Math.abs(points)} percentage ${Math.abs(points) === 1 ? 'point' : 'points'}`;
	if (change.moreThanNoise) return `${size}, a change larger than chance would explain`;
	if (points === 0 || change.difference === 0) return 'no clear change';
	return `${size}, too small a change to rule out chance`;
}

/**
 * One plain-English sentence for a councillor about the trend, never giving a percentage without its n.
 * For example: "At the Autumn 2025 baseline, 38% of 450 parent carers agreed they feel listened to; in
 * Autumn 2026 it was 58% of 300, up 20 percentage points, a change larger than chance would explain."
 *
 * The baseline is the earliest wave of kind 'baseline'; it is compared with the latest later wave that has
 * figures. A newer wave without figures (suppressed, or no answers yet) is mentioned at the end.
 *
 * @param indicatorLabel what follows "38% of 450", e.g. "parent carers agreed they feel listened to".
 */
export function trendSummary(rows: readonly TrendRow[], indicatorLabel: string): string {
	const points = prepareTrend(rows);
	const latest = points.at(-1);
	if (latest === undefined) return 'No waves have opened yet, so there are no answers to show.';
	const shown = points.filter(isShown);
	if (shown.length === 0) {
		return points.every((point) => point.status === 'no answers')
			? 'No one has answered yet, so there is nothing to show.'
			: 'Too few people have answered in any wave to show figures without risking identifying someone.';
	}

	const baselineIndex = points.findIndex((point) => point.waveKind === 'baseline');
	const baseline = baselineIndex === -1 ? undefined : points[baselineIndex];
	const clauses: string[] = [];
	let described: TrendPoint;

	if (baseline !== undefined && isShown(baseline)) {
		clauses.push(`At the ${baselineName(baseline)}, ${shareOfN(baseline)} ${indicatorLabel}`);
		const later = points.slice(baselineIndex + 1);
		const compared = later.filter(isShown).at(-1);
		if (compared !== undefined) {
			clauses.push(
				`in ${compared.waveLabel} it was ${shareOfN(compared)}, ${changeClause(baseline, compared)}`
			);
			described = compared;
		} else {
			described = baseline;
			if (later.length === 0) clauses.push('there is no later wave to compare with yet');
		}
	} else {
		const newest = shown.at(-1)!;
		clauses.push(`In ${newest.waveLabel}, ${shareOfN(newest)} ${indicatorLabel}`);
		clauses.push(
			baseline === undefined
				? 'there is no baseline to compare with'
				: `the ${baselineName(baseline)} ${withoutFigures(baseline, 'past')}, so there is nothing to compare with`
		);
		described = newest;
	}

	if (latest !== described && latest !== baseline && !isShown(latest)) {
		clauses.push(`${latest.waveLabel} ${withoutFigures(latest, 'present')}`);
	}
	return `${clauses.join('; ')}.`;
}

/** The document Plot draws into: the given one, the browser's, or a fresh linkedom one on the server. */
function chartDocument(given: Document | undefined): Document {
	if (given !== undefined) return given;
	if (typeof globalThis.document !== 'undefined') return globalThis.document;
	if (serverDom === null) throw new Error('trendChartSvg needs a document: pass options.document');
	return serverDom.parseHTML('<!doctype html><html><body></body></html>').document as unknown as Document;
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
 *   a line joins the waves with figures;
 * - a dashed rule at the baseline share, labelled in the right margin;
 * - a wave without figures has no point, only "too few to show" or "no answers yet".
 *
 * The root is `<svg role="img">` whose accessible name (aria-label and `<title>`) is the summary sentence.
 * Output is deterministic and the same in Node (linkedom) and in a browser: elements are serialised here,
 * with attributes in alphabetical order and coordinates rounded to 2 decimals.
 */
export function trendChartSvg(rows: readonly TrendRow[], options: TrendChartOptions): string {
	const { title, indicatorLabel = DEFAULT_INDICATOR_LABEL, width = 640, height = 360 } = options;
	const document = chartDocument(options.document);
	const points = prepareTrend(rows);
	const summary = trendSummary(rows, indicatorLabel);
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
			Plot.dot(shown, {
				x: 'key',
				y: (d: { point: ShownPoint }) => d.point.share,
				r: 5,
				fill: TREND_COLOURS.measure,
				stroke: BACKGROUND,
				strokeWidth: 1.5
			}),
			Plot.text(shown, {
				x: 'key',
				y: (d: { point: ShownPoint }) => d.point.interval.upper,
				text: (d: { point: ShownPoint }) => `${formatPercent(d.point.share)}\nn=${formatCount(d.point.n)}`,
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
				text: (d: { point: TrendPoint }) =>
					d.point.status === 'no answers' ? 'no answers yet' : 'too few to show',
				lineAnchor: 'bottom',
				dy: -8,
				fill: TREND_COLOURS.muted,
				fontStyle: 'italic',
				...halo
			})
		]
	});

	// Set as text, not through Plot's style option: browsers would rewrite it as "color: rgb(26, 26, 26); …".
	chart.setAttribute('style', `color:${TREND_COLOURS.text};background:${BACKGROUND};font-size:12px`);
	chart.setAttribute('role', 'img');
	chart.setAttribute('aria-label', summary);
	const titleElement = document.createElementNS(SVG_NS, 'title');
	titleElement.textContent = summary;
	const description = document.createElementNS(SVG_NS, 'desc');
	description.textContent =
		`${title}: the share giving a positive answer in each wave, with a bar for its 95% confidence ` +
		'interval; the dashed line marks the baseline.';
	chart.insertBefore(description, chart.firstChild);
	chart.insertBefore(titleElement, chart.firstChild);
	// Plot labels its groups ("line", "dot", …); inside an image they are not allowed (aria-prohibited-attr)
	// and mean nothing to a listener: the image's name and the data table carry the content.
	for (const group of Array.from(chart.querySelectorAll('[aria-label]'))) group.removeAttribute('aria-label');
	chart.setAttribute('aria-label', summary);
	return serialize(chart);
}

/** Attributes whose values are text for people, never coordinates. */
const TEXT_ATTRIBUTES = new Set(['aria-label', 'aria-description', 'class']);

function roundCoordinates(value: string): string {
	return value.replace(/-?\d+\.\d{3,}/g, (number) => {
		const rounded = Number(Number(number).toFixed(2));
		return String(rounded === 0 ? 0 : rounded);
	});
}

function escapeText(text: string): string {
	return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttribute(text: string): string {
	return escapeText(text).replace(/"/g, '&quot;');
}

/**
 * Serialise an SVG subtree the same way in every DOM: linkedom and browsers differ in attribute order
 * and in self-closing tags, which would break snapshots and make hydration see a different string.
 */
function serialize(node: Node): string {
	if (node.nodeType === 3) return escapeText(node.nodeValue ?? '');
	if (node.nodeType !== 1) return '';
	const element = node as Element;
	const name = element.localName;
	const attributes = Array.from(element.attributes)
		.map(({ name, value }) => ({ name, value: TEXT_ATTRIBUTES.has(name) ? value : roundCoordinates(value) }))
		.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
		.map(({ name, value }) => ` ${name}="${escapeAttribute(value)}"`)
		.join('');
	const children = Array.from(element.childNodes).map(serialize).join('');
	return `<${name}${attributes}>${children}</${name}>`;
}
