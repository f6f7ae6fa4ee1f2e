import { describe, expect, it } from 'vitest';
import { parseHTML } from 'linkedom';
import { compareChartSvg, COMPARE_COLOURS } from '$lib/compare/chart';
import {
	compareTwoWaves,
	comparisonSummary,
	type CompareIndicator,
	type CompareWave,
	type WaveCount
} from '$lib/compare/compare';
import { holm, twoSampleTest } from '$lib/analytics/significance';
import { svgToPng } from '$lib/server/charts/download';

const A: CompareWave = {
	id: 'wa',
	slug: 'autumn',
	label: 'Autumn 2025',
	phase: 'closed',
	opensAt: '2025-09-01T00:00:00Z',
	closesAt: '2025-11-30T00:00:00Z'
};
const B: CompareWave = {
	id: 'wb',
	slug: 'spring',
	label: 'Spring 2026',
	phase: 'closed',
	opensAt: '2026-03-01T00:00:00Z',
	closesAt: '2026-05-31T00:00:00Z'
};
const OPEN_B: CompareWave = { ...B, phase: 'open', closesAt: '2026-11-30T00:00:00Z' };

function indicator(id: string, over: Partial<CompareIndicator> = {}): CompareIndicator {
	return { id, key: id, prompt: `Question ${id}`, positive: ['Agree'], higherIsBetter: true, ...over };
}

const count = (positive: number | null, n: number | null, suppressed = false): WaveCount => ({
	n,
	positive,
	suppressed
});

function counts(entries: Record<string, [WaveCount | undefined, WaveCount | undefined]>) {
	return new Map(
		Object.entries(entries).map(([id, [a, b]]) => [
			id,
			new Map([...(a ? [['wa', a] as const] : []), ...(b ? [['wb', b] as const] : [])])
		])
	);
}

describe('comparing two waves', () => {
	it('gives each wave its share with n and interval, the change with its own interval, and a verdict', () => {
		const c = compareTwoWaves([indicator('q1')], counts({ q1: [count(38, 100), count(58, 100)] }), A, B);
		const [row] = c.rows;
		expect(row!.a).toMatchObject({ n: 100, positive: 38, share: 0.38 });
		expect(row!.a.interval!.lower).toBeCloseTo(0.291, 3); // prop.test(38, 100, correct = FALSE): 0.2910 to 0.4859
		expect(row!.b.share).toBe(0.58);
		expect(row!.change!.difference).toBeCloseTo(0.2, 10);
		expect(row!.verdict).toBe('better');
		expect(row!.words).toMatch(
			/^up 20 percentage points \(between \d+ and \d+\), a change larger than chance would explain$/
		);
		expect(comparisonSummary(c)).toMatch(
			/^“Question q1”: 38% of 100 in Autumn 2025 and 58% of 100 in Spring 2026, up 20 percentage points \(between \d+ and \d+\), a change larger than chance would explain\.$/
		);
	});

	it('calls a fall better only where lower is better', () => {
		const data = counts({ q1: [count(58, 200), count(38, 200)] });
		expect(compareTwoWaves([indicator('q1')], data, A, B).rows[0]!.verdict).toBe('worse');
		expect(compareTwoWaves([indicator('q1', { higherIsBetter: false })], data, A, B).rows[0]!.verdict).toBe(
			'better'
		);
	});

	it('gives no verdict on too little (0 of 2 to 2 of 2), though the interval leaves out 0', () => {
		const c = compareTwoWaves([indicator('q1')], counts({ q1: [count(0, 2), count(2, 2)] }), A, B);
		const [row] = c.rows;
		expect(row!.change!.moreThanNoise).toBe(true);
		expect(row!.verdict).toBe('too few answers');
		expect(row!.words).toBe(
			'too few answers to tell whether it changed (a verdict needs at least 30 in each wave)'
		);
		expect(c.comparisons).toBe(0);
		expect(comparisonSummary(c)).not.toMatch(/larger than chance/);
	});

	it('gives no verdict while a wave is open, and says its figures are so far', () => {
		const c = compareTwoWaves([indicator('q1')], counts({ q1: [count(38, 100), count(58, 100)] }), A, OPEN_B);
		expect(c.rows[0]!.verdict).toBe('interim');
		expect(c.rows[0]!.words).toMatch(/; Spring 2026 is still open, so there is no verdict yet$/);
		expect(comparisonSummary(c)).toContain('58% of 100 so far, until 30 November 2026 in Spring 2026');
		expect(c.comparisons).toBe(0);
	});

	it('says the true reason where a wave has no figures: hidden, not asked', () => {
		const c = compareTwoWaves(
			[indicator('q1'), indicator('q2')],
			counts({ q1: [count(38, 100), count(null, null, true)], q2: [count(38, 100), undefined] }),
			A,
			B
		);
		expect(c.rows[0]!.verdict).toBe('no figures');
		expect(c.rows[0]!.b.status).toBe('suppressed');
		expect(c.rows[0]!.b.share).toBeNull();
		expect(c.rows[0]!.words).toMatch(/^Spring 2026 is hidden, because a count is too small/);
		expect(c.rows[1]!.words).toBe('Spring 2026 did not ask this question, so there is nothing to compare');
		expect(comparisonSummary(c)).toBe(
			'From Autumn 2025 to Spring 2026, of 2 indicators compared: 2 have no figures to compare in one of the waves (hidden, not asked or no answers).'
		);
	});

	it('controls many comparisons with Holm: a change clear alone is not called once the others are allowed for', () => {
		// 50 of 100 to 64 of 100: p about 0.047 alone, over 0.05 once adjusted for five
		const ids = ['q1', 'q2', 'q3', 'q4', 'q5'];
		const data = counts(
			Object.fromEntries(ids.map((id, i) => [id, [count(50, 100), count(i === 0 ? 64 : 50, 100)]]))
		);
		const c = compareTwoWaves(
			ids.map((id) => indicator(id)),
			data,
			A,
			B
		);
		const p = twoSampleTest({ positive: 50, n: 100 }, { positive: 64, n: 100 }).pValue;
		expect(p).toBeLessThan(0.05);
		expect(c.comparisons).toBe(5);
		expect(c.rows[0]!.change!.moreThanNoise).toBe(true);
		expect(c.rows[0]!.adjustedP).toBeCloseTo(holm([p, 1, 1, 1, 1]).adjusted[0]!, 10);
		expect(c.rows[0]!.verdict).toBe('no clear change');
		expect(c.rows[0]!.words).toMatch(
			/not larger than chance once the 5 indicators compared are allowed for$/
		);
		expect(c.holmNote).toMatch(/^5 comparisons were made; p-values are adjusted for them with Holm’s method/);
		expect(comparisonSummary(c)).toBe(
			'From Autumn 2025 to Spring 2026, of 5 indicators compared: 5 show no clear change.'
		);
		// alone, the same change is called
		const alone = compareTwoWaves([indicator('q1')], data, A, B);
		expect(alone.rows[0]!.verdict).toBe('better');
	});

	it('sums up several indicators by verdict, each reason true', () => {
		const c = compareTwoWaves(
			[indicator('q1'), indicator('q2'), indicator('q3')],
			counts({
				q1: [count(100, 400), count(200, 400)],
				q2: [count(3, 10), count(5, 10)],
				q3: [count(200, 400), count(100, 400)]
			}),
			A,
			B
		);
		expect(comparisonSummary(c)).toBe(
			'From Autumn 2025 to Spring 2026, of 3 indicators compared: 1 is better by more than chance, 1 is worse by more than chance and 1 has too few answers to tell.'
		);
	});
});

