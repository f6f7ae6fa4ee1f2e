import { describe, expect, it } from 'vitest';
import { equityFigures, equitySummary, gapChange, pointsRange, signedPoints } from '$lib/equity/equity';

describe('equityFigures: each group against the rest of the wave', () => {
	// Newcombe (1998), example (a): 56/70 against 48/80, method 10 gives 0.0524 to 0.3339.
	const group = { key: 'a', label: 'EHC plan', n: 70, positive: 56 };
	const everyone = { n: 150, positive: 104 };

	it('gives the gap against everyone else with Newcombe’s interval', () => {
		const [a] = equityFigures([group], everyone).groups;
		expect(a!.rest).toEqual({ n: 80, positive: 48 });
		expect(a!.gap!.difference).toBeCloseTo(0.2, 10);
		expect(a!.gap!.lower).toBeCloseTo(0.0524, 4);
		expect(a!.gap!.upper).toBeCloseTo(0.3339, 4);
		// one comparison: the score test's p (scipy chi2_contingency, no correction: 0.008045), unadjusted
		expect(a!.pAdjusted).toBeCloseTo(0.008045, 5);
		expect(a!.verdict).toBe('higher');
		expect(a!.interval!.lower).toBeGreaterThan(0.68);
	});

	it('adjusts for many groups with Holm', () => {
		// p = 0.008045 and 0.1066 (scipy): Holm multiplies the smaller by 2
		const result = equityFigures(
			[
				{ key: 'a', label: 'A', n: 70, positive: 56 },
				{ key: 'b', label: 'B', n: 100, positive: 30 }
			],
			// b's rest: 150 with 60 positive
			{ n: 250, positive: 90 }
		);
		expect(result.comparisons).toBe(2);
		expect(result.holmNote).toMatch(/2 comparisons were made; p-values are adjusted for them with Holm/);
		const b = result.groups[1]!;
		expect(b.rest).toEqual({ n: 150, positive: 60 });
		expect(b.pAdjusted).toBeCloseTo(0.1066, 4);
		expect(b.verdict).toBe('no clear gap');
	});

	it('gives no verdict on too few answers, and tests nothing hidden', () => {
		const result = equityFigures(
			[
				{ key: 'small', label: 'Small', n: 12, positive: 12 },
				{ key: 'hidden', label: 'Hidden', n: null, positive: null },
				{ key: 'none', label: 'Nobody', n: 0, positive: 0 }
			],
			{ n: 200, positive: 80 }
		);
		expect(result.groups.map((g) => g.verdict)).toEqual(['too few answers', 'hidden', 'too few answers']);
		expect(result.comparisons).toBe(0);
		expect(result.groups[2]!.share).toBeNull();
		expect(result.groups[1]!.gap).toBeNull();
		expect(equitySummary(result, 'Autumn 2026', 'agree')).toBe(
			'In Autumn 2026, 100% of 12 agree in the one group with figures (Small); no group has enough answers (30 in it and in the rest) to tell a gap from chance.'
		);
	});

	it('keeps a rest worked out from rounded counts within its n', () => {
		const [a] = equityFigures([{ key: 'a', label: 'A', n: 40, positive: 35 }], {
			n: 100,
			positive: 30
		}).groups;
		expect(a!.rest).toEqual({ n: 60, positive: 0 });
	});

	it('says when the gap narrowed since the baseline, and when it cannot tell', () => {
		// baseline: 100 of 400 in the group (25%) against 300 of 600 (50%); now 180 of 400 (45%) against 300 of 600
		const result = equityFigures(
			[{ key: 'a', label: 'A', n: 400, positive: 180 }],
			{ n: 1000, positive: 480 },
			{ groups: [{ key: 'a', label: 'A', n: 400, positive: 100 }], everyone: { n: 1000, positive: 400 } }
		);
		const [a] = result.groups;
		expect(a!.baselineGap!.difference).toBeCloseTo(-0.25, 10);
		expect(a!.gap!.difference).toBeCloseTo(-0.05, 10);
		expect(a!.gapChange!.difference).toBeCloseTo(0.2, 10);
		expect(a!.gapChange!.lower).toBeGreaterThan(0);
		expect(a!.changeVerdict).toBe('narrowed');

		const few = equityFigures(
			[{ key: 'a', label: 'A', n: 20, positive: 18 }],
			{ n: 1000, positive: 480 },
			{ groups: [{ key: 'a', label: 'A', n: 20, positive: 2 }], everyone: { n: 1000, positive: 400 } }
		);
		expect(few.groups[0]!.changeVerdict).toBe('too few answers');
		const none = equityFigures([{ key: 'a', label: 'A', n: 400, positive: 180 }], { n: 1000, positive: 480 });
		expect(none.groups[0]!.changeVerdict).toBe('not comparable');
	});
});

describe('gapChange (MOVER)', () => {
	it('is the gap’s own interval when the baseline gap is known exactly', () => {
		const now = { difference: 0.1, lower: 0.02, upper: 0.2 };
		const exact = { difference: 0.05, lower: 0.05, upper: 0.05 };
		const change = gapChange(now, exact);
		expect(change.difference).toBeCloseTo(0.05, 10);
		expect(change.lower).toBeCloseTo(-0.03, 10);
		expect(change.upper).toBeCloseTo(0.15, 10);
	});

	it('adds the two gaps’ margins in quadrature', () => {
		const change = gapChange(
			{ difference: 0.2, lower: 0.1, upper: 0.3 },
			{ difference: 0, lower: -0.1, upper: 0.1 }
		);
		expect(change.lower).toBeCloseTo(0.2 - Math.SQRT2 * 0.1, 10);
		expect(change.upper).toBeCloseTo(0.2 + Math.SQRT2 * 0.1, 10);
	});
});

describe('words', () => {
	it('signs points and ranges', () => {
		expect(signedPoints(0.123)).toBe('+12');
		expect(signedPoints(-0.04)).toBe('−4');
		expect(signedPoints(0.001)).toBe('0');
		expect(pointsRange({ difference: 0.05, lower: -0.04, upper: 0.12 })).toBe('between −4 and +12 points');
	});

	it('summarises the range with each n and the gaps found', () => {
		const result = equityFigures(
			[
				{ key: 'a', label: 'EHC plan', n: 70, positive: 56 },
				{ key: 'b', label: 'SEN support', n: 80, positive: 48 }
			],
			{ n: 150, positive: 104 }
		);
		expect(equitySummary(result, 'Autumn 2026', 'agree')).toBe(
			'In Autumn 2026, the share who agree ranged from 60% of 80 (SEN support) to 80% of 70 (EHC plan); 2 of 2 groups tested differ from the rest by more than chance.'
		);
		expect(equitySummary(equityFigures([], { n: 0, positive: 0 }), 'Autumn 2026', 'agree')).toBe(
			'No one in Autumn 2026 said which of these groups they are in.'
		);
	});
});
