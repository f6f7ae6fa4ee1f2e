/**
 * Who answers: the families and children behind the demo responses, and what they tell us in
 * the optional about-you questions. Codes are those of app.about_categories; the numbers are in
 * data/stories.json.
 */

import { DEMO_DATA, DIMENSIONS } from './data';
import type { Random } from './random';

export { DIMENSIONS };

export type Dimension = (typeof DIMENSIONS)[number];

/** The truth about one child or young person (what a family would say if asked everything). */
export type Profile = Record<Dimension, string | null>;

/** What a response records: each about-you answer is optional. */
export type About = Partial<Record<Dimension, string>>;

export type Weights = Record<string, number>;

const POPULATION = DEMO_DATA.stories.population;

/**
 * Children and young people with an EHC plan in England by ethnicity, January 2025 (DfE; the
 * source and the mapping to the GSS harmonised codes we ask about are in data/stories.json).
 */
export const ENGLAND_EHC_PLAN_ETHNICITY: Weights = POPULATION.ethnicity;

/**
 * Northbridge's areas are not alike: the centre is the most diverse, the east the least. The
 * factor multiplies the weight of every group other than White British.
 */
const AREA_DIVERSITY: Record<string, number> = POPULATION.areaDiversity;

const AGE_BY_PHASE: Record<string, Weights> = POPULATION.ageByPhase;

const SETTING_BY_PHASE: Record<string, Weights> = POPULATION.settingByPhase;

export interface PopulationSpec {
	phase: Weights;
	support: Weights;
	gender: Weights;
	/** The organisation's own areas, or null when it has none. */
	areas: Weights | null;
	/** The chance that a respondent leaves each about-you question blank. */
	skip: Record<Dimension, number>;
	/** The chance that a respondent answers "prefer not to say" to a question they do not skip. */
	declines: number;
}

function ethnicityWeights(area: string | null): Weights {
	const factor = area ? (AREA_DIVERSITY[area] ?? 1) : 1;
	const weights: Weights = {};
	for (const [code, n] of Object.entries(ENGLAND_EHC_PLAN_ETHNICITY)) {
		weights[code] = code === 'white_british' ? n : n * factor;
	}
	return weights;
}

function careExperience(rng: Random, phase: string): string {
	const roll = rng.next();
	if (roll < 0.045) return 'in_care';
	if (roll < 0.065 && phase === 'post_16') return 'care_leaver';
	return 'no';
}

export function drawProfile(rng: Random, spec: PopulationSpec): Profile {
	const phase = rng.weighted(spec.phase);
	const area = spec.areas ? rng.weighted(spec.areas) : null;
	return {
		phase,
		age_band: rng.weighted(AGE_BY_PHASE[phase] ?? {}),
		support: rng.weighted(spec.support),
		setting: rng.weighted(SETTING_BY_PHASE[phase] ?? {}),
		ethnicity: rng.weighted(ethnicityWeights(area)),
		gender: rng.weighted(spec.gender),
		area,
		care_experience: careExperience(rng, phase)
	};
}

/** What the respondent chose to tell us: some questions skipped, a few declined. */
export function reportAbout(rng: Random, profile: Profile, spec: PopulationSpec): About {
	const about: About = {};
	for (const dimension of DIMENSIONS) {
		const truth = profile[dimension];
		if (truth === null || rng.chance(spec.skip[dimension])) continue;
		about[dimension] = rng.chance(spec.declines) ? 'prefer_not_to_say' : truth;
	}
	return about;
}
