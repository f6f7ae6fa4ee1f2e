import { describe, expect, it } from 'vitest';
import { holm, twoSampleTest } from '$lib/analytics/significance';
import { indicatorFormSchema, saveArguments, type IndicatorDefinition } from '$lib/indicators/definitions';
import {
	buildOverview,
	NO_PRIORITY,
	overviewTable,
	phaseAt,
	targetStanding,
	trendRows
} from '$lib/indicators/overview';
import { prepareTrend } from '$lib/indicators/trend';
import type { TrendPoint } from '$lib/indicators/types';

const NOW = new Date('2026-12-01T12:00:00Z');
const RULE = {
	id: 'r',
	kind: 'under_10' as const,
	threshold: 10,
	rounding_base: 1,
	label: 'Under 10',
	chosen_at: ''
};

function wave(
	id: string,
	kind: 'baseline' | 'repeat',
	opens: string,
	closes: string,
	positive: number | null,
	n: number | null
): TrendPoint {
	return {
		wave_id: id,
		wave_label: `Wave ${id}`,
		wave_kind: kind,
		opens_at: opens,
		closes_at: closes,
		n,
		positive,
		share: n && positive !== null ? positive / n : null,
		suppressed: n === null || positive === null,
		n_suppressed: n === null,
		small_numbers: false,
		rounded_to: 1,
		as_of: NOW.toISOString(),
		rule: RULE,
		people_unknown: false,
		reconstructed: false,
		not_counted: false,
		definition: 1,
		latest_definition: 1,
		definition_changes: []
	};
}

function definition(id: string, over: Partial<IndicatorDefinition> = {}): IndicatorDefinition {
	return {
		question_id: id,
		indicator_id: null,
		defined: false,
		survey_id: 's',
		survey_slug: 'survey',
		survey_title: 'Parent carers 2026',
		key: id,
		prompt: `Question ${id}`,
		kind: 'agreement_5',
		label: `Indicator ${id}`,
		priority_id: 'p1',
		priority_title: 'Families are heard',
		priority_position: 1,
		baseline_wave_id: 'a',
		baseline_wave_label: 'Wave a',
		baseline_chosen: false,
		target_percent: null,
		target_date: null,
		higher_is_better: true,
		retired: false,
		positive: ['Agree'],
		waves: [],
		...over
	};
}

const A = ['2025-01-01T00:00:00Z', '2025-03-01T00:00:00Z'] as const;
const B = ['2026-01-01T00:00:00Z', '2026-03-01T00:00:00Z'] as const;
const OPEN = ['2026-11-01T00:00:00Z', '2027-01-31T00:00:00Z'] as const;

