/**
 * The verdict for panel-linked respondents (the same panel code at the baseline and a repeat): Newcombe's
 * paired interval for the change and McNemar's exact test, with the rules of `./verdict` (no verdict on too
 * few people, none while a wave is open, the change's interval in words, a direction of travel).
 */
import { formatCount } from './format';
import {
	MINIMUM_ANSWERS,
	Z_95,
	pairedChange,
	type Direction,
	type PairedChange,
	type PairedCounts
} from './proportion';
import { mcnemarExact, type McNemarResult } from './significance';
import {
	changeInWords,
	directionFrom,
	noClearChangeWords,
	type VerdictKind,
	type VerdictOptions
} from './verdict';

/** What may be said about a change for the same people (panel-linked) at the baseline and a repeat. */
export interface PairedVerdict {
	kind: Exclude<VerdictKind, 'no figures'> | 'no linked answers';
	direction: Direction;
	/** The change and Newcombe's paired interval; null when nobody answered both times. */
	change: PairedChange | null;
	/** McNemar's exact test (two-sided; mid-p when asked for). */
	test: McNemarResult;
	minimumAnswers: number;
	words: string;
}

/**
 * The paired analysis for panel-linked respondents: Newcombe's paired interval for the change and
 * McNemar's exact test (two-sided; pass `midP: true` for the mid-p version, and the result says which).
 * The same rules as `compareWaves`: at least `minimumAnswers` people linked, and no verdict while a wave
 * is open. The decision follows the interval; the test's p-value is given for the methods note.
 *
 * @param open whether either wave is still open
 */
export function comparePaired(
	counts: PairedCounts,
	options: VerdictOptions & { midP?: boolean; open?: boolean } = {}
): PairedVerdict {
	const { higherIsBetter = true, minimumAnswers = MINIMUM_ANSWERS, z = Z_95, midP = false } = options;
	const minimum = Math.max(1, minimumAnswers);
	const change = pairedChange(counts, z);
	const test = mcnemarExact(counts, { midP });
	const base = { minimumAnswers: minimum, test };
	if (change === null) {
		return {
			...base,
			kind: 'no linked answers',
			direction: 'not enough data',
			change,
			words: 'no one answered both times, so there is nothing to compare'
		};
	}
	const people = `${formatCount(change.n)} ${change.n === 1 ? 'person' : 'people'} who answered both times`;
	if (change.n < minimum) {
		return {
			...base,
			kind: 'too few answers',
			direction: 'not enough data',
			change,
			words: `${people}: too few to tell whether they changed (a verdict needs at least ${formatCount(minimum)})`
		};
	}
	const inWords = `${people}: ${changeInWords(change)}`;
	if (options.open) {
		return {
			...base,
			kind: 'interim',
			direction: directionFrom(change, higherIsBetter),
			change,
			words: `${inWords} so far; a wave is still open, so there is no verdict yet`
		};
	}
	return change.moreThanNoise
		? {
				...base,
				kind: 'clear change',
				direction: directionFrom(change, higherIsBetter),
				change,
				words: `${inWords}, a change larger than chance would explain`
			}
		: {
				...base,
				kind: 'no clear change',
				direction: 'no clear change',
				change,
				words: `${people}: ${noClearChangeWords(change)}`
			};
}
