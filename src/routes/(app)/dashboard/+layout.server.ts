import { redirect } from '@sveltejs/kit';
import { afterSurveyChange } from '$lib/dashboards/views';
import type { LayoutServerLoad } from './$types';

/**
 * A dashboard filter form sent after choosing another survey (without JavaScript, the other fields still
 * hold the first survey's indicator and waves): to the view of the new survey, with its defaults.
 */
export const load = (({ url }) => {
	const to = afterSurveyChange(url);
	if (to !== null) redirect(303, to);
}) satisfies LayoutServerLoad;
