import { describe, expect, it } from 'vitest';
import {
	analyseJourney,
	journeyChartSvg,
	journeyCsvRows,
	journeySummary,
	pairedCounts,
	transitionRows
} from '$lib/journeys/journey';
import type { PanelJourney } from '$lib/indicators/types';

const rule = {
	kind: 'threshold_rounding',
	threshold: 5,
	rounding_base: 1,
	label: 'Hide under 5',
	chosen_at: '2026-01-01T00:00:00Z'
} as unknown as PanelJourney['rule'];

/** A journey from a from×to table of counts (null: hidden). */
function journey(
	values: { value: string; label: string }[],
	table: (number | null)[][],
	extra: Partial<PanelJourney> = {}
): PanelJourney {
	const cells = values.flatMap((f, i) =>
		values.map((t, j) => ({
			from_value: f.value,
			from_label: f.label,
			to_value: t.value,
			to_label: t.label,
			n: table[i]![j]!,
			suppressed: table[i]![j] === null,
			symbol: table[i]![j] === null ? '[c]' : null,
			small: false
		}))
	);
	const sum = (xs: (number | null)[]) =>
		xs.some((x) => x === null) ? null : xs.reduce<number>((a, b) => a + b!, 0);
	const linked = sum(table.flat());
	return {
		question_id: 'q',
		from_wave: { id: 'a', label: 'Baseline 2025', kind: 'baseline' },
		to_wave: { id: 'b', label: 'Spring 2026', kind: 'repeat' },
		exact: true,
		grouped: false,
		rule,
		rounded_to: 1,
		as_of: '2026-03-01T10:00:00Z',
		linked,
		linked_suppressed: linked === null,
		linked_symbol: linked === null ? '[c]' : null,
		from_totals: values.map((v, i) => ({ ...v, n: sum(table[i]!), symbol: null, small: false })),
		to_totals: values.map((v, j) => ({ ...v, n: sum(table.map((r) => r[j]!)), symbol: null, small: false })),
		cells,
		...extra
	};
}

const YNU = [
	{ value: 'yes', label: 'Yes' },
	{ value: 'no', label: 'No' },
	{ value: 'unsure', label: 'Not sure' }
];
const GROUPED = [
	{ value: 'positive', label: 'Yes' },
	{ value: 'not_positive', label: 'Not yes' }
];

describe('journeys', () => {
	it('folds every answer into the paired 2×2 table by the indicator’s positive answers', () => {
		const j = journey(YNU, [
			[10, 2, 1],
			[8, 6, 0],
			[4, 0, 3]
		]);
		expect(pairedCounts(j, ['Yes'])).toEqual({ both: 10, baselineOnly: 3, repeatOnly: 12, neither: 9 });
		expect(pairedCounts(j, ['Yes', 'Not sure'])).toEqual({
			both: 18,
			baselineOnly: 2,
			repeatOnly: 8,
			neither: 6
		});
	});

	it('gives a verdict with McNemar’s test and the paired interval once 30 or more answered both times', () => {
		const j = journey(
			GROUPED,
			[
				[20, 2],
				[14, 4]
			],
			{ grouped: true, exact: false }
		);
		const a = analyseJourney(j, []);
		expect(a.kind).toBe('verdict');
		if (a.kind !== 'verdict') return;
		expect(a.verdict.kind).toBe('clear change');
		// binom.test(2, 16)$p.value in R: 0.004180908
		expect(a.verdict.test.pValue).toBeCloseTo(0.004180908, 8);
		expect(a.words).toMatch(
			/^40 people who answered both times: up 30 percentage points \(between \d+ and \d+\)/
		);
	});

	it('gives no verdict on fewer than 30 people, even for a large move', () => {
		const j = journey(
			GROUPED,
			[
				[0, 0],
				[20, 0]
			],
			{ grouped: true, exact: false }
		);
		const a = analyseJourney(j, []);
		expect(a.kind === 'verdict' && a.verdict.kind).toBe('too few answers');
		expect(a.words).toContain('too few to tell');
		expect(a.words).not.toContain('larger than chance');
	});

	it('says the wave is still open rather than give a verdict', () => {
		const j = journey(
			GROUPED,
			[
				[20, 2],
				[14, 4]
			],
			{ grouped: true, exact: false }
		);
		expect(analyseJourney(j, [], { open: true }).words).toContain('still open, so there is no verdict yet');
	});

	it('does not test when a count is hidden, and says that is why', () => {
		const j = journey(
			GROUPED,
			[
				[20, null],
				[14, null]
			],
			{ grouped: true, exact: false }
		);
		expect(pairedCounts(j, [])).toBeNull();
		const a = analyseJourney(j, []);
		expect(a.kind).toBe('hidden');
		expect(a.words).toContain('hidden under the disclosure rule');
	});

	it('says when no answer counts as positive', () => {
		expect(
			analyseJourney(
				journey(YNU, [
					[1, 0, 0],
					[0, 1, 0],
					[0, 0, 1]
				]),
				[]
			).kind
		).toBe('no positive');
	});

	it('summarises who stayed and who moved, and never a hidden figure', () => {
		expect(
			journeySummary(
				journey(YNU, [
					[10, 2, 1],
					[8, 6, 0],
					[4, 0, 3]
				])
			)
		).toBe(
			'34 people answered both between Baseline 2025 and Spring 2026: 19 gave the same answer both times and 15 changed their answer.'
		);
		const hidden = journey(GROUPED, [
			[null, 7],
			[8, 9]
		]);
		expect(journeySummary(hidden)).toContain('hidden under the disclosure rule');
		expect(
			journeySummary(
				journey(GROUPED, [
					[0, 0],
					[0, 0]
				])
			)
		).toContain('No one answered');
	});

	it('shows a hidden cell as [c] in the table, the chart and the CSV', () => {
		const j = journey(GROUPED, [
			[null, 7],
			[8, 9]
		]);
		const rows = transitionRows(j);
		expect(rows[0]!.cells.map((c) => c.text)).toEqual(['[c]', '7']);
		expect(rows[0]!.total.text).toBe('[c]');
		const svg = journeyChartSvg(j);
		expect(svg).toContain('stroke-dasharray');
		expect(svg).toContain('Yes to Yes: [c] (hidden)');
		const csv = journeyCsvRows(j, '=HYPERLINK("x")');
		expect(csv[1]).toEqual([
			'\'=HYPERLINK("x")',
			'Baseline 2025',
			'Spring 2026',
			'Yes',
			'Yes',
			'[c]',
			j.as_of,
			'1'
		]);
	});

	it('draws people who changed apart from people who stayed, and escapes labels', () => {
		const j = journey(
			[
				{ value: 'a', label: '<b>A</b>' },
				{ value: 'b', label: 'B' }
			],
			[
				[5, 6],
				[0, 7]
			]
		);
		const svg = journeyChartSvg(j);
		expect(svg).toContain('class="journey-link moved"');
		expect(svg).toContain('class="journey-link stayed"');
		expect(svg).not.toContain('<b>');
		// a band of nobody is not drawn
		expect(svg).not.toContain('B to &lt;b&gt;A&lt;/b&gt;');
	});
});
