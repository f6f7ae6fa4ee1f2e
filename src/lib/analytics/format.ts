/**
 * Formatting of figures for people: percentages, counts and dates as a UK council would print them.
 *
 * Percentages are rounded half away from zero ("as on paper"): 57 of 200 is 28.5%, shown as 29%.
 * `Intl.NumberFormat` alone would show 28%, because the double nearest 0.285 is 0.28499999999999998.
 * Dates are shown in London time whatever the server's time zone, so a wave that opened at 00:30 BST
 * reads as that day on every machine.
 */

import { ENGLISH_TAG } from '$lib/domain';

const LOCALE = ENGLISH_TAG;
const TIME_ZONE = 'Europe/London';

const countFormat = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0 });
const dateFormat = new Intl.DateTimeFormat(LOCALE, {
	timeZone: TIME_ZONE,
	day: 'numeric',
	month: 'long',
	year: 'numeric'
});

/**
 * Round half away from zero to `digits` decimals. The value is first cleaned to 12 significant figures so
 * that floating-point dust (0.285 × 100 = 28.499999999999996) does not decide the rounding.
 */
export function roundHalfAway(value: number, digits = 0): number {
	if (!Number.isFinite(value)) throw new RangeError(`Cannot round ${value}`);
	const factor = 10 ** digits;
	const cleaned = Number((Math.abs(value) * factor).toPrecision(12));
	const rounded = (Math.sign(value) * Math.round(cleaned)) / factor;
	return rounded === 0 ? 0 : rounded; // no "-0%"
}

/** A share (0–1) as a whole percentage number, rounded half away from zero: 0.385 → 39. */
export function roundPercent(share: number, digits = 0): number {
	return roundHalfAway(share * 100, digits);
}

/** A share between 0 and 1 as a percentage: 0.38 → "38%". `digits` decimals, 0 by default. */
export function formatPercent(share: number, digits = 0): string {
	const value = roundPercent(share, digits);
	return `${value.toLocaleString(LOCALE, { minimumFractionDigits: digits, maximumFractionDigits: digits })}%`;
}

/** A whole number with thousands separators: 1234 → "1,234". */
export function formatCount(count: number): string {
	return countFormat.format(count);
}

/**
 * A share with the counts it comes from, so no percentage is ever quoted without its base:
 * (171, 450) → "38% (171 of 450)". With no answers (n = 0) there is no share: "no answers yet".
 */
export function formatShareWithN(positive: number, n: number): string {
	if (!Number.isFinite(n) || n < 0 || !Number.isFinite(positive) || positive < 0 || positive > n) {
		throw new RangeError(`Expected 0 ≤ positive ≤ n, got ${positive} of ${n}`);
	}
	if (n === 0) return 'no answers yet';
	return `${formatPercent(positive / n)} (${formatCount(positive)} of ${formatCount(n)})`;
}

/** An interval of shares: (0.336, 0.426) → "34%–43%" (en dash, no spaces, as in print). */
export function formatPercentRange(lower: number, upper: number, digits = 0): string {
	return `${formatPercent(lower, digits)}–${formatPercent(upper, digits)}`;
}

/**
 * A date or timestamp as a London calendar date: "2026-03-03" or "2026-03-03T09:00:00Z" → "3 March 2026".
 * A date without a time is read as midnight UTC, which is the same calendar day in London all year.
 *
 * @throws RangeError when the value is not a valid date.
 */
export function formatDate(iso: string | Date): string {
	const date = iso instanceof Date ? iso : new Date(iso);
	if (Number.isNaN(date.getTime())) throw new RangeError(`Not a date: ${String(iso)}`);
	return dateFormat.format(date);
}
