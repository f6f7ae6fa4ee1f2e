import { describe, expect, it } from 'vitest';
import { answersLine, compareAnswers, tally } from '../../bench/counting.js';

/** Counts from [what, how many] pairs, through tally as the bench makes them. */
function counts(...pairs: [string, number][]): Map<string, number> {
	const m = new Map<string, number>();
	for (const [what, n] of pairs) tally(m, what, n);
	return m;
}

describe("the bench's check that every answer the load gave is in the database", () => {
	const before = counts(['q1=agree', 10], ['q1=disagree', 4]);

	it('says none lost and none duplicated when the database gained exactly what was sent', () => {
		const sent = counts(['q1=agree', 3], ['q1=disagree', 2], ['q2=agree', 5]);
		const after = counts(['q1=agree', 13], ['q1=disagree', 6], ['q2=agree', 5]);
		const c = compareAnswers(sent, before, after);
		expect(c).toEqual({ given: 10, stored: 10, lost: 0, extra: 0 });
		expect(answersLine(c)).toBe('10 of 10 answers given (none lost, none duplicated)');
	});

	it('counts an answer lost when the database gained less of it than was sent', () => {
		const sent = counts(['q1=agree', 3], ['q2=agree', 5]);
		const after = counts(['q1=agree', 13], ['q1=disagree', 4], ['q2=agree', 4]);
		const c = compareAnswers(sent, before, after);
		expect(c).toEqual({ given: 8, stored: 7, lost: 1, extra: 0 });
		expect(answersLine(c)).toMatch(/^7 of 8 answers given \(MISMATCH: 1 lost, 0 /);
	});

	it('counts an answer stored twice, or never sent, as extra', () => {
		const sent = counts(['q1=agree', 3]);
		const after = counts(['q1=agree', 14], ['q1=disagree', 5]);
		expect(compareAnswers(sent, before, after)).toEqual({ given: 3, stored: 5, lost: 0, extra: 2 });
	});

	it('finds one answer lost and another doubled even when the totals agree', () => {
		const sent = counts(['q1=agree', 3], ['q1=disagree', 2]);
		const after = counts(['q1=agree', 12], ['q1=disagree', 7]);
		const c = compareAnswers(sent, before, after);
		expect(c).toEqual({ given: 5, stored: 5, lost: 1, extra: 1 });
		expect(answersLine(c)).toContain('MISMATCH');
	});
});
