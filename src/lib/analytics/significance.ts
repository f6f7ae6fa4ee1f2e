/**
 * Significance tests: is a difference between two groups, or a change for the same people, more than chance
 * would produce? And, when a view makes many such comparisons at once, how to keep the false alarms down.
 *
 * Pure functions of counts, each matching R (the unit tests hold the R calls and their results):
 *
 * - `mcnemarExact`: McNemar's exact test for panel-linked answers (the same people at the baseline and a
 *   repeat). Only the people whose answer changed count; under "no change" each of them is as likely to have
 *   moved one way as the other, so the test is a two-sided binomial test with p = ½ on the discordant pairs:
 *   R's `binom.test(repeatOnly, baselineOnly + repeatOnly, 0.5)`. The mid-p version (half the probability
 *   of the observed table, Lancaster 1961) is available and says so in its result; it is less conservative
 *   and is recommended by Fagerland, Lydersen & Laake (2013) "The McNemar test for binary matched-pairs
 *   data: mid-p and asymptotic are better than exact conditional", BMC Med Res Methodol 13:91.
 *   R's `mcnemar.test` is the asymptotic (chi-squared) version; it is not used here.
 * - `fisherExact`: Fisher's exact test for two independent groups, two-sided as R's `fisher.test` does it
 *   (the tables no more likely than the one observed, with R's relative tolerance of 1e-7).
 * - `scoreTest`: the score (Pearson chi-squared) test for two independent groups without continuity
 *   correction, R's `prop.test(c(x1, x2), c(n1, n2), correct = FALSE)`; it is the test that agrees with the
 *   Wilson and Newcombe intervals.
 * - `twoSampleTest`: Fisher's test when any expected count is below 5 (Cochran's rule), the score test
 *   otherwise.
 * - `holmAdjust` / `holm`: Holm's step-down adjustment for many comparisons (Holm S (1979) "A simple
 *   sequentially rejective multiple test procedure", Scand J Statist 6:65–70), R's `p.adjust(p, "holm")`.
 *   It controls the chance of any false alarm among all the comparisons made, without assuming they are
 *   independent.
 */
import binomialCdf from '@stdlib/stats-base-dists-binomial-cdf';
import binomialPmf from '@stdlib/stats-base-dists-binomial-pmf';
import hypergeometricPmf from '@stdlib/stats-base-dists-hypergeometric-pmf';
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import type { PairedCounts, ShareCount } from './proportion';

/** The usual 5% significance level. */
export const ALPHA = 0.05;

function assertWhole(name: string, value: number): void {
	if (!Number.isInteger(value) || value < 0) {
		throw new RangeError(`${name} must be a whole number ≥ 0, got ${value}`);
	}
}

function assertCount(name: string, { positive, n }: ShareCount): void {
	assertWhole(`${name}.n`, n);
	assertWhole(`${name}.positive`, positive);
	if (positive > n) throw new RangeError(`${name}.positive (${positive}) is more than ${name}.n (${n})`);
}

export interface McNemarResult {
	/** 'exact' (the conventional, conservative test) or 'mid-p'. */
	method: 'exact' | 'mid-p';
	/** How many people changed their answer (baselineOnly + repeatOnly). */
	discordant: number;
	/** Two-sided p-value, between 0 and 1. 1 when nobody changed their answer. */
	pValue: number;
}

/**
 * McNemar's exact test, two-sided, for the same people answering at the baseline and at a repeat.
 * Only `baselineOnly` (positive before, not after) and `repeatOnly` (positive after, not before) matter.
 *
 * exact: p = min(1, 2·P(X ≤ k)) with X ~ Binomial(b + c, ½) and k = min(b, c)
 * mid-p: p = min(1, 2·(P(X ≤ k) − ½·P(X = k)))
 *
 * @param options.midP use the mid-p version (default false: the exact test)
 * @throws RangeError when a count is not a whole number ≥ 0.
 */
