/**
 * Who answers: the families and children behind the demo responses, and what they tell us in
 * the optional about-you questions. Codes are those of app.about_categories.
 */

import type { Random } from './random';

export const DIMENSIONS = [
	'phase',
	'age_band',
	'support',
	'setting',
	'ethnicity',
	'gender',
	'area',
	'care_experience'
] as const;

export type Dimension = (typeof DIMENSIONS)[number];

/** The truth about one child or young person (what a family would say if asked everything). */
export type Profile = Record<Dimension, string | null>;

/** What a response records: each about-you answer is optional. */
export type About = Partial<Record<Dimension, string>>;

export type Weights = Record<string, number>;

/**
 * Children and young people with an EHC plan in England by ethnicity, January 2025: DfE,
 * "Education, health and care plans, reporting year 2025" (caseload.csv, England, 2024/25), as
 * copied into /work/shared/data/dfe-ehc-plans/ehc_plans_by_la_2024_2025.csv. Open Government
 * Licence v3.0. Mapping of DfE's categories to the GSS harmonised codes we ask about:
 *  - "Unclassified" (49,151) is left out: those families are the ones who skip the question;
 *  - "White - Gypsy/Roma" (2,349) is split evenly between white_gypsy_traveller and white_roma;
 *    "White - Traveller of Irish heritage" (946) goes to white_gypsy_traveller;
 *  - DfE has no Arab category: "Any other ethnic group" (10,683) is split 30% other_arab,
 *    70% other_any (roughly the ratio of Arab to other ethnic groups in the 2021 Census).
 * Every other DfE category maps one to one.
 */
export const ENGLAND_EHC_PLAN_ETHNICITY: Weights = {
	white_british: 414_338,
	white_irish: 1_577,
	white_gypsy_traveller: 946 + 1_175,
	white_roma: 1_174,
	white_other: 27_449,
	mixed_white_black_caribbean: 12_420,
	mixed_white_black_african: 5_563,
	mixed_white_asian: 7_352,
	mixed_other: 15_397,
	asian_indian: 10_812,
	asian_pakistani: 21_416,
	asian_bangladeshi: 8_868,
	asian_chinese: 1_783,
	asian_other: 10_216,
	black_african: 23_881,
	black_caribbean: 7_835,
	black_other: 6_709,
	other_arab: 3_205,
	other_any: 7_478
};

/**
 * Northbridge's areas are not alike: the centre is the most diverse, the east the least. The
 * factor multiplies the weight of every group other than White British.
 */
const AREA_DIVERSITY: Record<string, number> = { north: 1, south: 0.8, east: 0.6, west: 1, central: 2.2 };

const AGE_BY_PHASE: Record<string, Weights> = {
	early_years: { age_0_4: 1 },
	primary: { age_5_10: 1 },
	secondary: { age_11_15: 1 },
	post_16: { age_16_19: 0.8, age_20_25: 0.2 }
};

const SETTING_BY_PHASE: Record<string, Weights> = {
	early_years: { early_years_setting: 0.75, mainstream: 0.15, special: 0.1 },
	primary: {
		mainstream: 0.62,
		special: 0.2,
		resourced: 0.1,
		alternative: 0.02,
		home_educated: 0.04,
		out_of_area: 0.02
	},
	secondary: {
		mainstream: 0.45,
		special: 0.27,
		resourced: 0.08,
		alternative: 0.07,
		home_educated: 0.07,
		out_of_area: 0.06
	},
	post_16: { college: 0.55, special: 0.25, not_in_education: 0.12, out_of_area: 0.08 }
};

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
