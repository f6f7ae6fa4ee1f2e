import { error } from '@sveltejs/kit';
import { call, type Client } from '../api';

/**
 * An organisation's public figures: the indicators it publishes, each with its trend as the database gives
 * anyone (api.indicator_trend applies the organisation's disclosure rule to a signed-out reader). 404 for no
 * such organisation.
 */
export async function publicFigures(supabase: Client, slug: string) {
	const published = await call(supabase, 'public_indicators', { p_organisation_slug: slug });
	if (!published) error(404, 'Page not found');
	const trends = await Promise.all(
		published.indicators.map((i) => call(supabase, 'indicator_trend', { p_question_id: i.question_id }))
	);
	return {
		organisation: published.organisation,
		indicators: published.indicators.map((indicator, index) => ({ indicator, trend: trends[index]! }))
	};
}
