import { redirect } from '@sveltejs/kit';
import { draftContext, easyQuery, pageQuery, stepPath } from '$lib/server/respondent';
import type { RequestHandler } from './$types';

/** A survey under way, by its response id (where a resume code leads): on to the page they were on. */
export const GET = (async (event) => {
	const { draft, steps, base, survey, easyRead, preview, language } = await draftContext(event);
	const query = preview
		? pageQuery(survey, easyRead, draft.answers, language)
		: easyQuery(survey, easyRead, language);
	redirect(303, stepPath(base, draft.step, steps.length) + query);
}) satisfies RequestHandler;
