import { describe, expect, it } from 'vitest';
import { toTrendRows } from '$lib/indicators/trend-rows';
import type { TrendPoint } from '$lib/indicators/types';

const row = (over: Partial<TrendPoint>): TrendPoint => ({
	wave_id: 'w1',
	wave_label: 'Autumn 2026',
	wave_kind: 'repeat',
	opens_at: '2026-09-01T00:00:00Z',
	closes_at: '2026-12-31T00:00:00Z',
	n: 300,
	positive: 174,
	share: 0.58,
	suppressed: false,
	n_suppressed: false,
	small_numbers: false,
	rounded_to: 1,
	as_of: '2026-12-04T00:00:00Z',
	rule: {
		id: 'r',
		kind: 'under_10',
		threshold: 10,
		rounding_base: 1,
		label: 'Under 10 hidden',
		chosen_at: '2026-01-01T00:00:00Z'
	},
	people_unknown: false,
	reconstructed: false,
	not_counted: false,
	definition: 1,
	latest_definition: 1,
	definition_changes: [],
	...over
});

describe('toTrendRows', () => {
	it('marks a wave open from its dates when the survey’s waves are not at hand, so its figures are so far', () => {
		const [open] = toTrendRows([row({})], new Map(), new Date('2026-12-04T00:00:00Z'));
		expect(open).toMatchObject({
			waveLabel: 'Autumn 2026',
			phase: 'open',
			closesAt: '2026-12-31T00:00:00Z',
			share: 0.58
		});
		const [closed] = toTrendRows([row({})], new Map(), new Date('2027-01-04T00:00:00Z'));
		expect(closed!.phase).toBe('closed');
		const [future] = toTrendRows([row({})], new Map(), new Date('2026-01-04T00:00:00Z'));
		expect(future!.phase).toBe('not_yet_open');
	});

	it('takes the phase the survey gives, and carries what the chart must say', () => {
		const [r] = toTrendRows(
			[row({ people_unknown: true, reconstructed: true, share: null })],
			new Map([['w1', 'closed']])
		);
		expect(r).toMatchObject({ phase: 'closed', peopleUnknown: true, reconstructed: true, share: null });
	});
});
