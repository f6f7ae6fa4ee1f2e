/**
 * The story the demo data tells, as numbers: how many answer each wave, who they are, and how
 * likely each of them is to answer positively.
 *
 * Each indicator has a target share positive per wave; who a respondent is moves their own
 * chance up or down (a shift on the log-odds scale), and the baseline is then solved so that
 * the wave as a whole lands on the target. So the headline trend is exactly the story, and the
 * gaps between groups are there underneath it, as in a real area.
 */

import { PARENT_COMMENTS, YOUNG_PEOPLE_COMMENTS, type Comment } from './comments';
import type { PopulationSpec, Profile, Weights } from './population';
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

const lookup = (table: Record<string, number>, code: string | null) =>
	code === null ? 0 : (table[code] ?? 0);

// ---------------------------------------------------------------------------------------------
// Parent carers: the EHC plan process
// ---------------------------------------------------------------------------------------------

/** Families at SEN support, or still waiting, have had a harder time of it. */
const PARENT_SUPPORT_EFFECT = { ehcp: 0, assessment: -0.35, sen_support: -0.8, not_sure: -0.45, none: -0.5 };

/**
 * The equity gap: families from Black, Pakistani, Bangladeshi, Gypsy, Roma and Traveller and
 * some other backgrounds report a worse experience (fewer interpreters, less trust, more often
 * in the east of the area where caseworkers are most stretched).
 */
const PARENT_ETHNICITY_EFFECT = {
	black_african: -0.75,
	black_caribbean: -0.8,
	black_other: -0.6,
	mixed_white_black_caribbean: -0.6,
	mixed_white_black_african: -0.45,
	asian_pakistani: -0.7,
	asian_bangladeshi: -0.7,
	white_gypsy_traveller: -1,
	white_roma: -1,
	other_arab: -0.6,
	other_any: -0.35,
	white_other: -0.3
};

const PARENT_PHASE_EFFECT = { early_years: 0.2, primary: 0, secondary: -0.1, post_16: -0.25 };
const PARENT_SETTING_EFFECT = {
	special: 0.25,
	alternative: -0.4,
	home_educated: -0.7,
	out_of_area: -0.2,
	not_in_education: -0.8
};
/** A postcode lottery: the east of Northbridge has had the most caseworker turnover. */
const PARENT_AREA_EFFECT = { east: -0.35, south: 0.1, central: 0.15 };

function parentEffect(p: Profile): number {
	return (
		lookup(PARENT_SUPPORT_EFFECT, p.support) +
		lookup(PARENT_ETHNICITY_EFFECT, p.ethnicity) +
		lookup(PARENT_PHASE_EFFECT, p.phase) +
		lookup(PARENT_SETTING_EFFECT, p.setting) +
		lookup(PARENT_AREA_EFFECT, p.area)
	);
}

/** Post-16 provision is the weak spot: few local options after school. */
function provisionEffect(p: Profile): number {
	return (
		parentEffect(p) +
		(p.phase === 'post_16' ? -0.75 : 0) +
		(p.setting === 'special' ? 0.35 : 0) +
		(p.setting === 'not_in_education' ? -0.6 : 0)
	);
}

const PARENT_POPULATION: PopulationSpec = {
	phase: { early_years: 0.08, primary: 0.38, secondary: 0.36, post_16: 0.18 },
	support: { ehcp: 0.6, assessment: 0.16, sen_support: 0.18, not_sure: 0.04, none: 0.02 },
	// DfE, EHC plans January 2025, England: 70.6% male
	gender: { boy_man: 0.7, girl_woman: 0.29, another: 0.01 },
	areas: { north: 0.22, south: 0.2, east: 0.18, west: 0.2, central: 0.2 },
	skip: {
		phase: 0.03,
		age_band: 0.1,
		support: 0.04,
		setting: 0.06,
		ethnicity: 0.12,
		gender: 0.08,
		area: 0.1,
		care_experience: 0.15
	},
	declines: 0.03
};

