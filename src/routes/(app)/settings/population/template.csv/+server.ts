import { POPULATION_TEMPLATE } from '$lib/representation/csv';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = () =>
	new Response(POPULATION_TEMPLATE, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': 'attachment; filename="population-template.csv"'
		}
	});
