/**
 * The verdict layer: what the charts and summaries may honestly say about an indicator's figures.
 *
 * The numbers come from `./proportion` (intervals) and `./significance` (tests); this module turns them into
 * decisions and plain words, following five rules:
 *
 * 1. **No verdict on too little.** Below `MINIMUM_ANSWERS` (30) answers in either wave, the words say the
 *    numbers are too small to tell, never "larger than chance", even when the interval leaves out 0
 *    (0 of 2 → 2 of 2 does). The figures themselves are still shown, with their intervals.
 * 2. **An open wave is interim.** Its figures read "so far, until <closing date>", and a comparison involving
 *    it says the wave is still open rather than giving a verdict.
 * 3. **The reasons given are true.** A wave without figures says why: hidden under the disclosure rule, the
 *    wave did not ask the question, no answers yet (open), not open yet, or closed with no answers. "Too few
 *    answers" is said only when the answers are fewer than the minimum.
 * 4. **The change comes with its own interval**, in words: "up 20 percentage points (between 13 and 27)".
 * 5. **A direction of travel** (better, no clear change, worse, not enough data) that respects which
 *    direction is better for the indicator.
 *
 * Everything is pure: dates are formatted in London time by `./format`, nothing reads the clock. The same
 * rules for panel-linked answers (paired, with McNemar's test) are in `./paired`, kept apart so that pages
 * showing only independent waves do not carry the exact tests' code.
 */
import { formatCount, formatDate, formatPercent, roundHalfAway, roundPercent } from './format';
import { MINIMUM_ANSWERS, Z_95, shareChange, type Direction, type ShareChange } from './proportion';

/** Where a wave is in its life. Waves of unknown phase are treated as closed. */
export type WavePhase = 'open' | 'closed' | 'not_yet_open';

/** One wave's figures for one indicator, with what is known about why some may be missing. */
export interface WaveFigures {
	/** The wave's name, e.g. "Autumn 2026". */
	label: string;
	/** How many answered the question; null when the disclosure rule hid it ([c]). */
	n: number | null;
	/** How many gave a positive answer; null when hidden. */
	positive: number | null;
	/** True when disclosure control hid the figures. */
	suppressed?: boolean;
	/** False when the wave did not ask this question (default true). */
	asked?: boolean;
	/** Default 'closed'. */
	phase?: WavePhase;
	/** When the wave closes or closed (ISO 8601), for "so far, until 30 November 2026". */
	closesAt?: string;
	/** When the wave opens or opened (ISO 8601), for "opens on 1 March 2027". */
	opensAt?: string;
	/**
	 * True for imported totals that give each answer's ticks of a several-answer question with more than one
	 * positive answer: how many people gave at least one positive answer cannot be known from them.
	 */
	peopleUnknown?: boolean;
	/**
	 * True for a wave of a several-answer question shown under an earlier definition of the indicator but
	 * answered since that definition changed: it was never counted that way.
	 */
	notCounted?: boolean;
}

/**
 * What can be shown for a wave, and if nothing, why:
 * - 'shown': figures to show (possibly fewer than the minimum for a verdict);
 * - 'suppressed': hidden under the disclosure rule (a count too small to publish);
 * - 'not asked': the wave did not ask the question;
 * - 'not open yet': the wave has not opened;
 * - 'no answers yet': the wave is open and nobody has answered;
 * - 'no answers': the wave closed with no answers;
 * - 'people unknown': imported totals that count ticks, not people (see `WaveFigures.peopleUnknown`);
 * - 'not counted': shown under an earlier definition, but answered since it changed (`WaveFigures.notCounted`).
 */
export type WaveStatus =
	| 'shown'
	| 'suppressed'
	| 'not asked'
	| 'not open yet'
	| 'no answers yet'
	| 'no answers'
	| 'people unknown'
	| 'not counted';

