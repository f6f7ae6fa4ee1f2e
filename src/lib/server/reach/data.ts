import { error } from '@sveltejs/kit';
import { may } from '$lib/domain';
import { ApiError, call, type Client } from '../api';
import { listMemberships } from '../members/data';
import { listSurveys } from '../indicators/data';
import type { Reach } from '$lib/reach/types';
import { organisationsOf } from '$lib/server/dashboards/selection';

/**
 * The reach view's data: the survey named in the URL (the one most people answered by default) and
 * api.reach for it, which applies the disclosure rule. A survey that does not exist: a plain reason
 * (`problems`), never an error page.
 */
export async function loadReach(
	locals: App.Locals,
	url: URL,
	memberships?: Awaited<ReturnType<typeof listMemberships>>
) {
	const { user } = await locals.safeGetSession();
	if (!user) error(401, 'Sign in to see reach.');
	const all = memberships ?? (await listMemberships(locals.supabase));
	const organisations = organisationsOf(all);
	const organisation =
		organisations.find((o) => o.slug === url.searchParams.get('org')) ?? organisations[0] ?? null;
	const problems: string[] = [];
	const empty = {
		organisation,
		surveys: [] as Awaited<ReturnType<typeof listSurveys>>,
		survey: null as Awaited<ReturnType<typeof listSurveys>>[number] | null,
		reach: null as Reach | null,
		exact: false,
		problems
	};
	if (!organisation) {
		problems.push('You are not a member of any organisation, so there is nothing to show.');
		return empty;
	}
	const exact = all.some((m) => m.organisation_id === organisation.id && may(m.role, 'seeExactFigures'));
	const surveys = await listSurveys(locals.supabase as Client, organisation.id);
	const asked = url.searchParams.get('survey');
	const answered = (s: (typeof surveys)[number]) => s.waves.reduce((sum, w) => sum + (w.responses ?? 0), 0);
	const survey =
		surveys.find((s) => s.slug === asked) ??
		(asked ? null : ([...surveys].sort((a, b) => answered(b) - answered(a))[0] ?? null));
	if (!survey) {
		problems.push(
			asked ? `There is no survey “${asked}”. Choose one from the list.` : 'There are no surveys yet.'
		);
		return { ...empty, surveys, exact };
	}
	try {
		const reach = await call(locals.supabase as Client, 'reach', { p_survey_id: survey.id });
		return { ...empty, surveys, survey, reach, exact };
	} catch (e) {
		if (e instanceof ApiError && (e.hint === 'not_found' || e.hint === 'invalid_request')) {
			problems.push(e.reason);
			return { ...empty, surveys, survey, exact };
		}
		throw e;
	}
}
