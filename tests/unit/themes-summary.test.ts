import { describe, expect, it } from 'vitest';
import { themesSummary } from '$lib/feedback/overview';

const rule = {
	id: 'r',
	kind: 'under_10' as const,
	threshold: 10,
	rounding_base: 1,
	label: 'Under 10 hidden',
	chosen_at: '2026-01-01T00:00:00Z'
};

describe('themesSummary', () => {
	it('names the largest shown theme and how many are hidden, never a hidden one as the largest', () => {
		expect(
			themesSummary({
				exact: false,
				rule,
				quotes: ['One'],
				themes: [
					{ theme: 'clubs', items: 12, items_symbol: null },
					{ theme: 'buses', items: null, items_symbol: '[c]' }
				]
			})
		).toBe(
			'Comments have 2 themes, the most often “clubs” (12 comments); 1 with fewer than 10 comments show [c]; 1 quote is cleared for publishing.'
		);
		expect(
			themesSummary({
				exact: false,
				rule,
				quotes: [],
				themes: [{ theme: 'buses', items: null, items_symbol: '[c]' }]
			})
		).toBe(
			'Comments have 1 theme; 1 with fewer than 10 comments show [c]; no quote is cleared for publishing.'
		);
	});

	it('says so when nothing is themed', () => {
		expect(themesSummary({ exact: true, rule, quotes: [], themes: [] })).toBe(
			'No comment has been given a theme yet; none is cleared for quoting.'
		);
	});
});
