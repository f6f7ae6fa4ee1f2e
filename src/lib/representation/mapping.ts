/**
 * How population figures line up with the about-you categories a survey asks.
 *
 * The DfE's counts of children and young people with an EHC plan come in DfE's own categories (its ethnicity
 * list, single years of age, sex, primary need). The survey asks the GSS harmonised ethnicity categories, age
 * bands, stage of education and gender. Each comparison group below is a set of survey categories compared
 * with a set of DfE categories; where the two lists do not match one to one the group says so, and what has no
 * counterpart on either side is listed as a mismatch. These are documented choices, not guesses:
 *
 * - Ethnicity: one to one, except that the survey's "Gypsy or Irish Traveller" and "Roma" are compared together
 *   with DfE's "Gypsy/Roma" and "Traveller of Irish heritage" (the two lists split them differently), and the
 *   survey's "Arab" is compared within "Any other ethnic group" (DfE has no Arab category). DfE's
 *   "Unclassified" (not known or refused) is left out of the population's shares.
 * - Age band: DfE's single years of age added up ("under 3", 3 and 4 make 0 to 4).
 * - Stage of education: by age on the census date (under 5, 5–10, 11–15, 16–25), which is close to, not the
 *   same as, school year.
 * - Gender: compared with the sex DfE records; "in another way" has no counterpart, nor DfE's "Unknown".
 * - Support, setting, area and care experience: DfE's file has no figures for them (upload your own);
 *   primary need is not an about-you question.
 *
 * An uploaded population is already in the about-you categories: each category is its own comparison group.
 */
import type { PopulationCount, PopulationSet } from './types';

export interface ComparisonGroup {
	/** a stable key: the about-you code, or codes joined with "+" */
	key: string;
	label: string;
	/** the about-you category codes whose respondents count towards it */
	codes: string[];
	/** the population's categories (DfE's or about-you codes) that count towards it */
	populationCategories: string[];
	/** said beside the group when the match is not one to one */
	note?: string;
}

export interface DimensionMapping {
	/** the about-you dimension */
	dimension: string;
	/** the population's dimension */
	populationDimension: string;
	groups: ComparisonGroup[];
	/** what cannot be compared, in a sentence each */
	mismatches: string[];
	/** the whole dimension's caveat, if any */
	note?: string;
}

const age = (from: number, to: number): string[] => {
	const years: string[] = [];
	for (let a = from; a <= to; a++) years.push(a < 3 ? 'under 3' : `age ${a}`);
	return [...new Set(years)];
};

