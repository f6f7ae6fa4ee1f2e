import { describe, expect, it } from 'vitest';
import {
	MINIMUM_ANSWERS,
	Z_95,
	directionOfTravel,
	pairedChange,
	shareChange,
	wilsonInterval
} from '$lib/analytics/proportion';

/** Published figures are given to 4 decimals, so compare to within half a unit in the 4th place. */
function expectClose(actual: number, published: number): void {
	expect(Math.abs(actual - published)).toBeLessThanOrEqual(0.00005);
}

/** Values computed with R 4.2.2 are given to 15 significant figures; the arithmetic here agrees to ~1e-12. */
function expectR(actual: number, r: number): void {
	expect(Math.abs(actual - r)).toBeLessThanOrEqual(1e-12 + 1e-9 * Math.abs(r));
}

describe('Z_95', () => {
	it('is the exact normal quantile, not 1.96', () => {
		// The 97.5th percentile of the standard normal is 1.95996398454005423552…, here to 16 significant figures.
		expect(Z_95).toBe(1.959963984540054);
		// R: sprintf("%.20g", qnorm(0.975)) → "1.9599639845400536053": the same within 1e-15.
		expect(Math.abs(Z_95 - 1.9599639845400536)).toBeLessThan(1e-15);
		expect(Z_95).not.toBe(1.96);
	});
});

describe('wilsonInterval', () => {
	// R 4.2.2: prop.test(positive, n, correct = FALSE)$conf.int, which is the Wilson interval with qnorm(0.975).
	it.each([
		{ positive: 0, n: 1, lower: 0, upper: 0.793450685622763 },
		{ positive: 1, n: 1, lower: 0.206549314377238, upper: 1 },
		{ positive: 0, n: 2, lower: 0, upper: 0.657619772493347 },
		{ positive: 2, n: 2, lower: 0.342380227506653, upper: 1 },
		{ positive: 0, n: 20, lower: 0, upper: 0.161125158052819 },
		{ positive: 1, n: 29, lower: 0.00611321429276266, upper: 0.171755218793203 },
		{ positive: 81, n: 263, lower: 0.255288519878274, upper: 0.3662095769828 },
		{ positive: 15, n: 148, lower: 0.0623863995307363, upper: 0.160487241723308 },
		{ positive: 171, n: 450, lower: 0.336347774414451, upper: 0.425683662112662 },
		{ positive: 174, n: 300, lower: 0.523483149984711, upper: 0.634493974619362 },
		{ positive: 400000, n: 1000000, lower: 0.399040203576537, upper: 0.400960564712276 },
		{ positive: 1, n: 1000000, lower: 1.76524576745372e-7, upper: 5.66491180431144e-6 },
		{ positive: 0, n: 1000000, lower: 0, upper: 3.84144406394494e-6 },
		{ positive: 1000000, n: 1000000, lower: 0.999996158555936, upper: 1 }
	])('matches R prop.test for $positive/$n', ({ positive, n, lower, upper }) => {
		const interval = wilsonInterval(positive, n)!;
		expectR(interval.lower, lower);
		expectR(interval.upper, upper);
	});

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
	// R 4.2.2, from the Wilson intervals of prop.test(x, n, correct = FALSE)$conf.int:
	//   d <- p2 - p1; c(d - sqrt((p2 - l2)^2 + (u1 - p1)^2), d + sqrt((u2 - p2)^2 + (p1 - l1)^2))
	// clamped to [-1, 1]. The first eight are Newcombe (1998) Table II (a)–(h), wave = the paper's first group.
	it.each([
		{ wave: [56, 70], baseline: [48, 80], lower: 0.0524314724023649, upper: 0.333872654036906 },
		{ wave: [9, 10], baseline: [3, 10], lower: 0.170522723934503, upper: 0.809017973535488 },
		{ wave: [6, 7], baseline: [2, 7], lower: 0.0582279274823123, upper: 0.806249637524228 },
		{ wave: [5, 56], baseline: [0, 29], lower: -0.0381371479035369, upper: 0.192560013855112 },
		{ wave: [0, 10], baseline: [0, 20], lower: -0.161125158052819, upper: 0.277532799862889 },
		{ wave: [0, 10], baseline: [0, 10], lower: -0.277532799862889, upper: 0.277532799862889 },
		{ wave: [10, 10], baseline: [0, 20], lower: 0.679086037141915, upper: 1 },
		{ wave: [10, 10], baseline: [0, 10], lower: 0.607509350430524, upper: 1 },
		{ wave: [2, 2], baseline: [0, 2], lower: 0.0699851988551997, upper: 1 },
		{ wave: [0, 1], baseline: [1, 1], lower: -1, upper: 0.122108720681942 },
		{ wave: [174, 300], baseline: [171, 450], lower: 0.127328469675708, upper: 0.269821988430488 },
		{
			wave: [404000, 1000000],
			baseline: [400000, 1000000],
			lower: 0.00264098058805296,
			upper: 0.00535899854962724
		}
	])('matches R for $wave.0/$wave.1 against $baseline.0/$baseline.1', ({ wave, baseline, lower, upper }) => {
		const change = shareChange(
			{ positive: baseline[0]!, n: baseline[1]! },
			{ positive: wave[0]!, n: wave[1]! }
		)!;
		expect(change.difference).toBeCloseTo(wave[0]! / wave[1]! - baseline[0]! / baseline[1]!, 12);
		expectR(change.lower, lower);
		expectR(change.upper, upper);
	});

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
		// Newcombe example (d): 5/56 against 0/29 is not a clear change (with the minimum lowered to allow 29).
		expect(directionOfTravel({ positive: 0, n: 29 }, { positive: 5, n: 56 }, { minimumN: 29 })).toBe(
			'no clear change'
		);
	});

	it('gives no direction on fewer than 30 answers in either wave by default', () => {
		expect(MINIMUM_ANSWERS).toBe(30);
		// 0 of 2 → 2 of 2: the interval (0.07 to 1) leaves out 0, but two answers tell us nothing.
		expect(shareChange({ positive: 0, n: 2 }, { positive: 2, n: 2 })!.moreThanNoise).toBe(true);
		expect(directionOfTravel({ positive: 0, n: 2 }, { positive: 2, n: 2 })).toBe('not enough data');
		expect(directionOfTravel({ positive: 0, n: 29 }, { positive: 5, n: 56 })).toBe('not enough data');
		expect(directionOfTravel({ positive: 0, n: 30 }, { positive: 30, n: 30 })).toBe('improved');
	});

	it('says not enough data for missing, empty or too-small groups', () => {
		expect(directionOfTravel(null, baseline)).toBe('not enough data');
		expect(directionOfTravel(baseline, null)).toBe('not enough data');
		expect(directionOfTravel(baseline, { positive: 0, n: 0 })).toBe('not enough data');
		expect(directionOfTravel(baseline, { positive: 9, n: 9 }, { minimumN: 10 })).toBe('not enough data');
		expect(directionOfTravel(baseline, { positive: 10, n: 10 }, { minimumN: 10 })).toBe('improved');
	});
});

