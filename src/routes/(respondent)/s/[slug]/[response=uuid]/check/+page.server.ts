import { fail, redirect } from '@sveltejs/kit';
import { validateResponse } from '$lib/respondent/response';
import { chosenCode } from '$lib/respondent/language';
import { toResponseValues } from '$lib/respondent/steps';
import { ApiError, fieldErrors } from '$lib/server/api';
import { submitResponse } from '$lib/server/respondent/data';
import { draftContext, pageContext } from '$lib/server/respondent/context';
import { ServerOnly } from '$lib/server-only';
import { arrive, readPosted, tooManyFromHere } from '$lib/server/respondent/pages';
import type { Actions, PageServerLoad } from './$types';

/** Check your answers: asked for with GET, the answers come from the draft; posted to, with the form. */
export const load = (async (event) => {
	const ctx = event.request.method === 'POST' ? await pageContext(event) : await draftContext(event);
	event.setHeaders({ 'cache-control': 'no-store' });
	// language and preview for the layout; the rest for the server's rendering only ($lib/server-only)
	return {
		language: ctx.language,
		preview: ctx.preview,
		view: new ServerOnly({
			survey: ctx.survey,
			steps: ctx.steps,
			answers: ctx.answers,
			resumeCode: ctx.resumeCode,
			easyRead: ctx.easyRead,
			base: ctx.base,
			query: ctx.query
		})
	};
}) satisfies PageServerLoad;

export const actions = {
	/**
	 * Arriving from the last page or from changing an answer; or Send: the answers the form carries
	 * are checked again, all of them, and sent as the response with this page's response id. Sending
	 * twice (a double click, a repeated post) is one response: the second is told it is a duplicate
	 * and goes to the thank-you page too.
	 */
	default: async (event) => {
		const ctx = await pageContext(event);
		const posted = await readPosted(event.request, ctx);
		if (posted.nav !== 'send') return arrive(ctx, posted, event.params.response);

		const { survey } = ctx;
		const none = { show: null, change: false, resumeCode: posted.resumeCode, savedForLater: false };
		const checked = validateResponse(
			toResponseValues(posted.answers, survey, event.params.response),
			survey,
			ctx.messages.validation
		);
		if (!checked.ok) return fail(400, { ...none, answers: posted.answers, errors: checked.errors });
		const lang = chosenCode(ctx.language);
		// a preview sends nothing
		if (ctx.preview) redirect(303, `/s/${event.params.slug}/thanks?preview=1${lang ? `&lang=${lang}` : ''}`);
		try {
			await submitResponse(
				event.locals.respondentApi,
				survey.wave.slug,
				checked.data,
				ctx.easyRead ? 'easy_read' : 'online',
				ctx.language.code
			);
		} catch (e) {
			if (e instanceof ApiError && e.hint === 'invalid_answers') {
				return fail(400, { ...none, answers: posted.answers, errors: fieldErrors(e) });
			}
			// a one-time invitation link that another tab has already used to send answers
			if (e instanceof ApiError && e.hint === 'invitation_used') {
				return fail(409, { ...none, answers: posted.answers, errors: {}, used: true });
			}
			if (e instanceof ApiError && (e.hint === 'wave_closed' || e.hint === 'wave_not_open')) {
				redirect(303, `/s/${event.params.slug}`);
			}
			// over the submissions one address may send in an hour: a 429 page saying when to try again
			tooManyFromHere(e, event.setHeaders);
			throw e;
		}
		redirect(303, `/s/${event.params.slug}/thanks${lang ? `?lang=${lang}` : ''}`);
	}
} satisfies Actions;
