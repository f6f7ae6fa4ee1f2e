import { TOOK_PART_GROUPS } from '$lib/domain';

/** The fields of the activity form, in page order (for the error summary). */
export const ACTIVITY_FIELDS = [
	'title',
	'held_on',
	'kind',
	'participation',
	'phase',
	...TOOK_PART_GROUPS.map((g) => g.value),
	'notes'
];
