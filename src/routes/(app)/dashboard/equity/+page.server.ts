import { equityPage } from '$lib/server/equity/page';
import type { PageServerLoad } from './$types';

export const load = (async ({ locals, parent, url }) => {
	const { memberships } = await parent();
	const page = await equityPage(locals.supabase, url, memberships);
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
		indicator: selection.indicator,
		wave: selection.wave,
		problems: page.problems,
		rule: page.rule,
		summary: page.summary,
		svg: page.svg,
		indicatorWords: page.indicatorWords,
		view: page.view
			? {
					by: page.view.by,
					byGroup: page.view.byGroup,
					asOf: page.view.table.as_of,
					roundedTo: page.view.table.rounded_to,
					waveStatus: page.view.table.wave.status,
					baselineLabel: page.view.baselineTable?.wave.label ?? null,
					result: page.view.result
				}
			: null
	};
}) satisfies PageServerLoad;
