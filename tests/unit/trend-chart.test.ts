import { describe, expect, it, vi } from 'vitest';

// Nothing in the chart should depend on the machine's time zone; pin it anyway, before anything runs.
vi.hoisted(() => {
	process.env.TZ = 'UTC';
});

import { parseHTML } from 'linkedom';
import { render } from 'svelte/server';
import TrendChart from '$lib/indicators/TrendChart.svelte';
import {
	DEFAULT_INDICATOR_LABEL,
	TREND_COLOURS,
	prepareTrend,
	trendChartSvg,
	trendSummary,
	type TrendRow
} from '$lib/indicators/trend';

const INDICATOR = 'parent carers agreed they feel listened to';

function wave(
	waveLabel: string,
	opensAt: string,
	n: number,
	positive: number | null,
	options: Pick<TrendRow, 'phase' | 'closesAt' | 'asked'> & { baseline?: boolean; suppressed?: boolean } = {}
): TrendRow {
	const { baseline, suppressed, ...rest } = options;
	return {
		waveLabel,
		waveKind: baseline ? 'baseline' : 'repeat',
		opensAt,
		n,
		positive,
		share: positive === null || n === 0 ? null : positive / n,
		suppressed: suppressed ?? false,
		...rest
	};
}

const baseline = wave('Autumn 2025', '2025-09-15T08:00:00Z', 450, 171, { baseline: true }); // 38%
const autumn2026 = wave('Autumn 2026', '2026-09-14T08:00:00Z', 300, 174); // 58%
const spring2026Suppressed = wave('Spring 2026', '2026-03-02T08:00:00Z', 6, null, { suppressed: true });
const spring2027Empty = wave('Spring 2027', '2027-03-01T08:00:00Z', 0, null, {
	phase: 'open',
	closesAt: '2027-04-30T12:00:00Z'
});

/** The chart every snapshot is taken of: a baseline, a suppressed wave, a repeat and an open wave not yet answered. */
const mixed: TrendRow[] = [baseline, spring2026Suppressed, autumn2026, spring2027Empty];

/** One tag a line, so a snapshot diff shows which mark changed. */
function pretty(svg: string): string {
	return `${svg.replace(/></g, '>\n<')}\n`;
}

describe('prepareTrend', () => {
	it('puts waves in order of opening and works out what can be shown', () => {
		const points = prepareTrend([spring2027Empty, autumn2026, baseline, spring2026Suppressed]);
		expect(points.map((p) => p.waveLabel)).toEqual([
			'Autumn 2025',
			'Spring 2026',
			'Autumn 2026',
			'Spring 2027'
		]);
		expect(points.map((p) => p.status)).toEqual(['shown', 'suppressed', 'shown', 'no answers yet']);
		// Wilson 95% interval for 171/450, checked with SciPy: 0.33635 to 0.42568.
		expect(points[0]!.share).toBeCloseTo(0.38, 12);
		expect(points[0]!.interval!.lower).toBeCloseTo(0.33635, 4);
		expect(points[0]!.interval!.upper).toBeCloseTo(0.42568, 4);
		expect(points[1]!.interval).toBeNull();
		expect(points[3]!.share).toBeNull();
	});

	it('treats a row without a positive count as suppressed even if the flag is missing', () => {
		expect(prepareTrend([wave('X', '2026-01-01', 8, null)])[0]!.status).toBe('suppressed');
	});

	it('tells apart a wave that did not ask, one not open yet, one still open and one closed with no answers', () => {
		const statuses = prepareTrend([
			wave('A', '2026-01-01', 0, null, { asked: false }),
			wave('B', '2026-02-01', 0, null, { phase: 'not_yet_open' }),
			wave('C', '2026-03-01', 0, null, { phase: 'open' }),
			wave('D', '2026-04-01', 0, null, { phase: 'closed' })
		]).map((p) => p.status);
		expect(statuses).toEqual(['not asked', 'not open yet', 'no answers yet', 'no answers']);
	});

	it('reads a group size hidden under the disclosure rule (n null) as suppressed', () => {
		const hidden: TrendRow = { ...spring2026Suppressed, n: null };
		const [point] = prepareTrend([hidden]);
		expect(point!.status).toBe('suppressed');
		expect(point!.share).toBeNull();
		expect(trendSummary([baseline, hidden], INDICATOR)).not.toContain('NaN');
	});
});