describe('the overview of indicators', () => {
	it('gives each indicator its latest share and n, the change with its interval and the direction of travel', () => {
		const trends = new Map([
			['q1', [wave('a', 'baseline', ...A, 38, 100), wave('b', 'repeat', ...B, 58, 100)]]
		]);
		const o = buildOverview([definition('q1')], trends, NOW);
		const [card] = o.cards;
		expect(card!.latest).toMatchObject({ waveLabel: 'Wave b', n: 100, positive: 58 });
		expect(card!.change).toMatchObject({ headline: 'up 20 percentage points', points: 20 });
		expect(card!.change!.interval).toMatch(/^between \d+ and \d+$/);
		expect(card!.direction).toBe('improved');
		expect(card!.directionText).toBe('Better');
		expect(o.summary).toBe('Of 1 current indicator: 1 is better than at baseline.');
		expect(o.comparisons).toBe(1);
	});

	it('calls a fall worse when lower is better only the other way round', () => {
		const trends = new Map([
			['q1', [wave('a', 'baseline', ...A, 58, 200), wave('b', 'repeat', ...B, 38, 200)]]
		]);
		expect(buildOverview([definition('q1')], trends, NOW).cards[0]!.direction).toBe('worsened');
		expect(
			buildOverview([definition('q1', { higher_is_better: false })], trends, NOW).cards[0]!.direction
		).toBe('improved');
	});

	it('gives no verdict on too few answers (0 of 2 to 2 of 2), and says so', () => {
		const trends = new Map([['q1', [wave('a', 'baseline', ...A, 0, 2), wave('b', 'repeat', ...B, 2, 2)]]]);
		const o = buildOverview([definition('q1')], trends, NOW);
		expect(o.cards[0]!.direction).toBe('not enough data');
		expect(o.cards[0]!.directionText).toBe('Too few answers to tell');
		expect(o.comparisons).toBe(0);
		expect(o.summary).toBe('Of 1 current indicator: 1 has too few answers to tell.');
	});

	it('marks an open wave as interim: "so far, until" its closing date, no verdict yet', () => {
		const trends = new Map([
			['q1', [wave('a', 'baseline', ...A, 38, 100), wave('b', 'repeat', ...OPEN, 58, 100)]]
		]);
		const o = buildOverview([definition('q1')], trends, NOW);
		expect(o.cards[0]!.interim).toBe('so far, until 31 January 2027');
		expect(o.cards[0]!.directionText).toBe('Better so far (wave still open)');
		expect(o.cards[0]!.verdict!.kind).toBe('interim');
		expect(o.comparisons).toBe(0);
		expect(o.summary).toBe('Of 1 current indicator: 1 has a wave still open, so no verdict yet.');
	});

	it('controls many comparisons with Holm: a change clear alone is not called once the others are allowed for', () => {
		// 50 of 100 to 64 of 100: p about 0.047 alone, more than 0.05 once adjusted for five tests
		const defs = ['q1', 'q2', 'q3', 'q4', 'q5'].map((q) => definition(q));
		const trends = new Map(
			defs.map((d, i) => [
				d.question_id,
				[wave('a', 'baseline', ...A, 50, 100), wave('b', 'repeat', ...B, i === 0 ? 64 : 50, 100)]
			])
		);
		const alone = twoSampleTest({ positive: 50, n: 100 }, { positive: 64, n: 100 }).pValue;
		expect(alone).toBeLessThan(0.05);
		const o = buildOverview(defs, trends, NOW);
		expect(o.comparisons).toBe(5);
		expect(o.holmNote).toBe(holm([alone, 1, 1, 1, 1]).note);
		expect(o.cards[0]!.verdict!.kind).toBe('clear change');
		expect(o.cards[0]!.direction).toBe('no clear change');
		expect(o.cards[0]!.adjustedP).toBeCloseTo(Math.min(1, alone * 5), 10);
		expect(o.cards[0]!.summary).toContain('not once the 5 indicators tested together are allowed for');
	});

	it("uses the indicator's own baseline wave, not the survey's", () => {
		const rows = [wave('a', 'baseline', ...A, 10, 100), wave('b', 'repeat', ...B, 50, 100)];
		const mapped = trendRows(rows, 'b', NOW);
		expect(mapped.map((r) => r.waveKind)).toEqual(['repeat', 'baseline']);
		const o = buildOverview([definition('q1', { baseline_wave_id: 'b' })], new Map([['q1', rows]]), NOW);
		// nothing after the chosen baseline: no change to state
		expect(o.cards[0]!.change).toBeNull();
		expect(o.cards[0]!.baseline!.waveLabel).toBe('Wave b');
	});

	it('says imported ticks of several positive answers cannot be compared, not that they are hidden', () => {
		const ticks = { ...wave('a', 'baseline', ...A, null, 40), suppressed: false, people_unknown: true };
		const trends = new Map([['q1', [ticks, wave('b', 'repeat', ...B, 20, 40)]]]);
		const card = buildOverview([definition('q1')], trends, NOW).cards[0]!;
		expect(card.directionText).toBe('Not enough figures to compare: imported totals count ticks, not people');
	});

	it('says a hidden wave is hidden, never 0%', () => {
		const trends = new Map([
			['q1', [wave('a', 'baseline', ...A, null, null), wave('b', 'repeat', ...B, null, null)]]
		]);
		const card = buildOverview([definition('q1')], trends, NOW).cards[0]!;
		expect(card.latest).toBeNull();
		expect(card.summary).toMatch(/hidden/);
		expect(card.directionText).toBe(
			'Not enough figures to compare: some are hidden to protect small numbers'
		);
		expect(buildOverview([definition('q1')], trends, NOW).summary).toBe(
			'Of 1 current indicator: 1 has figures hidden to protect small numbers, so nothing to compare.'
		);
		// a wave not open yet is not called hidden
		const later = new Map([
			['q1', [wave('a', 'baseline', '2027-01-01T00:00:00Z', '2027-02-01T00:00:00Z', 0, 0)]]
		]);
		const none = buildOverview([definition('q1')], later, NOW);
		expect(none.cards[0]!.directionText).toBe('No figures to compare yet');
		expect(none.summary).toBe('Of 1 current indicator: 1 has no figures to compare yet.');
		expect(overviewTable(buildOverview([definition('q1')], trends, NOW))[1]![9]).toBe('');
	});

	it('groups by priority in priority order, the unfiled last, and leaves out retired indicators', () => {
		const defs = [
			definition('q1', { priority_title: null, priority_position: null, priority_id: null }),
			definition('q2', { priority_title: 'Second', priority_position: 2 }),
			definition('q3', { priority_title: 'First', priority_position: 1 }),
			definition('q4', { retired: true })
		];
		const o = buildOverview(defs, new Map(), NOW);
		expect(o.groups.map((g) => g.title)).toEqual(['First', 'Second', NO_PRIORITY]);
		expect(o.cards).toHaveLength(3);
	});

	it('writes a table with every share beside its n, safe for a spreadsheet', () => {
		const trends = new Map([
			['q1', [wave('a', 'baseline', ...A, 38, 100), wave('b', 'repeat', ...B, 58, 100)]]
		]);
		const table = overviewTable(buildOverview([definition('q1', { label: '=HYPERLINK("x")' })], trends, NOW));
		expect(table[0]).toContain('Latest answered');
		expect(table[1]![1]).toBe('\'=HYPERLINK("x")');
		expect(table[1]![9]).toBe('58% of 100');
		expect(table[1]![5]).toBe('100');
	});
});

