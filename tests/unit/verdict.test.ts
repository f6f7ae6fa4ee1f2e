import { describe, expect, it, vi } from 'vitest';

vi.hoisted(() => {
	process.env.TZ = 'UTC';
});

import { comparePaired } from '$lib/analytics/paired';
import {
	changeInWords,
	compareWaves,
	directionLabel,
	figuresInWords,
	missingLabel,
	missingReason,
	waveStatus,
	type WaveFigures
} from '$lib/analytics/verdict';
import { shareChange } from '$lib/analytics/proportion';

const baseline: WaveFigures = { label: 'Autumn 2025', n: 450, positive: 171 }; // 38%
const repeat: WaveFigures = { label: 'Autumn 2026', n: 300, positive: 174 }; // 58%

describe('waveStatus and the reasons given', () => {
	it('tells apart every reason a wave has no figures', () => {
		expect(waveStatus(repeat)).toBe('shown');
		expect(waveStatus({ ...repeat, positive: null, suppressed: true })).toBe('suppressed');
		expect(waveStatus({ ...repeat, n: 0, positive: null, asked: false })).toBe('not asked');
		expect(waveStatus({ ...repeat, n: 0, positive: null, phase: 'open' })).toBe('no answers yet');
		expect(waveStatus({ ...repeat, n: 0, positive: null, phase: 'closed' })).toBe('no answers');
		expect(waveStatus({ ...repeat, n: 0, positive: null, phase: 'not_yet_open' })).toBe('not open yet');
		// A wave with a few answers but no positive count was hidden, not "too few answers".
		expect(waveStatus({ ...repeat, n: 300, positive: null })).toBe('suppressed');
	});

	it('says why in words that are true', () => {
		expect(missingReason(repeat)).toBeNull();
		expect(missingReason({ ...repeat, positive: null, suppressed: true })).toBe(
			'is hidden, because a count is too small to publish without risking identifying someone'
		);
		expect(missingReason({ ...repeat, n: 0, positive: null, asked: false, phase: 'closed' })).toBe(
			'did not ask this question'
		);
		expect(
			missingReason({ ...repeat, n: 0, positive: null, phase: 'open', closesAt: '2026-11-30T23:59:00Z' })
		).toBe('is open until 30 November 2026 and has no answers yet');
		expect(missingReason({ ...repeat, n: 0, positive: null, phase: 'open' })).toBe(
			'is open and has no answers yet'
		);
		expect(missingReason({ ...repeat, n: 0, positive: null, phase: 'closed' })).toBe(
			'closed with no answers'
		);
		expect(
			missingReason({ ...repeat, n: 0, positive: null, phase: 'not_yet_open', opensAt: '2027-03-01' })
		).toBe('opens on 1 March 2027');
		expect(missingLabel('suppressed')).toBe('hidden (small count)');
		expect(missingLabel('no answers')).toBe('closed, no answers');
	});

	it('says that imported ticks of several positive answers cannot give people, not that a count is small', () => {
		const imported = { ...repeat, positive: null, suppressed: false, peopleUnknown: true };
		expect(waveStatus(imported)).toBe('people unknown');
		expect(missingReason(imported)).toBe(
			'was imported as the number of ticks for each answer, which cannot say how many people gave at least ' +
				'one positive answer'
		);
		expect(missingLabel('people unknown')).toBe('not known (ticks only)');
		// nobody answered is still the reason when it is true
		expect(waveStatus({ ...imported, n: 0 })).toBe('no answers');
	});
});

describe('figuresInWords', () => {
	it('never gives a percentage without its n, and marks an open wave as interim', () => {
		expect(figuresInWords(repeat)).toBe('58% of 300');
		expect(figuresInWords({ ...repeat, phase: 'open', closesAt: '2026-11-30' })).toBe(
			'58% of 300 so far, until 30 November 2026'
		);
		expect(figuresInWords({ ...repeat, phase: 'open' })).toBe('58% of 300 so far');
		expect(figuresInWords({ ...repeat, positive: null, suppressed: true })).toBeNull();
		expect(figuresInWords({ label: 'X', n: 1, positive: 1 })).toBe('100% of 1');
		expect(figuresInWords({ label: 'X', n: 1_000_000, positive: 0 })).toBe('0% of 1,000,000');
	});
});

