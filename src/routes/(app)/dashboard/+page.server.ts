import { may } from '$lib/domain';
import { safeguardingQueue } from '$lib/server/feedback/data';
import { indicatorTrend, listSurveys } from '$lib/server/indicators/data';
import type { PageServerLoad } from './$types';

export const load = (async ({ locals, parent, url }) => {
	const { memberships } = await parent();
	const organisations = [
		...new Map(
			memberships.map((m) => [
				m.organisation_id,
				{ id: m.organisation_id, slug: m.organisation_slug, name: m.organisation_name }
			])
		).values()
	];
	const organisation = organisations.find((o) => o.slug === url.searchParams.get('org')) ?? organisations[0];
	if (!organisation)
		return {
			organisation: null,
			organisations,
			surveys: [],
			survey: null,
			indicator: null,
			trend: [],
			queue: null
		};

	const roles = memberships.filter((m) => m.organisation_id === organisation.id).map((m) => m.role);
	// the safeguarding lead's queue comes first on their home
	const queue = roles.some((r) => may(r, 'safeguard'))
		? await safeguardingQueue(locals.supabase, organisation.id)
		: null;
	const surveys = await listSurveys(locals.supabase, organisation.id);
	// By default, the survey with indicators that most people have answered.
	const answered = (s: (typeof surveys)[number]) => s.waves.reduce((sum, w) => sum + w.responses, 0);
	const busiest = surveys.filter((s) => s.indicators.length > 0).sort((a, b) => answered(b) - answered(a))[0];
	const survey =
		surveys.find((s) => s.slug === url.searchParams.get('survey')) ?? busiest ?? surveys[0] ?? null;
	const indicator =
		survey?.indicators.find((i) => i.key === url.searchParams.get('indicator')) ??
		survey?.indicators[0] ??
		null;
	const trend = indicator ? await indicatorTrend(locals.supabase, indicator.id) : [];
	return { organisation, organisations, roles, surveys, survey, indicator, trend, queue };
}) satisfies PageServerLoad;