describe('trendSummary', () => {
	const cases: { name: string; rows: TrendRow[]; expected: string }[] = [
		{
			name: 'a change larger than chance',
			rows: [baseline, autumn2026],
			expected:
				'At the Autumn 2025 baseline, 38% of 450 parent carers agreed they feel listened to; in Autumn 2026 it ' +
				'was 58% of 300, up 20 percentage points (between 13 and 27), a change larger than chance would explain.'
		},
		{
			name: 'a fall larger than chance',
			rows: [baseline, wave('Autumn 2026', '2026-09-14', 300, 60)],
			expected:
				'At the Autumn 2025 baseline, 38% of 450 parent carers agreed they feel listened to; in Autumn 2026 it ' +
				'was 20% of 300, down 18 percentage points (between 11 and 24), a change larger than chance would explain.'
		},
		{
			name: 'no clear change (a small rise within chance)',
			rows: [baseline, wave('Autumn 2026', '2026-09-14', 300, 120)],
			expected:
				'At the Autumn 2025 baseline, 38% of 450 parent carers agreed they feel listened to; in Autumn 2026 it ' +
				'was 40% of 300, up 2 percentage points (between down 5 and up 9), too small a change to rule out chance.'
		},
		{
			name: 'no clear change, one point',
			rows: [baseline, wave('Autumn 2026', '2026-09-14', 300, 117)],
			expected:
				'At the Autumn 2025 baseline, 38% of 450 parent carers agreed they feel listened to; in Autumn 2026 it ' +
				'was 39% of 300, up 1 percentage point (between down 6 and up 8), too small a change to rule out chance.'
		},
		{
			name: 'no clear change, the same share',
			rows: [baseline, wave('Autumn 2026', '2026-09-14', 300, 114)],
			expected:
				'At the Autumn 2025 baseline, 38% of 450 parent carers agreed they feel listened to; in Autumn 2026 it ' +
				'was 38% of 300, no clear change (between down 7 and up 7).'
		},
		{
			name: 'a real change smaller than the rounding',
			rows: [
				wave('Autumn 2025', '2025-09-15', 1_000_000, 400_000, { baseline: true }),
				wave('Autumn 2026', '2026-09-14', 1_000_000, 404_000)
			],
			expected:
				'At the Autumn 2025 baseline, 40% of 1,000,000 parent carers agreed they feel listened to; in Autumn ' +
				'2026 it was 40% of 1,000,000, up by less than 1 percentage point (between 0.3 and 0.5), a change larger ' +
				'than chance would explain.'
		},
		{
			// The old summary called this "up 100 percentage points, a change larger than chance would explain".
			name: 'no verdict on too little: 0 of 2 → 2 of 2',
			rows: [
				wave('Autumn 2025', '2025-09-15', 2, 0, { baseline: true }),
				wave('Autumn 2026', '2026-09-14', 2, 2)
			],
			expected:
				'At the Autumn 2025 baseline, 0% of 2 parent carers agreed they feel listened to; in Autumn 2026 it was ' +
				'100% of 2, too few answers to tell whether it changed (a verdict needs at least 30 in each wave).'
		},
		{
			name: 'no verdict on too little in one wave only',
			rows: [baseline, wave('Autumn 2026', '2026-09-14', 29, 29)],
			expected:
				'At the Autumn 2025 baseline, 38% of 450 parent carers agreed they feel listened to; in Autumn 2026 it was ' +
				'100% of 29, too few answers to tell whether it changed (a verdict needs at least 30 in each wave).'
		},
		{
			name: 'an open wave is interim',
			rows: [baseline, { ...autumn2026, phase: 'open', closesAt: '2026-11-30T23:59:00Z' }],
			expected:
				'At the Autumn 2025 baseline, 38% of 450 parent carers agreed they feel listened to; in Autumn 2026 it is ' +
				'58% of 300 so far, until 30 November 2026, up 20 percentage points (between 13 and 27); the wave is ' +
				'still open, so there is no verdict yet.'
		},
		{
			name: 'an open baseline is interim',
			rows: [{ ...baseline, phase: 'open', closesAt: '2025-10-31T23:59:00Z' }],
			expected:
				'At the Autumn 2025 baseline, 38% of 450 parent carers agreed they feel listened to so far, until 31 ' +
				'October 2025; there is no later wave to compare with yet.'
		},
		{
			name: 'only a baseline',
			rows: [baseline],
			expected:
				'At the Autumn 2025 baseline, 38% of 450 parent carers agreed they feel listened to; there is no later ' +
				'wave to compare with yet.'
		},
		{
			name: 'the latest wave is suppressed',
			rows: [baseline, spring2026Suppressed],
			expected:
				'At the Autumn 2025 baseline, 38% of 450 parent carers agreed they feel listened to; Spring 2026 is ' +
				'hidden, because a count is too small to publish without risking identifying someone.'
		},
		{
			name: 'the latest wave did not ask the question',
			rows: [baseline, wave('Spring 2026', '2026-03-02', 0, null, { asked: false, phase: 'closed' })],
			expected:
				'At the Autumn 2025 baseline, 38% of 450 parent carers agreed they feel listened to; Spring 2026 did not ' +
				'ask this question.'
		},
		{
			name: 'the latest wave closed with no answers',
			rows: [baseline, wave('Spring 2026', '2026-03-02', 0, null, { phase: 'closed' })],
			expected:
				'At the Autumn 2025 baseline, 38% of 450 parent carers agreed they feel listened to; Spring 2026 closed ' +
				'with no answers.'
		},
		{
			name: 'the latest wave has not opened',
			rows: [baseline, wave('Spring 2027', '2027-03-01', 0, null, { phase: 'not_yet_open' })],
			expected:
				'At the Autumn 2025 baseline, 38% of 450 parent carers agreed they feel listened to; Spring 2027 opens ' +
				'on 1 March 2027.'
		},
		{
			name: 'the latest wave has no answers yet, an earlier repeat is compared instead',
			rows: mixed,
			expected:
				'At the Autumn 2025 baseline, 38% of 450 parent carers agreed they feel listened to; in Autumn 2026 it ' +
				'was 58% of 300, up 20 percentage points (between 13 and 27), a change larger than chance would explain; ' +
				'Spring 2027 is open until 30 April 2027 and has no answers yet.'
		},
		{
			name: 'the baseline is suppressed',
			rows: [wave('Autumn 2025', '2025-09-15', 7, null, { baseline: true, suppressed: true }), autumn2026],
			expected:
				'In Autumn 2026, 58% of 300 parent carers agreed they feel listened to; the Autumn 2025 baseline is ' +
				'hidden, because a count is too small to publish without risking identifying someone, so there is ' +
				'nothing to compare with.'
		},
		{
			name: 'the baseline closed with no answers',
			rows: [wave('Autumn 2025', '2025-09-15', 0, null, { baseline: true, phase: 'closed' }), autumn2026],
			expected:
				'In Autumn 2026, 58% of 300 parent carers agreed they feel listened to; the Autumn 2025 baseline closed ' +
				'with no answers, so there is nothing to compare with.'
		},
		{
			name: 'the baseline did not ask the question',
			rows: [wave('Autumn 2025', '2025-09-15', 0, null, { baseline: true, asked: false }), autumn2026],
			expected:
				'In Autumn 2026, 58% of 300 parent carers agreed they feel listened to; the Autumn 2025 baseline did not ' +
				'ask this question, so there is nothing to compare with.'
		},
		{
			name: 'there is no baseline wave',
			rows: [autumn2026],
			expected:
				'In Autumn 2026, 58% of 300 parent carers agreed they feel listened to; there is no baseline to ' +
				'compare with.'
		},
		{
			name: 'every wave is suppressed',
			rows: [{ ...baseline, positive: null, share: null, suppressed: true }, spring2026Suppressed],
			expected:
				'The figures for every wave are hidden, because counts are too small to publish without risking ' +
				'identifying someone.'
		},
		{
			name: 'nobody has answered yet',
			rows: [{ ...baseline, n: 0, positive: null, share: null, phase: 'open' }],
			expected: 'No one has answered yet, so there is nothing to show.'
		},
		{
			name: 'nobody answered and the wave closed',
			rows: [{ ...baseline, n: 0, positive: null, share: null, phase: 'closed' }],
			expected: 'No one answered in any wave, so there is nothing to show.'
		},
		{
			name: 'no wave has figures, for different reasons',
			rows: [
				{ ...baseline, n: 0, positive: null, share: null, phase: 'closed' },
				spring2026Suppressed,
				{ ...autumn2026, n: 0, positive: null, share: null, asked: false }
			],
			expected:
				'No wave has figures to show: Autumn 2025 closed with no answers; Spring 2026 is hidden, because a count ' +
				'is too small to publish without risking identifying someone; Autumn 2026 did not ask this question.'
		},
		{
			name: 'no waves at all',
			rows: [],
			expected: 'No waves have opened yet, so there are no answers to show.'
		}
	];

	it.each(cases)('$name', ({ rows, expected }) => {
		expect(trendSummary(rows, INDICATOR)).toBe(expected);
	});

	it('never gives a percentage without its n, and is one sentence', () => {
		for (const { rows } of cases) {
			const summary = trendSummary(rows, INDICATOR);
			for (const match of summary.matchAll(/\d+%/g)) {
				expect(summary.slice(match.index + match[0].length)).toMatch(/^ of \d/);
			}
			expect(summary.endsWith('.')).toBe(true);
			expect(summary.slice(0, -1)).not.toMatch(/\.\s/);
		}
	});

	it('does not say "baseline" twice when the wave label already does', () => {
		const rows = [{ ...baseline, waveLabel: 'Baseline (autumn 2025)' }];
		expect(trendSummary(rows, INDICATOR)).toMatch(/^At the Baseline \(autumn 2025\), 38% of 450 /);
		expect(trendChartSvg(rows, { title: 'T' })).not.toContain('(baseline)');
	});

	it('does not depend on the order of the rows', () => {
		expect(trendSummary([...mixed].reverse(), INDICATOR)).toBe(trendSummary(mixed, INDICATOR));
	});
});

