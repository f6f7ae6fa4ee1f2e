/**
 * The demo surveys: their wording and questions (data/surveys.json), and the dates of their
 * waves, placed around the moment the story is told from.
 */

import { addDays, addMonths, waveBetween, waveFor, type WaveWindow } from './calendar';
import { DEMO_DATA, joinParagraphs } from './data';
import type { QuestionKind } from './vocabulary';

export type Audience = 'children_young_people' | 'parent_carers' | 'professionals' | 'schools_settings';

export interface QuestionDef {
	/** Stable across waves: the same key is the same question in every wave. */
	key: string;
	kind: QuestionKind;
	prompt: string;
	easyReadPrompt: string;
	helpText?: string;
	required: boolean;
	maxLength?: number;
	/** The title of the strategy priority this question is evidence for. */
	priority?: string;
	/** Shown on the same page as the question before it. */
	samePage?: boolean;
}

export interface WaveDef extends WaveWindow {
	slug: string;
}

export interface SurveyDef {
	organisation: string;
	slug: string;
	title: string;
	audience: Audience;
	easyRead: boolean;
	introduction: string;
	privacyNotice: string;
	questions: QuestionDef[];
	waves: WaveDef[];
}

type Offset = { months: number } | { days: number };

const at = (now: Date, offset: Offset) =>
	'months' in offset ? addMonths(now, offset.months) : addDays(now, offset.days);

/** The demo surveys, in the order they are written, their waves placed around `now`. */
export function demoSurveys(now: Date): SurveyDef[] {
	return DEMO_DATA.surveys.map((s) => ({
		...s,
		introduction: joinParagraphs(s.introduction),
		privacyNotice: joinParagraphs(s.privacyNotice),
		waves: s.waves.map((w) => ({
			slug: w.slug,
			...('weeks' in w
				? waveFor(w.kind, at(now, w.opens), w.weeks)
				: waveBetween(w.kind, at(now, w.opens), addDays(now, w.closes.days)))
		}))
	}));
}
