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
	options: { baseline?: boolean; suppressed?: boolean } = {}
): TrendRow {
	return {
		waveLabel,
		waveKind: options.baseline ? 'baseline' : 'repeat',
		opensAt,
		n,
		positive,
		share: positive === null || n === 0 ? null : positive / n,
		suppressed: options.suppressed ?? false
	};
}

const baseline = wave('Autumn 2025', '2025-09-15T08:00:00Z', 450, 171, { baseline: true }); // 38%
const autumn2026 = wave('Autumn 2026', '2026-09-14T08:00:00Z', 300, 174); // 58%
const spring2026Suppressed = wave('Spring 2026', '2026-03-02T08:00:00Z', 6, null, { suppressed: true });
const spring2027Empty = wave('Spring 2027', '2027-03-01T08:00:00Z', 0, null);

/** The chart every snapshot is taken of: a baseline, a suppressed wave, a repeat and a wave not yet answered. */
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
		expect(points.map((p) => p.status)).toEqual(['shown', 'suppressed', 'shown', 'no answers']);
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
});

describe('trendSummary', () => {
	const cases: { name: string; rows: TrendRow[]; expected: string }[] = [
		{
			name: 'a change larger than chance',
			rows: [baseline, autumn2026],
			expected:
				'At the Autumn 2025 baseline, 38% of 450 parent carers agreed they feel listened to; in Autumn 2026 it ' +
				'was 58% of 300, up 20 percentage points, a change larger than chance would explain.'
		},
		{
			name: 'a fall larger than chance',
			rows: [baseline, wave('Autumn 2026', '2026-09-14', 300, 60)],
			expected:
				'At the Autumn 2025 baseline, 38% of 450 parent carers agreed they feel listened to; in Autumn 2026 it ' +
				'was 20% of 300, down 18 percentage points, a change larger than chance would explain.'
		},
		{
			name: 'no clear change (a small rise within chance)',
			rows: [baseline, wave('Autumn 2026', '2026-09-14', 300, 120)],
			expected:
				'At the Autumn 2025 baseline, 38% of 450 parent carers agreed they feel listened to; in Autumn 2026 it ' +
				'was 40% of 300, up 2 percentage points, too small a change to rule out chance.'
		},
		{
			name: 'no clear change, one point',
			rows: [baseline, wave('Autumn 2026', '2026-09-14', 300, 117)],
			expected:
				'At the Autumn 2025 baseline, 38% of 450 parent carers agreed they feel listened to; in Autumn 2026 it ' +
				'was 39% of 300, up 1 percentage point, too small a change to rule out chance.'
		},
		{
			name: 'no clear change, the same share',
			rows: [baseline, wave('Autumn 2026', '2026-09-14', 300, 114)],
			expected:
				'At the Autumn 2025 baseline, 38% of 450 parent carers agreed they feel listened to; in Autumn 2026 it ' +
				'was 38% of 300, no clear change.'
		},
		{
			name: 'a real change smaller than the rounding',
			rows: [
				wave('Autumn 2025', '2025-09-15', 1_000_000, 400_000, { baseline: true }),
				wave('Autumn 2026', '2026-09-14', 1_000_000, 404_000)
			],
			expected:
				'At the Autumn 2025 baseline, 40% of 1,000,000 parent carers agreed they feel listened to; in Autumn ' +
				'2026 it was 40% of 1,000,000, up by less than 1 percentage point, a change larger than chance would explain.'
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
				'At the Autumn 2025 baseline, 38% of 450 parent carers agreed they feel listened to; Spring 2026 had ' +
				'too few answers to show.'
		},
		{
			name: 'the latest wave has no answers yet, an earlier repeat is compared instead',
			rows: mixed,
			expected:
				'At the Autumn 2025 baseline, 38% of 450 parent carers agreed they feel listened to; in Autumn 2026 it ' +
				'was 58% of 300, up 20 percentage points, a change larger than chance would explain; Spring 2027 has ' +
				'no answers yet.'
		},
		{
			name: 'the baseline is suppressed',
			rows: [wave('Autumn 2025', '2025-09-15', 7, null, { baseline: true, suppressed: true }), autumn2026],
			expected:
				'In Autumn 2026, 58% of 300 parent carers agreed they feel listened to; the Autumn 2025 baseline had ' +
				'too few answers to show, so there is nothing to compare with.'
		},
		{
			name: 'the baseline had no answers',
			rows: [wave('Autumn 2025', '2025-09-15', 0, null, { baseline: true }), autumn2026],
			expected:
				'In Autumn 2026, 58% of 300 parent carers agreed they feel listened to; the Autumn 2025 baseline had ' +
				'no answers, so there is nothing to compare with.'
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
				'Too few people have answered in any wave to show figures without risking identifying someone.'
		},
		{
			name: 'nobody has answered',
			rows: [{ ...baseline, n: 0, positive: null, share: null }],
			expected: 'No one has answered yet, so there is nothing to show.'
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
		expect(svg).toContain('>too few to show</text>');
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
		expect(svg).toContain(`style="color:${TREND_COLOURS.text};background:white;font-size:12px"`);
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
		expect(chart.match(/>too few to show<\/text>/g)).toHaveLength(2);
		expect(chart).not.toContain('<circle');
		expect(chart).not.toContain('stroke-dasharray');
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
		expect(headers).toEqual(['Wave', 'Type', 'Opened', 'Answered (n)', 'Positive', 'Share (95% interval)']);
		const rows = [...body.matchAll(/<tr>(.*?)<\/tr>/gs)]
			.slice(1)
			.map((m) =>
				[...m[1]!.matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/gs)].map((c) => c[1]!.replace(/<[^>]+>/g, '').trim())
			);
		expect(rows).toEqual([
			['Autumn 2025', 'Baseline', '15 September 2025', '450', '171', '38% (34%–43%)'],
			['Spring 2026', 'Repeat', '2 March 2026', '6', 'Too few to show', 'Too few to show'],
			['Autumn 2026', 'Repeat', '14 September 2026', '300', '174', '58% (52%–63%)'],
			['Spring 2027', 'Repeat', '1 March 2027', '0', '–', 'No answers yet']
		]);
		expect(body).toContain('<time datetime="2025-09-15T08:00:00Z">15 September 2025</time>');
	});
});
