/**
 * Two waves side by side: for each indicator of a survey, its share in wave A and in wave B with their n and
 * 95% Wilson intervals, the change from A to B with Newcombe's interval, and what may be said about it.
 *
 * The rules are the verdict layer's (`$lib/analytics/verdict`): no verdict unless each wave has at least
 * `MINIMUM_ANSWERS` answers, none while either wave is open, the true reason where a wave has no figures.
 * Many indicators compared at once are one family for Holm's adjustment (as on the overview): each change
 * with a verdict is tested (`twoSampleTest`, two-sided), and a change is called clear only where its interval
 * leaves out 0 and its Holm-adjusted p-value is under 0.05.
 *
 * Pure: the figures come from api.indicator_trend as the reader may see them (under the disclosure rule for
 * forum and scrutiny: hidden figures are null and never compared).
 */
import { formatCount, formatPercent } from '$lib/analytics/format';
import { MINIMUM_ANSWERS, wilsonInterval, type Interval, type ShareChange } from '$lib/analytics/proportion';
import { holm, twoSampleTest } from '$lib/analytics/significance';
import {
	changeInWords,
	compareWaves,
	figuresInWords,
	missingLabel,
	missingReason,
	noClearChangeWords,
	waveStatus,
	type WaveFigures,
	type WavePhase,
	type WaveStatus
} from '$lib/analytics/verdict';

/** An indicator as the comparison names it. */
export interface CompareIndicator {
	id: string;
	key: string;
	/** the question */
	prompt: string;
	/** the answers that count as positive */
	positive: string[];
	higherIsBetter: boolean;
}

/** A wave being compared. */
export interface CompareWave {
	id: string;
	slug: string;
	label: string;
	phase: WavePhase;
	opensAt: string;
	closesAt: string;
}

/** One indicator's figures in one wave, as api.indicator_trend gives them; undefined when the wave did not ask. */
export interface WaveCount {
	n: number | null;
	positive: number | null;
	suppressed: boolean;
	smallNumbers?: boolean;
	peopleUnknown?: boolean;
	reconstructed?: boolean;
}

/** One side of a row: the wave's figures for the indicator. */
export interface CompareSide {
	label: string;
	status: WaveStatus;
	n: number | null;
	positive: number | null;
	/** positive / n, where the figures are shown */
	share: number | null;
	interval: Interval | null;
	interim: boolean;
	smallNumbers: boolean;
	reconstructed: boolean;
}

/**
 * What a row may say: better or worse (a clear change, after Holm), no clear change, the wave still open,
 * too few answers, or no figures to compare.
 */
export type CompareVerdict =
	'better' | 'worse' | 'no clear change' | 'interim' | 'too few answers' | 'no figures';

export interface CompareRow {
	indicator: CompareIndicator;
	a: CompareSide;
	b: CompareSide;
	/** B − A with Newcombe's interval, where both waves have figures (shown even without a verdict) */
	change: ShareChange | null;
	verdict: CompareVerdict;
	/** p of the change (two-sided) and after Holm's adjustment, where it was tested */
	pValue: number | null;
	adjustedP: number | null;
	/** the change and what it shows, as a clause: "up 11 percentage points (between 5 and 17), a change …" */
	words: string;
}

export interface Comparison {
	a: CompareWave;
	b: CompareWave;
	rows: CompareRow[];
	/** how many changes were tested together (Holm controls over these) */
	comparisons: number;
	holmNote: string;
	minimumAnswers: number;
}

/** The words for the verdict column. */
export const COMPARE_VERDICT_LABEL: Record<CompareVerdict, string> = {
	better: 'Better',
	worse: 'Worse',
	'no clear change': 'No clear change',
	interim: 'No verdict yet: a wave is still open',
	'too few answers': 'Too few answers to tell',
	'no figures': 'Nothing to compare'
};

function side(wave: CompareWave, count: WaveCount | undefined): { figures: WaveFigures; side: CompareSide } {
	const figures: WaveFigures = {
		label: wave.label,
		n: count?.n ?? null,
		positive: count?.positive ?? null,
		suppressed: count?.suppressed ?? false,
		asked: count !== undefined,
		phase: wave.phase,
		opensAt: wave.opensAt,
		closesAt: wave.closesAt,
		peopleUnknown: count?.peopleUnknown ?? false
	};
	const status = waveStatus(figures);
	const shown = status === 'shown' && figures.n !== null && figures.positive !== null;
	return {
		figures,
		side: {
			label: wave.label,
			status,
			n: figures.n,
			positive: shown ? figures.positive : null,
			share: shown ? figures.positive! / figures.n! : null,
			interval: shown ? wilsonInterval(figures.positive!, figures.n!) : null,
			interim: wave.phase === 'open',
			smallNumbers: count?.smallNumbers ?? false,
			reconstructed: count?.reconstructed ?? false
		}
	};
}

/** "Spring 2026 is still open" / "both waves are still open". */
function stillOpen(a: CompareWave, b: CompareWave): string {
	if (a.phase === 'open' && b.phase === 'open') return 'both waves are still open';
	return `${(a.phase === 'open' ? a : b).label} is still open`;
}

/**
 * Compare every indicator between wave A and wave B. `counts` is keyed by indicator id, then wave id; a wave
 * missing from an indicator's map did not ask its question.
 */