describe('where an indicator stands against its target', () => {
	const point = (positive: number, n: number) =>
		prepareTrend(trendRows([wave('b', 'repeat', ...B, positive, n)], null, NOW))[0]!;
	const def = { target_percent: 70, target_date: '2027-07-31', higher_is_better: true };

	it('is met only when the whole interval is past the target', () => {
		expect(targetStanding(def, point(90, 100)).standing).toBe('met');
		expect(targetStanding(def, point(40, 100))).toEqual({
			standing: 'not met',
			text: 'Target 70% by 31 July 2027: not met yet (40% of 100)'
		});
		expect(targetStanding(def, point(7, 10)).standing).toBe('too close to call');
		expect(targetStanding({ ...def, higher_is_better: false }, point(40, 100)).standing).toBe('met');
	});

	it('says when there is no target, or no figures to compare with it', () => {
		expect(targetStanding({ ...def, target_percent: null, target_date: null }, null).standing).toBe(
			'no target'
		);
		expect(targetStanding(def, null).text).toBe(
			'Target 70% by 31 July 2027: no figures to compare with it yet'
		);
	});

	it('knows a wave open, closed or not yet open', () => {
		expect(phaseAt(...OPEN, NOW)).toBe('open');
		expect(phaseAt(...A, NOW)).toBe('closed');
		expect(phaseAt('2027-01-01T00:00:00Z', '2027-02-01T00:00:00Z', NOW)).toBe('not_yet_open');
	});
});

describe('the form that defines an indicator', () => {
	const valid = {
		question_id: '3f1c8a2e-1b2c-4d5e-8f90-123456789abc',
		label: 'Parent carers feel listened to',
		target_percent: '70',
		target_date: '2027-07-31',
		direction: 'higher'
	};
	const errors = (input: Record<string, string>) => {
		const r = indicatorFormSchema.safeParse(input);
		return r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [i.path.join('.'), i.message]));
	};

	it('refuses a target outside 0 to 100, a target without a date, and no label', () => {
		expect(errors(valid)).toEqual({});
		expect(errors({ ...valid, target_percent: '101' })).toEqual({
			target_percent: 'A target is a share from 0% to 100%.'
		});
		expect(errors({ ...valid, target_percent: '-5' })).toEqual({
			target_percent: 'A target is a share from 0% to 100%.'
		});
		expect(errors({ ...valid, target_date: '' })).toEqual({
			target_date: 'Give the date the target is to be met by.'
		});
		expect(errors({ ...valid, label: '  ' })).toEqual({ label: 'Enter a label in plain words.' });
	});

	it('sends the API a number, and nothing for what was left empty', () => {
		const args = saveArguments(indicatorFormSchema.parse({ ...valid, direction: 'lower' }));
		expect(args).toEqual({
			p_question_id: valid.question_id,
			p_label: valid.label,
			p_priority_id: undefined,
			p_baseline_wave_id: undefined,
			p_target_percent: 70,
			p_target_date: '2027-07-31',
			p_higher_is_better: false
		});
	});
});
