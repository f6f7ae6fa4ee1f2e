import { error } from '@sveltejs/kit';
import { getRespondentSurvey } from '$lib/server/data/surveys';
import { canPreview } from '$lib/server/respondent';
import type { PageServerLoad } from './$types';

export const load = (async ({ locals, params, url }) => {
	const survey = await getRespondentSurvey(locals.supabase, params.slug);
	if (!survey) error(404, 'Survey not found');
	return {
		organisation: survey.organisation,
		title: survey.survey.title,
		preview: await canPreview(locals, url, survey)
	};
}) satisfies PageServerLoad;
