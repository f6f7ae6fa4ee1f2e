import { fail, redirect } from '@sveltejs/kit';
import { validateResponse } from '$lib/schemas/response';
import { chosenCode, responseLanguage } from '$lib/respondent/language';
import { toResponseValues } from '$lib/respondent/steps';
import { ApiError, fieldErrors } from '$lib/server/data/errors';
import { submitResponse } from '$lib/server/data/surveys';
import { draftContext, easyQuery, pageQuery, previewSuffix } from '$lib/server/respondent';
import type { Actions, PageServerLoad } from './$types';

export const load = (async (event) => {
	const ctx = await draftContext(event);
	event.setHeaders({ 'cache-control': 'no-store' });
	return {
		survey: ctx.survey,
		language: ctx.language,
		steps: ctx.steps,
		answers: ctx.draft.answers,
		resumeCode: ctx.draft.resume_code,
		easyRead: ctx.easyRead,
		base: ctx.base,
		query: ctx.preview
			? pageQuery(ctx.survey, ctx.easyRead, ctx.draft.answers, ctx.language)
			: easyQuery(ctx.survey, ctx.easyRead, ctx.language),
		preview: ctx.preview,
		actionSuffix: previewSuffix(ctx.preview ? ctx.draft.answers : null, ctx.language)
	};
}) satisfies PageServerLoad;

export const actions = {
	/**
	 * Sends the answers kept in the draft as the response with the draft's id: sending twice (a
	 * double click, a repeated post) is one response, and after the first the draft is gone, so
	 * draftContext sends the second to the thank-you page too.
	 */
	send: async (event) => {
		const ctx = await draftContext(event);
		const { survey, draft } = ctx;
		const checked = validateResponse(
			toResponseValues(draft.answers, survey, draft.response_id),
			survey,
			ctx.messages.validation
		);
		if (!checked.ok) return fail(400, { errors: checked.errors });
		const form = await event.request.formData();
		const easyRead = survey.survey.easy_read || form.get('easy') === '1';
		// a preview sends nothing
		const lang = chosenCode(ctx.language);
		if (ctx.preview) redirect(303, `/s/${event.params.slug}/thanks?preview=1${lang ? `&lang=${lang}` : ''}`);
		try {
			await submitResponse(
				event.locals.supabase,
				survey.wave.slug,
				checked.data,
				easyRead ? 'easy_read' : 'online',
				responseLanguage(ctx.language)
			);
		} catch (e) {
			if (e instanceof ApiError && e.hint === 'invalid_answers') return fail(400, { errors: fieldErrors(e) });
			// a one-time invitation link that another tab has already used to send answers
			if (e instanceof ApiError && e.hint === 'invitation_used') {
				return fail(409, { errors: {} as Record<string, string>, used: true });
			}
			if (e instanceof ApiError && (e.hint === 'wave_closed' || e.hint === 'wave_not_open')) {
				redirect(303, `/s/${event.params.slug}`);
			}
			throw e;
		}
		redirect(303, `/s/${event.params.slug}/thanks${lang ? `?lang=${lang}` : ''}`);
	}
} satisfies Actions;
