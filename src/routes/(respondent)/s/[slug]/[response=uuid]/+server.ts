import { redirect } from '@sveltejs/kit';
import { draftContext, easyQuery, stepPath } from '$lib/server/respondent';
import type { RequestHandler } from './$types';

/** A survey under way, by its response id (where a resume code leads): on to the page they were on. */
export const GET = (async (event) => {
	const { draft, steps, base, survey, easyRead } = await draftContext(event);
	redirect(303, stepPath(base, draft.step, steps.length) + easyQuery(survey, easyRead));
}) satisfies RequestHandler;
