import { describe, expect, it } from 'vitest';
import {
	activitiesSummary,
	activityRows,
	quarterLabel,
	quartersBetween,
	responseRows,
	responsesSummary,
	themeRows,
	themesSummary,
	type ImpactOverTime
} from '$lib/decisions/over-time';
import { overTimeCharts } from '$lib/server/decisions/over-time-charts';

const RULE = { threshold: 10, rounding_base: 1, since: '2026-01-01' } as unknown as ImpactOverTime['rule'];

function data(parts: Partial<ImpactOverTime>): ImpactOverTime {
	return { exact: true, rule: RULE, themes: [], responses: [], activities: [], ...parts };
}

describe('quarters', () => {
	it('names a quarter in words and keeps the empty quarters between the first and the last', () => {
		expect(quarterLabel('2026-04-01')).toBe('Apr to Jun 2026');
		expect(quartersBetween(['2026-04-01', '2025-10-01'])).toEqual(['2025-10-01', '2026-01-01', '2026-04-01']);
		expect(quartersBetween([])).toEqual([]);
	});
});

describe('themes with a published response', () => {
	it('says there is nothing to chart when no theme has been raised', () => {
		expect(themesSummary(themeRows(data({})))).toBe(
			'No feedback has been given a theme yet, so there is nothing to chart.'
		);
	});

	it('gives the latest quarter with its n, against the first, and counts an empty quarter as none', () => {
		const rows = themeRows(
			data({
				themes: [
					{ quarter: '2025-10-01', raised: 8, answered: 2 },
					{ quarter: '2026-04-01', raised: 5, answered: 4 }
				]
			})
		);
		expect(rows.map((r) => [r.label, r.raised, r.answered, r.share])).toEqual([
			['Oct to Dec 2025', 8, 2, 0.25],
			['Jan to Mar 2026', 0, 0, null],
			['Apr to Jun 2026', 5, 4, 0.8]
		]);
		expect(themesSummary(rows)).toBe(
			'Of the 5 themes first raised in Apr to Jun 2026, 80% (4 of 5) have a published response so far, against 25% (2 of 8) of those first raised in Oct to Dec 2025.'
		);
	});

	it('speaks of one theme in the singular', () => {
		const rows = themeRows(data({ themes: [{ quarter: '2026-01-01', raised: 1, answered: 0 }] }));
		expect(themesSummary(rows)).toBe(
			'Of the 1 theme first raised in Jan to Mar 2026, 0% (0 of 1) has a published response so far.'
		);
	});
});

describe('days from comment to response', () => {
	it('says when no comment has had a response', () => {
		expect(responsesSummary(responseRows(data({})))).toBe('No comment has had a published response yet.');
	});

	it('never gives a wait where the comments are too few to show, and says so truly', () => {
		const rows = responseRows(
			data({
				exact: false,
				responses: [{ quarter: '2026-01-01', comments: null, comments_symbol: '[c]', median_days: null }]
			})
		);
		expect(responsesSummary(rows)).toBe(
			'Comments have had published responses, but too few in each quarter to show how long they waited.'
		);
	});

	it('gives the latest quarter with a median, and its number of comments', () => {
		const rows = responseRows(
			data({
				responses: [
					{ quarter: '2025-10-01', comments: 12, comments_symbol: null, median_days: 40 },
					{ quarter: '2026-01-01', comments: 20, comments_symbol: null, median_days: 21.5 }
				]
			})
		);
		expect(responsesSummary(rows)).toBe(
			'For the 20 comments that got their first published response in Jan to Mar 2026, the middle wait from comment to response was 22 days.'
		);
	});
});

describe('activities by level', () => {
	it('says none were recorded, or how many and how many were co-production or co-design', () => {
		expect(activitiesSummary(activityRows(data({})))).toBe(
			'No engagement activities have been recorded yet.'
		);
		const rows = activityRows(
			data({
				activities: [
					{ quarter: '2026-01-01', participation: 'co_production', activities: 1 },
					{ quarter: '2026-01-01', participation: 'consultation', activities: 2 },
					{ quarter: '2026-07-01', participation: 'co_design', activities: 1 }
				]
			})
		);
		expect(rows.map((r) => [r.label, r.total, r.byLevel.consultation])).toEqual([
			['Jan to Mar 2026', 3, 2],
			['Apr to Jun 2026', 0, 0],
			['Jul to Sep 2026', 1, 0]
		]);
		expect(activitiesSummary(rows)).toBe(
			'4 activities were recorded from Jan to Mar 2026 to Jul to Sep 2026; 2 of them (50%) were co-production or co-design.'
		);
	});
});

describe('the charts', () => {
	it('are SVG named by their summary, with no chart where there is nothing to draw', () => {
		const charts = overTimeCharts(
			data({
				themes: [{ quarter: '2026-01-01', raised: 4, answered: 1 }],
				activities: [{ quarter: '2026-01-01', participation: 'engagement', activities: 2 }]
			})
		);
		expect(charts.themes.svg).toContain(`aria-label="${charts.themes.summary}"`);
		expect(charts.themes.svg).toContain('25% of 4');
		expect(charts.activities.svg).toContain('role="img"');
		expect(charts.responses.svg).toBeNull();
		expect(charts.responses.summary).toBe('No comment has had a published response yet.');
	});
});
