import { atomFeed } from '$lib/server/decisions/downloads';
import { publishedFor } from '$lib/server/decisions/public';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, params, url }) => {
	const { published, groups } = await publishedFor(locals, params.slug, url);
	const pageUrl = `${url.origin}/o/${params.slug}/you-said-we-did`;
	return new Response(atomFeed(published, groups, pageUrl), {
		headers: { 'content-type': 'application/atom+xml; charset=utf-8' }
	});
};
