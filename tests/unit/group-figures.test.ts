import { describe, expect, it } from 'vitest';
import { groupFigures } from '$lib/disclosure/groups';

const options = [
	{ value: 'health', positive: true },
	{ value: 'education', positive: true },
	{ value: 'social_care', positive: false }
];
const row = (
	label: string,
	n: number | null,
	ticks: [number | null, number | null, number | null],
	people?: number | null
) => ({
	dimension: 'phase',
	label,
	n,
	small: false,
	cells: options.map((o, i) => ({ value: o.value, count: ticks[i]! })),
	people_positive: people
});

describe('groupFigures', () => {
	it('adds a one-answer question’s positive columns', () => {
		const [primary] = groupFigures([row('Primary', 40, [10, 12, 18])], options, 'phase', 10);
		expect(primary).toEqual({ label: 'Primary', n: 40, positive: 22, share: 0.55, small: false });
	});

	it('counts a several-answer question’s people, not its ticks', () => {
		// 20 people ticked both positive answers: 40 ticks, 20 people
		const [primary] = groupFigures([row('Primary', 40, [20, 20, 20], 20)], options, 'phase', 10, true);
		expect(primary).toEqual({ label: 'Primary', n: 40, positive: 20, share: 0.5, small: false });
	});

	it('hides a several-answer group whose people are hidden, even when its ticks are shown', () => {
		const [primary] = groupFigures([row('Primary', 40, [20, 20, 20], null)], options, 'phase', 10, true);
		expect(primary).toEqual({ label: 'Primary', n: 40, positive: null, share: null, small: false });
	});

	it('gives no share under the threshold or for a hidden n', () => {
		const [small, hidden] = groupFigures(
			[row('Small', 6, [3, 0, 3]), row('Hidden', null, [null, null, null])],
			options,
			'phase',
			10
		);
		expect(small!.share).toBeNull();
		expect(small!.positive).toBe(3);
		expect(hidden!.positive).toBeNull();
	});
});
