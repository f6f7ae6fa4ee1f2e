import { describe, expect, it } from 'vitest';
import {
	fisherExact,
	holm,
	holmAdjust,
	mcnemarExact,
	scoreTest,
	twoSampleTest
} from '$lib/analytics/significance';

/** R 4.2.2 printed 15 significant figures; agree to a relative 1e-9 (the tail sums differ in the last bits). */
function expectR(actual: number, r: number): void {
	expect(Math.abs(actual - r)).toBeLessThanOrEqual(1e-14 + 1e-9 * Math.abs(r));
}

describe('mcnemarExact', () => {
	// R 4.2.2: binom.test(repeatOnly, baselineOnly + repeatOnly, 0.5)$p.value (McNemar's exact test), and the
	// mid-p: k <- min(b, c); m <- b + c; min(1, 2 * (pbinom(k - 1, m, 0.5) + 0.5 * dbinom(k, m, 0.5))).
	// (R's mcnemar.test is the asymptotic test, e.g. 0.0770999 for 1 and 7: not what is computed here.)
	it.each([
		{ baselineOnly: 1, repeatOnly: 7, p: 0.0703125, midP: 0.0390625 },
		{ baselineOnly: 7, repeatOnly: 1, p: 0.0703125, midP: 0.0390625 },
		{ baselineOnly: 16, repeatOnly: 6, p: 0.0524787902832032, midP: 0.0346896648406983 },
		{ baselineOnly: 0, repeatOnly: 2, p: 0.5, midP: 0.25 },
		{ baselineOnly: 0, repeatOnly: 1, p: 1, midP: 0.5 },
		{ baselineOnly: 3, repeatOnly: 3, p: 1, midP: 1 },
		{ baselineOnly: 0, repeatOnly: 10, p: 0.001953125, midP: 0.0009765625 },
		{ baselineOnly: 12, repeatOnly: 30, p: 0.00791589733489674, midP: 0.00540157265459129 },
		{ baselineOnly: 5, repeatOnly: 0, p: 0.0625, midP: 0.03125 }
	])('matches R for $baselineOnly and $repeatOnly', ({ baselineOnly, repeatOnly, p, midP }) => {
		const exact = mcnemarExact({ baselineOnly, repeatOnly });
		expect(exact.method).toBe('exact');
		expect(exact.discordant).toBe(baselineOnly + repeatOnly);
		expectR(exact.pValue, p);
		const mid = mcnemarExact({ baselineOnly, repeatOnly }, { midP: true });
		expect(mid.method).toBe('mid-p');
		expectR(mid.pValue, midP);
	});

	it('is vanishingly small for a large shift among many people', () => {
		// R: binom.test(140000, 240000, 0.5)$p.value → 1.48219693752374e-323 (at the limit of a double).
		expect(mcnemarExact({ baselineOnly: 100000, repeatOnly: 140000 }).pValue).toBeLessThan(1e-300);
	});

	it('is 1 when nobody changed their answer (R refuses n = 0)', () => {
		expect(mcnemarExact({ baselineOnly: 0, repeatOnly: 0 })).toEqual({
			method: 'exact',
			discordant: 0,
			pValue: 1
		});
		expect(mcnemarExact({ baselineOnly: 0, repeatOnly: 0 }, { midP: true }).pValue).toBe(1);
	});

	it('refuses impossible counts', () => {
		expect(() => mcnemarExact({ baselineOnly: -1, repeatOnly: 2 })).toThrow(RangeError);
		expect(() => mcnemarExact({ baselineOnly: 1, repeatOnly: 0.5 })).toThrow(RangeError);
	});
});

describe('fisherExact', () => {
	// R 4.2.2: fisher.test(matrix(c(x1, n1 - x1, x2, n2 - x2), 2))$p.value
	it.each([
		{ a: [3, 4], b: [1, 4], p: 0.485714285714286 },
		{ a: [0, 2], b: [2, 2], p: 0.333333333333333 },
		{ a: [2, 2], b: [0, 2], p: 0.333333333333333 },
		{ a: [0, 1], b: [1, 1], p: 1 },
		{ a: [0, 10], b: [0, 10], p: 1 },
		{ a: [5, 56], b: [0, 29], p: 0.160621443209471 },
		{ a: [0, 29], b: [5, 56], p: 0.160621443209471 },
		{ a: [9, 10], b: [3, 10], p: 0.0197666110978804 },
		{ a: [56, 70], b: [48, 80], p: 0.0125211297492092 },
		{ a: [1, 1], b: [0, 1], p: 1 },
		{ a: [171, 450], b: [174, 300], p: 9.91640144499284e-8 }
	])('matches R for $a.0/$a.1 against $b.0/$b.1', ({ a, b, p }) => {
		const result = fisherExact({ positive: a[0]!, n: a[1]! }, { positive: b[0]!, n: b[1]! });
		// The hypergeometric terms come from log-factorials here and from Loader's algorithm in R.
		expect(Math.abs(result - p)).toBeLessThanOrEqual(1e-9 * Math.max(p, 1e-6));
	});

	it('matches R for very large n', () => {
		// R 4.2.2: fisher.test(matrix(c(40000, 60000, 40400, 59600), 2))$p.value → 0.0688079151308577
		//          fisher.test(matrix(c(400000, 600000, 404000, 596000), 2))$p.value → 8.05457395474176e-09
		// Log-factorials of a million lose a few digits; agree to a relative 1e-6.
		const medium = fisherExact({ positive: 40000, n: 100000 }, { positive: 40400, n: 100000 });
		expect(Math.abs(medium - 0.0688079151308577)).toBeLessThan(1e-6 * 0.0688079151308577);
		const large = fisherExact({ positive: 400000, n: 1000000 }, { positive: 404000, n: 1000000 });
		expect(Math.abs(large - 8.05457395474176e-9)).toBeLessThan(1e-6 * 8.05457395474176e-9);
	});

	it('is 1 when a group is empty (nothing to test)', () => {
		expect(fisherExact({ positive: 0, n: 0 }, { positive: 3, n: 5 })).toBe(1);
	});

	it('refuses impossible counts', () => {
		expect(() => fisherExact({ positive: 3, n: 2 }, { positive: 0, n: 1 })).toThrow(RangeError);
	});
});

