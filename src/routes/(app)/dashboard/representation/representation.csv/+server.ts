import { error } from '@sveltejs/kit';
import { toCsv } from '$lib/server/decisions/downloads';
import { representationPage } from '$lib/server/representation/page';
import { csvRows } from '$lib/representation/view';
import type { RequestHandler } from './$types';

/** A cell a spreadsheet would read as a formula ("=…", "+…", "-…", "@…") is written as text. */
function safe(cell: string): string {
	return /^[=+\-@\t\r]/.test(cell) && !/^-?\d+(\.\d+)?$/.test(cell) ? `'${cell}` : cell;
}

export const GET: RequestHandler = async ({ locals, url }) => {
	const page = await representationPage(locals, url);
	if (!page.view || !page.population || !page.data)
		error(404, page.problem ?? 'There are no figures to download.');
	const rows = csvRows(page.view, page.population, page.data.wave, page.data.as_of).map((r) => r.map(safe));
	return new Response(toCsv(rows), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="representation-${page.wave?.slug ?? 'wave'}.csv"`
		}
	});
};
