import { error } from '@sveltejs/kit';
import { may } from '$lib/domain';
import { ApiError, call, type Client } from '../api';
import { listMemberships } from '../members/data';
import { listSurveys } from '../indicators/data';
import type { PanelJourney } from '$lib/indicators/types';
import { organisationsOf } from '$lib/server/dashboards/selection';

/**
 * The journeys view's data: the survey, indicator and two waves named in the URL (survey, indicator, from,
 * to; the baseline and the latest repeat by default), and api.panel_journey for them, which applies the
 * disclosure rule. A filter that names nothing, a survey with one wave, a question the database will not
 * count journeys for: a plain reason (`problem`), never an error page.
 */
export async function loadJourney(
	locals: App.Locals,
	url: URL,
	memberships?: Awaited<ReturnType<typeof listMemberships>>
) {
	const { user } = await locals.safeGetSession();
	if (!user) error(401, 'Sign in to see journeys.');
	const all = memberships ?? (await listMemberships(locals.supabase));
	const organisations = organisationsOf(all);
	const organisation =
		organisations.find((o) => o.slug === url.searchParams.get('org')) ?? organisations[0] ?? null;
	const problems: string[] = [];
	const empty = {
		organisation,
		surveys: [] as Awaited<ReturnType<typeof listSurveys>>,
		survey: null,
		indicator: null,
		waves: [],
		from: null,
		to: null,
		journey: null as PanelJourney | null,
		exact: false,
		open: false,
		problems
	};
	if (!organisation) {
		problems.push('You are not a member of any organisation, so there are no journeys to show.');
		return empty;
	}
	const exact = all.some((m) => m.organisation_id === organisation.id && may(m.role, 'seeExactFigures'));
	const surveys = await listSurveys(locals.supabase as Client, organisation.id);
	const asked = url.searchParams.get('survey');
	const survey =
		surveys.find((s) => s.slug === asked) ??
		(asked
			? null
			: (surveys.find((s) => s.indicators.length > 0 && s.waves.length > 1) ?? surveys[0] ?? null));
	if (!survey) {
		problems.push(
			asked ? `There is no survey “${asked}”. Choose one from the list.` : 'There are no surveys yet.'
		);
		return { ...empty, surveys, exact };
	}
	const askedIndicator = url.searchParams.get('indicator');
	const indicator =
		survey.indicators.find((i) => i.key === askedIndicator) ??
		(askedIndicator ? null : (survey.indicators[0] ?? null));
	const waves = survey.waves.filter((w) => w.status !== 'not_yet_open');
	const base = { ...empty, surveys, survey, indicator, waves, exact };
	if (!indicator) {
		problems.push(
			askedIndicator
				? `This survey has no indicator “${askedIndicator}”. Choose one from the list.`
				: 'This survey has no indicators yet, so there is no journey to follow.'
		);
		return base;
	}
	if (waves.length < 2) {
		problems.push(
			'This survey has fewer than two waves that have opened, so no one can have answered twice yet.'
		);
		return base;
	}
	const pick = (key: 'from' | 'to', fallback: (typeof waves)[number]) => {
		const slug = url.searchParams.get(key);
		if (!slug) return fallback;
		const wave = waves.find((w) => w.slug === slug) ?? null;
		if (!wave)
			problems.push(`There is no wave “${slug}” of this survey that has opened. Choose one from the list.`);
		return wave;
	};
	const from = pick('from', waves.find((w) => w.kind === 'baseline') ?? waves[0]!);
	const to = pick('to', waves.filter((w) => w.id !== from?.id).at(-1)!);
	if (!from || !to) return { ...base, from, to };
	if (from.id === to.id) {
		problems.push('Choose two different waves.');
		return { ...base, from, to };
	}
	const open = from.status === 'open' || to.status === 'open';
	try {
		const journey = await call(locals.supabase as Client, 'panel_journey', {
			p_question_id: indicator.id,
			p_from_wave_id: from.id,
			p_to_wave_id: to.id
		});
		return { ...base, from, to, journey, open };
	} catch (e) {
		if (e instanceof ApiError && (e.hint === 'invalid_request' || e.hint === 'not_found')) {
			problems.push(e.reason);
			return { ...base, from, to, open };
		}
		throw e;
	}
}