describe('the two-wave chart', () => {
	const comparison = compareTwoWaves(
		[
			indicator('q1', { prompt: 'I felt fully involved in the EHC plan process from start to finish' }),
			indicator('q2')
		],
		counts({ q1: [count(38, 100), count(58, 100)], q2: [count(38, 100), count(null, null, true)] }),
		A,
		B
	);
	const summary = comparisonSummary(comparison);
	const svg = compareChartSvg(comparison, { summary, title: 'Test' });
	const { document } = parseHTML(`<html><body>${svg}</body></html>`);
	const root = document.querySelector('svg')!;

	it('is an image named by the summary, with the waves told apart by shape, not colour alone', () => {
		expect(root.getAttribute('role')).toBe('img');
		expect(root.getAttribute('aria-label')).toBe(summary);
		expect(root.querySelector('title')!.textContent).toBe(summary);
		const dots = [...root.querySelectorAll('circle')];
		// hollow A (the legend, q1 and q2), filled B (the legend and q1: q2's B is hidden, so no point)
		expect(dots.filter((d) => d.getAttribute('fill') === 'white').length).toBe(3);
		expect(dots.filter((d) => d.getAttribute('fill') === COMPARE_COLOURS.measure).length).toBe(2);
	});

	it('writes every share with its n, wraps long questions, and says why a wave has no figures', () => {
		const text = [...root.querySelectorAll('text')].map((t) => t.textContent).join('\n');
		expect(text).toContain('38% of 100 → 58% of 100: better');
		expect(text).toContain('B: hidden (small count)');
		expect(text).toContain('I felt fully involved in the EHC plan');
		// never a percentage without its n (the axis ticks aside, which stand alone on their line)
		const shares = text.split('\n').filter((line) => /\d%./.test(line));
		for (const line of shares) expect(line).toMatch(/^(.*\d+% of \d+)+/);
		expect(shares.join(' ')).not.toMatch(/\d+%(?! of)/);
		expect(text).toContain('Autumn 2025 (A)');
		expect(text).toContain('Spring 2026 (B)');
	});

	it('is readable on a phone (360 wide, 14px text) and draws to a PNG on the server', () => {
		expect(root.getAttribute('width')).toBe('360');
		expect(root.getAttribute('font-size')).toBe('14');
		expect(root.hasAttribute('style')).toBe(false);
		const png = svgToPng(svg);
		expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
	});
});