export function compareTwoWaves(
	indicators: readonly CompareIndicator[],
	counts: ReadonlyMap<string, ReadonlyMap<string, WaveCount>>,
	a: CompareWave,
	b: CompareWave,
	minimumAnswers: number = MINIMUM_ANSWERS
): Comparison {
	const prepared = indicators.map((indicator) => {
		const byWave = counts.get(indicator.id);
		const left = side(a, byWave?.get(a.id));
		const right = side(b, byWave?.get(b.id));
		const verdict = compareWaves(left.figures, right.figures, {
			higherIsBetter: indicator.higherIsBetter,
			minimumAnswers
		});
		const tested = verdict.kind === 'clear change' || verdict.kind === 'no clear change';
		const pValue = tested
			? twoSampleTest(
					{ positive: left.side.positive!, n: left.side.n! },
					{ positive: right.side.positive!, n: right.side.n! }
				).pValue
			: null;
		return { indicator, left, right, verdict, pValue };
	});
	const family = prepared.filter((p) => p.pValue !== null);
	const control = holm(family.map((p) => p.pValue!));
	const adjusted = new Map(family.map((p, i) => [p, control.adjusted[i]!]));
	const clear = new Map(family.map((p, i) => [p, control.moreThanChance[i]!]));

	const rows = prepared.map((p): CompareRow => {
		const { verdict } = p;
		const change = verdict.change;
		let kind: CompareVerdict;
		let words: string;
		switch (verdict.kind) {
			case 'no figures': {
				const missing = [p.left.figures, p.right.figures].find((f) => waveStatus(f) !== 'shown')!;
				kind = 'no figures';
				words = `${missing.label} ${missingReason(missing)}, so there is nothing to compare`;
				break;
			}
			case 'too few answers':
				kind = 'too few answers';
				words =
					`too few answers${a.phase === 'open' || b.phase === 'open' ? ' so far' : ''} to tell whether it ` +
					`changed (a verdict needs at least ${formatCount(verdict.minimumAnswers)} in each wave)`;
				break;
			case 'interim':
				kind = 'interim';
				words = `${changeInWords(change!)}; ${stillOpen(a, b)}, so there is no verdict yet`;
				break;
			case 'clear change':
				if (clear.get(p)) {
					kind = verdict.direction === 'improved' ? 'better' : 'worse';
					words = `${changeInWords(change!)}, a change larger than chance would explain`;
				} else {
					kind = 'no clear change';
					words =
						`${changeInWords(change!)}, not larger than chance once the ${control.comparisons} ` +
						'indicators compared are allowed for';
				}
				break;
			default:
				kind = 'no clear change';
				words = noClearChangeWords(change!);
		}
		return {
			indicator: p.indicator,
			a: p.left.side,
			b: p.right.side,
			change,
			verdict: kind,
			pValue: p.pValue,
			adjustedP: adjusted.get(p) ?? null,
			words
		};
	});
	return {
		a,
		b,
		rows,
		comparisons: control.comparisons,
		holmNote: control.note,
		minimumAnswers
	};
}

/** A side's figures in a few words: "38% of 450", "49% of 300 so far", or why there are none. */
export function sideWords(s: CompareSide): string {
	if (s.status !== 'shown' || s.share === null || s.n === null)
		return missingLabel(s.status as Exclude<WaveStatus, 'shown'>);
	return `${formatPercent(s.share)} of ${formatCount(s.n)}${s.interim ? ' so far' : ''}`;
}

function count(k: number, one: string, many: string): string {
	return `${k} ${k === 1 ? one : many}`;
}

/**
 * One sentence about the comparison, never a percentage without its n. For one indicator its two figures
 * and the change; for several, how many are better, worse, unchanged or cannot be told, and why.
 */
export function comparisonSummary(comparison: Comparison): string {
	const { a, b, rows } = comparison;
	if (rows.length === 0) return `There are no indicators to compare between ${a.label} and ${b.label}.`;
	if (rows.length === 1) {
		const row = rows[0]!;
		const figures = (s: CompareSide, wave: CompareWave) =>
			figuresInWords({
				label: s.label,
				n: s.n,
				positive: s.positive,
				phase: wave.phase,
				closesAt: wave.closesAt
			});
		const left = figures(row.a, a);
		const right = figures(row.b, b);
		if (left === null || right === null) return `“${row.indicator.prompt}”: ${row.words}.`;
		return `“${row.indicator.prompt}”: ${left} in ${a.label} and ${right} in ${b.label}, ${row.words}.`;
	}
	const of = (v: CompareVerdict) => rows.filter((r) => r.verdict === v).length;
	const parts = [
		of('better') ? `${count(of('better'), 'is', 'are')} better by more than chance` : '',
		of('worse') ? `${count(of('worse'), 'is', 'are')} worse by more than chance` : '',
		of('no clear change') ? `${count(of('no clear change'), 'shows', 'show')} no clear change` : '',
		of('interim') ? `${count(of('interim'), 'has', 'have')} no verdict yet, as ${stillOpen(a, b)}` : '',
		of('too few answers') ? `${count(of('too few answers'), 'has', 'have')} too few answers to tell` : '',
		of('no figures')
			? `${count(of('no figures'), 'has', 'have')} no figures to compare in one of the waves (hidden, not asked or no answers)`
			: ''
	].filter(Boolean);
	const list = parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}` : parts[0];
	return `From ${a.label} to ${b.label}, of ${count(rows.length, 'indicator', 'indicators')} compared: ${list}.`;
}