/** The status of a wave, the reasons checked in the order above after 'not asked'. */
export function waveStatus(wave: WaveFigures): WaveStatus {
	if (wave.asked === false) return 'not asked';
	if (wave.n === null) return 'suppressed';
	if (wave.phase === 'not_yet_open' && wave.n === 0) return 'not open yet';
	if (wave.n === 0) return wave.phase === 'open' ? 'no answers yet' : 'no answers';
	if (wave.peopleUnknown) return 'people unknown';
	if (wave.notCounted) return 'not counted';
	if (wave.suppressed || wave.positive === null) return 'suppressed';
	return 'shown';
}

/** True when the wave is still collecting answers, so its figures are interim. */
export function isInterim(wave: Pick<WaveFigures, 'phase'>): boolean {
	return wave.phase === 'open';
}

/** "until 30 November 2026", or '' when the closing date is unknown or unreadable. */
function untilClosing(wave: WaveFigures): string {
	if (wave.closesAt === undefined) return '';
	try {
		return `until ${formatDate(wave.closesAt)}`;
	} catch {
		return '';
	}
}

/** For an open wave, "so far, until 30 November 2026" (or "so far" without a closing date); else ''. */
export function interimWords(wave: WaveFigures): string {
	if (!isInterim(wave)) return '';
	const until = untilClosing(wave);
	return until === '' ? 'so far' : `so far, ${until}`;
}

/**
 * A wave's figures in words, never a percentage without its n: "58% of 300"; for an open wave
 * "58% of 300 so far, until 30 November 2026". Null when the wave has no figures to show.
 */
export function figuresInWords(wave: WaveFigures): string | null {
	if (waveStatus(wave) !== 'shown' || wave.positive === null || wave.n === null) return null;
	const figures = `${formatPercent(wave.positive / wave.n)} of ${formatCount(wave.n)}`;
	const interim = interimWords(wave);
	return interim === '' ? figures : `${figures} ${interim}`;
}

/**
 * Why a wave has no figures, as a predicate after its name: "Spring 2026 ⟨is hidden …⟩". Null when the wave
 * has figures.
 */
export function missingReason(wave: WaveFigures): string | null {
	switch (waveStatus(wave)) {
		case 'shown':
			return null;
		case 'suppressed':
			return 'is hidden, because a count is too small to publish without risking identifying someone';
		case 'not asked':
			return 'did not ask this question';
		case 'not open yet': {
			if (wave.opensAt === undefined) return 'has not opened yet';
			try {
				return `opens on ${formatDate(wave.opensAt)}`;
			} catch {
				return 'has not opened yet';
			}
		}
		case 'no answers yet': {
			const until = untilClosing(wave);
			return until === '' ? 'is open and has no answers yet' : `is open ${until} and has no answers yet`;
		}
		case 'no answers':
			return 'closed with no answers';
		case 'people unknown':
			return (
				'was imported as the number of ticks for each answer, which cannot say how many people gave at ' +
				'least one positive answer'
			);
		case 'not counted':
			return (
				'was answered after the answers that count as positive changed, so it was never counted the ' +
				'earlier way'
			);
	}
}

/** A short label for a chart or table cell: "hidden (small count)", "not asked", "no answers yet", … */
export function missingLabel(status: Exclude<WaveStatus, 'shown'>): string {
	return {
		suppressed: 'hidden (small count)',
		'not asked': 'not asked',
		'not open yet': 'not open yet',
		'no answers yet': 'no answers yet',
		'no answers': 'closed, no answers',
		'people unknown': 'not known (ticks only)',
		'not counted': 'not counted that way'
	}[status];
}

/** A change and its interval in words, in two parts: "up 20 percentage points" and "between 13 and 27". */
export interface ChangeWords {
	/** "up 20 percentage points", "down by less than 1 percentage point", "no change". */
	headline: string;
	/** "between 13 and 27" (both ends up), "between down 5 and up 9" (the interval includes 0). */
	interval: string;
	/** The whole percentage points quoted: the difference between the rounded percentages. */
	points: number;
}

/**
 * A change and its 95% interval in words. The points are the difference between the rounded percentages
 * (so that "38% … 58%, up 20" adds up for a reader). The interval's ends are rounded to whole points, or to
 * one decimal when the interval is narrower than 2 points or an end would round to 0 without being 0; if rounding makes it necessary they are widened
 * so that they always include the points quoted (or the difference itself, when it is under 1 point).
 */