describe('pairedChange (Newcombe paired hybrid score interval, method 10)', () => {
	// R 4.2.2, the algorithm of Fagerland, Lydersen & Laake (2017), Newcombe_square_and_add_CI_paired_2x2,
	// with the repeat as time 1: n <- rbind(c(both, repeatOnly), c(baselineOnly, neither)); Wilson intervals
	// from prop.test(x, N, correct = FALSE)$conf.int. The first is the book's example (Bentur et al. 2009,
	// 1, 1, 7, 12) read the other way round; the third is Cavo et al. (2012), 59, 6, 16, 80.
	it.each([
		{
			both: 12,
			baselineOnly: 1,
			repeatOnly: 7,
			neither: 1,
			lower: 0.0255591241648599,
			upper: 0.506920226686141
		},
		{
			both: 1,
			baselineOnly: 7,
			repeatOnly: 1,
			neither: 12,
			lower: -0.506920226686141,
			upper: -0.0255591241648599
		},
		{
			both: 59,
			baselineOnly: 16,
			repeatOnly: 6,
			neither: 80,
			lower: -0.11862119563871,
			upper: -0.00462511393305007
		},
		{
			both: 80,
			baselineOnly: 6,
			repeatOnly: 16,
			neither: 59,
			lower: 0.0046251139330501,
			upper: 0.11862119563871
		},
		{
			both: 0,
			baselineOnly: 0,
			repeatOnly: 0,
			neither: 10,
			lower: -0.277532799862889,
			upper: 0.277532799862889
		},
		{
			both: 10,
			baselineOnly: 0,
			repeatOnly: 0,
			neither: 0,
			lower: -0.277532799862889,
			upper: 0.277532799862889
		},
		{ both: 0, baselineOnly: 2, repeatOnly: 0, neither: 0, lower: -1, upper: -0.0699851988551997 },
		{ both: 0, baselineOnly: 0, repeatOnly: 2, neither: 0, lower: 0.0699851988551997, upper: 1 },
		{ both: 0, baselineOnly: 0, repeatOnly: 1, neither: 0, lower: -0.122108720681942, upper: 1 },
		{
			both: 5,
			baselineOnly: 0,
			repeatOnly: 0,
			neither: 5,
			lower: -0.166593157081223,
			upper: 0.166593157081223
		},
		{
			both: 0,
			baselineOnly: 3,
			repeatOnly: 3,
			neither: 0,
			lower: -0.624767387034699,
			upper: 0.624767387034699
		},
		{
			both: 250000,
			baselineOnly: 100000,
			repeatOnly: 140000,
			neither: 510000,
			lower: 0.0390429615952786,
			upper: 0.0409569157331145
		}
	])(
		'matches R for both $both, baseline only $baselineOnly, repeat only $repeatOnly, neither $neither',
		({ lower, upper, ...counts }) => {
			const change = pairedChange(counts)!;
			const n = counts.both + counts.baselineOnly + counts.repeatOnly + counts.neither;
			expect(change.n).toBe(n);
			expect(change.difference).toBeCloseTo((counts.repeatOnly - counts.baselineOnly) / n, 12);
			expectR(change.lower, lower);
			expectR(change.upper, upper);
			expect(change.moreThanNoise).toBe(lower > 0 || upper < 0);
		}
	);

	it('is narrower than the independent interval when answers are correlated', () => {
		const counts = { both: 59, baselineOnly: 16, repeatOnly: 6, neither: 80 };
		const paired = pairedChange(counts)!;
		const independent = shareChange({ positive: 75, n: 161 }, { positive: 65, n: 161 })!;
		expect(paired.upper - paired.lower).toBeLessThan(independent.upper - independent.lower);
		expect(independent.moreThanNoise).toBe(false);
		expect(paired.moreThanNoise).toBe(true);
	});

	it('has nothing to say when nobody answered both times, and refuses impossible counts', () => {
		expect(pairedChange({ both: 0, baselineOnly: 0, repeatOnly: 0, neither: 0 })).toBeNull();
		expect(() => pairedChange({ both: -1, baselineOnly: 0, repeatOnly: 0, neither: 0 })).toThrow(RangeError);
		expect(() => pairedChange({ both: 1.5, baselineOnly: 0, repeatOnly: 0, neither: 0 })).toThrow(RangeError);
	});
});
