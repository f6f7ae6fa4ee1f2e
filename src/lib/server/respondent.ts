import { error, redirect } from '@sveltejs/kit';
import { stepsOf, type Step } from '$lib/respondent/steps';
import { ENGLISH, findLanguage, inLanguage, type ShownLanguage } from '$lib/respondent/language';
import { messagesFor, type Messages } from '$lib/respondent/messages';
import type { RespondentSurvey } from '$lib/survey';
import type { DraftAnswers } from '$lib/respondent/steps';
import { loadDraft, type Draft } from './data/drafts';
import { getRespondentSurvey, listMemberships, type Membership } from './data/surveys';
import { TtlCache } from './ttl-cache';

/** What every page of a survey under way needs: the survey, its pages and the draft. */
export interface DraftContext {
	/** in the language chosen */
	survey: RespondentSurvey;
	language: ShownLanguage;
	/** the interface words in that language */
	messages: Messages;
	draft: Draft;
	steps: Step[];
	easyRead: boolean;
	/** /s/<slug>/<response id> */
	base: string;
	/** A member of staff previewing: nothing is kept, and the answers travel in the address. */
	preview: boolean;
}

/**
 * Staff preview. /s/<slug>?preview=1, for a signed-in admin, lead or officer of the survey's
 * organisation, shows the survey as a respondent sees it whether or not the wave is open, under
 * the response id PREVIEW_ID. Nothing is written: the answers given so far travel in the address
 * (pa, base64url JSON), so no draft and no response is ever made. Anyone else asking for
 * ?preview=1 gets the ordinary respondent pages.
 */
export const PREVIEW_ID = '00000000-0000-4000-8000-000000000000';
const PREVIEWERS: readonly Membership['role'][] = ['admin', 'lead', 'officer'];

export async function canPreview(locals: App.Locals, url: URL, survey: RespondentSurvey): Promise<boolean> {
	if (url.searchParams.get('preview') !== '1') return false;
	const { user } = await locals.safeGetSession();
	if (!user) return false;
	const memberships = await listMemberships(locals.supabase);
	return memberships.some(
		(m) => m.organisation_slug === survey.organisation.slug && PREVIEWERS.includes(m.role)
	);
}

/** The survey as previewed: the wave shown as open, as respondents will see it. */
export function asOpen(survey: RespondentSurvey): RespondentSurvey {
	return { ...survey, wave: { ...survey.wave, status: 'open' } };
}

/** The preview's answers from the address; anything malformed is dropped. */
export function previewAnswers(url: URL): DraftAnswers {
	const raw = url.searchParams.get('pa');
	if (!raw || raw.length > 60_000) return {};
	try {
		const parsed: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
		if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return {};
		const answers: DraftAnswers = {};
		for (const [k, v] of Object.entries(parsed)) {
			if (typeof v === 'string') answers[k] = v;
			else if (Array.isArray(v)) answers[k] = v.filter((x): x is string => typeof x === 'string');
		}
		return answers;
	} catch {
		return {};
	}
}

/**
 * The query of a respondent page: easy read and the language when chosen, and in a preview the
 * preview and its answers.
 */
export function pageQuery(
	survey: RespondentSurvey,
	easyRead: boolean,
	preview: DraftAnswers | null,
	language: ShownLanguage = ENGLISH
): string {
	const q = new URLSearchParams();
	if (easyRead && !survey.survey.easy_read) q.set('easy', '1');
	if (language !== ENGLISH) q.set('lang', language.code);
	if (preview) {
		q.set('preview', '1');
		if (Object.keys(preview).length > 0) {
			q.set('pa', Buffer.from(JSON.stringify(preview), 'utf8').toString('base64url'));
		}
	}
	const s = q.toString();
	return s ? `?${s}` : '';
}

/**
 * What a form's action adds to keep the language and a preview going: "&lang=pl", "&preview=1&pa=…",
 * or "".
 */
export function previewSuffix(preview: DraftAnswers | null, language: ShownLanguage = ENGLISH): string {
	const q = new URLSearchParams();
	if (language !== ENGLISH) q.set('lang', language.code);
	if (preview) {
		q.set('preview', '1');
		if (Object.keys(preview).length > 0) {
			q.set('pa', Buffer.from(JSON.stringify(preview), 'utf8').toString('base64url'));
		}
	}
	const s = q.toString();
	return s ? `&${s}` : '';
}

