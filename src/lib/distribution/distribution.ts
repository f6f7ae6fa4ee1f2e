/**
 * The distribution of every answer to a question, per wave, as a diverging stacked bar: the answers that
 * count as positive to the right of a centre line, the others to the left, each as its share of everyone who
 * answered. Pure, so the page, its downloads and its tests agree.
 *
 * Figures come from `api.published_table` as the reader may see them: staff get every answer; forum,
 * scrutiny and the public get, for a one-answer indicator, its positive answers and the others as two parts.
 * A wave with a hidden count has no bar (its parts could not be placed honestly), only the reason.
 */
import * as Plot from '@observablehq/plot';
import { formatCount, formatPercent } from '$lib/analytics/format';
import { chartDocument, finishChart } from '$lib/charts/svg';

export interface WaveAnswers {
	label: string;
	/** 'open' waves are interim */
	status: string;
	/** how many answered; null when hidden */
	n: number | null;
	/** the columns, in the question's order */
	answers: { value: string; label: string; positive: boolean; count: number | null }[];
}

export interface Segment {
	wave: string;
	value: string;
	label: string;
	positive: boolean;
	count: number;
	share: number;
	/** where the segment starts and ends, as shares left (negative) or right of the centre */
	x1: number;
	x2: number;
	/** 0 for the answer nearest the centre on its side, 1 for the next, … */
	rank: number;
}

export interface DistributionRow {
	wave: WaveAnswers;
	/** null: no bar, and why */
	segments: Segment[] | null;
	reason: string | null;
}

/** Lay out each wave's answers: positive ones right of the centre, the nearest to neutral first. */
export function distributionRows(waves: readonly WaveAnswers[]): DistributionRow[] {
	return waves.map((wave) => {
		if (wave.n === null) return { wave, segments: null, reason: 'hidden (small count)' };
		if (wave.n === 0)
			return { wave, segments: null, reason: wave.status === 'open' ? 'no answers yet' : 'no answers' };
		if (wave.answers.some((a) => a.count === null))
			return { wave, segments: null, reason: 'hidden (small count)' };
		const n = wave.n;
		const right = wave.answers.filter((a) => a.positive).reverse();
		const left = wave.answers.filter((a) => !a.positive);
		const segments: Segment[] = [];
		let at = 0;
		right.forEach((a, rank) => {
			const share = a.count! / n;
			segments.push({
				wave: wave.label,
				value: a.value,
				label: a.label,
				positive: true,
				count: a.count!,
				share,
				x1: at,
				x2: at + share,
				rank
			});
			at += share;
		});
		at = 0;
		left.forEach((a, rank) => {
			const share = a.count! / n;
			segments.push({
				wave: wave.label,
				value: a.value,
				label: a.label,
				positive: false,
				count: a.count!,
				share,
				x1: at - share,
				x2: at,
				rank
			});
			at -= share;
		});
		return { wave, segments, reason: null };
	});
}

/** Colours that survive colour blindness and greyscale: blues for positive, oranges for the others, darker outward. */
const POSITIVE = ['#6baed6', '#2171b5', '#08306b'];
const OTHER = ['#fdae6b', '#a63603', '#4d1a02'];
export function segmentColour(segment: Pick<Segment, 'positive' | 'rank'>): string {
	const scheme = segment.positive ? POSITIVE : OTHER;
	return scheme[Math.min(segment.rank, scheme.length - 1)]!;
}
/** Text on a segment: dark on the light shades, white on the dark ones (contrast at least 4.5:1). */
function textColour(segment: Segment): string {
	return segment.rank === 0 ? '#1a1a1a' : 'white';
}

/**
 * One sentence: "In Autumn 2026, 58% of 300 answered strongly agree or agree; the most common other answer was
 * disagree (20%)." Never a percentage without its n; an open wave's figures are "so far".
 */