/** The DfE categories to about-you comparison groups, by dimension (see the module's comment). */
export const DFE_MAPPING: readonly DimensionMapping[] = [
	{
		dimension: 'ethnicity',
		populationDimension: 'ethnicity',
		groups: [
			{
				key: 'white_british',
				label: 'White: British',
				codes: ['white_british'],
				populationCategories: ['White - White British']
			},
			{
				key: 'white_irish',
				label: 'White: Irish',
				codes: ['white_irish'],
				populationCategories: ['White - Irish']
			},
			{
				key: 'white_gypsy_traveller+white_roma',
				label: 'White: Gypsy, Roma or Irish Traveller',
				codes: ['white_gypsy_traveller', 'white_roma'],
				populationCategories: ['White - Gypsy/Roma', 'White - Traveller of Irish heritage'],
				note: 'Compared together: the survey and DfE split Gypsy, Roma and Irish Traveller differently.'
			},
			{
				key: 'white_other',
				label: 'Any other White background',
				codes: ['white_other'],
				populationCategories: ['White - Any other White background']
			},
			{
				key: 'mixed_white_black_caribbean',
				label: 'Mixed: White and Black Caribbean',
				codes: ['mixed_white_black_caribbean'],
				populationCategories: ['Mixed - White and Black Caribbean']
			},
			{
				key: 'mixed_white_black_african',
				label: 'Mixed: White and Black African',
				codes: ['mixed_white_black_african'],
				populationCategories: ['Mixed - White and Black African']
			},
			{
				key: 'mixed_white_asian',
				label: 'Mixed: White and Asian',
				codes: ['mixed_white_asian'],
				populationCategories: ['Mixed - White and Asian']
			},
			{
				key: 'mixed_other',
				label: 'Any other Mixed background',
				codes: ['mixed_other'],
				populationCategories: ['Mixed - Any other Mixed background']
			},
			{
				key: 'asian_indian',
				label: 'Asian: Indian',
				codes: ['asian_indian'],
				populationCategories: ['Asian - Indian']
			},
			{
				key: 'asian_pakistani',
				label: 'Asian: Pakistani',
				codes: ['asian_pakistani'],
				populationCategories: ['Asian - Pakistani']
			},
			{
				key: 'asian_bangladeshi',
				label: 'Asian: Bangladeshi',
				codes: ['asian_bangladeshi'],
				populationCategories: ['Asian - Bangladeshi']
			},
			{
				key: 'asian_chinese',
				label: 'Asian: Chinese',
				codes: ['asian_chinese'],
				populationCategories: ['Asian - Chinese']
			},
			{
				key: 'asian_other',
				label: 'Any other Asian background',
				codes: ['asian_other'],
				populationCategories: ['Asian - Any other Asian background']
			},
			{
				key: 'black_african',
				label: 'Black: African',
				codes: ['black_african'],
				populationCategories: ['Black - Black African']
			},
			{
				key: 'black_caribbean',
				label: 'Black: Caribbean',
				codes: ['black_caribbean'],
				populationCategories: ['Black - Black Caribbean']
			},
			{
				key: 'black_other',
				label: 'Any other Black background',
				codes: ['black_other'],
				populationCategories: ['Black - Any other Black background']
			},
			{
				key: 'other_arab+other_any',
				label: 'Arab or any other ethnic group',
				codes: ['other_arab', 'other_any'],
				populationCategories: ['Any other ethnic group'],
				note: 'DfE has no Arab category: Arab is counted in “Any other ethnic group”.'
			}
		],
		mismatches: [
			'DfE’s “Unclassified” (ethnicity not known or refused) is left out of the population’s shares.'
		]
	},
	{
		dimension: 'age_band',
		populationDimension: 'age',
		groups: [
			{ key: 'age_0_4', label: '0 to 4', codes: ['age_0_4'], populationCategories: age(0, 4) },
			{ key: 'age_5_10', label: '5 to 10', codes: ['age_5_10'], populationCategories: age(5, 10) },
			{ key: 'age_11_15', label: '11 to 15', codes: ['age_11_15'], populationCategories: age(11, 15) },
			{ key: 'age_16_19', label: '16 to 19', codes: ['age_16_19'], populationCategories: age(16, 19) },
			{ key: 'age_20_25', label: '20 to 25', codes: ['age_20_25'], populationCategories: age(20, 25) }
		],
		mismatches: []
	},
	{
		dimension: 'phase',
		populationDimension: 'age',
		note: 'Stage of education is compared by age on the census date (under 5, 5–10, 11–15, 16–25): close to school year, not the same.',
		groups: [
			{
				key: 'early_years',
				label: 'Early years (under 5)',
				codes: ['early_years'],
				populationCategories: age(0, 4)
			},
			{ key: 'primary', label: 'Primary school', codes: ['primary'], populationCategories: age(5, 10) },
			{
				key: 'secondary',
				label: 'Secondary school',
				codes: ['secondary'],
				populationCategories: age(11, 15)
			},
			{ key: 'post_16', label: 'Post-16 (16 to 25)', codes: ['post_16'], populationCategories: age(16, 25) }
		],
		mismatches: []
	},
	{
		dimension: 'gender',
		populationDimension: 'sex',
		note: 'DfE records sex; the survey asks gender.',
		groups: [
			{ key: 'girl_woman', label: 'Girl or woman', codes: ['girl_woman'], populationCategories: ['Female'] },
			{ key: 'boy_man', label: 'Boy or man', codes: ['boy_man'], populationCategories: ['Male'] }
		],
		mismatches: [
			'“In another way” has no counterpart in DfE’s figures, which record sex: those respondents are left out of the comparison.',
			'DfE’s “Unknown” sex is left out of the population’s shares.'
		]
	}
];

/** About-you dimensions DfE's file cannot be compared with, and why. */
export const DFE_NOT_COMPARED: Readonly<Record<string, string>> = {
	support:
		'DfE’s figures count only children and young people with an EHC plan: the response rate below uses them; upload SEN support figures to compare support.',
	setting: 'DfE’s file has no figures by setting: upload your own to compare it.',
	area: 'DfE’s file has no figures by area within the local authority: upload your own to compare it.',
	care_experience: 'DfE’s file has no figures by care experience: upload your own to compare it.'
};

/** The DfE categories of primary need: in the population, not asked in surveys. */
export const DFE_PRIMARY_NEED_NOTE =
	'DfE’s figures by primary need are kept but not compared: surveys do not ask it.';

/** An uploaded set: each about-you category it lists is its own comparison group, labelled as the survey does. */
export function uploadMapping(
	set: PopulationSet,
	labelOf: (dimension: string, code: string) => string
): DimensionMapping[] {
	const byDimension = new Map<string, PopulationCount[]>();
	for (const c of set.counts) {
		if (c.category === '_total') continue;
		byDimension.set(c.dimension, [...(byDimension.get(c.dimension) ?? []), c]);
	}
	return [...byDimension].map(([dimension, counts]) => ({
		dimension,
		populationDimension: dimension,
		groups: counts.map((c) => ({
			key: c.category,
			label: labelOf(dimension, c.category),
			codes: [c.category],
			populationCategories: [c.category]
		})),
		mismatches: []
	}));
}

/** The mapping for a population set. */
export function mappingFor(
	set: PopulationSet,
	labelOf: (dimension: string, code: string) => string
): readonly DimensionMapping[] {
	return set.origin === 'dfe' ? DFE_MAPPING : uploadMapping(set, labelOf);
}

/** The population's total for the response rate: DfE's "All EHC plans", or an upload's largest total. */
export function populationTotal(set: PopulationSet): number | null {
	if (set.origin === 'dfe') {
		return set.counts.find((c) => c.dimension === 'total')?.count ?? null;
	}
	const totals = set.counts.filter((c) => c.category === '_total' && c.count !== null).map((c) => c.count!);
	return totals.length > 0 ? Math.max(...totals) : null;
}
