import { distributionPage } from '$lib/server/distribution/page';
import type { PageServerLoad } from './$types';

export const load = (async ({ locals, parent, url }) => {
	const { memberships } = await parent();
	const page = await distributionPage(locals.supabase, url, memberships);
	const { selection } = page;
	return {
		organisation: selection.organisation,
		exact: selection.exact,
		surveys: selection.surveys.map((s) => ({
			id: s.id,
			slug: s.slug,
			title: s.title,
			indicators: s.indicators.map((i) => ({ id: i.id, key: i.key, prompt: i.prompt }))
		})),
		survey: selection.survey
			? { id: selection.survey.id, slug: selection.survey.slug, title: selection.survey.title }
			: null,
		indicator: selection.indicator,
		problems: selection.problems,
		rows: page.rows,
		twoParts: page.twoParts,
		several: page.several,
		asOf: page.asOf,
		roundedTo: page.roundedTo,
		rule: page.rule,
		summary: page.summary,
		svg: page.svg
	};
}) satisfies PageServerLoad;
