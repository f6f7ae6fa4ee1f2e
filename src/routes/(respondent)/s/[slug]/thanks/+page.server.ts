import { canPreview, chooseLanguage, surveyOr404 } from '$lib/server/respondent';
import type { PageServerLoad } from './$types';

export const load = (async ({ locals, params, url }) => {
	const survey = await surveyOr404(locals, params.slug);
	const shown = chooseLanguage(locals, survey, url);
	return {
		organisation: survey.organisation,
		title: shown.survey.survey.title,
		language: shown.language,
		preview: await canPreview(locals, url, survey)
	};
}) satisfies PageServerLoad;
