import { describe, expect, it, vi } from 'vitest';

vi.hoisted(() => {
	process.env.TZ = 'UTC';
});

import { render } from 'svelte/server';
import TrendChart from '$lib/indicators/TrendChart.svelte';
import { dateOffset, decisionMarkers, trendChartSvg, type TrendRow } from '$lib/indicators/trend';
import type { IndicatorDecision } from '$lib/decisions/types';

const wave = (waveLabel: string, opensAt: string, n: number, positive: number): TrendRow => ({
	waveLabel,
	waveKind: waveLabel === 'Baseline' ? 'baseline' : 'repeat',
	opensAt,
	n,
	positive,
	share: positive / n,
	suppressed: false,
	phase: 'closed'
});
const rows = [wave('Baseline', '2025-01-01', 200, 80), wave('Spring', '2025-05-01', 220, 110)];

const decision = (id: string, decided_on: string, you_said: string, published = true): IndicatorDecision => ({
	id,
	you_said,
	we_did: 'We changed it.',
	status: 'done',
	published,
	decided_on,
	date_recorded: false,
	cites: true,
	same_priority: false
});

describe('dateOffset', () => {
	const centre = (i: number) => 100 + 200 * i;
	const opens = ['2025-01-01', '2025-01-11'];
	it('places a date between two waves in proportion to the time between them', () => {
		expect(dateOffset('2025-01-06', opens, centre, 80)).toBe(200);
		expect(dateOffset('2025-01-01', opens, centre, 80)).toBe(100);
	});
	it('places a date before the first wave at its left edge, after the last at its right edge', () => {
		expect(dateOffset('2024-06-01', opens, centre, 80)).toBe(60);
		expect(dateOffset('2026-06-01', opens, centre, 80)).toBe(340);
		expect(dateOffset('2025-01-06', [], centre, 80)).toBeNull();
	});
});

describe('decisions on the trend', () => {
	it('labels decisions D1, D2... in date order', () => {
		expect(
			decisionMarkers([decision('b', '2025-03-01', 'Later'), decision('a', '2025-02-01', 'Earlier')]).map(
				(m) => [m.label, m.you_said]
			)
		).toEqual([
			['D1', 'Earlier'],
			['D2', 'Later']
		]);
	});

	it('draws a dotted rule at the date of each decision, between the waves it falls between', () => {
		const plain = trendChartSvg(rows, { title: 'Feel listened to' });
		expect(plain).not.toContain('decision-marker');
		const svg = trendChartSvg(rows, {
			title: 'Feel listened to',
			decisions: [
				{ label: 'D1', date: '2025-01-01' },
				{ label: 'D2', date: '2025-03-01' },
				{ label: 'D3', date: '2025-05-01' }
			]
		});
		const lines = [...svg.matchAll(/<line class="decision-marker"[^>]*>/g)].map((m) => m[0]);
		expect(lines).toHaveLength(3);
		for (const line of lines) expect(line).toContain('stroke-dasharray');
		const [atFirst, atMiddle, atSecond] = lines.map((l) => Number(l.match(/x1="([\d.]+)"/)?.[1]));
		// a decision on the day a wave opened sits on that wave's point (the points are drawn in a shifted group)
		const dots = [...svg.matchAll(/<circle cx="([\d.]+)"/g)].map((m) => Number(m[1]));
		expect(atFirst! - dots[0]!).toBeCloseTo(atSecond! - dots[1]!, 1);
		expect(atSecond!).toBeGreaterThan(atFirst!);
		// 1 March is 59 days into the 120 between the waves
		expect((atMiddle! - atFirst!) / (atSecond! - atFirst!)).toBeCloseTo(59 / 120, 2);
		for (const label of ['D1', 'D2', 'D3'])
			expect(svg).toMatch(new RegExp(`<text class="decision-label"[^>]*>${label}</text>`));
		expect(svg).toContain('A dotted line marks the date of each decision on this indicator (D1, D2, D3)');
	});

	it("lists the decisions in a table beside the chart, with each one's mark and date", () => {
		const { body } = render(TrendChart, {
			props: {
				rows,
				title: 'Feel listened to',
				indicatorLabel: 'agreed',
				decisions: [decision('a', '2025-03-01', 'Nobody listens at reviews.', false)]
			}
		});
		const table = body.match(/<table data-testid="trend-decisions".*?<\/table>/s)?.[0] ?? '';
		expect(table).toContain('D1');
		expect(table).toContain('1 March 2025');
		expect(table).toContain('Nobody listens at reviews.');
		expect(table).toContain('(not published)');
		expect(table).toContain('Done');
		expect(render(TrendChart, { props: { rows, title: 'T', indicatorLabel: 'agreed' } }).body).not.toContain(
			'trend-decisions'
		);
	});
});
