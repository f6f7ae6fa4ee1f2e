import { describe, expect, it } from 'vitest';
import { directionOfTravel, shareChange, wilsonInterval } from '$lib/analytics/proportion';

/** Published figures are given to 4 decimals, so compare to within half a unit in the 4th place. */
function expectClose(actual: number, published: number): void {
	expect(Math.abs(actual - published)).toBeLessThanOrEqual(0.00005);
}

describe('wilsonInterval', () => {
	// Newcombe RG (1998) "Two-sided confidence intervals for the single proportion: comparison of seven
	// methods", Statistics in Medicine 17:857–872, worked examples, method 3 (Wilson score, no continuity
	// correction). The first two are also checked by the propint R package's test suite; all four were
	// recomputed with SciPy's binomtest(...).proportion_ci(method='wilson').
	it.each([
		{ positive: 81, n: 263, lower: 0.2553, upper: 0.3662 },
		{ positive: 15, n: 148, lower: 0.0624, upper: 0.1605 },
		{ positive: 0, n: 20, lower: 0, upper: 0.1611 },
		{ positive: 1, n: 29, lower: 0.0061, upper: 0.1718 }
	])('matches Newcombe (1998) for $positive/$n', ({ positive, n, lower, upper }) => {
		const interval = wilsonInterval(positive, n);
		expect(interval).not.toBeNull();
		expectClose(interval!.lower, lower);
		expectClose(interval!.upper, upper);
	});

	it('is null when nobody answered', () => {
		expect(wilsonInterval(0, 0)).toBeNull();
	});

	it('is exactly 0 or 1 at the ends and stays inside [0, 1]', () => {
		expect(wilsonInterval(0, 7)!.lower).toBe(0);
		expect(wilsonInterval(7, 7)!.upper).toBe(1);
		for (const n of [1, 2, 3, 10, 99, 1000]) {
			for (let positive = 0; positive <= n; positive += Math.max(1, Math.floor(n / 7))) {
				const { lower, upper } = wilsonInterval(positive, n)!;
				expect(lower).toBeGreaterThanOrEqual(0);
				expect(upper).toBeLessThanOrEqual(1);
				expect(lower).toBeLessThanOrEqual(positive / n);
				expect(upper).toBeGreaterThanOrEqual(positive / n);
			}
		}
	});

	it('is symmetric: the interval for n − x mirrors the interval for x', () => {
		const a = wilsonInterval(81, 263)!;
		const b = wilsonInterval(263 - 81, 263)!;
		expect(b.lower).toBeCloseTo(1 - a.upper, 12);
		expect(b.upper).toBeCloseTo(1 - a.lower, 12);
	});

	it('narrows as z falls (a 90% interval sits inside the 95% one)', () => {
		const ninetyFive = wilsonInterval(171, 450)!;
		const ninety = wilsonInterval(171, 450, 1.6449)!;
		expect(ninety.lower).toBeGreaterThan(ninetyFive.lower);
		expect(ninety.upper).toBeLessThan(ninetyFive.upper);
	});

	it('refuses impossible counts', () => {
		expect(() => wilsonInterval(5, 4)).toThrow(RangeError);
		expect(() => wilsonInterval(-1, 4)).toThrow(RangeError);
		expect(() => wilsonInterval(1.5, 4)).toThrow(RangeError);
		expect(() => wilsonInterval(1, Number.NaN)).toThrow(RangeError);
		expect(() => wilsonInterval(1, 4, 0)).toThrow(RangeError);
	});
});

