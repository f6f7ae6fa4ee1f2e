/** Answer scales, strategy priorities and the areas of the demo local areas. */

export type ScaleKind = 'agreement_5' | 'faces_3' | 'yes_no_unsure';
export type QuestionKind = ScaleKind | 'free_text';

export interface OptionDef {
	value: string;
	label: string;
	easyReadLabel: string;
	symbol?: string;
	isPositive: boolean;
}

export const SCALES: Record<ScaleKind, OptionDef[]> = {
	agreement_5: [
		{ value: 'strongly_agree', label: 'Strongly agree', easyReadLabel: 'Yes, a lot', isPositive: true },
		{ value: 'agree', label: 'Agree', easyReadLabel: 'Yes', isPositive: true },
		{ value: 'neither', label: 'Neither agree nor disagree', easyReadLabel: 'Not sure', isPositive: false },
		{ value: 'disagree', label: 'Disagree', easyReadLabel: 'No', isPositive: false },
		{
			value: 'strongly_disagree',
			label: 'Strongly disagree',
			easyReadLabel: 'No, not at all',
			isPositive: false
		}
	],
	faces_3: [
		{ value: 'happy', label: 'Happy', easyReadLabel: 'Happy', symbol: '1F600', isPositive: true },
		{ value: 'okay', label: 'Okay', easyReadLabel: 'Okay', symbol: '1F610', isPositive: false },
		{ value: 'sad', label: 'Sad', easyReadLabel: 'Sad', symbol: '1F641', isPositive: false }
	],
	yes_no_unsure: [
		{ value: 'yes', label: 'Yes', easyReadLabel: 'Yes', isPositive: true },
		{ value: 'no', label: 'No', easyReadLabel: 'No', isPositive: false },
		{ value: 'not_sure', label: 'Not sure', easyReadLabel: 'I do not know', isPositive: false }
	]
};

/**
 * Northbridge's five strategy priorities: Barnsley's SEND Strategy 2020-22 priorities ("Our
 * Priorities" in the Barnsley engagement and participation strategy), spelling corrected.
 */
export const NORTHBRIDGE_PRIORITIES = [
	{
		title: 'Early identification and support',
		description:
			'Children and young people get the right help as soon as a need is noticed, at home, in early years and at school.'
	},
	{
		title: 'Quality and efficiency of EHC processes',
		description:
			'EHC needs assessments and plans are timely, written with the family, and describe the child and the help they will get clearly.'
	},
	{
		title: 'Participation and co-production',
		description:
			'Children, young people and families shape their own plans and the services of the local area, as equal partners.'
	},
	{
		title: 'Access to specialist provision, including specialist school places',
		description: 'Children and young people who need specialist provision can get it, close to home.'
	},
	{
		title: 'Planning for pathways to adulthood',
		description:
			'From year 9, young people plan for work, independent living, friendships and good health with the support they need.'
	}
] as const;

export type NorthbridgePriority = (typeof NORTHBRIDGE_PRIORITIES)[number]['title'];

export const EASTMOOR_PRIORITIES = [
	{ title: 'Short breaks and support for families', description: null },
	{ title: 'Inclusion in mainstream schools', description: null }
] as const;

/** Northbridge's own categories for the standard 'area' dimension. */
export const NORTHBRIDGE_AREAS = [
	{ code: 'north', label: 'North Northbridge' },
	{ code: 'south', label: 'South Northbridge' },
	{ code: 'east', label: 'East Northbridge' },
	{ code: 'west', label: 'West Northbridge' },
	{ code: 'central', label: 'Central Northbridge' }
] as const;

export type NorthbridgeArea = (typeof NORTHBRIDGE_AREAS)[number]['code'];
