import { describe, expect, it } from 'vitest';
import { dimensionTables, groupLabel, reachChartSvg, reachCsvRows, reachSummary } from '$lib/reach/reach';
import type { Reach, ReachWave } from '$lib/reach/types';

const rule = {
	kind: 'custom',
	threshold: 5,
	rounding_base: 1,
	label: 'Hide under 5',
	chosen_at: '2026-01-01T00:00:00Z'
} as unknown as Reach['rule'];

function wave(id: string, label: string, total: number | null, extra: Partial<ReachWave> = {}): ReachWave {
	return {
		id,
		label,
		kind: id === 'w1' ? 'baseline' : 'repeat',
		status: 'closed',
		source: 'responses',
		opens_at: '2025-01-10T12:00:00Z',
		closes_at: '2025-03-01T12:00:00Z',
		as_of: '2026-03-01T10:00:00Z',
		rounded_to: 1,
		total,
		total_symbol: total === null ? '[c]' : null,
		total_small: false,
		dimensions: [],
		...extra
	};
}

const g = (category: string, label: string, n: number | null) => ({
	category,
	label,
	n,
	symbol: n === null ? '[c]' : null,
	small: false
});

function reach(): Reach {
	return {
		survey_id: 's',
		exact: false,
		rule,
		as_of: '2026-03-01T10:00:00Z',
		baseline: { id: 'w1', label: 'Baseline' },
		waves: [
			wave('w1', 'Baseline', 31, {
				dimensions: [
					{ key: 'channel', label: 'Channel', groups: [g('online', 'online', 31)] },
					{
						key: 'setting',
						label: 'Where they learn',
						groups: [
							g('mainstream', 'Mainstream school', 20),
							g('special', 'Special school', null),
							g('_not_stated', 'Did not say', null)
						]
					}
				]
			}),
			wave('w2', 'Spring', 12, {
				status: 'open',
				dimensions: [
					{ key: 'channel', label: 'Channel', groups: [g('online', 'online', 6), g('paper', 'paper', 6)] },
					{ key: 'setting', label: 'Where they learn', groups: [g('mainstream', 'Mainstream school', 12)] }
				]
			}),
			wave('w3', 'Autumn', null, { status: 'not_yet_open' })
		],
		panel: [
			{
				wave_id: 'w2',
				label: 'Spring',
				status: 'open',
				as_of: '2026-03-01T10:00:00Z',
				rounded_to: 1,
				linked: null,
				linked_symbol: '[c]',
				linked_small: false
			}
		]
	};
}

describe('reach', () => {
	it('names channels, how the answers were given and languages in words', () => {
		expect(groupLabel('channel', { category: 'paper', label: 'paper' })).toBe('On paper');
		expect(groupLabel('assistance', { category: '_not_stated', label: 'Did not say' })).toBe('Did not say');
		expect(groupLabel('language', { category: 'cy', label: 'cy' })).toBe('Welsh');
	});

	it('summarises without a hidden figure, and an open wave so far', () => {
		expect(reachSummary(reach())).toBe(
			'2 waves have opened: 31 people answered Baseline, and 12 people answered Spring so far; the number of panel members who answered both Baseline and Spring is hidden because it is small.'
		);
		const none = reach();
		none.waves = [wave('w3', 'Autumn', null, { status: 'not_yet_open' })];
		expect(reachSummary(none)).toContain('No wave of this survey has opened yet');
		const empty = reach();
		empty.waves = [wave('w1', 'Baseline', 0)];
		empty.panel = [];
		expect(reachSummary(empty)).toBe('1 wave has opened: no one has answered Baseline.');
	});

	it('lays out each dimension over the waves that opened, a group absent from a wave as 0, hidden as [c]', () => {
		const [channel, setting] = dimensionTables(reach());
		expect(channel!.waves.map((w) => w.label)).toEqual(['Baseline', 'Spring']);
		expect(channel!.rows.map((r) => [r.label, ...r.cells.map((c) => c.text)])).toEqual([
			['Online', '31', '6'],
			['On paper', '0', '6']
		]);
		expect(setting!.rows.map((r) => [r.label, ...r.cells.map((c) => c.text)])).toEqual([
			['Mainstream school', '20', '12'],
			['Special school', '[c]', '0'],
			['Did not say', '[c]', '0']
		]);
	});

	it('draws a hidden count as a dashed outline labelled [c], never a bar, and no wave not yet open', () => {
		const svg = reachChartSvg(reach());
		expect(svg).toContain('class="reach-linked hidden"');
		expect(svg).toContain('stroke-dasharray');
		expect(svg).not.toContain('Autumn');
		expect(svg).toContain('open, so far');
		const empty = reach();
		empty.waves = [wave('w1', 'Baseline', 0)];
		empty.panel = [];
		// no answers is said, not drawn as a bar of 0
		expect(reachChartSvg(empty)).not.toContain('class="reach-total"');
		expect(reachChartSvg(empty)).toContain('>none<');
	});

	it('writes the CSV with [c] for hidden counts and formulas defused', () => {
		const r = reach();
		r.waves[0]!.label = '=cmd';
		const rows = reachCsvRows(r);
		expect(rows[0]).toEqual([
			'wave',
			'wave_status',
			'dimension',
			'group',
			'respondents',
			'as_at',
			'rounded_to'
		]);
		expect(rows).toContainEqual(["'=cmd", 'closed', 'setting', 'Special school', '[c]', r.as_of, '1']);
		expect(rows.at(-1)).toEqual([
			'Spring',
			'open',
			'panel',
			'Answered Baseline and this wave',
			'[c]',
			r.as_of,
			'1'
		]);
		expect(rows.some((row) => row[0] === 'Autumn')).toBe(false);
	});
});