export function mcnemarExact(
	counts: Pick<PairedCounts, 'baselineOnly' | 'repeatOnly'>,
	options: { midP?: boolean } = {}
): McNemarResult {
	const { baselineOnly: b, repeatOnly: c } = counts;
	assertWhole('baselineOnly', b);
	assertWhole('repeatOnly', c);
	const method = options.midP ? 'mid-p' : 'exact';
	const discordant = b + c;
	if (discordant === 0) return { method, discordant, pValue: 1 };
	const k = Math.min(b, c);
	const tail = binomialCdf(k, discordant, 0.5) - (options.midP ? 0.5 * binomialPmf(k, discordant, 0.5) : 0);
	return { method, discordant, pValue: Math.min(1, Math.max(0, 2 * tail)) };
}

/**
 * Fisher's exact test, two-sided, for `a.positive` of `a.n` against `b.positive` of `b.n` (two independent
 * groups). As R's `fisher.test` on the 2×2 table: the sum of the probabilities (hypergeometric, margins
 * fixed) of every table no more likely than the one observed, within a relative tolerance of 1e-7.
 * Returns 1 when either group is empty or nobody (or everybody) was positive: there is nothing to test.
 *
 * Its cost grows with the smaller margin; use it for small tables (see `twoSampleTest`).
 *
 * @throws RangeError when the counts are not whole numbers with 0 ≤ positive ≤ n.
 */
export function fisherExact(a: ShareCount, b: ShareCount): number {
	assertCount('a', a);
	assertCount('b', b);
	const total = a.n + b.n;
	const positives = a.positive + b.positive;
	if (a.n === 0 || b.n === 0 || positives === 0 || positives === total) return 1;
	// X = positives in group a ~ Hypergeometric(total, positives, a.n). From the mode outwards, each term
	// from the one before: P(x + 1) / P(x) = (K − x)(n − x) / ((x + 1)(N − K − n + x + 1)). The terms fall
	// away fast, so the walk stops once they are too small to change the sum.
	const [N, K, n] = [total, positives, a.n];
	const low = Math.max(0, n + K - N);
	const high = Math.min(K, n);
	const ratio = (x: number) => ((K - x) * (n - x)) / ((x + 1) * (N - K - n + x + 1));
	const observed = hypergeometricPmf(a.positive, N, K, n);
	const threshold = observed * (1 + 1e-7);
	const mode = Math.min(high, Math.max(low, Math.floor(((n + 1) * (K + 1)) / (N + 2))));
	const atMode = hypergeometricPmf(mode, N, K, n);
	const negligible = (term: number, sum: number) => term === 0 || term < 1e-17 * sum;
	let p = atMode <= threshold ? atMode : 0;
	let term = atMode;
	for (let x = mode; x < high; x += 1) {
		term *= ratio(x);
		if (term <= threshold) p += term;
		if (term <= threshold && negligible(term, p)) break;
	}
	term = atMode;
	for (let x = mode; x > low; x -= 1) {
		term /= ratio(x - 1);
		if (term <= threshold) p += term;
		if (term <= threshold && negligible(term, p)) break;
	}
	return Math.min(1, p);
}

export interface ScoreTestResult {
	/** Pearson's chi-squared statistic (1 degree of freedom) = z². 0 when there is nothing to test. */
	chiSquared: number;
	/** Two-sided p-value. 1 when there is nothing to test (R gives NaN there). */
	pValue: number;
}

/**
 * The score test for two independent shares, without continuity correction: R's
 * `prop.test(c(a.positive, b.positive), c(a.n, b.n), correct = FALSE)`.
 *
 *   z = (p_a − p_b) / √( p̄(1 − p̄)(1/n_a + 1/n_b) ),  p̄ = pooled share,  p = 2·Φ(−|z|)
 *
 * When either group is empty, or the pooled share is 0 or 1 (everyone agreed in both groups, or no one
 * did), there is no difference to test: chi-squared 0 and p-value 1 (R returns NaN).
 *
 * @throws RangeError when the counts are not whole numbers with 0 ≤ positive ≤ n.
 */
