import { langTag, may } from '$lib/domain';
import { error, redirect } from '@sveltejs/kit';
import { stepsOf, type Step } from '$lib/respondent/steps';
import { ENGLISH, findLanguage, inLanguage, type ShownLanguage } from '$lib/respondent/language';
import { messagesFor, type Messages } from '$lib/respondent/messages';
import type { DraftAnswers, RespondentSurvey, SurveyForRespondent } from '$lib/respondent/types';
import { isUnlaunched } from '$lib/respondent/survey';
import { loadDraft } from './drafts';
import { getRespondentSurvey } from './data';
import { listMemberships } from '../members/data';
import { TtlCache } from '../platform/ttl-cache';
import { newDraftKey } from './draft-key';

/**
 * What every page of a survey under way needs: the survey, its pages, and the answers and resume
 * code kept in a draft (on a page asked for with GET; a posted page brings its answers itself).
 */
export interface PageContext {
	/** in the language chosen */
	survey: RespondentSurvey;
	language: ShownLanguage;
	/** the interface words in that language */
	messages: Messages;
	steps: Step[];
	easyRead: boolean;
	/** /s/<slug>/<response id> */
	base: string;
	/** what every page address of this survey ends with: ?easy=1&lang=pl&preview=1, or "" */
	query: string;
	/** A member of staff previewing: nothing is kept, and nothing is sent. */
	preview: boolean;
	/** the answers kept in the draft, when there is one */
	answers: DraftAnswers;
	/** the draft's resume code, once the respondent has one */
	resumeCode: string | null;
	/** the page the draft was on */
	step: number;
	/**
	 * the draft's key, for the pages' forms to carry (./draft-key): a new one for a survey just started;
	 * a posted page takes the one its form carried (Posted.draftKey)
	 */
	draftKey: string;
	/**
	 * a draft asked for by its address alone (GET, or a key that is not its own): nothing of it is shown,
	 * and the page asks for the resume code instead
	 */
	locked: boolean;
}

/**
 * Staff preview. /s/<slug>?preview=1, for a signed-in admin, lead or officer of the survey's
 * organisation, shows the survey as a respondent sees it whether or not the wave is open, under
 * the response id PREVIEW_ID. Nothing is written: the answers travel from page to page in the
 * forms, as a respondent's do, and no draft and no response is ever made. Anyone else asking for
 * ?preview=1 gets the ordinary respondent pages.
 */
export const PREVIEW_ID = '00000000-0000-4000-8000-000000000000';

export async function canPreview(
	locals: App.Locals,
	url: URL,
	survey: { organisation: { slug: string } }
): Promise<boolean> {
	if (url.searchParams.get('preview') !== '1') return false;
	const { user } = await locals.safeGetSession();
	if (!user) return false;
	const memberships = await listMemberships(locals.supabase);
	return memberships.some((m) => m.organisation_slug === survey.organisation.slug && may(m.role, 'build'));
}

/**
 * The survey as a member of staff who may preview it (canPreview) sees it. Before any of its waves
 * has opened, respondents get only when it opens (api.survey_for_respondent), and the copy the server
 * keeps for a few seconds is shared by everyone: a preview of a wave not yet open asks the database
 * anew, as the member, who gets it whole.
 */
export async function previewed(
	locals: App.Locals,
	slug: string,
	found: SurveyForRespondent
): Promise<RespondentSurvey> {
	if (!isUnlaunched(found) && found.wave.status !== 'not_yet_open') return found;
	const mine = await getRespondentSurvey(locals.supabase, slug);
	if (mine && !isUnlaunched(mine)) return mine;
	if (!isUnlaunched(found)) return found;
	error(404, 'Survey not found');
}

/** The survey as previewed: the wave shown as open, as respondents will see it. */
export function asOpen(survey: RespondentSurvey): RespondentSurvey {
	return { ...survey, wave: { ...survey.wave, status: 'open' } };
}

/**
 * The query every page address of a survey under way ends with: easy read and the language when
 * chosen, and a preview: "?easy=1&lang=pl&preview=1", or "".
 */
