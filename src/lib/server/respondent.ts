import { error, redirect } from '@sveltejs/kit';
import { stepsOf, type Step } from '$lib/respondent/steps';
import type { RespondentSurvey } from '$lib/survey';
import { loadDraft, type Draft } from './data/drafts';
import { getRespondentSurvey } from './data/surveys';
import { TtlCache } from './ttl-cache';

/** What every page of a survey under way needs: the survey, its pages and the draft. */
export interface DraftContext {
	survey: RespondentSurvey;
	draft: Draft;
	steps: Step[];
	easyRead: boolean;
	/** /s/<slug>/<response id> */
	base: string;
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

/** "?easy=1" when easy read was chosen on a survey that is not easy read throughout; else "". */
export function easyQuery(survey: RespondentSurvey, easyRead: boolean): string {
	return easyRead && !survey.survey.easy_read ? '?easy=1' : '';
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
	if (survey.wave.status !== 'open') redirect(303, start);
	const draft = await loadDraft(locals.supabase, { responseId: params.response });
	if (!draft) redirect(303, `${start}?missing=1`);
	if (draft.status === 'submitted') redirect(303, `${start}/thanks`);
	if (draft.wave_slug !== survey.wave.slug) {
		redirect(303, url.pathname.replace(`${start}/`, `/s/${draft.wave_slug}/`) + url.search);
	}
	const param = url.searchParams.get('easy');
	const easyRead = survey.survey.easy_read || (param === null ? draft.easy_read : param === '1');
	return { survey, draft, steps: stepsOf(survey), easyRead, base: `${start}/${params.response}` };
}
