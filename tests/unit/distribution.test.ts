import { describe, expect, it } from 'vitest';
import { parseHTML } from 'linkedom';
import {
	distributionChartSvg,
	distributionRows,
	distributionSummary,
	type WaveAnswers
} from '$lib/distribution/distribution';

const agreement = (
	counts: (number | null)[],
	n: number | null,
	label = 'Autumn 2026',
	status = 'closed'
): WaveAnswers => ({
	label,
	status,
	n,
	answers: [
		{ value: 'strongly_agree', label: 'Strongly agree', positive: true, count: counts[0]! },
		{ value: 'agree', label: 'Agree', positive: true, count: counts[1]! },
		{ value: 'neither', label: 'Neither agree nor disagree', positive: false, count: counts[2]! },
		{ value: 'disagree', label: 'Disagree', positive: false, count: counts[3]! },
		{ value: 'strongly_disagree', label: 'Strongly disagree', positive: false, count: counts[4]! }
	]
});

describe('distributionRows', () => {
	it('puts positive answers right of the centre, nearest to neutral first, and the others left', () => {
		const [row] = distributionRows([agreement([30, 60, 20, 50, 40], 200)]);
		const by = Object.fromEntries(row!.segments!.map((s) => [s.value, s]));
		expect(by.agree).toMatchObject({ x1: 0, x2: 0.3, rank: 0 });
		expect(by.strongly_agree).toMatchObject({ x1: 0.3, rank: 1 });
		expect(by.strongly_agree!.x2).toBeCloseTo(0.45, 10);
		expect(by.neither).toMatchObject({ x1: -0.1, x2: 0, rank: 0 });
		expect(by.disagree!.x1).toBeCloseTo(-0.35, 10);
		expect(by.strongly_disagree!.x1).toBeCloseTo(-0.55, 10);
	});

	it('draws no bar for a wave with a hidden count, or no answers, and says why', () => {
		const rows = distributionRows([
			agreement([null, null, 20, 50, 40], 200, 'Hidden'),
			agreement([0, 0, 0, 0, 0], 0, 'Open', 'open'),
			agreement([null, null, null, null, null], null, 'Hidden n')
		]);
		expect(rows.map((r) => [r.segments, r.reason])).toEqual([
			[null, 'hidden (small count)'],
			[null, 'no answers yet'],
			[null, 'hidden (small count)']
		]);
	});
});

describe('distributionSummary', () => {
	it('gives the latest wave with figures, its n, and the most common other answer', () => {
		const rows = distributionRows([
			agreement([10, 20, 30, 20, 20], 100, 'Spring 2026'),
			agreement([30, 60, 20, 50, 40], 200)
		]);
		expect(distributionSummary(rows, 'strongly agree or agree')).toBe(
			'In Autumn 2026, 45% of 200 answered strongly agree or agree; the most common other answer was “disagree” (25%).'
		);
	});
	it('says so far for an open wave, and gives the true reason when nothing can be shown', () => {
		const open = distributionRows([agreement([30, 60, 20, 50, 40], 200, 'Autumn 2026', 'open')]);
		expect(distributionSummary(open, 'agree')).toContain('answered agree so far;');
		const none = distributionRows([agreement([null, null, 1, 1, 1], 20, 'Spring 2026')]);
		expect(distributionSummary(none, 'agree')).toBe(
			'No wave has figures to show: Spring 2026 hidden (small count).'
		);
	});
});

describe('distributionChartSvg', () => {
	it('is an image named by its summary, with a bar part for every answer', () => {
		const rows = distributionRows([agreement([30, 60, 20, 50, 40], 200)]);
		const summary = distributionSummary(rows, 'agree');
		const svg = distributionChartSvg(rows, {
			summary,
			title: 'I feel listened to',
			document: parseHTML('<!doctype html><html><body></body></html>').document as unknown as Document
		});
		expect(svg).toMatch(/^<svg /);
		expect(svg).toContain(`aria-label="${summary}"`);
		expect(svg).toContain('role="img"');
		expect((svg.match(/<rect /g) ?? []).length).toBeGreaterThanOrEqual(5);
		expect(svg).toContain('n = 200');
	});
});
