import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { chosenCode } from '$lib/respondent/language';
import { pageErrors, readFields, stepsOf } from '$lib/respondent/steps';
import { ApiError } from '$lib/server/data/errors';
import { saveDraft } from '$lib/server/data/drafts';
import { newPanelCode } from '$lib/server/panel-code';
import {
	chooseLanguage,
	draftContext,
	easyQuery,
	pageQuery,
	PREVIEW_ID,
	previewSuffix,
	stepPath,
	surveyOr404
} from '$lib/server/respondent';
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
		change: event.url.searchParams.get('change') === '1',
		/** on the "who is answering" page, a new panel code to offer someone who has none yet */
		offeredPanelCode: step.kind === 'who' && !ctx.draft.answers.panel_code ? newPanelCode() : null
	};
}) satisfies PageServerLoad;

type Intent = 'continue' | 'back' | 'save';

/**
 * Keeps the page's answers in the draft, then: Continue checks them and goes on (to check your
 * answers when the respondent came from there to change one); Back goes back without checking;
 * save (the script's save-as-you-go) only keeps them.
 */
async function keep(event: RequestEvent<{ slug: string; response: string; n: string }>, intent: Intent) {
	// A preview needs its context (who is asking, the answers in the address). A respondent's post
	// does not read the draft first: api.save_draft checks the wave and the draft itself, so each
	// page costs one call to the database. The language comes with the form, as the page was shown.
	if (event.params.response === PREVIEW_ID) return keepPreview(event, intent);
	const found = await surveyOr404(event.locals, event.params.slug);
	const form = await event.request.formData();
	const postedLang = form.get('lang');
	const { survey, language, messages } = chooseLanguage(
		event.locals,
		found,
		event.url,
		typeof postedLang === 'string' ? postedLang : null
	);
	const steps = stepsOf(survey);
	const n = Number(event.params.n);
	const step = steps[n - 1];
	if (!step) error(404, 'Page not found');
	const posted = readFields(form, survey, step);
	const easyRead = survey.survey.easy_read || form.get('easy') === '1';
	const errors =
		intent === 'continue' ? pageErrors(posted, survey, step, event.params.response, messages.validation) : {};
	const ok = Object.keys(errors).length === 0;
	const next = nextStep(n, steps.length, intent, ok, form.get('change') === '1');

	try {
		await saveDraft(event.locals.supabase, {
			responseId: event.params.response,
			waveSlug: survey.wave.slug,
			answers: posted,
			step: Math.max(1, next),
			easyRead,
			language: chosenCode(language)
		});
	} catch (e) {
		if (e instanceof ApiError && e.hint === 'already_submitted')
			redirect(303, `/s/${event.params.slug}/thanks`);
		if (e instanceof ApiError && (e.hint === 'wave_closed' || e.hint === 'wave_not_open')) {
			redirect(303, `/s/${event.params.slug}`);
		}
		// a draft of another wave of this survey: its page sends the respondent to the right address
		if (e instanceof ApiError && e.hint === 'wrong_wave') await draftContext(event);
		throw e;
	}

	if (!ok) return fail(400, { errors, answers: posted });
	if (intent === 'save') return { saved: true };
	const query = easyQuery(survey, easyRead, language);
	if (next < 1) redirect(303, `/s/${event.params.slug}${query}`);
	redirect(303, stepPath(`/s/${event.params.slug}/${event.params.response}`, next, steps.length) + query);
}

/** Where Continue or Back goes from page n (total + 1 is check your answers). */
function nextStep(n: number, total: number, intent: Intent, ok: boolean, change: boolean): number {
	if (intent === 'back') return change ? total + 1 : n - 1;
	if (intent === 'continue' && ok) return change ? total + 1 : n + 1;
	return n;
}

/** A preview writes nothing: the answers go on in the address. */
async function keepPreview(
	event: RequestEvent<{ slug: string; response: string; n: string }>,
	intent: Intent
) {
	const ctx = await draftContext(event);
	const n = Number(event.params.n);
	const step = ctx.steps[n - 1];
	if (!step) error(404, 'Page not found');
	const form = await event.request.formData();
	const posted = readFields(form, ctx.survey, step);
	const easyRead = ctx.survey.survey.easy_read || form.get('easy') === '1';
	const answers = { ...ctx.draft.answers, ...posted };
	const errors =
		intent === 'continue'
			? pageErrors(answers, ctx.survey, step, ctx.draft.response_id, ctx.messages.validation)
			: {};
	const ok = Object.keys(errors).length === 0;
	const next = nextStep(n, ctx.steps.length, intent, ok, form.get('change') === '1');
	if (!ok) return fail(400, { errors, answers: posted });
	if (intent === 'save') return { saved: true };
	const query = pageQuery(ctx.survey, easyRead, answers, ctx.language);
	if (next < 1) redirect(303, `/s/${event.params.slug}${query}`);
	redirect(303, stepPath(ctx.base, next, ctx.steps.length) + query);
}

export const actions = {
	continue: (event) => keep(event, 'continue'),
	back: (event) => keep(event, 'back'),
	save: (event) => keep(event, 'save')
} satisfies Actions;