export function changeWords(
	change: Pick<ShareChange, 'difference' | 'lower' | 'upper' | 'baselineShare' | 'waveShare'>
): ChangeWords {
	const rounded = roundPercent(change.waveShare) - roundPercent(change.baselineShare);
	// One decimal when whole points would blur the interval: narrower than 2 points, or an end that is not
	// 0 but would round to it ("between 0 and 12" would wrongly suggest that no change is in the interval).
	const blursToZero = (end: number) => end !== 0 && roundHalfAway(end * 100) === 0;
	const digits =
		(change.upper - change.lower) * 100 < 2 || blursToZero(change.lower) || blursToZero(change.upper) ? 1 : 0;
	// The value the interval must include: the points quoted, or, for "less than 1 point", the difference.
	const quoted = rounded === 0 ? roundHalfAway(change.difference * 100, digits) : rounded;
	const lower = Math.min(roundHalfAway(change.lower * 100, digits), quoted);
	const upper = Math.max(roundHalfAway(change.upper * 100, digits), quoted);
	const size = (value: number) =>
		Math.abs(value).toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });
	let interval: string;
	if (change.difference > 0 && lower >= 0) interval = `between ${size(lower)} and ${size(upper)}`;
	else if (change.difference < 0 && upper <= 0) interval = `between ${size(upper)} and ${size(lower)}`;
	else {
		const end = (value: number) => (value === 0 ? '0' : `${value < 0 ? 'down' : 'up'} ${size(value)}`);
		interval = `between ${end(lower)} and ${end(upper)}`;
	}
	const direction = change.difference > 0 ? 'up' : 'down';
	const magnitude = Math.abs(rounded);
	const headline =
		change.difference === 0
			? 'no change'
			: rounded === 0
				? `${direction} by less than 1 percentage point`
				: `${direction} ${magnitude} percentage ${magnitude === 1 ? 'point' : 'points'}`;
	return { headline, interval, points: rounded };
}

/**
 * A change and its 95% interval as one phrase: "up 20 percentage points (between 13 and 27)",
 * "down 18 percentage points (between 12 and 24)", "up 2 percentage points (between down 5 and up 9)",
 * "up by less than 1 percentage point (between 0.3 and 0.5)".
 */
export function changeInWords(
	change: Pick<ShareChange, 'difference' | 'lower' | 'upper' | 'baselineShare' | 'waveShare'>
): string {
	const { headline, interval } = changeWords(change);
	return `${headline} (${interval})`;
}

/** The words for a change whose interval includes 0: "no clear change (…)" or "up 2 … (…), too small …". */
export function noClearChangeWords(change: ShareChange): string {
	const { interval, points } = changeWords(change);
	return points === 0 || change.difference === 0
		? `no clear change (${interval})`
		: `${changeInWords(change)}, too small a change to rule out chance`;
}

/** What a comparison of two waves allows us to say. */
export type VerdictKind =
	/** The 95% interval of the change leaves out 0, with enough answers, all waves closed. */
	| 'clear change'
	/** The interval includes 0, with enough answers, all waves closed. */
	| 'no clear change'
	/** Figures on both sides, but a wave is still open: no verdict yet. */
	| 'interim'
	/** Figures on both sides, but fewer than the minimum answers in a wave: too small to tell. */
	| 'too few answers'
	/** One side has no figures (see `missingReason`). */
	| 'no figures';

export interface Verdict {
	kind: VerdictKind;
	/** Direction of travel; 'not enough data' unless there are figures and enough answers on both sides. */
	direction: Direction;
	/** The change and its interval, when both sides have figures (shown even when there is no verdict). */
	change: ShareChange | null;
	/** The minimum number of answers each wave needed. */
	minimumAnswers: number;
	/** The words, as a clause that follows the later wave's figures: "up 20 percentage points (…), a …". */
	words: string;
}