describe('changeInWords', () => {
	it('gives the change with its own interval', () => {
		// Newcombe interval 0.1273 to 0.2698 (R, see proportion.test.ts).
		expect(changeInWords(shareChange({ positive: 171, n: 450 }, { positive: 174, n: 300 })!)).toBe(
			'up 20 percentage points (between 13 and 27)'
		);
		expect(changeInWords(shareChange({ positive: 174, n: 300 }, { positive: 171, n: 450 })!)).toBe(
			'down 20 percentage points (between 13 and 27)'
		);
		expect(changeInWords(shareChange({ positive: 171, n: 450 }, { positive: 120, n: 300 })!)).toBe(
			'up 2 percentage points (between down 5 and up 9)'
		);
		expect(changeInWords(shareChange({ positive: 171, n: 450 }, { positive: 117, n: 300 })!)).toBe(
			'up 1 percentage point (between down 6 and up 8)'
		);
	});

	it('uses a decimal for a narrow interval around a change under 1 point', () => {
		// R: 0.00264 to 0.00536
		expect(
			changeInWords(shareChange({ positive: 400_000, n: 1_000_000 }, { positive: 404_000, n: 1_000_000 })!)
		).toBe('up by less than 1 percentage point (between 0.3 and 0.5)');
	});

	it('says "no change" when the shares are equal', () => {
		expect(changeInWords(shareChange({ positive: 0, n: 10 }, { positive: 0, n: 10 })!)).toBe(
			'no change (between down 28 and up 28)'
		);
	});
});

describe('compareWaves: the verdict', () => {
	it('calls a change larger than chance only with enough answers, and gives its direction', () => {
		const verdict = compareWaves(baseline, repeat);
		expect(verdict.kind).toBe('clear change');
		expect(verdict.direction).toBe('improved');
		expect(verdict.minimumAnswers).toBe(30);
		expect(verdict.words).toBe(
			'up 20 percentage points (between 13 and 27), a change larger than chance would explain'
		);
		expect(directionLabel(verdict)).toBe('Better');
		const worse = compareWaves(baseline, repeat, { higherIsBetter: false });
		expect(worse.direction).toBe('worsened');
		expect(directionLabel(worse)).toBe('Worse');
	});

	it('gives no verdict on 0 of 2 → 2 of 2, though its interval leaves out 0', () => {
		const verdict = compareWaves({ label: 'A', n: 2, positive: 0 }, { label: 'B', n: 2, positive: 2 });
		expect(verdict.change!.moreThanNoise).toBe(true);
		expect(verdict.kind).toBe('too few answers');
		expect(verdict.direction).toBe('not enough data');
		expect(verdict.words).toBe(
			'too few answers to tell whether it changed (a verdict needs at least 30 in each wave)'
		);
		expect(verdict.words).not.toContain('chance');
		expect(directionLabel(verdict)).toBe('Not enough data (fewer than 30 answers)');
	});

	it('applies the minimum to each wave, and takes another minimum when given', () => {
		expect(compareWaves(baseline, { label: 'B', n: 29, positive: 29 }).kind).toBe('too few answers');
		expect(compareWaves(baseline, { label: 'B', n: 30, positive: 30 }).kind).toBe('clear change');
		expect(compareWaves({ label: 'A', n: 1, positive: 0 }, repeat).kind).toBe('too few answers');
		const lowered = compareWaves(
			{ label: 'A', n: 10, positive: 0 },
			{ label: 'B', n: 10, positive: 10 },
			{
				minimumAnswers: 10
			}
		);
		expect(lowered.kind).toBe('clear change');
		expect(lowered.words).not.toContain('too few');
	});

	it('says a wave still open has no verdict yet', () => {
		const open = { ...repeat, phase: 'open' as const, closesAt: '2026-11-30' };
		const verdict = compareWaves(baseline, open);
		expect(verdict.kind).toBe('interim');
		expect(verdict.direction).toBe('improved');
		expect(verdict.words).toBe(
			'up 20 percentage points (between 13 and 27); the wave is still open, so there is no verdict yet'
		);
		expect(directionLabel(verdict)).toBe('Better so far');
		expect(compareWaves({ ...baseline, phase: 'open' }, repeat).words).toContain(
			'the baseline is still open'
		);
		const few = compareWaves(baseline, { ...open, n: 4, positive: 2 });
		expect(few.kind).toBe('too few answers');
		expect(few.words).toBe(
			'too few answers so far to tell whether it changed (a verdict needs at least 30 in each wave), and the wave ' +
				'is still open'
		);
	});

	it('says there is no clear change when the interval includes 0', () => {
		const same = compareWaves(baseline, { label: 'B', n: 300, positive: 114 });
		expect(same.kind).toBe('no clear change');
		expect(same.direction).toBe('no clear change');
		expect(same.words).toBe('no clear change (between down 7 and up 7)');
		expect(compareWaves(baseline, { label: 'B', n: 300, positive: 120 }).words).toBe(
			'up 2 percentage points (between down 5 and up 9), too small a change to rule out chance'
		);
	});

	it('gives the true reason when one side has no figures', () => {
		const hidden = compareWaves(baseline, { ...repeat, positive: null, suppressed: true });
		expect(hidden.kind).toBe('no figures');
		expect(hidden.change).toBeNull();
		expect(hidden.words).toBe(
			'Autumn 2026 is hidden, because a count is too small to publish without risking identifying someone, ' +
				'so there is nothing to compare'
		);
		expect(compareWaves({ ...baseline, n: 0, positive: null, asked: false }, repeat).words).toBe(
			'the baseline did not ask this question, so there is nothing to compare'
		);
	});

	it('handles very large n', () => {
		const verdict = compareWaves(
			{ label: 'A', n: 1_000_000, positive: 400_000 },
			{ label: 'B', n: 1_000_000, positive: 404_000 }
		);
		expect(verdict.kind).toBe('clear change');
		expect(verdict.words).toBe(
			'up by less than 1 percentage point (between 0.3 and 0.5), a change larger than chance would explain'
		);
	});
});

