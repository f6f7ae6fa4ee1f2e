import { json } from '@sveltejs/kit';
import { publishedFor } from '$lib/server/decisions/public';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, params, url }) => {
	const { published, filter, groups } = await publishedFor(locals, params.slug, url);
	return json(
		{ organisation: published.organisation, rule: published.rule, filter, priorities: groups },
		{ headers: { 'content-disposition': `inline; filename="${params.slug}-you-said-we-did.json"` } }
	);
};
