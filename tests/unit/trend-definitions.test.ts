import { describe, expect, it, vi } from 'vitest';

vi.hoisted(() => {
	process.env.TZ = 'UTC';
});

import { render } from 'svelte/server';
import TrendChart from '$lib/indicators/TrendChart.svelte';
import {
	changesSinceBaseline,
	definitionMarkers,
	prepareTrend,
	trendChartSvg,
	trendSummary,
	type DefinitionChangeInput,
	type TrendRow
} from '$lib/indicators/trend';
import { missingLabel, waveStatus } from '$lib/analytics/verdict';

const wave = (
	waveLabel: string,
	opensAt: string,
	closesAt: string,
	n: number,
	positive: number
): TrendRow => ({
	waveLabel,
	waveKind: waveLabel === 'Baseline' ? 'baseline' : 'repeat',
	opensAt,
	closesAt,
	n,
	positive,
	share: positive / n,
	suppressed: false,
	phase: 'closed'
});
// a change far larger than chance: 40% of 200, then 68% of 220
const rows = [
	wave('Baseline', '2025-01-01', '2025-02-01', 200, 80),
	wave('Spring', '2025-05-01', '2025-06-01', 220, 150)
];
const positiveChange = (at: string, version = 2): DefinitionChangeInput => ({
	kind: 'positive answers',
	at,
	version,
	words: 'The answers counted as positive changed from “Strongly agree” or “Agree” to “Strongly agree”.'
});
const wordingChange = (at: string): DefinitionChangeInput => ({
	kind: 'wording',
	at,
	version: null,
	words: 'The question’s wording changed from “I feel listened to.” to “I feel heard.”.'
});

describe('changes of definition in the summary', () => {
	it('gives no verdict on a change from the baseline across a change of which answers count as positive, and says so', () => {
		const plain = trendSummary(rows, 'agreed');
		expect(plain).toContain('larger than chance');
		const across = trendSummary(rows, 'agreed', {}, { changes: [positiveChange('2025-03-03T10:00:00Z')] });
		expect(across).toBe(
			'At the Baseline, 40% of 200 agreed; in Spring it was 68% of 220; which answers count as positive ' +
				'changed on 3 March 2025, between these waves, so no verdict is given on the change: figures published ' +
				'before then were counted another way.'
		);
		expect(across).not.toContain('chance');
	});

	it('says when the question was reworded between the waves compared, and keeps the verdict', () => {
		const summary = trendSummary(rows, 'agreed', {}, { changes: [wordingChange('2025-03-03T10:00:00Z')] });
		expect(summary).toContain('larger than chance');
		expect(summary).toContain(
			"the question's wording changed on 3 March 2025; figures before and after may not compare"
		);
		// a rewording after the last wave closed does not touch the figures
		expect(trendSummary(rows, 'agreed', {}, { changes: [wordingChange('2025-09-01')] })).not.toContain(
			'wording'
		);
	});

	it('says every wave is counted the new way after a change of positive answers once they closed', () => {
		const summary = trendSummary(rows, 'agreed', {}, { changes: [positiveChange('2025-09-01T10:00:00Z')] });
		expect(summary).toContain('larger than chance');
		expect(summary).toContain(
			'which answers count as positive changed on 1 September 2025: every wave here is counted the new way, ' +
				'so figures published before then differ'
		);
	});

	it('says which definition earlier figures are counted by', () => {
		const summary = trendSummary(
			rows,
			'agreed',
			{},
			{ changes: [positiveChange('2025-09-01T10:00:00Z')], definition: { shown: 1, latest: 2 } }
		);
		expect(summary).toContain('larger than chance');
		expect(summary).toContain(
			'these figures count positive answers as they were defined before 1 September 2025'
		);
		expect(summary).not.toContain('counted the new way');
	});

	it('leaves the change since the baseline out of the table across a change of positive answers', () => {
		const points = prepareTrend(rows);
		expect(changesSinceBaseline(points)[1]).not.toBeNull();
		expect(changesSinceBaseline(points, { changes: [positiveChange('2025-03-03')] })[1]).toBeNull();
	});

	it('gives the true reason for a wave never counted by an earlier definition', () => {
		const row = { ...rows[1]!, positive: null, share: null, notCounted: true };
		expect(waveStatus({ label: 'Spring', ...row })).toBe('not counted');
		expect(missingLabel('not counted')).toBe('not counted that way');
		expect(trendSummary([rows[0]!, row], 'agreed')).toContain(
			'Spring was answered after the answers that count as positive changed, so it was never counted the earlier way'
		);
	});
});

describe('changes of definition on the chart', () => {
	it('labels the changes C1, C2... in date order', () => {
		expect(
			definitionMarkers([positiveChange('2025-03-03'), wordingChange('2025-02-01')]).map((c) => [
				c.label,
				c.kind
			])
		).toEqual([
			['C1', 'wording'],
			['C2', 'positive answers']
		]);
	});

	it('draws a solid, labelled rule at the date of each change', () => {
		expect(trendChartSvg(rows, { title: 'Feel listened to' })).not.toContain('definition-marker');
		const svg = trendChartSvg(rows, {
			title: 'Feel listened to',
			changes: definitionMarkers([positiveChange('2025-03-03')]),
			decisions: [{ label: 'D1', date: '2025-04-01' }]
		});
		const lines = [...svg.matchAll(/<line class="definition-marker"[^>]*>/g)].map((m) => m[0]);
		expect(lines).toHaveLength(1);
		expect(lines[0]).not.toContain('stroke-dasharray');
		expect(svg).toMatch(/<text class="definition-label"[^>]*>C1<\/text>/);
		expect(svg).toMatch(/<line class="decision-marker"[^>]*stroke-dasharray/);
		expect(svg).toContain("A solid line marks each change of the indicator's definition (C1)");
		// the accessible name is the summary, which says the change is not judged
		expect(svg).toContain('so no verdict is given on the change');
	});

	it('lists the changes beside the chart and does not judge the direction of travel across one', () => {
		const { body } = render(TrendChart, {
			props: {
				rows,
				title: 'Feel listened to',
				indicatorLabel: 'agreed',
				definitionChanges: [positiveChange('2025-03-03T10:00:00Z')],
				definition: { shown: 2, latest: 2 }
			}
		});
		const table = body.match(/<table data-testid="trend-definition-changes".*?<\/table>/s)?.[0] ?? '';
		expect(table).toContain('C1');
		expect(table).toContain('3 March 2025');
		expect(table).toContain('changed from “Strongly agree” or “Agree” to “Strongly agree”');
		expect(body).toContain('Direction of travel: not judged');
		expect(body).toContain('Not compared: positive answers changed');
		// without changes, none of it
		const plain = render(TrendChart, { props: { rows, title: 'T', indicatorLabel: 'agreed' } }).body;
		expect(plain).not.toContain('trend-definition-changes');
		expect(plain).not.toContain('not judged');
	});
});