describe('comparePaired: the verdict for panel-linked answers', () => {
	it('uses Newcombe’s paired interval and McNemar’s exact test', () => {
		// Cavo et al. (2012) read as baseline → repeat: 59 both, 16 baseline only, 6 repeat only, 80 neither.
		const verdict = comparePaired({ both: 59, baselineOnly: 16, repeatOnly: 6, neither: 80 });
		expect(verdict.kind).toBe('clear change');
		expect(verdict.direction).toBe('worsened');
		expect(verdict.test.method).toBe('exact');
		expect(verdict.test.pValue).toBeCloseTo(0.0524787902832032, 12); // R: binom.test(6, 22, 0.5)
		expect(verdict.words).toBe(
			// 47% → 40% as rounded percentages; R's interval −0.1186 to −0.0046 (proportion.test.ts).
			'161 people who answered both times: down 7 percentage points (between 0.5 and 11.9), a change larger ' +
				'than chance would explain'
		);
		expect(
			comparePaired({ both: 59, baselineOnly: 16, repeatOnly: 6, neither: 80 }, { midP: true }).test
		).toEqual({
			method: 'mid-p',
			discordant: 22,
			pValue: expect.closeTo(0.0346896648406983, 12)
		});
	});

	it('gives no verdict on too few people, while a wave is open, or when nobody is linked', () => {
		expect(comparePaired({ both: 0, baselineOnly: 0, repeatOnly: 2, neither: 0 }).kind).toBe(
			'too few answers'
		);
		expect(comparePaired({ both: 0, baselineOnly: 0, repeatOnly: 1, neither: 0 }).words).toBe(
			'1 person who answered both times: too few to tell whether they changed (a verdict needs at least 30)'
		);
		expect(
			comparePaired({ both: 59, baselineOnly: 16, repeatOnly: 6, neither: 80 }, { open: true }).kind
		).toBe('interim');
		const none = comparePaired({ both: 0, baselineOnly: 0, repeatOnly: 0, neither: 0 });
		expect(none.kind).toBe('no linked answers');
		expect(none.test.pValue).toBe(1);
	});
});