export function scoreTest(a: ShareCount, b: ShareCount): ScoreTestResult {
	assertCount('a', a);
	assertCount('b', b);
	const pooled = (a.positive + b.positive) / (a.n + b.n);
	if (a.n === 0 || b.n === 0 || pooled === 0 || pooled === 1) return { chiSquared: 0, pValue: 1 };
	const z = (a.positive / a.n - b.positive / b.n) / Math.sqrt(pooled * (1 - pooled) * (1 / a.n + 1 / b.n));
	return { chiSquared: z * z, pValue: Math.min(1, 2 * normalCdf(-Math.abs(z), 0, 1)) };
}

export interface TwoSampleTestResult {
	method: 'Fisher’s exact test' | 'score test';
	pValue: number;
}

/**
 * A two-sided test of whether two independent groups differ: Fisher's exact test when any expected count
 * in the 2×2 table is below 5 (Cochran's rule, where the score test's approximation is poor), the score test
 * otherwise. The result names the test used, for the methods note.
 */
export function twoSampleTest(a: ShareCount, b: ShareCount): TwoSampleTestResult {
	assertCount('a', a);
	assertCount('b', b);
	const total = a.n + b.n;
	const positives = a.positive + b.positive;
	const smallest = total === 0 ? 0 : (Math.min(a.n, b.n) * Math.min(positives, total - positives)) / total;
	return smallest < 5
		? { method: 'Fisher’s exact test', pValue: fisherExact(a, b) }
		: { method: 'score test', pValue: scoreTest(a, b).pValue };
}

/**
 * Holm's step-down adjustment of p-values for many comparisons, as R's `p.adjust(p, "holm")`: sort the m
 * p-values, multiply the i-th smallest by (m − i + 1), carry the running maximum upwards, and cap at 1.
 * Returned in the order given. Compare an adjusted p-value with 0.05 as usual.
 *
 * @throws RangeError when a p-value is not between 0 and 1.
 */
export function holmAdjust(pValues: readonly number[]): number[] {
	for (const p of pValues) {
		if (!(p >= 0 && p <= 1)) throw new RangeError(`A p-value must be between 0 and 1, got ${p}`);
	}
	const m = pValues.length;
	const order = pValues.map((p, index) => ({ p, index })).sort((x, y) => x.p - y.p || x.index - y.index);
	const adjusted = new Array<number>(m);
	let running = 0;
	order.forEach(({ p, index }, rank) => {
		running = Math.max(running, Math.min(1, (m - rank) * p));
		adjusted[index] = running;
	});
	return adjusted;
}

export interface HolmResult {
	/** How many comparisons were made (and controlled for). */
	comparisons: number;
	/** Holm-adjusted p-values, in the order given. */
	adjusted: number[];
	/** Whether each comparison is more than chance after the adjustment (adjusted p < alpha). */
	moreThanChance: boolean[];
	/** A sentence for the methods note. */
	note: string;
}

/**
 * Holm's adjustment with the decision and the sentence a methods note needs, e.g. "12 comparisons were
 * made; p-values are adjusted for them with Holm's method, so each difference called more than chance
 * holds at the 5% level for the whole set."
 */
export function holm(pValues: readonly number[], alpha: number = ALPHA): HolmResult {
	if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must be between 0 and 1, got ${alpha}`);
	const adjusted = holmAdjust(pValues);
	const comparisons = pValues.length;
	const level = `${Number((alpha * 100).toPrecision(3))}%`;
	const note =
		comparisons <= 1
			? `${comparisons === 0 ? 'No comparisons were' : 'One comparison was'} made, so no adjustment for many comparisons is needed.`
			: `${comparisons} comparisons were made; p-values are adjusted for them with Holm’s method, so each ` +
				`difference called more than chance holds at the ${level} level for the whole set.`;
	return { comparisons, adjusted, moreThanChance: adjusted.map((p) => p < alpha), note };
}
