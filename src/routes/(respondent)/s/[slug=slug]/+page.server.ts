import { randomUUID } from 'node:crypto';
import { fail, redirect } from '@sveltejs/kit';
import { loadDraft } from '$lib/server/respondent/drafts';
import {
	asOpen,
	canPreview,
	chooseLanguage,
	pageQuery,
	previewed,
	PREVIEW_ID,
	stepPath,
	surveyOr404
} from '$lib/server/respondent/context';
import type { Messages } from '$lib/respondent/messages';
import { isUnlaunched } from '$lib/respondent/survey';
import { stepsOf } from '$lib/respondent/steps';
import { retryAfter } from '$lib/server/api';
import type { Actions, PageServerLoad } from './$types';
import { readFormPost } from '$lib/server/form-post';
import { newDraftKey, postedDraftKey } from '$lib/server/respondent/draft-key';

export const load = (async ({ locals, params, url, setHeaders }) => {
	const found = await surveyOr404(locals, params.slug);
	const preview = await canPreview(locals, url, found);
	const shown = preview ? asOpen(await previewed(locals, params.slug, found)) : found;
	const { survey, language } = chooseLanguage(locals, shown, url);
	const easyRead = url.searchParams.get('easy') === '1' || survey.survey.easy_read;
	setHeaders({ 'cache-control': 'no-store' });
	if (isUnlaunched(survey)) {
		// Before any of its waves has opened, only when it opens (issue 12), as the database gives it to
		// anyone but its builders (a preview gets it whole): no introduction, privacy notice, closing
		// date, start or resume.
		return {
			notOpenYet: true as const,
			survey: {
				organisation: { name: survey.organisation.name },
				survey: { title: survey.survey.title, easy_read: survey.survey.easy_read },
				wave: { label: survey.wave.label, opens_at: survey.wave.opens_at, status: survey.wave.status },
				languages: survey.languages.map(({ code, name, direction }) => ({ code, name, direction }))
			},
			language,
			preview: false,
			easyRead
		};
	}
	// Only what the page shows (SvelteKit serialises whatever a load returns, even with no hydration):
	// not every question, nor every language's translations.
	return {
		notOpenYet: false as const,
		survey: {
			organisation: survey.organisation,
			survey: survey.survey,
			wave: survey.wave,
			languages: survey.languages.map(({ code, name, direction }) => ({ code, name, direction }))
		},
		language,
		preview,
		questions: stepsOf(survey).length,
		easyRead,
		/**
		 * Start: the first page under a new response id (each showing of this page makes one), posted
		 * to so that it shows at once. A preview's pages live under PREVIEW_ID.
		 */
		start: `/s/${params.slug}/${preview ? PREVIEW_ID : randomUUID()}/q/1${pageQuery(survey, easyRead, preview, language)}`,
		/**
		 * The key of the draft the survey started here, or resumed here with a code, will be kept under:
		 * carried by the pages' forms, never the address ($lib/server/respondent/draft-key).
		 */
		draftKey: newDraftKey(),
		missing: url.searchParams.get('missing') === '1'
	};
}) satisfies PageServerLoad;

export const actions = {
	/**
	 * Finds a draft by its resume code and returns to the page the respondent was on. Wrong codes are
	 * limited by the database, per client address with back-off (api.load_draft, which only this
	 * server may call), so that codes cannot be found by guessing and nobody can block anyone else.
	 * The draft is kept from now on under the key this form carried, and the form (its code, the key and
	 * nav=open) is posted on to the draft's page with a 307, which opens the draft with the key: the
	 * address alone never does.
	 */
	resume: async ({ locals, params, request, setHeaders, url }) => {
		const survey = await surveyOr404(locals, params.slug);
		// nothing to resume before any of its waves has opened: its page says when it opens
		if (isUnlaunched(survey)) redirect(303, `/s/${params.slug}`);
		const { messages } = chooseLanguage(locals, survey, url);
		const posted = await readFormPost(request);
		const raw = posted.get('resume_code');
		const code = typeof raw === 'string' ? raw.trim() : '';
		if (code === '') {
			return fail(400, { resume: { code, error: messages.resumeEmpty } });
		}
		// no code holds a NUL character (nor could the database be asked about one): not found, beside the field
		if (code.includes('\u0000')) {
			return fail(400, { resume: { code: code.replaceAll('\u0000', ''), error: messages.resumeNotFound } });
		}
		let draft: Awaited<ReturnType<typeof loadDraft>>;
		try {
			draft = await loadDraft(locals.respondentApi, {
				resumeCode: code.slice(0, 60),
				draftKey: postedDraftKey(posted) ?? newDraftKey()
			});
		} catch (e) {
			const seconds = retryAfter(e);
			if (seconds === null) throw e;
			setHeaders({ 'retry-after': String(seconds) });
			const until = new Date(Date.now() + seconds * 1000);
			return fail(429, {
				resume: { code, error: tooManyCodes(messages, until, survey.organisation.name) }
			});
		}
		if (!draft || draft.status !== 'draft') {
			return fail(400, {
				resume: { code, error: messages.resumeNotFound }
			});
		}
		// On to the page they were on, in the draft's easy read and language.
		const slug = draft.wave_slug === survey.wave.slug ? params.slug : draft.wave_slug;
		const shown = chooseLanguage(locals, survey, new URL(url.pathname, url), draft.language);
		const easyRead = survey.survey.easy_read || draft.easy_read;
		const steps = stepsOf(shown.survey).length;
		const query = pageQuery(shown.survey, easyRead, false, shown.language);
		redirect(307, stepPath(`/s/${slug}/${draft.response_id}`, draft.step, steps) + query);
	}
} satisfies Actions;

/** What a respondent who has tried too many wrong codes is told: when to try again, and what else to do. */
function tooManyCodes(m: Messages, until: Date, organisation: string): string {
	const time = new Intl.DateTimeFormat(m.locale, {
		timeZone: 'Europe/London',
		hour: '2-digit',
		minute: '2-digit'
	}).format(until);
	const minutes = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 60_000));
	return m.resumeTooMany(time, minutes, organisation);
}