describe('shareChange (Newcombe hybrid score interval)', () => {
	// Newcombe RG (1998) "Interval estimation for the difference between independent proportions: comparison
	// of eleven methods", Statistics in Medicine 17:873–890, Table II, method 10. The paper's difference is
	// first group minus second, so the first group is passed here as the "wave" and the second as the
	// "baseline". Examples (a) and (b) are also in the propint R package's tests; every row was recomputed
	// independently with SciPy's Wilson intervals.
	it.each([
		{ example: '(a) 56/70 vs 48/80', a: 56, m: 70, b: 48, n: 80, lower: 0.0524, upper: 0.3339 },
		{ example: '(b) 9/10 vs 3/10', a: 9, m: 10, b: 3, n: 10, lower: 0.1705, upper: 0.809 },
		{ example: '(d) 5/56 vs 0/29', a: 5, m: 56, b: 0, n: 29, lower: -0.0381, upper: 0.1926 },
		{ example: '(h) 10/10 vs 0/10', a: 10, m: 10, b: 0, n: 10, lower: 0.6075, upper: 1 }
	])('matches Newcombe (1998) example $example', ({ a, m, b, n, lower, upper }) => {
		const change = shareChange({ positive: b, n }, { positive: a, n: m });
		expect(change).not.toBeNull();
		expect(change!.difference).toBeCloseTo(a / m - b / n, 12);
		expectClose(change!.lower, lower);
		expectClose(change!.upper, upper);
	});

	it('returns the shares, and calls a change more than noise only when the interval leaves out 0', () => {
		const a = shareChange({ positive: 48, n: 80 }, { positive: 56, n: 70 })!;
		expect(a.baselineShare).toBe(0.6);
		expect(a.waveShare).toBe(0.8);
		expect(a.difference).toBeCloseTo(0.2, 12);
		expect(a.moreThanNoise).toBe(true);
		// Example (d): the interval −0.0381 to 0.1926 includes 0.
		expect(shareChange({ positive: 0, n: 29 }, { positive: 5, n: 56 })!.moreThanNoise).toBe(false);
	});

	it('is antisymmetric: swapping the groups negates the difference and mirrors the interval', () => {
		const forward = shareChange({ positive: 48, n: 80 }, { positive: 56, n: 70 })!;
		const backward = shareChange({ positive: 56, n: 70 }, { positive: 48, n: 80 })!;
		expect(backward.difference).toBeCloseTo(-forward.difference, 12);
		expect(backward.lower).toBeCloseTo(-forward.upper, 12);
		expect(backward.upper).toBeCloseTo(-forward.lower, 12);
		expect(backward.moreThanNoise).toBe(true);
	});

	it('has nothing to say when either group has no answers', () => {
		expect(shareChange({ positive: 0, n: 0 }, { positive: 3, n: 10 })).toBeNull();
		expect(shareChange({ positive: 3, n: 10 }, { positive: 0, n: 0 })).toBeNull();
	});
});

describe('directionOfTravel', () => {
	const baseline = { positive: 171, n: 450 }; // 38%

	it('says improved or worsened only for a change larger than chance', () => {
		const up = { positive: 174, n: 300 }; // 58%
		expect(directionOfTravel(baseline, up)).toBe('improved');
		expect(directionOfTravel(baseline, up, { higherIsBetter: false })).toBe('worsened');
		const down = { positive: 60, n: 300 }; // 20%
		expect(directionOfTravel(baseline, down)).toBe('worsened');
		expect(directionOfTravel(baseline, down, { higherIsBetter: false })).toBe('improved');
	});

	it('says no clear change when the interval includes 0', () => {
		expect(directionOfTravel(baseline, { positive: 120, n: 300 })).toBe('no clear change'); // 40%
		// Newcombe example (d): 5/56 against 0/29 is not a clear change.
		expect(directionOfTravel({ positive: 0, n: 29 }, { positive: 5, n: 56 })).toBe('no clear change');
	});

	it('says not enough data for missing, empty or too-small groups', () => {
		expect(directionOfTravel(null, baseline)).toBe('not enough data');
		expect(directionOfTravel(baseline, null)).toBe('not enough data');
		expect(directionOfTravel(baseline, { positive: 0, n: 0 })).toBe('not enough data');
		expect(directionOfTravel(baseline, { positive: 9, n: 9 }, { minimumN: 10 })).toBe('not enough data');
		expect(directionOfTravel(baseline, { positive: 10, n: 10 }, { minimumN: 10 })).toBe('improved');
	});
});
