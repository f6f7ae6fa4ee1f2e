/**
 * The two-wave chart: one block per indicator, its question written above (wrapped, never cut), then wave A
 * as a hollow point and wave B as a filled one, each with its 95% interval as a bar, on one 0–100% axis.
 * A wave without figures has no point, only the reason in a few words. Drawn narrow with large text so that
 * it stays readable on a 320 px phone; shapes (hollow, filled) tell the waves apart, never colour alone, and
 * the colours survive greyscale print. The legend names the waves above the axis.
 */
import * as Plot from '@observablehq/plot';
import { formatCount, formatPercent } from '$lib/analytics/format';
import { chartDocument, finishChart } from '$lib/charts/svg';
import { wrapWords } from '$lib/indicators/overview-picture';
import { sideWords, type CompareSide, type CompareVerdict, type Comparison } from './compare';

/** The verdict in the chart's few words (the table and the summary give it in full). */
const CHART_VERDICT: Record<CompareVerdict, string> = {
	better: 'better',
	worse: 'worse',
	'no clear change': 'no clear change',
	interim: 'no verdict yet (still open)',
	'too few answers': 'too few to tell',
	'no figures': 'nothing to compare'
};

export const COMPARE_COLOURS = {
	/** wave B (filled) and its bar: 8.4:1 on white */
	measure: '#1d4e89',
	/** wave A (hollow) and its bar: 7.0:1 */
	earlier: '#595959',
	/** text: 17.4:1 */
	text: '#1a1a1a'
} as const;

const LINE = 18;
const BAR_GAP = 16;
const TOP = 74;
const BOTTOM = 12;
/** characters of a question on one line at 14px in the 360-wide chart */
const WRAP = 40;

export interface CompareChartOptions {
	summary: string;
	title: string;
	width?: number;
	document?: Document;
}

interface Mark {
	y: number;
	side: CompareSide;
	which: 'a' | 'b';
}

export function compareChartSvg(comparison: Comparison, options: CompareChartOptions): string {
	const width = options.width ?? 360;
	const document = chartDocument(options.document);
	const labels: { y: number; text: string; weight: number }[] = [];
	const marks: Mark[] = [];
	let y = TOP;
	for (const row of comparison.rows) {
		for (const line of wrapWords(row.indicator.prompt, WRAP)) {
			y += LINE;
			labels.push({ y, text: line, weight: 600 });
		}
		for (const line of wrapWords(
			`${sideWords(row.a)} → ${sideWords(row.b)}: ${CHART_VERDICT[row.verdict]}`,
			WRAP
		)) {
			y += LINE;
			labels.push({ y, text: line, weight: 400 });
		}
		y += BAR_GAP;
		marks.push({ y, side: row.a, which: 'a' });
		y += BAR_GAP;
		marks.push({ y, side: row.b, which: 'b' });
		y += 10;
	}
	const height = y + BOTTOM;
	const shown = marks.filter((m) => m.side.share !== null && m.side.interval !== null);
	const missing = marks.filter((m) => m.side.share === null);
	const colour = (m: Mark) => (m.which === 'a' ? COMPARE_COLOURS.earlier : COMPARE_COLOURS.measure);
	const legend = [
		{ y: 16, which: 'a' as const, text: `${comparison.a.label} (A)` },
		{ y: 36, which: 'b' as const, text: `${comparison.b.label} (B)` }
	];
	const chart = Plot.plot({
		document,
		width,
		height,
		marginTop: TOP,
		marginBottom: BOTTOM,
		marginLeft: 20,
		marginRight: 24,
		className: 'compare-chart',
		x: { domain: [0, 1] },
		y: { type: 'identity', axis: null },
		marks: [
			Plot.gridX({ ticks: 5, stroke: COMPARE_COLOURS.text, strokeOpacity: 0.12 }),
			Plot.axisX({
				anchor: 'top',
				ticks: 5,
				tickFormat: (share: number) => formatPercent(share),
				label: null
			}),
			// the legend: a hollow point for A, a filled one for B
			Plot.dot(legend, {
				x: 0,
				y: 'y',
				dx: 6,
				r: 6,
				stroke: (d: (typeof legend)[number]) =>
					d.which === 'a' ? COMPARE_COLOURS.earlier : COMPARE_COLOURS.measure,
				strokeWidth: 2,
				fill: (d: (typeof legend)[number]) => (d.which === 'a' ? 'white' : COMPARE_COLOURS.measure)
			}),
			Plot.text(legend, {
				x: 0,
				y: 'y',
				dx: 18,
				text: 'text',
				textAnchor: 'start',
				fill: COMPARE_COLOURS.text
			}),
			...[600, 400].map((weight) =>
				Plot.text(
					labels.filter((d) => d.weight === weight),
					{
						x: 0,
						y: 'y',
						text: 'text',
						textAnchor: 'start',
						fill: COMPARE_COLOURS.text,
						fontWeight: weight
					}
				)
			),
			Plot.ruleY(shown, {
				y: 'y',
				x1: (m: Mark) => m.side.interval!.lower,
				x2: (m: Mark) => m.side.interval!.upper,
				stroke: colour,
				strokeWidth: 3
			}),
			Plot.dot(shown, {
				y: 'y',
				x: (m: Mark) => m.side.share,
				r: 6,
				stroke: colour,
				strokeWidth: 2,
				fill: (m: Mark) => (m.which === 'a' ? 'white' : COMPARE_COLOURS.measure)
			}),
			Plot.text(missing, {
				y: 'y',
				x: 0,
				text: (m: Mark) => `${m.which.toUpperCase()}: ${sideWords(m.side)}`,
				textAnchor: 'start',
				fill: COMPARE_COLOURS.earlier,
				fontStyle: 'italic'
			})
		]
	});
	const description =
		`${options.title}: for each indicator, the share in ${comparison.a.label} (A, a hollow point) and in ` +
		`${comparison.b.label} (B, a filled point), each with a bar for its 95% confidence interval, and its n ` +
		`written above (${formatCount(comparison.rows.length)} ${comparison.rows.length === 1 ? 'indicator' : 'indicators'}).`;
	return finishChart(chart, document, {
		summary: options.summary,
		description,
		text: COMPARE_COLOURS.text,
		fontSize: 14
	});
}
