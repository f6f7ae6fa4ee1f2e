import { error } from '@sveltejs/kit';
import { filterCards, filterOf } from '$lib/decisions/published';
import { youSaidWeDid } from './data';

/** The organisation's published cards and the filter of the address, or a 404 for an unknown slug. */
export async function publishedFor(locals: App.Locals, slug: string, url: URL) {
	const published = await youSaidWeDid(locals.supabase, slug);
	if (!published) error(404, 'Page not found');
	const filter = filterOf(url, published);
	return { published, filter, groups: filterCards(published, filter) };
}

/** The query string of the filter, for the downloads and the other version of the page. */
export function filterQuery(filter: { priority?: string; status?: string }): string {
	const pairs = [
		filter.priority && `priority=${encodeURIComponent(filter.priority)}`,
		filter.status && `status=${encodeURIComponent(filter.status)}`
	].filter(Boolean);
	return pairs.length > 0 ? `?${pairs.join('&')}` : '';
}
