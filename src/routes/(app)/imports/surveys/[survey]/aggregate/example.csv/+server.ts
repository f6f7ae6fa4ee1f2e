import { AGGREGATE_EXAMPLE } from '$lib/imports/csv';
import type { RequestHandler } from './$types';

/** The example file of counts shown on the import page, to download and fill in. Nothing in it is private. */
export const GET: RequestHandler = () =>
	new Response(AGGREGATE_EXAMPLE, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': 'attachment; filename="totals-example.csv"'
		}
	});