export function pageQuery(
	survey: { survey: { easy_read: boolean } },
	easyRead: boolean,
	preview: boolean,
	language: ShownLanguage = ENGLISH
): string {
	const q = new URLSearchParams();
	if (easyRead && !survey.survey.easy_read) q.set('easy', '1');
	if (language !== ENGLISH) q.set('lang', language.code);
	if (preview) q.set('preview', '1');
	const s = q.toString();
	return s ? `?${s}` : '';
}

/**
 * The language a respondent's page is shown in: ?lang= when it names one of the survey's languages
 * (lang=en for English), else the one kept in the draft, else English. Sets <html lang dir> for
 * the page (src/hooks.server.ts).
 */
export function chooseLanguage<S extends SurveyForRespondent>(
	locals: App.Locals,
	survey: S,
	url: URL,
	kept: string | null = null
): { survey: S; language: ShownLanguage; messages: Messages } {
	const param = url.searchParams.get('lang');
	const code = param === null ? kept : findLanguage(survey, param) ? param : null;
	const shown = inLanguage(survey, code);
	locals.language = { lang: langTag(shown.language.code), dir: shown.language.dir };
	return { ...shown, messages: messagesFor(shown.language.code) };
}

/**
 * A survey's questions are the same for every respondent: each process keeps them for a few
 * seconds, so the many pages of one survey do not each ask the database again. An edit, or a wave
 * opening or closing, shows within that time; the database checks the wave again on every save
 * and on the final submit.
 */
const surveys = new TtlCache<SurveyForRespondent | null>(5_000);

/** The survey of a slug; before any of its waves has opened, only when it opens (isUnlaunched). */
export async function surveyOr404(locals: App.Locals, slug: string): Promise<SurveyForRespondent> {
	const survey = await surveys.get(slug.toLowerCase(), () => getRespondentSurvey(locals.supabase, slug));
	if (!survey) error(404, 'Survey not found');
	return survey;
}

/**
 * "?easy=1" when easy read was chosen on a survey that is not easy read throughout, "lang=pl" when a
 * language other than English was; else "".
 */
export function easyQuery(
	survey: { survey: { easy_read: boolean } },
	easyRead: boolean,
	language: ShownLanguage = ENGLISH
): string {
	return pageQuery(survey, easyRead, false, language);
}

/** Where a draft's page number takes the respondent: a question page, or check your answers. */
export function stepPath(base: string, step: number, total: number): string {
	return step > total ? `${base}/check` : `${base}/q/${Math.max(1, step)}`;
}

/**
 * A page of /s/<slug>/<response id>/… asked for with GET, or a redirect to where the respondent should be
 * instead: the survey's own page when the wave is not open or the draft is not known (expired, or never
 * made), and the thank-you page when the answers have been sent. A GET carries no draft key, so a draft
 * that exists is never shown by it: the context is `locked`, and the page asks for the resume code (or,
 * with JavaScript, the page's script opens it with the key kept in the tab's history: openDraft). With
 * `fresh`, a response id that has no draft is a survey just started (no draft is made until one is needed).
 */
export async function draftContext(
	event: {
		locals: App.Locals;
		params: { slug: string; response: string };
		url: URL;
	},
	{ fresh = false }: { fresh?: boolean } = {}
): Promise<PageContext> {
	const { locals, params } = event;
	const { survey, preview } = await openSurvey(event);
	if (preview) return postedContext(event, survey, true);
	const start = `/s/${params.slug}`;
	const draft = await loadDraft(locals.respondentApi, { responseId: params.response, draftKey: null });
	if (!draft) {
		if (fresh) return postedContext(event, survey, false);
		redirect(303, `${start}?missing=1`);
	}
	if (draft.status === 'submitted') redirect(303, `${start}/thanks`);
	return { ...postedContext(event, survey, false), locked: true };
}

/**
 * A draft's page posted to with nav=open and the draft's key (by the welcome page's resume form, which
 * the resume code's check sends on here, or by the page's script after Back, Forward or a reload): the
 * context with the draft's answers, its resume code and the page it was on (never for a preview:
 * the callers open only real drafts). Locked when the key is not
 * the draft's (a tab left after the code was used elsewhere); a redirect as draftContext's otherwise,
 * and to the right wave's address (the post kept) when the draft belongs to another wave of the survey.
 */
