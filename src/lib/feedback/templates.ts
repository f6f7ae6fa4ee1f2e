/**
 * Strategy templates: the priorities of real local areas' strategies, word for word as their documents
 * give them (the texts are in the project's shared domain folder, strategies/), for a council to start
 * from and then edit. Codes are ours (the documents number them).
 */
export interface StrategyTemplate {
	id: string;
	name: string;
	/** the document's file name in strategies/ */
	source: string;
	priorities: { code: string; title: string }[];
}

export const STRATEGY_TEMPLATES: readonly StrategyTemplate[] = [
	{
		id: 'thurrock-send-pupil-engagement-2021-23',
		name: 'Thurrock SEND pupil engagement strategy 2021–23',
		source: 'thurrock-send-pupil-engagement-strategy-2021-23.txt',
		priorities: [
			{ code: 'P1', title: 'work collaboratively with children and young people to co-produce' },
			{
				code: 'P2',
				title:
					'organise a series of events and activities to encourage participation at both primary, secondary and post-16'
			},
			{ code: 'P3', title: 'celebrate success in the positive changes that have been made' },
			{ code: 'P4', title: "embed children's and young people's feedback in all areas of service delivery" }
		]
	},
	{
		id: 'barnsley-send-2020-22',
		name: 'Barnsley SEND strategy 2020–22 (its five priorities)',
		source: 'barnsley-send-engagement-participation-strategy-2020-22.txt',
		priorities: [
			{ code: '1', title: 'Early identification and support.' },
			{ code: '2', title: 'Quality and efficiency of EHC processes.' },
			{ code: '3', title: 'Participation ans co-production.' },
			{ code: '4', title: 'Access to specilaist provsion, including specialist school places.' },
			{ code: '5', title: 'Planning for pathways to adulthood.' }
		]
	}
];
