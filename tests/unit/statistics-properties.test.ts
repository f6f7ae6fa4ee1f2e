/**
 * Invariants of the statistics, checked on many random counts (fast-check): every interval stays within its
 * range and contains its estimate, and swapping what is compared mirrors the result.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { pairedChange, shareChange, wilsonInterval } from '$lib/analytics/proportion';
import { fisherExact, holmAdjust, mcnemarExact, scoreTest } from '$lib/analytics/significance';
import { compareWaves } from '$lib/analytics/verdict';

/** A count: n from 1 to `max`, positive between 0 and n. Small n is drawn often, where the edges are. */
function count(max = 2_000_000) {
	return fc
		.oneof(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max }))
		.chain((n) => fc.record({ n: fc.constant(n), positive: fc.integer({ min: 0, max: n }) }));
}

const paired = fc.record({
	both: fc.integer({ min: 0, max: 5000 }),
	baselineOnly: fc.integer({ min: 0, max: 5000 }),
	repeatOnly: fc.integer({ min: 0, max: 5000 }),
	neither: fc.integer({ min: 0, max: 5000 })
});

const EPS = 1e-12;

describe('interval invariants', () => {
	it('Wilson: within [0, 1], contains the share, mirrored for n − x', () => {
		fc.assert(
			fc.property(count(), ({ positive, n }) => {
				const interval = wilsonInterval(positive, n)!;
				const share = positive / n;
				expect(interval.lower).toBeGreaterThanOrEqual(0);
				expect(interval.upper).toBeLessThanOrEqual(1);
				expect(interval.lower).toBeLessThanOrEqual(share + EPS);
				expect(interval.upper).toBeGreaterThanOrEqual(share - EPS);
				const mirror = wilsonInterval(n - positive, n)!;
				expect(Math.abs(mirror.lower - (1 - interval.upper))).toBeLessThan(1e-9);
				expect(Math.abs(mirror.upper - (1 - interval.lower))).toBeLessThan(1e-9);
			}),
			{ numRuns: 500 }
		);
	});

	it('Newcombe (independent): within [−1, 1], contains the difference, antisymmetric under swapping', () => {
		fc.assert(
			fc.property(count(), count(), (a, b) => {
				const change = shareChange(a, b)!;
				expect(change.lower).toBeGreaterThanOrEqual(-1);
				expect(change.upper).toBeLessThanOrEqual(1);
				expect(change.lower).toBeLessThanOrEqual(change.difference + EPS);
				expect(change.upper).toBeGreaterThanOrEqual(change.difference - EPS);
				const swapped = shareChange(b, a)!;
				expect(Math.abs(swapped.lower + change.upper)).toBeLessThan(1e-9);
				expect(Math.abs(swapped.upper + change.lower)).toBeLessThan(1e-9);
				expect(swapped.moreThanNoise).toBe(change.moreThanNoise);
			}),
			{ numRuns: 500 }
		);
	});

	it('Newcombe (paired): within [−1, 1], contains the difference, antisymmetric when time is reversed', () => {
		fc.assert(
			fc.property(paired, (counts) => {
				const change = pairedChange(counts);
				if (change === null) {
					expect(counts.both + counts.baselineOnly + counts.repeatOnly + counts.neither).toBe(0);
					return;
				}
				expect(change.lower).toBeGreaterThanOrEqual(-1);
				expect(change.upper).toBeLessThanOrEqual(1);
				expect(change.lower).toBeLessThanOrEqual(change.difference + EPS);
				expect(change.upper).toBeGreaterThanOrEqual(change.difference - EPS);
				const reversed = pairedChange({
					...counts,
					baselineOnly: counts.repeatOnly,
					repeatOnly: counts.baselineOnly
				})!;
				expect(Math.abs(reversed.lower + change.upper)).toBeLessThan(1e-9);
				expect(Math.abs(reversed.upper + change.lower)).toBeLessThan(1e-9);
			}),
			{ numRuns: 500 }
		);
	});
});

describe('test invariants', () => {
	it('McNemar: a p-value, the same either way round, mid-p never above exact', () => {
		fc.assert(
			fc.property(fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 0, max: 3000 }), (b, c) => {
				const exact = mcnemarExact({ baselineOnly: b, repeatOnly: c }).pValue;
				const mid = mcnemarExact({ baselineOnly: b, repeatOnly: c }, { midP: true }).pValue;
				expect(exact).toBeGreaterThanOrEqual(0);
				expect(exact).toBeLessThanOrEqual(1);
				expect(mid).toBeLessThanOrEqual(exact + EPS);
				expect(mcnemarExact({ baselineOnly: c, repeatOnly: b }).pValue).toBe(exact);
			}),
			{ numRuns: 300 }
		);
	});

	it('Fisher and the score test: p-values, the same whichever group comes first', () => {
		fc.assert(
			fc.property(count(60), count(60), (a, b) => {
				const fisher = fisherExact(a, b);
				expect(fisher).toBeGreaterThanOrEqual(0);
				expect(fisher).toBeLessThanOrEqual(1);
				expect(Math.abs(fisherExact(b, a) - fisher)).toBeLessThan(1e-12);
				const score = scoreTest(a, b);
				expect(score.pValue).toBeGreaterThanOrEqual(0);
				expect(score.pValue).toBeLessThanOrEqual(1);
				expect(Math.abs(scoreTest(b, a).pValue - score.pValue)).toBeLessThan(1e-12);
			}),
			{ numRuns: 300 }
		);
	});

	it('Holm: never below the raw p-value, never above 1, in the same order as the raw p-values', () => {
		fc.assert(
			fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 30 }), (p) => {
				const adjusted = holmAdjust(p);
				adjusted.forEach((value, index) => {
					expect(value).toBeGreaterThanOrEqual(p[index]!);
					expect(value).toBeLessThanOrEqual(1);
					p.forEach((other, j) => {
						if (p[index]! <= other) expect(value).toBeLessThanOrEqual(adjusted[j]!);
					});
				});
			}),
			{ numRuns: 200 }
		);
	});
});

describe('verdict invariants', () => {
	it('never calls a change larger than chance with fewer than 30 answers in a wave', () => {
		fc.assert(
			fc.property(count(200), count(200), (a, b) => {
				const verdict = compareWaves({ label: 'A', ...a }, { label: 'B', ...b });
				const tooFew = a.n < 30 || b.n < 30;
				expect(verdict.kind === 'too few answers').toBe(tooFew);
				if (tooFew) {
					expect(verdict.words).not.toMatch(/chance/);
					expect(verdict.direction).toBe('not enough data');
				}
			}),
			{ numRuns: 300 }
		);
	});
});
