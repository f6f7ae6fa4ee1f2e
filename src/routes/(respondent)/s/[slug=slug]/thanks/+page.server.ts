import { error } from '@sveltejs/kit';
import { youSaidWeDid } from '$lib/server/decisions/data';
import { getRespondentSurvey } from '$lib/server/respondent/data';
import { isUnlaunched } from '$lib/respondent/survey';
import { canPreview, chooseLanguage } from '$lib/server/respondent/context';
import type { PageServerLoad } from './$types';

export const load = (async ({ locals, params, url }) => {
	const survey = await getRespondentSurvey(locals.supabase, params.slug);
	if (!survey) error(404, 'Survey not found');
	const shown = chooseLanguage(locals, survey, url);
	// the organisation's own "you said, we did" page where it keeps one; else its page here, once it
	// has published a decision there
	const own = isUnlaunched(survey) ? null : survey.organisation.you_said_we_did_url;
	const here = own ? null : await youSaidWeDid(locals.supabase, survey.organisation.slug);
	return {
		organisation: survey.organisation,
		youSaidWeDid:
			own ?? (here && here.priorities.length > 0 ? `/o/${survey.organisation.slug}/you-said-we-did` : null),
		title: shown.survey.survey.title,
		language: shown.language,
		preview: await canPreview(locals, url, survey)
	};
}) satisfies PageServerLoad;
