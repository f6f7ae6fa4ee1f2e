import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { chosenCode } from '$lib/respondent/language';
import { pageErrors, readFields } from '$lib/respondent/steps';
import { ApiError } from '$lib/server/data/errors';
import { saveDraft } from '$lib/server/data/drafts';
import { draftContext, easyQuery, pageQuery, previewSuffix, stepPath } from '$lib/server/respondent';
import type { Actions, PageServerLoad } from './$types';

export const load = (async (event) => {
	const ctx = await draftContext(event);
	const n = Number(event.params.n);
	const step = ctx.steps[n - 1];
	if (!step) error(404, 'Page not found');
	event.setHeaders({ 'cache-control': 'no-store' });
	return {
		survey: ctx.survey,
		language: ctx.language,
		step,
		total: ctx.steps.length,
		answers: ctx.draft.answers,
		resumeCode: ctx.draft.resume_code,
		easyRead: ctx.easyRead,
		base: ctx.base,
		query: ctx.preview
			? pageQuery(ctx.survey, ctx.easyRead, ctx.draft.answers, ctx.language)
			: easyQuery(ctx.survey, ctx.easyRead, ctx.language),
		preview: ctx.preview,
		/** added to the page's form actions: the language, and in a preview the preview and its answers so far */
		actionSuffix: previewSuffix(ctx.preview ? ctx.draft.answers : null, ctx.language),
		change: event.url.searchParams.get('change') === '1'
	};
}) satisfies PageServerLoad;

type Intent = 'continue' | 'back' | 'save';

/**
 * Keeps the page's answers in the draft, then: Continue checks them and goes on (to check your
 * answers when the respondent came from there to change one); Back goes back without checking;
 * save (the script's save-as-you-go) only keeps them.
 */
async function keep(event: RequestEvent<{ slug: string; response: string; n: string }>, intent: Intent) {
	const ctx = await draftContext(event);
	const n = Number(event.params.n);
	const step = ctx.steps[n - 1];
	if (!step) error(404, 'Page not found');
	const form = await event.request.formData();
	const posted = readFields(form, ctx.survey, step);
	const easyRead = ctx.survey.survey.easy_read || form.get('easy') === '1';
	const change = form.get('change') === '1';
	const total = ctx.steps.length;
	const answers = { ...ctx.draft.answers, ...posted };
	const errors =
		intent === 'continue'
			? pageErrors(answers, ctx.survey, step, ctx.draft.response_id, ctx.messages.validation)
			: {};
	const ok = Object.keys(errors).length === 0;

	let next = n;
	if (intent === 'back') next = change ? total + 1 : n - 1;
	else if (intent === 'continue' && ok) next = change ? total + 1 : n + 1;

	if (ctx.preview) {
		// a preview writes nothing: the answers go on in the address
		if (!ok) return fail(400, { errors, answers: posted });
		if (intent === 'save') return { saved: true };
		const query = pageQuery(ctx.survey, easyRead, answers, ctx.language);
		if (next < 1) redirect(303, `/s/${event.params.slug}${query}`);
		redirect(303, stepPath(ctx.base, next, total) + query);
	}

	try {
		await saveDraft(event.locals.supabase, {
			responseId: ctx.draft.response_id,
			waveSlug: ctx.survey.wave.slug,
			answers: posted,
			step: Math.max(1, next),
			easyRead,
			language: chosenCode(ctx.language)
		});
	} catch (e) {
		if (e instanceof ApiError && e.hint === 'already_submitted')
			redirect(303, `/s/${event.params.slug}/thanks`);
		if (e instanceof ApiError && (e.hint === 'wave_closed' || e.hint === 'wave_not_open')) {
			redirect(303, `/s/${event.params.slug}`);
		}
		throw e;
	}

	if (!ok) return fail(400, { errors, answers: posted });
	if (intent === 'save') return { saved: true };
	const query = easyQuery(ctx.survey, easyRead, ctx.language);
	if (next < 1) redirect(303, `/s/${event.params.slug}${query}`);
	redirect(303, stepPath(ctx.base, next, total) + query);
}

export const actions = {
	continue: (event) => keep(event, 'continue'),
	back: (event) => keep(event, 'back'),
	save: (event) => keep(event, 'save')
} satisfies Actions;
