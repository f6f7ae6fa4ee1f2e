/**
 * The story the demo data tells, as numbers (data/stories.json): how many answer each wave, who
 * they are, and how likely each of them is to answer positively.
 *
 * Each indicator has a target share positive per wave; who a respondent is moves their own
 * chance up or down (a shift on the log-odds scale), and the baseline is then solved so that
 * the wave as a whole lands on the target. So the headline trend is exactly the story, and the
 * gaps between groups are there underneath it, as in a real area.
 *
 * The parent carers' story: families at SEN support, or still waiting, have had a harder time of
 * it; families from Black, Pakistani, Bangladeshi, Gypsy, Roma and Traveller and some other
 * backgrounds report a worse experience (fewer interpreters, less trust, more often in the east of
 * the area where caseworkers are most stretched); post-16 provision is the weak spot (few local
 * options after school); and the east of Northbridge has had the most caseworker turnover.
 * Eastmoor has a handful of answers, to prove the wall between areas.
 */

import type { Comment } from './comments';
import { DEMO_DATA } from './data';
import type { Dimension, PopulationSpec, Profile, Weights } from './population';
import type { Random } from './random';

export interface IndicatorModel {
	/** Share positive among those answering, wave by wave. */
	target: number[];
	/** How much who they are moves a respondent's log-odds of answering positively. */
	effect?: (profile: Profile) => number;
	/** The chance that a respondent leaves the question blank. */
	skip?: (profile: Profile) => number;
}

export interface SurveyStory {
	surveySlug: string;
	responsesPerWave: number[];
	population: PopulationSpec;
	/** Spread of respondents' general mood (log-odds), so one person's answers hang together. */
	moodSpread: number;
	indicators: Record<string, IndicatorModel>;
	channel: Weights;
	assistance?: (rng: Random, profile: Profile) => string | null;
	/** Families who give a panel code at baseline, and the chance they answer each repeat. */
	panel?: { families: number; returnChance: number[] };
	comments?: {
		questionKey: string;
		pool: Comment[];
		/** The chance of writing a comment, given the share of their answers that were not positive. */
		chance: (notPositiveShare: number) => number;
	};
}

type Data = typeof DEMO_DATA.stories;
type Effect = Data['effects'][string];
type ByAnswer<T> = { by: Dimension; values: Record<string, T>; otherwise: T };

/** One about-you answer's shift, as lookup tables of codes: [dimension, code -> shift]. */
type Term = [Dimension, Record<string, number>];

/** An effect's terms in order, named effects spelt out. */
function terms(effect: Effect): Term[] {
	return effect.flatMap((term): Term[] =>
		typeof term === 'string' ? terms(DEMO_DATA.stories.effects[term] ?? []) : (Object.entries(term) as Term[])
	);
}

const lookup = (table: Record<string, number>, code: string | null) =>
	code === null ? 0 : (table[code] ?? 0);

/** The sum of the terms, in order. */
function effectOf(effect: Effect): (profile: Profile) => number {
	const list = terms(effect);
	return (p) => list.reduce((sum, [dimension, table]) => sum + lookup(table, p[dimension]), 0);
}

function byAnswer<T>(rule: ByAnswer<T>): (profile: Profile) => T {
	return (p) => {
		const code = p[rule.by];
		return code === null ? rule.otherwise : (rule.values[code] ?? rule.otherwise);
	};
}

function story(s: Data['stories'][number]): SurveyStory {
	const population = DEMO_DATA.stories.populations[s.population]!;
	const indicators: Record<string, IndicatorModel> = {};
	for (const [key, model] of Object.entries(s.indicators)) {
		const skip = model.skip;
		indicators[key] = {
			target: model.target,
			...(model.effect && { effect: effectOf(model.effect) }),
			...(skip !== undefined && { skip: typeof skip === 'number' ? () => skip : byAnswer(skip) })
		};
	}
	const assistance = s.assistance && byAnswer(s.assistance);
	const comments = s.comments;
	return {
		surveySlug: s.surveySlug,
		responsesPerWave: s.responsesPerWave,
		population: s.withoutAreas ? { ...population, areas: null } : population,
		moodSpread: s.moodSpread,
		indicators,
		channel: s.channel,
		...(assistance && { assistance: (rng: Random, p: Profile) => rng.weighted(assistance(p)) }),
		...(s.panel && { panel: s.panel }),
		...(comments && {
			comments: {
				questionKey: comments.questionKey,
				pool: DEMO_DATA.comments[comments.pool] ?? [],
				chance: (notPositive: number) => comments.chance.base + comments.chance.perNotPositive * notPositive
			}
		})
	};
}

export const DEMO_STORIES: SurveyStory[] = DEMO_DATA.stories.stories.map(story);
