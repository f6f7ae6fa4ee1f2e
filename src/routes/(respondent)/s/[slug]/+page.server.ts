import { randomUUID } from 'node:crypto';
import { error, fail, redirect } from '@sveltejs/kit';
import { readResponseForm, validateResponse, type FieldErrors } from '$lib/schemas/response';
import { ApiError, fieldErrors } from '$lib/server/data/errors';
import { getRespondentSurvey, submitResponse } from '$lib/server/data/surveys';
import type { Actions, PageServerLoad } from './$types';

async function surveyOr404(locals: App.Locals, slug: string) {
	const survey = await getRespondentSurvey(locals.supabase, slug);
	if (!survey) error(404, 'Survey not found');
	return survey;
}

export const load = (async ({ locals, params, url, setHeaders }) => {
	const survey = await surveyOr404(locals, params.slug);
	// Each page view gets its own response id: sending the same form twice is one response.
	setHeaders({ 'cache-control': 'no-store' });
	return {
		survey,
		responseId: randomUUID(),
		easyRead: url.searchParams.get('easy') === '1' || survey.survey.easy_read
	};
}) satisfies PageServerLoad;

export const actions = {
	default: async ({ locals, params, request }) => {
		const survey = await surveyOr404(locals, params.slug);
		const values = readResponseForm(await request.formData(), survey);
		if (survey.wave.status !== 'open') {
			return fail(409, { values, errors: {} as FieldErrors, closed: true });
		}
		const checked = validateResponse(values, survey);
		if (!checked.ok) return fail(400, { values, errors: checked.errors, closed: false });

		try {
			await submitResponse(
				locals.supabase,
				survey.wave.slug,
				checked.data,
				survey.survey.easy_read ? 'easy_read' : 'online'
			);
		} catch (e) {
			if (e instanceof ApiError && e.hint === 'invalid_answers') {
				return fail(400, { values, errors: fieldErrors(e), closed: false });
			}
			if (e instanceof ApiError && (e.hint === 'wave_closed' || e.hint === 'wave_not_open')) {
				return fail(409, { values, errors: {} as FieldErrors, closed: true });
			}
			throw e;
		}
		redirect(303, `/s/${params.slug}/thanks`);
	}
} satisfies Actions;
