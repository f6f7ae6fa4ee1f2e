import { surveyOr404 } from '$lib/server/builder/forms';
import type { PageServerLoad } from './$types';

/** The choices of a download of responses: admins, leads and officers only (403 for the others). */
export const load = (async ({ locals, params }) => {
	const survey = await surveyOr404(locals, params.surveyId, { edit: true });
	return {
		survey: {
			id: survey.id,
			title: survey.title,
			organisation: survey.organisation,
			waves: survey.waves.map((w) => ({ id: w.id, label: w.label, responses: w.responses }))
		}
	};
}) satisfies PageServerLoad;