export function distributionSummary(rows: readonly DistributionRow[], positiveWords: string): string {
	const latest = [...rows].reverse().find((r) => r.segments !== null);
	if (!latest || !latest.segments) {
		return rows.length === 0
			? 'No wave has opened yet, so there is nothing to show.'
			: `No wave has figures to show: ${rows.map((r) => `${r.wave.label} ${r.reason}`).join('; ')}.`;
	}
	const positive = latest.segments.filter((s) => s.positive).reduce((sum, s) => sum + s.count, 0);
	const n = latest.wave.n!;
	const others = latest.segments.filter((s) => !s.positive).sort((a, b) => b.count - a.count);
	const soFar = latest.wave.status === 'open' ? ' so far' : '';
	const head = `In ${latest.wave.label}, ${formatPercent(positive / n)} of ${formatCount(n)} answered ${positiveWords}${soFar}`;
	if (others.length === 0 || others[0]!.count === 0) return `${head}.`;
	const top = others[0]!;
	return others.length === 1
		? `${head}; ${formatPercent(top.share)} did not.`
		: `${head}; the most common other answer was “${top.label.toLowerCase()}” (${formatPercent(top.share)}).`;
}

export function distributionChartSvg(
	rows: readonly DistributionRow[],
	options: { summary: string; title: string; width?: number; document?: Document }
): string {
	const width = options.width ?? 360;
	const document = chartDocument(options.document);
	const waves = rows.map((r) => r.wave.label);
	const segments = rows.flatMap((r) => r.segments ?? []);
	const missing = rows.filter((r) => r.segments === null);
	const left = Math.min(-0.5, ...segments.map((s) => s.x1));
	const right = Math.max(0.5, ...segments.map((s) => s.x2));
	const height = 48 + 56 * Math.max(1, rows.length);
	const chart = Plot.plot({
		document,
		width,
		height,
		marginTop: 36,
		marginLeft: 12,
		marginRight: 12,
		marginBottom: 12,
		className: 'distribution-chart',
		x: { domain: [left, right] },
		y: { type: 'band', domain: waves.length > 0 ? waves : [''], padding: 0, axis: null },
		marks: [
			Plot.axisX({
				anchor: 'top',
				ticks: 5,
				tickFormat: (share: number) => formatPercent(Math.abs(share)),
				label: null
			}),
			Plot.text(rows, {
				y: (r: DistributionRow) => r.wave.label,
				x: left,
				text: (r: DistributionRow) =>
					`${r.wave.label}${r.wave.status === 'open' ? ' (so far)' : ''}${r.wave.n ? `, n = ${formatCount(r.wave.n)}` : ''}`,
				textAnchor: 'start',
				dy: -14,
				fontWeight: 600,
				fill: '#1a1a1a'
			}),
			Plot.rect(segments, {
				y: 'wave',
				x1: 'x1',
				x2: 'x2',
				insetTop: 26,
				insetBottom: 6,
				fill: (s: Segment) => segmentColour(s),
				stroke: 'white'
			}),
			Plot.text(
				segments.filter((s) => s.x2 - s.x1 >= 0.09),
				{
					y: 'wave',
					x: (s: Segment) => (s.x1 + s.x2) / 2,
					text: (s: Segment) => formatPercent(s.share),
					dy: 10,
					fill: (s: Segment) => textColour(s)
				}
			),
			Plot.text(missing, {
				y: (r: DistributionRow) => r.wave.label,
				x: 0,
				text: (r: DistributionRow) => r.reason ?? '',
				dy: 10,
				fill: '#595959',
				fontStyle: 'italic'
			}),
			Plot.ruleX([0], { stroke: '#1a1a1a', strokeWidth: 1.5 })
		]
	});
	return finishChart(chart, document, {
		summary: options.summary,
		description:
			`${options.title}: for each wave, every answer as its share of the people who answered, the answers ` +
			'that count as positive to the right of the line (blues) and the others to the left (oranges), darker ' +
			'further from the line. The table gives every count.',
		text: '#1a1a1a',
		fontSize: 14
	});
}
