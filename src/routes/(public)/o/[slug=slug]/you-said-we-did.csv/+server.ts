import { csvRows } from '$lib/decisions/published';
import { toCsv } from '$lib/server/decisions/downloads';
import { publishedFor } from '$lib/server/decisions/public';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, params, url }) => {
	const { groups } = await publishedFor(locals, params.slug, url);
	return new Response(toCsv(csvRows(groups)), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${params.slug}-you-said-we-did.csv"`
		}
	});
};
