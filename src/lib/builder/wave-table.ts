/** The columns of a table of waves, as the survey's page and the dashboard both show it. */
export const WAVE_COLUMNS = [
	'Wave',
	'Opens',
	'Closes',
	'Status',
	{ label: 'Responses', num: true },
	'Link for respondents'
];
