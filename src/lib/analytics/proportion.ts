/**
 * Proportions: how sure can we be about a share, and did it really change?
 *
 * Everything here is a pure function of counts. A "count" is `positive` people out of `n` who answered
 * (for example 171 of 450 parent carers who agreed). Shares are fractions between 0 and 1.
 *
 * Methods (chosen because they behave well for the small samples and the shares near 0% or 100% that SEND
 * surveys produce, where the textbook "Wald" interval p ± 1.96·√(p(1−p)/n) misleads):
 *
 * - One share: the Wilson score interval without continuity correction.
 *   Wilson EB (1927) "Probable inference, the law of succession, and statistical inference", JASA 22:209–212.
 *   Recommended by Newcombe RG (1998) "Two-sided confidence intervals for the single proportion: comparison
 *   of seven methods", Statistics in Medicine 17:857–872 (method 3), and by Brown LD, Cai TT, DasGupta A
 *   (2001) "Interval estimation for a binomial proportion", Statistical Science 16:101–133.
 * - The difference between two independent shares (a wave against the baseline): Newcombe's hybrid score
 *   interval, built from the two Wilson intervals.
 *   Newcombe RG (1998) "Interval estimation for the difference between independent proportions: comparison
 *   of eleven methods", Statistics in Medicine 17:873–890 (method 10).
 *
 * - The change for panel-linked respondents (the same panel code at the baseline and the repeat): Newcombe's
 *   paired hybrid score interval, which takes account of the correlation between a person's two answers.
 *   Newcombe RG (1998) "Improved confidence intervals for the difference between binomial proportions based
 *   on paired data", Statistics in Medicine 17:2635–2650 (method 10); as implemented in Fagerland MW,
 *   Lydersen S, Laake P (2017) "Statistical Analysis of Contingency Tables", chapter 8.
 *
 * A change counts as "more than noise" when its 95% interval leaves out 0. That is close to a significance
 * test at the 5% level, but it comes with the size of the change, which is what a councillor needs. Waves
 * are treated as independent samples unless the answers are linked by panel code: most respondents answer
 * anonymously, so the same person cannot be matched across waves. Where they can, use `pairedChange` (and
 * McNemar's test in `./significance`): the independent interval would then be conservative.
 *
 * Whether there are enough answers to say anything at all is a separate decision (`MINIMUM_ANSWERS`,
 * and the verdict layer in `./verdict`): with 2 answers in each wave, 0 of 2 → 2 of 2 has an interval that
 * leaves out 0, yet nobody should call it a real change.
 */

/**
 * The z value for a two-sided 95% interval: the 97.5th percentile of the standard normal distribution,
 * 1.95996398454005423552… to 16 significant figures (R's qnorm(0.975) agrees within 1e-15). Not 1.96,
 * which is that number rounded for printed tables.
 */
export const Z_95 = 1.959963984540054;

/**
 * The fewest answers a wave needs (in each wave compared) before a verdict is given on a change: 30, the
 * usual rule of thumb below which the normal approximations behind these intervals are not trusted and a
 * single person moves a share by more than 3 points. Below it the figures are shown, with their intervals,
 * but the words say the numbers are too small to tell.
 */
export const MINIMUM_ANSWERS = 30;

/** `positive` respondents out of `n` who answered. */
export interface ShareCount {
	positive: number;
	n: number;
}

/** A confidence interval for a share or a difference of shares. */
export interface Interval {
	lower: number;
	upper: number;
}

/** A wave compared against the baseline. */
export interface ShareChange {
	/** The baseline share, positive / n. */
	baselineShare: number;
	/** The share in the wave being compared. */
	waveShare: number;
	/** waveShare − baselineShare, between −1 and 1. Positive means the share went up. */
	difference: number;
	/** Newcombe's hybrid score interval for the difference (method 10). */
	lower: number;
	upper: number;
	/** True when the interval leaves out 0: chance alone is an unlikely explanation of the change. */
	moreThanNoise: boolean;
}

export type Direction = 'improved' | 'worsened' | 'no clear change' | 'not enough data';

