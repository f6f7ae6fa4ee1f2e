import { error, redirect, type Cookies } from '@sveltejs/kit';
import type { SuperValidated } from 'sveltekit-superforms';
import { getSurveyForBuilder, type BuilderSurvey } from './data';
import { failFromApi } from '../api';
import { may } from '$lib/domain';
import type { Membership } from '../members/data';

/** The first organisation in which the member may build surveys, or null. */
export function editingOrganisation(memberships: Membership[]) {
	const m = memberships.find((x) => may(x.role, 'build'));
	return m ? { id: m.organisation_id, name: m.organisation_name } : null;
}

const REFUSED = 'Only an administrator, lead or officer can change surveys.';

/**
 * The answer of a builder's form to an error its API call raised (see failFromApi in ../api): an
 * option's message goes beside that option's label; `rename` maps other fields the form names
 * differently.
 */
export function failFromBuilderApi<T extends Record<string, unknown>>(
	form: SuperValidated<T>,
	e: unknown,
	rename: Record<string, string> = {}
) {
	return failFromApi(form, e, {
		refused: REFUSED,
		rename: (field) => {
			const option = /^options\.(\d+)$/.exec(field);
			return rename[field] ?? (option ? `option_label[${option[1]}]` : field);
		}
	});
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The survey as its builder shows it; 404 for an id that is not one, or a survey the member cannot see. */
export async function surveyOr404(locals: App.Locals, surveyId: string, options: { edit?: boolean } = {}) {
	if (!UUID.test(surveyId)) error(404, 'Survey not found');
	const survey = await getSurveyForBuilder(locals.supabase, surveyId);
	if (!survey) error(404, 'Survey not found');
	if (options.edit && !survey.can_edit) error(403, REFUSED);
	return survey;
}

/**
 * The survey (which the member may change) and one of its parts, found by `find` (a wave, a question,
 * a language); 404 with `notFound` when there is no such part.
 */
export async function surveyPartOr404<P>(
	locals: App.Locals,
	surveyId: string,
	find: (survey: BuilderSurvey) => P | undefined,
	notFound: string
) {
	const survey = await surveyOr404(locals, surveyId, { edit: true });
	const part = find(survey);
	if (!part) error(404, notFound);
	return { survey, part };
}

/** The survey (which the member may change) and one of its waves, or 404. */
export async function waveOr404(locals: App.Locals, surveyId: string, waveId: string) {
	const find = (s: BuilderSurvey) => s.waves.find((w) => w.id === waveId);
	const { survey, part: wave } = await surveyPartOr404(locals, surveyId, find, 'Wave not found');
	return { survey, wave };
}

export interface Notice {
	tone: 'success' | 'warning';
	text: string;
}

const NOTICE_COOKIE = 'builder-notice';

/** Keeps a one-time notice for the next page the member sees under `path` (a redirect's target). */
export function setNotice(cookies: Cookies, path: string, notice: Notice) {
	cookies.set(NOTICE_COOKIE, JSON.stringify(notice), { path, maxAge: 120, httpOnly: true, sameSite: 'lax' });
}

/** The notice left by the last action, once. */
export function takeNotice(cookies: Cookies, path: string): Notice | null {
	const raw = cookies.get(NOTICE_COOKIE);
	if (!raw) return null;
	cookies.delete(NOTICE_COOKIE, { path });
	try {
		const n = JSON.parse(raw) as Notice;
		return typeof n.text === 'string' && (n.tone === 'success' || n.tone === 'warning') ? n : null;
	} catch {
		return null;
	}
}

/**
 * How a builder action ends when it worked: a one-time notice for the page at `path`, and a 303 to that
 * page (or to `to`, an address at or below it).
 */
export function redirectWithNotice(
	cookies: Cookies,
	path: string,
	text: string,
	{ tone = 'success', to = path }: { tone?: Notice['tone']; to?: string } = {}
): never {
	setNotice(cookies, path, { tone, text });
	redirect(303, to);
}
