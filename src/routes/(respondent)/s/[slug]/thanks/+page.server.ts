import { error } from '@sveltejs/kit';
import { getRespondentSurvey } from '$lib/server/respondent/data';
import { canPreview, chooseLanguage } from '$lib/server/respondent/context';
import type { PageServerLoad } from './$types';

export const load = (async ({ locals, params, url }) => {
	const survey = await getRespondentSurvey(locals.supabase, params.slug);
	if (!survey) error(404, 'Survey not found');
	const shown = chooseLanguage(locals, survey, url);
	return {
		organisation: survey.organisation,
		title: shown.survey.survey.title,
		language: shown.language,
		preview: await canPreview(locals, url, survey)
	};
}) satisfies PageServerLoad;
