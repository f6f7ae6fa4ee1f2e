/**
 * The representation ratio: a group's share of respondents divided by its share of the population.
 *
 * Method (written out in the methods note of the page):
 *
 * - x of the n respondents who gave a group that can be compared are in the group: their share is p = x / n,
 *   with the Wilson score interval (l, u) at 95% (exact normal quantile, `wilsonInterval`).
 * - The population's share π comes from a count of the whole population (a census, not a sample): it is
 *   treated as fixed, without error of its own.
 * - The ratio is p / π, and its interval (l / π, u / π). 1 means the group is heard in proportion; below 1,
 *   less than its share of the population.
 * - The test of "the group is heard in proportion" (p = π) is the one-sample score test,
 *   z = (p − π) / √(π(1 − π) / n), two-sided: R's `prop.test(x, n, p = π, correct = FALSE)`, whose interval is
 *   the same Wilson interval. So the ratio's interval leaves out 1 exactly when p < 0.05 before adjustment.
 * - Many groups are tested at once (every group of a dimension): the p-values are adjusted with Holm's method
 *   (`holm`), and a group is called under- or over-represented only when its adjusted p-value is below 0.05
 *   and at least `MINIMUM_ANSWERS` respondents gave a group that can be compared.
 */
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import { wilsonInterval, Z_95, type Interval } from '$lib/analytics/proportion';

export interface RatioEstimate {
	/** the group's share of respondents, x / n */
	share: number;
	/** Wilson's interval for that share */
	interval: Interval;
	/** share ÷ population share; null when the population share is 0 */
	ratio: number | null;
	lower: number | null;
	upper: number | null;
	/** two-sided p-value of the score test of share = population share; null when it cannot be tested */
	pValue: number | null;
}

/**
 * The ratio of a group's share of respondents (x of n) to its share of the population, with its interval and
 * the p-value of the test that the two shares are equal. Null when no respondent gave a group (n = 0).
 *
 * @throws RangeError when the counts are not whole numbers with 0 ≤ x ≤ n, or the population share is not
 *   between 0 and 1.
 */
export function representationRatio(
	x: number,
	n: number,
	populationShare: number,
	z: number = Z_95
): RatioEstimate | null {
	if (!(populationShare >= 0 && populationShare <= 1)) {
		throw new RangeError(`A population share must be between 0 and 1, got ${populationShare}`);
	}
	const interval = wilsonInterval(x, n, z);
	if (interval === null) return null;
	const share = x / n;
	if (populationShare === 0) {
		return { share, interval, ratio: null, lower: null, upper: null, pValue: null };
	}
	let pValue: number | null = null;
	if (populationShare < 1) {
		const zScore = (share - populationShare) / Math.sqrt((populationShare * (1 - populationShare)) / n);
		pValue = Math.min(1, 2 * normalCdf(-Math.abs(zScore), 0, 1));
	}
	return {
		share,
		interval,
		ratio: share / populationShare,
		lower: interval.lower / populationShare,
		upper: interval.upper / populationShare,
		pValue
	};
}

/** Respondents per 100 people of the population, or null when the population is unknown or 0. */
export function responseRate(respondents: number, population: number | null): number | null {
	if (population === null || !(population > 0) || !(respondents >= 0)) return null;
	return respondents / population;
}