export const EHC_JOURNEY_STORY: SurveyStory = {
	surveySlug: 'ehc-journey',
	responsesPerWave: [450, 450, 300],
	population: PARENT_POPULATION,
	moodSpread: 0.8,
	indicators: {
		fully_involved: { target: [0.38, 0.49, 0.58], effect: parentEffect },
		communication_good: { target: [0.34, 0.44, 0.53], effect: parentEffect },
		plan_reflects_needs: { target: [0.44, 0.52, 0.59], effect: parentEffect },
		outcomes_clear: { target: [0.4, 0.47, 0.55], effect: parentEffect },
		provision_meets_needs: { target: [0.41, 0.46, 0.52], effect: provisionEffect },
		annual_review_on_time: {
			target: [0.45, 0.55, 0.63],
			effect: parentEffect,
			// only families with a plan have had an annual review
			skip: (p) => (p.support === 'ehcp' ? 0.06 : 0.8)
		}
	},
	channel: { online: 0.8, paper: 0.09, event: 0.07, phone: 0.04 },
	panel: { families: 50, returnChance: [0.7, 0.55] },
	comments: {
		questionKey: 'what_would_help',
		pool: PARENT_COMMENTS,
		chance: (notPositive) => 0.14 + 0.2 * notPositive
	}
};

// ---------------------------------------------------------------------------------------------
// Children and young people: my say
// ---------------------------------------------------------------------------------------------

const CARE_EFFECT = { in_care: -0.3, care_leaver: -0.3 };

const YOUNG_PEOPLE_POPULATION: PopulationSpec = {
	phase: { primary: 0.35, secondary: 0.45, post_16: 0.2 },
	support: { ehcp: 0.55, sen_support: 0.35, not_sure: 0.1 },
	gender: { boy_man: 0.66, girl_woman: 0.31, another: 0.03 },
	areas: { north: 0.22, south: 0.2, east: 0.18, west: 0.2, central: 0.2 },
	skip: {
		phase: 0.08,
		age_band: 0.1,
		support: 0.3,
		setting: 0.15,
		ethnicity: 0.25,
		gender: 0.1,
		area: 0.2,
		care_experience: 0.3
	},
	declines: 0.03
};

const youngPeopleSkip = () => 0.04;

export const MY_SAY_STORY: SurveyStory = {
	surveySlug: 'my-say',
	responsesPerWave: [170, 130],
	population: YOUNG_PEOPLE_POPULATION,
	moodSpread: 0.6,
	indicators: {
		feel_listened_to: {
			target: [0.44, 0.55],
			skip: youngPeopleSkip,
			effect: (p) =>
				lookup({ secondary: -0.35 }, p.phase) +
				lookup({ special: 0.4, alternative: -0.3 }, p.setting) +
				lookup({ sen_support: -0.3 }, p.support) +
				lookup(CARE_EFFECT, p.care_experience) +
				lookup({ black_african: -0.2, black_caribbean: -0.2, black_other: -0.2 }, p.ethnicity)
		},
		feel_safe: {
			target: [0.61, 0.66],
			skip: youngPeopleSkip,
			effect: (p) =>
				lookup({ secondary: -0.2 }, p.phase) +
				lookup({ special: 0.6, mainstream: -0.1 }, p.setting) +
				lookup({ another: -0.6 }, p.gender) +
				lookup(CARE_EFFECT, p.care_experience)
		},
		help_when_needed: {
			target: [0.41, 0.5],
			skip: youngPeopleSkip,
			effect: (p) =>
				lookup({ secondary: -0.25 }, p.phase) +
				lookup({ special: 0.4 }, p.setting) +
				lookup({ sen_support: -0.6, not_sure: -0.3 }, p.support) +
				lookup({ in_care: -0.35, care_leaver: -0.35 }, p.care_experience)
		}
	},
	channel: { easy_read: 0.55, online: 0.45 },
	assistance: (rng, p) =>
		rng.weighted(
			p.phase === 'primary'
				? { own: 0.35, helped: 0.5, on_behalf: 0.15 }
				: { own: 0.6, helped: 0.31, on_behalf: 0.09 }
		),
	comments: {
		questionKey: 'one_thing',
		pool: YOUNG_PEOPLE_COMMENTS,
		chance: (notPositive) => 0.22 + 0.15 * notPositive
	}
};

// ---------------------------------------------------------------------------------------------
// Eastmoor: a handful of answers, to prove the wall between areas
// ---------------------------------------------------------------------------------------------

export const EASTMOOR_STORY: SurveyStory = {
	surveySlug: 'eastmoor-short-breaks',
	responsesPerWave: [36],
	population: { ...PARENT_POPULATION, areas: null },
	moodSpread: 0.8,
	indicators: {
		breaks_help: { target: [0.47] },
		know_how_to_ask: { target: [0.52], skip: () => 0.05 }
	},
	channel: { online: 0.85, paper: 0.15 }
};

export const DEMO_STORIES = [EHC_JOURNEY_STORY, MY_SAY_STORY, EASTMOOR_STORY];
