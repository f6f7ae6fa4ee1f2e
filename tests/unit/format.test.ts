import { describe, expect, it } from 'vitest';
import {
	formatCount,
	formatDate,
	formatPercent,
	formatPercentRange,
	formatShareWithN,
	roundHalfAway,
	roundPercent
} from '$lib/analytics/format';

describe('formatPercent', () => {
	it('shows a whole percentage', () => {
		expect(formatPercent(0.38)).toBe('38%');
		expect(formatPercent(0)).toBe('0%');
		expect(formatPercent(1)).toBe('100%');
		expect(formatPercent(171 / 450)).toBe('38%');
	});

	it('rounds halves away from zero, as on paper, despite binary floating point', () => {
		// 57/200 = 28.5%; the double nearest 0.285 is just below it, so naive rounding says 28%.
		expect(formatPercent(57 / 200)).toBe('29%');
		expect(formatPercent(0.125)).toBe('13%');
		expect(formatPercent(0.145)).toBe('15%'); // 0.145 × 100 = 14.499999999999998
		expect(formatPercent(0.1449)).toBe('14%');
		expect(roundHalfAway(-2.5)).toBe(-3);
		expect(roundPercent(-0.004)).toBe(0); // never "-0%"
		expect(formatPercent(-0.004)).toBe('0%');
	});

	it('can show decimals', () => {
		expect(formatPercent(0.38512, 1)).toBe('38.5%');
		expect(formatPercent(0.38, 1)).toBe('38.0%');
	});
});

describe('formatShareWithN', () => {
	it('always gives the counts with the share', () => {
		expect(formatShareWithN(171, 450)).toBe('38% (171 of 450)');
		expect(formatShareWithN(1234, 5678)).toBe('22% (1,234 of 5,678)');
		expect(formatShareWithN(0, 12)).toBe('0% (0 of 12)');
	});

	it('says when there are no answers rather than dividing by zero', () => {
		expect(formatShareWithN(0, 0)).toBe('no answers yet');
	});

	it('refuses impossible counts', () => {
		expect(() => formatShareWithN(5, 4)).toThrow(RangeError);
		expect(() => formatShareWithN(-1, 4)).toThrow(RangeError);
	});
});

describe('formatCount and formatPercentRange', () => {
	it('groups thousands and joins ranges with an en dash', () => {
		expect(formatCount(1234567)).toBe('1,234,567');
		expect(formatPercentRange(0.3363, 0.4257)).toBe('34%–43%');
	});
});

describe('formatDate (London time)', () => {
	it('writes a date as a UK council would', () => {
		expect(formatDate('2026-03-03')).toBe('3 March 2026');
		expect(formatDate('2026-03-03T09:00:00Z')).toBe('3 March 2026');
		expect(formatDate(new Date(Date.UTC(2025, 8, 1, 12)))).toBe('1 September 2025');
	});

	it('uses London time, not the machine’s', () => {
		// British Summer Time began at 01:00 UTC on Sunday 29 March 2026: 23:30 UTC is 00:30 BST the next day.
		expect(formatDate('2026-03-29T23:30:00Z')).toBe('30 March 2026');
		expect(formatDate('2026-06-30T23:30:00Z')).toBe('1 July 2026');
		// In winter London is on UTC.
		expect(formatDate('2026-01-15T23:30:00Z')).toBe('15 January 2026');
		// BST ended at 01:00 UTC on Sunday 25 October 2026.
		expect(formatDate('2026-10-25T23:30:00Z')).toBe('25 October 2026');
		expect(formatDate('2026-10-24T23:30:00Z')).toBe('25 October 2026');
		// An offset in the string is respected.
		expect(formatDate('2026-03-03T23:30:00-05:00')).toBe('4 March 2026');
	});

	it('refuses something that is not a date', () => {
		expect(() => formatDate('not a date')).toThrow(RangeError);
	});
});