/**
 * The language a respondent's page is shown in: ?lang= when it names one of the survey's languages
 * (lang=en for English), else the one kept in the draft, else English. Sets <html lang dir> for
 * the page (src/hooks.server.ts).
 */
export function chooseLanguage(
	locals: App.Locals,
	survey: RespondentSurvey,
	url: URL,
	kept: string | null = null
): { survey: RespondentSurvey; language: ShownLanguage; messages: Messages } {
	const param = url.searchParams.get('lang');
	const code = param === null ? kept : findLanguage(survey, param) ? param : null;
	const shown = inLanguage(survey, code);
	locals.language = { lang: shown.language.code, dir: shown.language.dir };
	return { ...shown, messages: messagesFor(shown.language === ENGLISH ? null : shown.language.code) };
}

/**
 * A survey's questions are the same for every respondent: each process keeps them for a few
 * seconds, so the many pages of one survey do not each ask the database again. An edit, or a wave
 * opening or closing, shows within that time; the database checks the wave again on every save
 * and on the final submit.
 */
const surveys = new TtlCache<RespondentSurvey | null>(5_000);

export async function surveyOr404(locals: App.Locals, slug: string): Promise<RespondentSurvey> {
	const survey = await surveys.get(slug.toLowerCase(), () => getRespondentSurvey(locals.supabase, slug));
	if (!survey) error(404, 'Survey not found');
	return survey;
}

/**
 * "?easy=1" when easy read was chosen on a survey that is not easy read throughout, "lang=pl" when a
 * language other than English was; else "".
 */
export function easyQuery(
	survey: RespondentSurvey,
	easyRead: boolean,
	language: ShownLanguage = ENGLISH
): string {
	return pageQuery(survey, easyRead, null, language);
}

/** Where a draft's page number takes the respondent: a question page, or check your answers. */
export function stepPath(base: string, step: number, total: number): string {
	return step > total ? `${base}/check` : `${base}/q/${Math.max(1, step)}`;
}

/**
 * The survey and the draft of /s/<slug>/<response id>/…, or a redirect to where the respondent
 * should be instead: the survey's own page when the wave is not open or the draft is not known
 * (expired, or never made), the thank-you page when the answers have been sent, and the right
 * wave's address when the draft belongs to another wave of the survey.
 */
export async function draftContext(event: {
	locals: App.Locals;
	params: { slug: string; response: string };
	url: URL;
}): Promise<DraftContext> {
	const { locals, params, url } = event;
	const survey = await surveyOr404(locals, params.slug);
	const start = `/s/${params.slug}`;
	if (params.response === PREVIEW_ID && (await canPreview(locals, url, survey))) {
		const param = url.searchParams.get('easy');
		const easyRead = survey.survey.easy_read || param === '1';
		const draft: Draft = {
			status: 'draft',
			response_id: PREVIEW_ID,
			wave_slug: survey.wave.slug,
			resume_code: 'PREV-IEW0',
			answers: previewAnswers(url),
			step: 1,
			easy_read: easyRead,
			language: null,
			expires_at: survey.wave.closes_at
		};
		const shown = chooseLanguage(locals, asOpen(survey), url);
		draft.language = shown.language === ENGLISH ? null : shown.language.code;
		return {
			...shown,
			draft,
			steps: stepsOf(shown.survey),
			easyRead,
			base: `${start}/${PREVIEW_ID}`,
			preview: true
		};
	}
	if (survey.wave.status !== 'open') redirect(303, start);
	const draft = await loadDraft(locals.supabase, { responseId: params.response });
	if (!draft) redirect(303, `${start}?missing=1`);
	if (draft.status === 'submitted') redirect(303, `${start}/thanks`);
	if (draft.wave_slug !== survey.wave.slug) {
		redirect(303, url.pathname.replace(`${start}/`, `/s/${draft.wave_slug}/`) + url.search);
	}
	const param = url.searchParams.get('easy');
	const easyRead = survey.survey.easy_read || (param === null ? draft.easy_read : param === '1');
	const shown = chooseLanguage(locals, survey, url, draft.language);
	return {
		...shown,
		draft,
		steps: stepsOf(shown.survey),
		easyRead,
		base: `${start}/${params.response}`,
		preview: false
	};
}
