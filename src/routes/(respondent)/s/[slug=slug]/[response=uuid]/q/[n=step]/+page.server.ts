import { error, isActionFailure, redirect } from '@sveltejs/kit';
import { addressOf, pageShown, shownQuestions } from '$lib/respondent/steps';
import { newPanelCode } from '$lib/server/respondent/panel-code';
import { ServerOnly } from '$lib/server-only';
import {
	draftContext,
	lockedView,
	openDraft,
	pageContext,
	type PageContext
} from '$lib/server/respondent/context';
import { arrive, DraftGone, keepDraft, readPosted } from '$lib/server/respondent/pages';
import type { Actions, PageServerLoad } from './$types';

/**
 * A page of the survey. Asked for with GET it shows no answers: the first page of a survey just started,
 * or, for a draft, a page asking for its resume code (the address alone opens nothing). Posted to, the
 * answers come with the form (see $lib/server/respondent/pages) and the database is not asked; posted
 * with nav=open and the draft's key, they come from the draft.
 */
export const load = (async (event) => {
	const n = Number(event.params.n);
	const ctx =
		event.request.method === 'POST'
			? await pageContext(event)
			: await draftContext(event, { fresh: n === 1 });
	const step = ctx.steps[n - 1];
	if (!step) error(404, 'Page not found');
	event.setHeaders({ 'cache-control': 'no-store' });
	// The page's language and whether it is a preview are read by the layout; the rest only by the
	// server's rendering (see $lib/server-only). The survey itself is not passed: only this page.
	return {
		language: ctx.language,
		preview: ctx.preview,
		locked: ctx.locked ? new ServerOnly(lockedView(ctx, event.params.slug, true)) : null,
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
			draftKey: ctx.draftKey,
			/** on the "who is answering" page, a new panel code to offer someone who has none yet */
			offeredPanelCode: step.kind === 'who' ? newPanelCode() : null
		})
	};
}) satisfies PageServerLoad;

export const actions = {
	/**
	 * Arriving here from another page (Continue, Back, Change), or staying (easy read, finish later), or
	 * opening the draft with its key (nav=open).
	 */
	default: async (event) => {
		const ctx = await pageContext(event);
		const n = Number(event.params.n);
		if (!ctx.steps[n - 1]) error(404, 'Page not found');
		const posted = await readPosted(event.request, ctx);
		if (posted.nav === 'open' && !ctx.preview) {
			const opened = await openDraft(event, ctx, posted.draftKey);
			if (opened.locked) return { locked: lockedView(opened, event.params.slug, false) };
			// a page that the draft's answers skip: on to the next shown, the key kept (307 keeps the post)
			const to = pageShown(opened.steps, shownQuestions(opened.survey, opened.answers), n, 1);
			if (to !== n) redirect(307, pathOf(opened, to, false));
			return {
				answers: opened.answers,
				errors: {} as Record<string, string>,
				show: null,
				change: false,
				resumeCode: opened.resumeCode,
				savedForLater: false,
				draftKey: opened.draftKey
			};
		}
		if (posted.nav === 'later' && !ctx.preview) {
			try {
				const code = await keepDraft(event, ctx, posted, n);
				return {
					...arrive(ctx, { ...posted, nav: 'stay' }, event.params.response),
					resumeCode: code,
					savedForLater: true
				};
			} catch (e) {
				if (e instanceof DraftGone) {
					if (e.why === 'sent') redirect(303, `/s/${event.params.slug}/thanks`);
					if (e.why === 'wrong_wave') redirect(303, `/s/${event.params.slug}/${event.params.response}`);
					if (e.why === 'locked') return { locked: lockedView(ctx, event.params.slug, false) };
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
