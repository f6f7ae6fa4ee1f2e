import { filterQuery, publishedFor } from '$lib/server/decisions/public';
import type { PageServerLoad } from './$types';

export const load = (async ({ locals, params, url }) => {
	const { published, filter, groups } = await publishedFor(locals, params.slug, url);
	return {
		published,
		filter,
		groups,
		easy: url.searchParams.get('view') === 'easy',
		query: filterQuery(filter)
	};
}) satisfies PageServerLoad;
