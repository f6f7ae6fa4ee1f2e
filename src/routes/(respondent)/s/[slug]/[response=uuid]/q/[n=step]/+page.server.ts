import { error, isActionFailure, redirect } from '@sveltejs/kit';
import { addressOf, pageShown, shownQuestions } from '$lib/respondent/steps';
import { newPanelCode } from '$lib/server/respondent/panel-code';
import { ServerOnly } from '$lib/server-only';
import { draftContext, pageContext, type PageContext } from '$lib/server/respondent/context';
import { arrive, DraftGone, keepDraft, readPosted } from '$lib/server/respondent/pages';
import type { Actions, PageServerLoad } from './$types';

/**
 * A page of the survey. Asked for with GET (the first page, a resumed survey, a reload with the
 * script's saved draft) its answers come from the draft; posted to, they come with the form (see
 * $lib/server/respondent/pages) and the database is not asked.
 */
export const load = (async (event) => {
	const n = Number(event.params.n);
	const ctx =
		event.request.method === 'POST'
			? await pageContext(event)
			: await draftContext(event, { fresh: n === 1 });
	const step = ctx.steps[n - 1];
	if (!step) error(404, 'Page not found');
	// a page that the answers so far skip (a resumed draft, an address typed): on to the next shown
	if (event.request.method !== 'POST') {
		const to = pageShown(ctx.steps, shownQuestions(ctx.survey, ctx.answers), n, 1);
		if (to !== n) redirect(303, pathOf(ctx, to, event.url.searchParams.get('change') === '1'));
	}
	event.setHeaders({ 'cache-control': 'no-store' });
	// The page's language and whether it is a preview are read by the layout; the rest only by the
	// server's rendering (see $lib/server-only). The survey itself is not passed: only this page.
	return {
		language: ctx.language,
		preview: ctx.preview,
		view: new ServerOnly({
			surveyTitle: ctx.survey.survey.title,
			organisation: ctx.survey.organisation.name,
			easyReadOnly: ctx.survey.survey.easy_read,
			about: step.kind === 'about' ? ctx.survey.about : [],
			step,
			total: ctx.steps.length,
			steps: ctx.steps,
			answers: ctx.answers,
			resumeCode: ctx.resumeCode,
			easyRead: ctx.easyRead,
			base: ctx.base,
			query: ctx.query,
			change: event.url.searchParams.get('change') === '1',
			/** on the "who is answering" page, a new panel code to offer someone who has none yet */
			offeredPanelCode: step.kind === 'who' ? newPanelCode() : null
		})
	};
}) satisfies PageServerLoad;

export const actions = {
	/** Arriving here from another page (Continue, Back, Change), or staying (easy read, finish later). */
	default: async (event) => {
		const ctx = await pageContext(event);
		const n = Number(event.params.n);
		if (!ctx.steps[n - 1]) error(404, 'Page not found');
		const posted = await readPosted(event.request, ctx);
		if (posted.nav === 'later' && !ctx.preview) {
			try {
				const code = await keepDraft(event.locals, ctx, event.params.response, posted.answers, n);
				return {
					...arrive(ctx, { ...posted, nav: 'stay' }, event.params.response),
					resumeCode: code,
					savedForLater: true
				};
			} catch (e) {
				if (e instanceof DraftGone) {
					if (e.why === 'sent') redirect(303, `/s/${event.params.slug}/thanks`);
					if (e.why === 'wrong_wave') redirect(303, `/s/${event.params.slug}/${event.params.response}`);
					redirect(303, `/s/${event.params.slug}`);
				}
				throw e;
			}
		}
		const arrived = arrive(ctx, posted, event.params.response);
		// The server decides the path: a page that the answers given skip is passed over, going on or
		// going back. 307 keeps the post, so the page shown next has every answer too.
		if (!isActionFailure(arrived) && posted.nav !== 'later' && posted.nav !== 'stay') {
			const direction = posted.nav === 'back' ? -1 : 1;
			const to = pageShown(ctx.steps, shownQuestions(ctx.survey, posted.answers), n, direction);
			if (to !== n) redirect(307, pathOf(ctx, to, posted.change));
		}
		return arrived;
	}
} satisfies Actions;

/** The address of page `to` (or of check your answers, past the last page), with the survey's query. */
function pathOf(ctx: PageContext, to: number, change: boolean): string {
	if (to > ctx.steps.length) return addressOf(`${ctx.base}/check`, ctx.query);
	return addressOf(`${ctx.base}/q/${to}`, ctx.query, change ? { change: '1' } : {});
}