export interface VerdictOptions {
	/** Whether a higher share is better (default true: positive answers are the good ones). */
	higherIsBetter?: boolean;
	/** The fewest answers each wave needs for a verdict. Default `MINIMUM_ANSWERS` (30). */
	minimumAnswers?: number;
	/** `Z_95` for 95%. */
	z?: number;
}

/** The direction of travel of a change with enough answers, given which direction is better. */
export function directionFrom(change: ShareChange, higherIsBetter: boolean): Direction {
	if (!change.moreThanNoise) return 'no clear change';
	return change.difference > 0 === higherIsBetter ? 'improved' : 'worsened';
}

function tooFewWords(minimum: number, interim: boolean): string {
	return `too few answers${interim ? ' so far' : ''} to tell whether it changed (a verdict needs at least ${formatCount(minimum)} in each wave)`;
}

/** "the wave is still open" / "the baseline is still open" / "both waves are still open". */
function stillOpen(baseline: WaveFigures, wave: WaveFigures): string {
	if (isInterim(baseline) && isInterim(wave)) return 'both waves are still open';
	return isInterim(wave) ? 'the wave is still open' : 'the baseline is still open';
}

/**
 * Compare a later wave with the baseline and say what may be said, following the rules in the module note.
 * The order of precedence: no figures, then too few answers, then interim, then the interval.
 */
export function compareWaves(
	baseline: WaveFigures,
	wave: WaveFigures,
	options: VerdictOptions = {}
): Verdict {
	const { higherIsBetter = true, minimumAnswers = MINIMUM_ANSWERS, z = Z_95 } = options;
	const minimum = Math.max(1, minimumAnswers);
	const base = { minimumAnswers: minimum };
	const missing = [baseline, wave].find((w) => waveStatus(w) !== 'shown');
	if (missing !== undefined || baseline.n === null || wave.n === null) {
		const hidden = missing ?? (baseline.n === null ? baseline : wave);
		return {
			...base,
			kind: 'no figures',
			direction: 'not enough data',
			change: null,
			words: `${hidden === baseline ? 'the baseline' : hidden.label} ${missingReason(hidden)}, so there is nothing to compare`
		};
	}
	const change = shareChange(
		{ positive: baseline.positive!, n: baseline.n },
		{ positive: wave.positive!, n: wave.n },
		z
	)!;
	const interim = isInterim(baseline) || isInterim(wave);
	if (baseline.n < minimum || wave.n < minimum) {
		return {
			...base,
			kind: 'too few answers',
			direction: 'not enough data',
			change,
			words: interim
				? `${tooFewWords(minimum, true)}, and ${stillOpen(baseline, wave)}`
				: tooFewWords(minimum, false)
		};
	}
	const inWords = changeInWords(change);
	if (interim) {
		return {
			...base,
			kind: 'interim',
			direction: directionFrom(change, higherIsBetter),
			change,
			words: `${inWords}; ${stillOpen(baseline, wave)}, so there is no verdict yet`
		};
	}
	if (change.moreThanNoise) {
		return {
			...base,
			kind: 'clear change',
			direction: directionFrom(change, higherIsBetter),
			change,
			words: `${inWords}, a change larger than chance would explain`
		};
	}
	return {
		...base,
		kind: 'no clear change',
		direction: 'no clear change',
		change,
		words: noClearChangeWords(change)
	};
}

/** Plain labels for the direction of travel, as a RAG-style badge would read. */
export const DIRECTION_LABEL: Record<Direction, string> = {
	improved: 'Better',
	'no clear change': 'No clear change',
	worsened: 'Worse',
	'not enough data': 'Not enough data'
};

/** "Better", "Better so far", "Not enough data yet", … for a verdict. */
export function directionLabel(verdict: Verdict): string {
	const label = DIRECTION_LABEL[verdict.direction];
	if (verdict.kind === 'interim') return `${label} so far`;
	if (verdict.kind === 'too few answers')
		return `${label} (fewer than ${formatCount(verdict.minimumAnswers)} answers)`;
	return label;
}
