/**
 * The equity chart: one row per group, its share as a point with its 95% interval as a bar, the share of
 * everyone as a dashed line. Drawn narrow with large text so that it stays readable on a 320 px phone; the
 * group's name and figures are written above its bar, never squeezed into a margin. A group more than chance
 * above or below the rest has a filled point, others a hollow one, and the words say which (colour is never
 * the only cue, and the colours survive greyscale print).
 */
import * as Plot from '@observablehq/plot';
import { formatCount, formatPercent } from '$lib/analytics/format';
import { chartDocument, finishChart } from '$lib/charts/svg';
import { GAP_WORDS, type EquityResult, type EquityGroup } from './equity';

export const EQUITY_COLOURS = {
	/** points and bars: 8.4:1 on white */
	measure: '#1d4e89',
	/** text: 17.4:1 */
	text: '#1a1a1a',
	/** the everyone line and missing figures: 7.0:1 */
	muted: '#595959'
} as const;

const ROW = 52;
const TOP = 44;
const BOTTOM = 12;

export interface EquityChartOptions {
	summary: string;
	title: string;
	width?: number;
	document?: Document;
}

type Shown = EquityGroup & { share: number; n: number; interval: { lower: number; upper: number } };

function isShown(g: EquityGroup): g is Shown {
	return g.share !== null && g.n !== null && g.interval !== null;
}

function groupText(g: EquityGroup): string {
	if (isShown(g)) return `${g.label}: ${formatPercent(g.share)} of ${formatCount(g.n)}`;
	if (g.n === 0) return `${g.label}: no answers`;
	return `${g.label}: ${GAP_WORDS.hidden}`;
}

export function equityChartSvg(result: EquityResult, options: EquityChartOptions): string {
	const width = options.width ?? 360;
	const document = chartDocument(options.document);
	const keys = result.groups.map((g) => g.key);
	const height = TOP + BOTTOM + ROW * Math.max(1, keys.length);
	const shown = result.groups.filter(isShown);
	const everyone = result.everyone ? [result.everyone.share] : [];
	const chart = Plot.plot({
		document,
		width,
		height,
		marginTop: TOP,
		marginBottom: BOTTOM,
		marginLeft: 12,
		marginRight: 16,
		className: 'equity-chart',
		x: { domain: [0, 1] },
		y: { type: 'band', domain: keys.length > 0 ? keys : [''], padding: 0, axis: null },
		marks: [
			Plot.gridX({ ticks: 5, stroke: EQUITY_COLOURS.text, strokeOpacity: 0.12 }),
			Plot.axisX({
				anchor: 'top',
				ticks: 5,
				tickFormat: (share: number) => formatPercent(share),
				label: null
			}),
			Plot.ruleX(everyone, { stroke: EQUITY_COLOURS.muted, strokeWidth: 1.5, strokeDasharray: '6,4' }),
			Plot.text(everyone, {
				x: (share: number) => share,
				text: (share: number) => `Everyone ${formatPercent(share)}`,
				frameAnchor: 'top',
				dy: -30,
				fill: EQUITY_COLOURS.muted
			}),
			// the name and figures above each bar, left-aligned across the whole width
			Plot.text(result.groups, {
				y: 'key',
				x: 0,
				text: groupText,
				textAnchor: 'start',
				dy: -8,
				fill: EQUITY_COLOURS.text,
				fontWeight: 600
			}),
			Plot.ruleY(shown, {
				y: 'key',
				x1: (g: Shown) => g.interval.lower,
				x2: (g: Shown) => g.interval.upper,
				dy: 10,
				stroke: EQUITY_COLOURS.measure,
				strokeWidth: 3
			}),
			Plot.dot(shown, {
				y: 'key',
				x: 'share',
				dy: 10,
				r: 6,
				stroke: EQUITY_COLOURS.measure,
				strokeWidth: 2,
				fill: (g: Shown) =>
					g.verdict === 'higher' || g.verdict === 'lower' ? EQUITY_COLOURS.measure : 'white'
			})
		]
	});
	const description =
		`${options.title}: each group's share with a bar for its 95% confidence interval; the dashed line is the ` +
		'share of everyone. A filled point marks a group whose gap from the rest is more than chance after ' +
		'adjusting for the number of groups compared; a hollow point, one whose gap is not, or that has too few ' +
		'answers to tell.';
	return finishChart(chart, document, {
		summary: options.summary,
		description,
		text: EQUITY_COLOURS.text,
		fontSize: 14
	});
}