function assertCount(positive: number, n: number): void {
	if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a whole number ≥ 0, got ${n}`);
	if (!Number.isInteger(positive) || positive < 0 || positive > n) {
		throw new RangeError(`positive must be a whole number between 0 and n (${n}), got ${positive}`);
	}
}

function assertZ(z: number): void {
	if (!Number.isFinite(z) || z <= 0) throw new RangeError(`z must be a positive number, got ${z}`);
}

/**
 * The Wilson score interval for `positive` out of `n` (95% with the default z = `Z_95`).
 * The same as R's `prop.test(positive, n, correct = FALSE)$conf.int`.
 *
 *   centre    = (p + z²/2n) / (1 + z²/n)
 *   halfWidth = z / (1 + z²/n) · √( p(1−p)/n + z²/4n² )
 *
 * Unlike the Wald interval it never leaves [0, 1] and is not zero-width at 0 or n: 0 of 20 gives 0 to 16%,
 * which is honest about how little 20 answers tell us. Returns null when nobody answered (n = 0).
 *
 * @throws RangeError when the counts are not whole numbers with 0 ≤ positive ≤ n.
 */
export function wilsonInterval(positive: number, n: number, z: number = Z_95): Interval | null {
	assertCount(positive, n);
	assertZ(z);
	if (n === 0) return null;
	const p = positive / n;
	const z2 = z * z;
	const denominator = 1 + z2 / n;
	const centre = (p + z2 / (2 * n)) / denominator;
	const halfWidth = (z / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
	// At 0 and n the formula gives exactly 0 and 1 on paper; clamp away floating-point dust.
	return {
		lower: positive === 0 ? 0 : Math.max(0, centre - halfWidth),
		upper: positive === n ? 1 : Math.min(1, centre + halfWidth)
	};
}

/**
 * Newcombe's square-and-add interval for p₂ − p₁ from the two Wilson intervals, with the correlation φ
 * of paired answers (0 for two independent waves, where it is method 10 of Newcombe 1998).
 */
function newcombe(p1: number, p2: number, before: Interval, after: Interval, phi: number): ShareChange {
	const difference = p2 - p1;
	const spread = (a: number, b: number) => Math.sqrt(Math.max(0, a * a - 2 * phi * a * b + b * b));
	const lower = difference - spread(p2 - after.lower, before.upper - p1);
	const upper = difference + spread(after.upper - p2, p1 - before.lower);
	return {
		baselineShare: p1,
		waveShare: p2,
		difference,
		lower: Math.max(-1, lower),
		upper: Math.min(1, upper),
		moreThanNoise: lower > 0 || upper < 0
	};
}

/**
 * Compare a wave against the baseline: the difference in shares (wave − baseline), Newcombe's hybrid score
 * interval for it, and whether that interval leaves out 0.
 *
 * With d = p₂ − p₁ and Wilson intervals (l₁, u₁) for the baseline and (l₂, u₂) for the wave:
 *
 *   lower = d − √( (p₂ − l₂)² + (u₁ − p₁)² )
 *   upper = d + √( (u₂ − p₂)² + (p₁ − l₁)² )
 *
 * Returns null when either group has no answers (n = 0): there is nothing to compare.
 *
 * @param baseline the earlier (reference) wave
 * @param wave the wave being compared with it
 * @param z `Z_95` for a 95% interval
 * @throws RangeError when the counts are not whole numbers with 0 ≤ positive ≤ n.
 */
export function shareChange(baseline: ShareCount, wave: ShareCount, z: number = Z_95): ShareChange | null {
	const before = wilsonInterval(baseline.positive, baseline.n, z);
	const after = wilsonInterval(wave.positive, wave.n, z);
	if (before === null || after === null) return null;
	return newcombe(baseline.positive / baseline.n, wave.positive / wave.n, before, after, 0);
}

export interface DirectionOptions {
	/** Whether a higher share is better (agreeing "I feel listened to") or worse ("I had to chase"). Default true. */
	higherIsBetter?: boolean;
	/**
	 * The fewest answers each wave needs before we say anything about direction. Default `MINIMUM_ANSWERS`
	 * (30): the interval alone is not enough, since 0 of 2 → 2 of 2 has an interval that leaves out 0.
	 */
	minimumN?: number;
	/** `Z_95` for 95%. */
	z?: number;
}

/**
 * Direction of travel between the baseline and a later wave, for a RAG-style label.
 *
 * - 'not enough data' when either count is missing (null: suppressed or not yet collected) or has fewer
 *   than `minimumN` answers;
 * - 'no clear change' when the 95% interval for the difference includes 0;
 * - otherwise 'improved' or 'worsened', depending on `higherIsBetter`.
 */
export function directionOfTravel(
	baseline: ShareCount | null,
	wave: ShareCount | null,
	options: DirectionOptions = {}
): Direction {
	const { higherIsBetter = true, minimumN = MINIMUM_ANSWERS, z = Z_95 } = options;
	if (baseline === null || wave === null) return 'not enough data';
	const threshold = Math.max(1, minimumN);
	if (baseline.n < threshold || wave.n < threshold) return 'not enough data';
	const change = shareChange(baseline, wave, z);
	if (change === null) return 'not enough data';
	if (!change.moreThanNoise) return 'no clear change';
	const wentUp = change.difference > 0;
	return wentUp === higherIsBetter ? 'improved' : 'worsened';
}

/**
 * Answers of the same people (linked by panel code) at the baseline and at a repeat, as a 2×2 table of
 * counts: positive both times, only at the baseline, only at the repeat, neither time.
 */
export interface PairedCounts {
	both: number;
	baselineOnly: number;
	repeatOnly: number;
	neither: number;
}

/** The change between the baseline and a repeat for the same people. */
export interface PairedChange extends ShareChange {
	/** How many people answered both times. */
	n: number;
}

/**
 * The change in the share positive for the same people answered twice (repeat − baseline), with Newcombe's
 * paired hybrid score interval (method 10 of Newcombe 1998, "paired data").
 *
 * With n people, p₁ = (both + baselineOnly)/n at the baseline, p₂ = (both + repeatOnly)/n at the repeat,
 * d = p₂ − p₁, Wilson intervals (l₁, u₁) and (l₂, u₂), and φ the correlation between the two answers
 * (with Newcombe's continuity correction: φ = (AD − BC − n/2)/√(row and column totals) when AD − BC > n/2,
 * 0 when 0 ≤ AD − BC ≤ n/2, (AD − BC)/√(…) when it is negative, and 0 when any total is 0):
 *
 *   lower = d − √( (p₂ − l₂)² − 2φ(p₂ − l₂)(u₁ − p₁) + (u₁ − p₁)² )
 *   upper = d + √( (u₂ − p₂)² − 2φ(u₂ − p₂)(p₁ − l₁) + (p₁ − l₁)² )
 *
 * Returns null when nobody answered both times.
 *
 * @throws RangeError when a count is not a whole number ≥ 0.
 */
export function pairedChange(counts: PairedCounts, z: number = Z_95): PairedChange | null {
	const { both, baselineOnly, repeatOnly, neither } = counts;
	for (const [name, value] of Object.entries(counts)) {
		if (!Number.isInteger(value) || value < 0) {
			throw new RangeError(`${name} must be a whole number ≥ 0, got ${value}`);
		}
	}
	assertZ(z);
	const n = both + baselineOnly + repeatOnly + neither;
	if (n === 0) return null;
	const atBaseline = both + baselineOnly;
	const atRepeat = both + repeatOnly;
	const p1 = atBaseline / n;
	const p2 = atRepeat / n;
	const before = wilsonInterval(atBaseline, n, z)!;
	const after = wilsonInterval(atRepeat, n, z)!;
	const margins = atBaseline * (n - atBaseline) * atRepeat * (n - atRepeat);
	// In the repeat × baseline table the diagonal is (both, neither) and the off-diagonal the discordant pairs.
	const cross = both * neither - baselineOnly * repeatOnly;
	const phi =
		margins === 0
			? 0
			: cross > n / 2
				? (cross - n / 2) / Math.sqrt(margins)
				: cross >= 0
					? 0
					: cross / Math.sqrt(margins);
	return { n, ...newcombe(p1, p2, before, after, phi) };
}