describe('scoreTest', () => {
	// R 4.2.2: prop.test(c(x1, x2), c(n1, n2), correct = FALSE) — $statistic and $p.value
	it.each([
		{ a: [48, 80], b: [56, 70], chiSquared: 7.02341137123746, p: 0.00804508136819656 },
		{ a: [3, 10], b: [9, 10], chiSquared: 7.5, p: 0.00616989932054415 },
		{ a: [171, 450], b: [174, 300], chiSquared: 28.9855072463768, p: 7.29218253195353e-8 },
		{ a: [171, 450], b: [120, 300], chiSquared: 0.303214069132808, p: 0.581874468853125 },
		{ a: [400000, 1000000], b: [404000, 1000000], chiSquared: 33.2784239338425, p: 7.98638347705163e-9 },
		{ a: [0, 2], b: [2, 2], chiSquared: 4, p: 0.0455002638963585 },
		{ a: [1, 1], b: [0, 1], chiSquared: 2, p: 0.157299207050284 }
	])('matches R for $a.0/$a.1 against $b.0/$b.1', ({ a, b, chiSquared, p }) => {
		const result = scoreTest({ positive: a[0]!, n: a[1]! }, { positive: b[0]!, n: b[1]! });
		expectR(result.chiSquared, chiSquared);
		expectR(result.pValue, p);
	});

	it('finds nothing to test when everyone or no one was positive (R gives NaN), or a group is empty', () => {
		// R: prop.test(c(0, 0), c(10, 10), correct = FALSE) → X-squared = NaN, p-value = NaN
		expect(scoreTest({ positive: 0, n: 10 }, { positive: 0, n: 10 })).toEqual({ chiSquared: 0, pValue: 1 });
		expect(scoreTest({ positive: 10, n: 10 }, { positive: 10, n: 10 })).toEqual({ chiSquared: 0, pValue: 1 });
		expect(scoreTest({ positive: 0, n: 0 }, { positive: 4, n: 10 })).toEqual({ chiSquared: 0, pValue: 1 });
	});
});

describe('twoSampleTest', () => {
	it('uses Fisher’s exact test when an expected count is below 5, and says so', () => {
		// 0 of 2 against 2 of 2: the score test would say p = 0.046; Fisher's says 0.33.
		const small = twoSampleTest({ positive: 0, n: 2 }, { positive: 2, n: 2 });
		expect(small.method).toBe('Fisher’s exact test');
		expect(small.pValue).toBeCloseTo(1 / 3, 12);
		// 5/56 against 0/29: expected positives in the smaller group are 29 × 5/85 = 1.7.
		expect(twoSampleTest({ positive: 5, n: 56 }, { positive: 0, n: 29 }).method).toBe('Fisher’s exact test');
	});

	it('uses the score test for larger tables, including very large n', () => {
		const large = twoSampleTest({ positive: 171, n: 450 }, { positive: 174, n: 300 });
		expect(large.method).toBe('score test');
		expectR(large.pValue, 7.29218253195353e-8);
		const huge = twoSampleTest({ positive: 400000, n: 1000000 }, { positive: 404000, n: 1000000 });
		expect(huge.method).toBe('score test');
		expectR(huge.pValue, 7.98638347705163e-9);
	});
});

describe('Holm', () => {
	// R 4.2.2: p.adjust(p, "holm")
	it.each([
		{ p: [0.01, 0.04, 0.03, 0.005], adjusted: [0.03, 0.06, 0.06, 0.02] },
		{ p: [0.5], adjusted: [0.5] },
		{ p: [0.001, 0.2, 0.2, 0.9, 0.04], adjusted: [0.005, 0.6, 0.6, 0.9, 0.16] },
		{ p: [0.04, 0.03], adjusted: [0.06, 0.06] },
		{ p: [], adjusted: [] }
	])('holmAdjust matches R for $p', ({ p, adjusted }) => {
		const result = holmAdjust(p);
		expect(result).toHaveLength(adjusted.length);
		result.forEach((value, index) => expect(value).toBeCloseTo(adjusted[index]!, 14));
	});

	it('caps at 1 and refuses values that are not p-values', () => {
		expect(holmAdjust([0.6, 0.7, 0.8])).toEqual([1, 1, 1]);
		expect(() => holmAdjust([0.5, 1.2])).toThrow(RangeError);
		expect(() => holmAdjust([Number.NaN])).toThrow(RangeError);
	});

	it('says how many comparisons were made and which are more than chance after adjustment', () => {
		const result = holm([0.01, 0.04, 0.03, 0.005]);
		expect(result.comparisons).toBe(4);
		// Unadjusted, all four are below 0.05; after Holm only the two smallest are.
		expect(result.moreThanChance).toEqual([true, false, false, true]);
		expect(result.note).toBe(
			'4 comparisons were made; p-values are adjusted for them with Holm’s method, so each difference called ' +
				'more than chance holds at the 5% level for the whole set.'
		);
		expect(holm([0.01]).note).toBe(
			'One comparison was made, so no adjustment for many comparisons is needed.'
		);
		expect(holm([]).note).toBe('No comparisons were made, so no adjustment for many comparisons is needed.');
	});
});
