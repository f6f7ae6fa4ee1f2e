import { fail, isActionFailure, redirect } from '@sveltejs/kit';
import { validateResponse } from '$lib/respondent/response';
import { chosenCode } from '$lib/respondent/language';
import {
	addressOf,
	dropHidden,
	promptOf,
	shownOn,
	shownQuestions,
	toResponseValues,
	visibleSteps,
	type DraftAnswers,
	type Step
} from '$lib/respondent/steps';
import type { PageContext } from '$lib/server/respondent/context';
import { ApiError, fieldErrors } from '$lib/server/api';
import { submitResponse } from '$lib/server/respondent/data';
import { draftContext, lockedView, openDraft, pageContext } from '$lib/server/respondent/context';
import { ServerOnly } from '$lib/server-only';
import { arrive, readPosted, tooManyFromHere } from '$lib/server/respondent/pages';
import type { Actions, PageServerLoad } from './$types';

/**
 * Check your answers: posted to, the answers come with the form, or from the draft with its key
 * (nav=open); asked for with GET, a draft's answers are not shown (its address alone opens nothing).
 */
export const load = (async (event) => {
	const ctx = event.request.method === 'POST' ? await pageContext(event) : await draftContext(event);
	event.setHeaders({ 'cache-control': 'no-store' });
	if (ctx.locked) {
		return {
			language: ctx.language,
			preview: ctx.preview,
			locked: new ServerOnly(lockedView(ctx, event.params.slug, true)),
			view: new ServerOnly(checkView(ctx, {}, []))
		};
	}
	// answers kept in a draft to questions that earlier answers now hide are taken out, and said so
	const { answers, dropped } = dropHidden(ctx.survey, ctx.answers);
	// language and preview for the layout; the rest for the server's rendering only ($lib/server-only)
	return {
		language: ctx.language,
		preview: ctx.preview,
		locked: null,
		view: new ServerOnly(
			checkView(
				ctx,
				answers,
				dropped.map((q) => promptOf(q, ctx.easyRead))
			)
		)
	};
}) satisfies PageServerLoad;

function checkView(ctx: PageContext, answers: DraftAnswers, dropped: string[]) {
	return {
		survey: ctx.survey,
		steps: ctx.steps,
		answers,
		dropped,
		resumeCode: ctx.resumeCode,
		easyRead: ctx.easyRead,
		base: ctx.base,
		query: ctx.query,
		draftKey: ctx.draftKey
	};
}

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
		if (posted.nav === 'open' && !ctx.preview) {
			// the draft's answers, opened with its key (after a resume code, or by the page's script)
			const opened = await openDraft(event, ctx, posted.draftKey);
			if (opened.locked) return { locked: lockedView(opened, event.params.slug, false) };
			const kept = dropHidden(opened.survey, opened.answers);
			return {
				show: null,
				change: false,
				resumeCode: opened.resumeCode,
				savedForLater: false,
				draftKey: opened.draftKey,
				answers: kept.answers,
				errors: {} as Record<string, string>,
				dropped: kept.dropped.map((q) => promptOf(q, opened.easyRead))
			};
		}
		const { answers, dropped } = dropHidden(ctx.survey, posted.answers);
		const droppedPrompts = dropped.map((q) => promptOf(q, ctx.easyRead));
		if (posted.nav !== 'send') {
			const arrived = arrive(ctx, posted, event.params.response);
			if (isActionFailure(arrived)) return arrived;
			// a changed answer that now asks a question not yet answered: that question first
			const next = posted.change && posted.from ? newlyAsked(ctx, posted.from, answers) : null;
			if (next) redirect(307, addressOf(`${ctx.base}/q/${next}`, ctx.query, { change: '1' }));
			return { ...arrived, answers, dropped: droppedPrompts };
		}

		const { survey } = ctx;
		const none = {
			show: null,
			change: false,
			resumeCode: posted.resumeCode,
			savedForLater: false,
			draftKey: posted.draftKey
		};
		// an answer to a question that a changed answer now hides is never sent: say so first
		if (dropped.length > 0) return { ...none, answers, errors: {}, dropped: droppedPrompts };
		const checked = validateResponse(
			toResponseValues(answers, survey, event.params.response),
			survey,
			ctx.messages.validation
		);
		if (!checked.ok) return fail(400, { ...none, answers, errors: checked.errors });
		const lang = chosenCode(ctx.language);
		// a preview sends nothing
		if (ctx.preview) redirect(303, `/s/${event.params.slug}/thanks?preview=1${lang ? `&lang=${lang}` : ''}`);
		try {
			await submitResponse(
				event.locals.respondentApi,
				survey.wave.slug,
				checked.data,
				ctx.easyRead ? 'easy_read' : 'online',
				ctx.language.code,
				posted.draftKey
			);
		} catch (e) {
			if (e instanceof ApiError && e.hint === 'invalid_answers') {
				return fail(400, { ...none, answers, errors: fieldErrors(e) });
			}
			// kept under another key: the address without its key, or a tab left after the code was used elsewhere
			if (e instanceof ApiError && e.hint === 'draft_locked') {
				return { locked: lockedView(ctx, event.params.slug, false) };
			}
			// a one-time invitation link that another tab has already used to send answers
			if (e instanceof ApiError && e.hint === 'invitation_used') {
				return fail(409, { ...none, answers, errors: {}, used: true });
			}
			// closed, not open, or answered only through invitation links: the welcome page says which
			if (
				e instanceof ApiError &&
				(e.hint === 'wave_closed' || e.hint === 'wave_not_open' || e.hint === 'invitation_only')
			) {
				redirect(303, `/s/${event.params.slug}`);
			}
			// over the submissions one address may send in an hour: a 429 page saying when to try again
			tooManyFromHere(e, event.setHeaders);
			throw e;
		}
		redirect(303, `/s/${event.params.slug}/thanks${lang ? `?lang=${lang}` : ''}`);
	}
} satisfies Actions;

/**
 * After changing an answer (from check your answers), the first page after it that the change has
 * made a question depend on and that has no answer yet: a question newly asked, to answer before
 * checking again. Null when there is none.
 */
function newlyAsked(ctx: PageContext, from: Step, answers: DraftAnswers): number | null {
	const shown = shownQuestions(ctx.survey, answers);
	const given = (key: string) => {
		const v = answers[key];
		return Array.isArray(v) ? v.length > 0 : !!v?.trim();
	};
	for (const step of visibleSteps(ctx.steps, shown)) {
		if (step.number <= from.number) continue;
		const questions = shownOn(step, shown);
		if (questions.some((q) => q.show_if) && !questions.some((q) => given(q.key))) return step.number;
	}
	return null;
}