export async function openDraft(
	event: { locals: App.Locals; params: { slug: string; response: string }; url: URL },
	ctx: PageContext,
	draftKey: string
): Promise<PageContext> {
	const { locals, params, url } = event;
	const start = `/s/${params.slug}`;
	const draft = await loadDraft(locals.respondentApi, { responseId: params.response, draftKey });
	if (!draft) redirect(303, `${start}?missing=1`);
	if (draft.status === 'submitted') redirect(303, `${start}/thanks`);
	if (draft.status === 'locked') return { ...ctx, locked: true };
	if (draft.wave_slug !== ctx.survey.wave.slug) {
		redirect(307, url.pathname.replace(`${start}/`, `/s/${draft.wave_slug}/`) + url.search);
	}
	return { ...ctx, answers: draft.answers, resumeCode: draft.resume_code, step: draft.step, draftKey };
}

/**
 * A posted page of /s/<slug>/<response id>/…: everything but the answers, which come with the form.
 * Reads nothing from the database (but, for a preview, who is asking): easy read, the language
 * and a preview are in the address, as the page that posted it set its form's action.
 */
export async function pageContext(event: {
	locals: App.Locals;
	params: { slug: string; response: string };
	url: URL;
}): Promise<PageContext> {
	const { survey, preview } = await openSurvey(event);
	return postedContext(event, survey, preview);
}

/**
 * The survey of /s/<slug>/<response id>/…, and whether this is a preview; or a redirect to the
 * survey's own page when the wave is not open, or when PREVIEW_ID is asked for by someone who may
 * not preview.
 */
async function openSurvey(event: {
	locals: App.Locals;
	params: { slug: string; response: string };
	url: URL;
}): Promise<{ survey: RespondentSurvey; preview: boolean }> {
	const { locals, params, url } = event;
	const survey = await surveyOr404(locals, params.slug);
	const start = `/s/${params.slug}`;
	if (params.response === PREVIEW_ID) {
		if (!(await canPreview(locals, url, survey))) redirect(303, `${start}?missing=1`);
		return { survey: await previewed(locals, params.slug, survey), preview: true };
	}
	if (isUnlaunched(survey) || survey.wave.status !== 'open') redirect(303, start);
	return { survey, preview: false };
}

function postedContext(
	event: { locals: App.Locals; params: { slug: string; response: string }; url: URL },
	found: RespondentSurvey,
	preview: boolean
): PageContext {
	const { locals, params, url } = event;
	const survey = preview ? asOpen(found) : found;
	const easyRead = survey.survey.easy_read || url.searchParams.get('easy') === '1';
	const shown = chooseLanguage(locals, survey, url);
	return {
		...shown,
		steps: stepsOf(shown.survey),
		easyRead,
		base: `/s/${params.slug}/${params.response}`,
		query: pageQuery(shown.survey, easyRead, preview, shown.language),
		preview,
		answers: {},
		resumeCode: null,
		step: 1,
		draftKey: newDraftKey(),
		locked: false
	};
}

/** What the page of a locked draft shows (see $lib/respondent/LockedDraft.svelte). */
export interface LockedView {
	surveyTitle: string;
	organisation: string;
	/** the welcome page's resume action, with easy read and the language */
	resume: string;
	/** the survey's welcome page, to start again */
	start: string;
	/** a new key for the draft the resume code finds (./draft-key) */
	draftKey: string;
	/**
	 * asked for with GET: the page's script may open the draft with the key kept in the tab's history.
	 * Not after such an opening was refused, so that it is tried once.
	 */
	reopen: boolean;
}

export function lockedView(ctx: PageContext, slug: string, reopen: boolean): LockedView {
	const query = ctx.query.replace(/^\?/, '');
	return {
		surveyTitle: ctx.survey.survey.title,
		organisation: ctx.survey.organisation.name,
		resume: `/s/${slug}?/resume${query ? `&${query}` : ''}`,
		start: `/s/${slug}${ctx.query}`,
		draftKey: newDraftKey(),
		reopen
	};
}
