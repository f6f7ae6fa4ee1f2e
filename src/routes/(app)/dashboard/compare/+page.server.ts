import { comparePage } from '$lib/server/compare/page';
import type { PageServerLoad } from './$types';

export const load = (async ({ locals, parent, url }) => {
	const { memberships } = await parent();
	const page = await comparePage(locals.supabase, url, memberships);
	const { selection } = page;
	return {
		organisation: selection.organisation,
		organisations: selection.organisations,
		exact: selection.exact,
		surveys: selection.surveys.map((s) => ({
			id: s.id,
			slug: s.slug,
			title: s.title,
			indicators: s.indicators.map((i) => ({ id: i.id, key: i.key, prompt: i.prompt })),
			waves: s.waves
				.filter((w) => w.status !== 'not_yet_open')
				.map((w) => ({ id: w.id, slug: w.slug, label: w.label }))
		})),
		survey: selection.survey
			? { id: selection.survey.id, slug: selection.survey.slug, title: selection.survey.title }
			: null,
		waveCount: page.waves.length,
		a: page.a && { id: page.a.id, slug: page.a.slug, label: page.a.label },
		b: page.b && { id: page.b.id, slug: page.b.slug, label: page.b.label },
		only: page.only && { key: page.only.key, prompt: page.only.prompt },
		problems: page.problems,
		rule: page.rule,
		summary: page.summary,
		svg: page.svg,
		asOf: page.asOf,
		roundedTo: page.roundedTo,
		comparison: page.comparison
	};
}) satisfies PageServerLoad;