/** Relative luminance and contrast against white, as WCAG 2.2 defines them. */
function contrastWithWhite(hex: string): number {
	const channel = (i: number) => {
		const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
		return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
	};
	const luminance = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
	return 1.05 / (luminance + 0.05);
}

describe('trendChartSvg', () => {
	const svg = trendChartSvg(mixed, { title: 'Feeling listened to', indicatorLabel: INDICATOR });

	it('matches the snapshot', async () => {
		await expect(pretty(svg)).toMatchFileSnapshot('./__snapshots__/trend.svg');
	});

	it('is deterministic: same rows, same text, whatever the row order, document or time zone', () => {
		const options = { title: 'Feeling listened to', indicatorLabel: INDICATOR };
		expect(trendChartSvg(mixed, options)).toBe(svg);
		expect(trendChartSvg([...mixed].reverse(), options)).toBe(svg);
		const { document } = parseHTML('<!doctype html><html><body></body></html>');
		expect(trendChartSvg(mixed, { ...options, document: document as unknown as Document })).toBe(svg);
		const zone = process.env.TZ;
		try {
			process.env.TZ = 'Pacific/Kiritimati'; // UTC+14
			expect(trendChartSvg(mixed, options)).toBe(svg);
		} finally {
			process.env.TZ = zone;
		}
	});

	it('is an image named by the summary sentence', () => {
		const summary = trendSummary(mixed, INDICATOR);
		expect(svg.startsWith('<svg ')).toBe(true);
		expect(svg).toContain('role="img"');
		expect(svg).toContain(`aria-label="${summary}"`);
		expect(svg).toContain(`<title>${summary}</title>`);
		expect(svg).toContain('<desc>Feeling listened to: ');
		expect(svg).toContain('viewBox="0 0 640 360"');
	});

	it('labels each wave with its share and n, and says why a wave has no point', () => {
		expect(svg).toContain('<tspan x="0" y="-1em">38%</tspan><tspan dy="1em" x="0">n=450</tspan>');
		expect(svg).toContain('<tspan x="0" y="-1em">58%</tspan><tspan dy="1em" x="0">n=300</tspan>');
		// The reason is the disclosure rule (a small count), not "too few answers": 6 answered.
		expect(svg).toContain('>hidden (small count)</text>');
		expect(svg).not.toContain('too few');
		expect(svg).toContain('>no answers yet</text>');
		for (const label of ['Autumn 2025', '(baseline)', 'Spring 2026', 'Autumn 2026', 'Spring 2027']) {
			expect(svg).toContain(`>${label}<`);
		}
		// Two points with an interval each (two caps apiece); nothing drawn for the two waves without figures.
		expect(svg.match(/<circle /g)).toHaveLength(2);
		expect(svg.match(/<path d="M-6,0L6,0"/g)).toHaveLength(4);
		// The dashed baseline rule, labelled in the margin.
		expect(svg).toContain('stroke-dasharray="6,4"');
		expect(svg).toMatch(/<tspan[^>]*>Baseline<\/tspan><tspan[^>]*>38%<\/tspan>/);
		expect(svg).toContain('>100%</text>');
	});

	it('uses no ids that could clash when two charts share a page', () => {
		expect(svg).not.toMatch(/\sid="/);
		expect(svg).not.toMatch(/url\(#/);
	});

	it('uses colours with enough contrast against white: 4.5:1 for every colour, so text passes too', () => {
		expect(contrastWithWhite(TREND_COLOURS.measure)).toBeGreaterThanOrEqual(8.3);
		expect(contrastWithWhite(TREND_COLOURS.text)).toBeGreaterThanOrEqual(17);
		expect(contrastWithWhite(TREND_COLOURS.muted)).toBeGreaterThanOrEqual(7);
		const colours = new Set(
			[...svg.matchAll(/(?:fill|stroke|color)[=:]"?(#[0-9a-f]{6})/gi)].map((m) => m[1]!)
		);
		expect(colours.size).toBeGreaterThanOrEqual(3);
		for (const colour of colours) expect(contrastWithWhite(colour)).toBeGreaterThanOrEqual(4.5);
		// Every other paint is white (halo, dot outline, background), none, or currentColor, which is set to the text colour.
		const others = [...svg.matchAll(/\s(?:fill|stroke)="([^"#]+)"/g)].map((m) => m[1]);
		expect(new Set(others)).toEqual(new Set(['currentColor', 'none', 'white']));
		// the text colour and size as attributes (the page's Content-Security-Policy allows no style
		// attribute); the white background is app.css's, for the class chart-figure
		expect(svg).not.toMatch(/<style|\sstyle=/);
		expect(svg).toMatch(
			new RegExp(`^<svg[^>]* class="trend-chart chart-figure" color="${TREND_COLOURS.text}"`)
		);
		expect(svg).toMatch(/^<svg[^>]* font-size="12"/);
	});

	it('escapes wave labels and titles', () => {
		const tricky = trendChartSvg([{ ...baseline, waveLabel: 'Spring <b>&</b> "summer"' }], {
			title: '<script>',
			indicatorLabel: INDICATOR
		});
		expect(tricky).not.toContain('<b>');
		expect(tricky).not.toContain('<script>');
		expect(tricky).toContain('Spring &lt;b&gt;&amp;&lt;/b&gt; &quot;summer&quot;');
	});

	it('draws an empty chart with a message when no wave has opened', () => {
		const empty = trendChartSvg([], { title: 'Feeling listened to' });
		expect(empty).toContain('>No waves have opened yet</text>');
		expect(empty).toContain('aria-label="No waves have opened yet, so there are no answers to show."');
		expect(empty).not.toContain('<circle');
	});

	it('draws waves that are all suppressed as labels only', () => {
		const chart = trendChartSvg(
			[{ ...baseline, positive: null, share: null, suppressed: true }, spring2026Suppressed],
			{
				title: 'Feeling listened to'
			}
		);
		expect(chart.match(/>hidden \(small count\)<\/text>/g)).toHaveLength(2);
		expect(chart).not.toContain('<circle');
		expect(chart).not.toContain('stroke-dasharray');
	});

	it('marks a wave still open: a hollow point, "so far" under its n, and said in the description', () => {
		const open = trendChartSvg([baseline, { ...autumn2026, phase: 'open', closesAt: '2026-11-30' }], {
			title: 'Feeling listened to',
			indicatorLabel: INDICATOR
		});
		expect(open).toContain(
			'<tspan x="0" y="-2em">58%</tspan><tspan dy="1em" x="0">n=300</tspan><tspan dy="1em" x="0">so far</tspan>'
		);
		// One filled point (the baseline) and one hollow point (white fill, outlined in the measure colour).
		const circles = [...open.matchAll(/<g [^>]*>(?:<circle [^>]*><\/circle>)+<\/g>/g)].map((m) => m[0]);
		expect(circles).toHaveLength(2);
		expect(
			circles.find((g) => g.includes(`fill="${TREND_COLOURS.measure}"`))!.match(/<circle /g)
		).toHaveLength(1);
		const hollow = circles.find((g) => g.includes('fill="white"'))!;
		expect(hollow.match(/<circle /g)).toHaveLength(1);
		expect(hollow).toContain(`stroke="${TREND_COLOURS.measure}"`);
		expect(open).toContain('a hollow point marks a wave still open, whose figures are so far.');
		expect(open).toContain('no verdict yet');
		expect(svg).not.toContain('so far');
	});

	it('passes the verdict options to its summary', () => {
		const rows = [
			wave('Autumn 2025', '2025-09-15', 10, 0, { baseline: true }),
			wave('Autumn 2026', '2026-09-14', 10, 10)
		];
		expect(trendChartSvg(rows, { title: 'T', indicatorLabel: INDICATOR })).toContain(
			'too few answers to tell'
		);
		expect(
			trendChartSvg(rows, { title: 'T', indicatorLabel: INDICATOR, verdict: { minimumAnswers: 10 } })
		).toContain('a change larger than chance would explain');
	});

	it('falls back to a neutral indicator label', () => {
		const chart = trendChartSvg([baseline], { title: 'Feeling listened to' });
		expect(chart).toContain(`38% of 450 ${DEFAULT_INDICATOR_LABEL}`);
	});

	it('takes its width and height', () => {
		const wide = trendChartSvg(mixed, { title: 'Feeling listened to', width: 960, height: 400 });
		expect(wide).toContain('viewBox="0 0 960 400"');
	});
});

describe('TrendChart.svelte (server-rendered)', () => {
	it('shows [c] for figures hidden under the disclosure rule, and warns staff of small numbers', () => {
		const hidden: TrendRow = { ...spring2026Suppressed, n: null };
		const small: TrendRow = { ...wave('Spring 2027', '2027-03-01T08:00:00Z', 8, 5), smallNumbers: true };
		const { body: html } = render(TrendChart, {
			props: { rows: [baseline, hidden, small], title: 'Feeling listened to', indicatorLabel: INDICATOR }
		});
		const text = html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
		expect(text).toContain('Spring 2026 Repeat 2 March 2026 [c] [c] [c]');
		expect(text).toContain('[c]: hidden under the disclosure rule');
		expect(text).toContain('small number');
	});

	it('says which wave was reconstructed from published percentages, in the summary, the table and a note', () => {
		const rebuilt: TrendRow = {
			...wave('Spring 2019', '2019-03-01T00:00:00Z', 85, 64, { baseline: true }),
			reconstructed: true
		};
		const later = wave('Autumn 2025', '2025-09-15T08:00:00Z', 450, 300);
		const summary = trendSummary([rebuilt, later], INDICATOR);
		expect(summary).toBe(
			'At the Spring 2019 baseline, 75% of 85 parent carers agreed they feel listened to; in Autumn 2025 it was ' +
				'67% of 450, down 8 percentage points (between down 18 and up 2), too small a change to rule out ' +
				'chance; the figures for ' +
				'Spring 2019 were reconstructed from published percentages, rounded to whole people.'
		);
		const { body: html } = render(TrendChart, {
			props: { rows: [rebuilt, later], title: 'Feeling listened to', indicatorLabel: INDICATOR }
		});
		const text = html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
		expect(text).toContain('Spring 2019 reconstructed from percentages Baseline');
		expect(text).toContain(
			'“reconstructed from percentages”: the wave’s totals were published as percentages'
		);
		// a wave given as counts says nothing of the kind
		const plain = trendSummary([{ ...rebuilt, reconstructed: false }, later], INDICATOR);
		expect(plain).not.toContain('reconstructed');
		const { body: without } = render(TrendChart, {
			props: { rows: [baseline, autumn2026], title: 'Feeling listened to', indicatorLabel: INDICATOR }
		});
		expect(without).not.toContain('reconstructed');
	});

	const { body } = render(TrendChart, {
		props: { rows: mixed, title: 'Feeling listened to', indicatorLabel: INDICATOR }
	});

	it('shows the title and the summary in the figure caption, and the chart without JavaScript', () => {
		expect(body).toMatch(/<figure[^>]*>\s*<figcaption/);
		expect(body).toContain('Feeling listened to');
		expect(body).toContain(trendSummary(mixed, INDICATOR));
		expect(body).toContain('<svg ');
		expect(body).toContain('role="img"');
	});

	it('shows the data table with its caption, column headers and the figures', () => {
		expect(body).toContain('<caption');
		expect(body).toContain('Figures behind the chart: Feeling listened to');
		const headers = [...body.matchAll(/<th scope="col"[^>]*>([^<]*)<\/th>/g)].map((m) => m[1]);
		expect(headers).toEqual([
			'Wave',
			'Type',
			'Opened',
			'Answered (n)',
			'Positive',
			'Share (95% interval)',
			'Change since baseline (95% interval)'
		]);
		const rows = [...body.matchAll(/<tr>(.*?)<\/tr>/gs)]
			.slice(1)
			.map((m) =>
				[...m[1]!.matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/gs)].map((c) => c[1]!.replace(/<[^>]+>/g, '').trim())
			);
		expect(rows).toEqual([
			['Autumn 2025', 'Baseline', '15 September 2025', '450', '171', '38% (34%–43%)', '–'],
			['Spring 2026', 'Repeat', '2 March 2026', '6', '[c]', '[c]', '–'],
			[
				'Autumn 2026',
				'Repeat',
				'14 September 2026',
				'300',
				'174',
				'58% (52%–63%)',
				'up 20 percentage points (between 13 and 27)'
			],
			['Spring 2027', 'Repeat', '1 March 2027', '0', '–', 'No answers yet', '–']
		]);
		expect(body).toContain('<time datetime="2025-09-15T08:00:00Z">15 September 2025</time>');
	});

	it('gives the direction of travel and states the minimum for a verdict', () => {
		const text = body.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ');
		expect(text).toContain('Direction of travel: Better (Autumn 2026 against the Autumn 2025 baseline)');
		expect(text).toContain('unless each wave has at least 30 answers');
		const few = render(TrendChart, {
			props: {
				rows: [
					wave('Autumn 2025', '2025-09-15', 2, 0, { baseline: true }),
					wave('Autumn 2026', '2026-09-14', 2, 2)
				],
				title: 'Feeling listened to',
				indicatorLabel: INDICATOR
			}
		}).body.replace(/<[^>]+>/g, '');
		expect(few).toContain('Direction of travel: Not enough data (fewer than 30 answers)');
		expect(few).not.toContain('larger than chance');
		const worse = render(TrendChart, {
			props: {
				rows: mixed,
				title: 'Feeling listened to',
				indicatorLabel: INDICATOR,
				verdict: { higherIsBetter: false }
			}
		}).body.replace(/<[^>]+>/g, '');
		expect(worse).toContain('Direction of travel: Worse');
	});

	it('marks an open wave’s share as so far in the table', () => {
		const open = render(TrendChart, {
			props: {
				rows: [baseline, { ...autumn2026, phase: 'open', closesAt: '2026-11-30' }],
				title: 'Feeling listened to',
				indicatorLabel: INDICATOR
			}
		}).body;
		expect(open).toContain('58% (52%–63%) so far');
		expect(open.replace(/<[^>]+>/g, '')).toContain('Direction of travel: Better so far');
	});
});
