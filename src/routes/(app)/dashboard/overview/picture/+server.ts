import { error } from '@sveltejs/kit';
import { overviewPictureSvg } from '$lib/indicators/overview-picture';
import { pictureDownload } from '$lib/server/charts/download';
import { loadOverview } from '$lib/server/indicators/overview';
import { listMemberships } from '$lib/server/members/data';
import type { RequestHandler } from './$types';

/**
 * The overview's small multiples as one picture (?format=svg or png), grouped by priority: the same figures
 * the page and its CSV show the caller (api.indicator_trend, under the disclosure rule for forum and scrutiny).
 */
export const GET: RequestHandler = async ({ locals, url }) => {
	const { user } = await locals.safeGetSession();
	if (!user) error(401, 'Sign in to download the figures.');
	const loaded = await loadOverview(locals.supabase, await listMemberships(locals.supabase), url);
	if (!loaded) error(403, 'You are not a member of an organisation yet.');
	if (loaded.filterError) error(404, loaded.filterError);
	const svg = overviewPictureSvg(loaded.overview, {
		organisation: loaded.organisation.name,
		asOf: loaded.asOf,
		survey: loaded.survey?.title ?? null
	});
	return pictureDownload(
		svg,
		url.searchParams.get('format'),
		`${loaded.organisation.slug}-indicators${loaded.survey ? `-${loaded.survey.slug}` : ''}`
	);
};
