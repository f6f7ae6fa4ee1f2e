import { randomUUID } from 'node:crypto';
import { error, fail, redirect } from '@sveltejs/kit';
import { setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { ApiError, fieldErrors } from '$lib/server/api';
import { enterResponse } from '$lib/server/imports/data';
import { getRespondentSurvey } from '$lib/server/respondent/data';
import { isUnlaunched } from '$lib/respondent/survey';
import type { RespondentSurvey } from '$lib/respondent/survey';
import { findWave } from '../../../find';
import { enterSchema } from './schema';
import type { Actions, PageServerLoad } from './$types';
import { readFormPost } from '$lib/server/form-post';

// A plain form, with the respondent's own question fields (src/lib/respondent/QuestionField.svelte), which
// are written for pages that are never hydrated: their `checked={…}` and `value={…}` would undo, on
// hydration, answers ticked in the moment before the page's script ran. The page needs no script.
export const csr = false;

async function surveyOf(locals: App.Locals, slug: string): Promise<RespondentSurvey> {
	const survey = await getRespondentSurvey(locals.supabase, slug);
	// staff who may add responses may build the survey, and get it whole (api.survey_for_respondent)
	if (!survey || isUnlaunched(survey)) error(404, 'There is no wave at this address.');
	return survey;
}

/** The answers and about-you answers as posted: question key -> value(s), dimension -> category. */
function readAnswers(body: FormData, survey: RespondentSurvey) {
	const answers: Record<string, string | string[]> = {};
	for (const q of survey.questions) {
		if (q.kind === 'multi_choice') {
			const list = body.getAll(q.key).filter((v): v is string => typeof v === 'string');
			if (list.length > 0) answers[q.key] = list;
		} else {
			const v = body.get(q.key);
			if (typeof v === 'string' && v.trim() !== '') answers[q.key] = v;
		}
	}
	const about: Record<string, string> = {};
	for (const d of survey.about) {
		const v = body.get(`about.${d.key}`);
		if (typeof v === 'string' && v !== '') about[d.key] = v;
	}
	return { answers, about };
}

export const load = (async ({ locals, params, parent, url }) => {
	const { choices } = await parent();
	const { survey, wave } = findWave(choices, params.wave);
	const respondent = await surveyOf(locals, wave.slug);
	const form = await superValidate(
		{ wave_id: wave.id, response_id: randomUUID(), channel: 'paper' as const },
		zod4(enterSchema),
		{ errors: false }
	);
	return { survey, wave, respondent, form, saved: url.searchParams.get('saved') === '1' };
}) satisfies PageServerLoad;

export const actions = {
	default: async ({ locals, params, request }) => {
		const body = await readFormPost(request);
		const form = await superValidate(body, zod4(enterSchema));
		const respondent = await surveyOf(locals, params.wave);
		const { answers, about } = readAnswers(body, respondent);
		const values = { answers, about };
		if (!form.valid) return fail(400, { form, values, answerErrors: {} as Record<string, string> });
		try {
			await enterResponse(locals.supabase, {
				waveId: form.data.wave_id,
				responseId: form.data.response_id,
				answers,
				about,
				channel: form.data.channel,
				givenOn: form.data.given_on,
				assistance: form.data.assistance || null,
				panelCode: form.data.panel_code || null
			});
		} catch (e) {
			if (!(e instanceof ApiError) || e.hint !== 'invalid_answers') throw e;
			const answerErrors: Record<string, string> = {};
			for (const [field, message] of Object.entries(fieldErrors(e))) {
				if (field === 'given_on' || field === 'channel' || field === 'assistance' || field === 'panel_code')
					setError(form, field, message);
				else answerErrors[field] = message;
			}
			form.valid = false;
			return fail(400, { form, values, answerErrors });
		}
		redirect(303, `/imports/waves/${params.wave}/enter?saved=1`);
	}
} satisfies Actions;
