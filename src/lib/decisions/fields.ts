/** The fields of the decision form, in page order (for the error summary). */
export const DECISION_FIELDS = [
	'you_said',
	'we_did',
	'status',
	'not_possible_reason',
	'priority_id',
	'decided_by',
	'decided_on',
	'owner',
	'participation',
	'test_answers'
] as const;
