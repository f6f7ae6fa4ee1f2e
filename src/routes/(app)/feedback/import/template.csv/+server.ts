import { feedbackTemplate } from '$lib/feedback/import';
import type { RequestHandler } from './$types';

/** The template of a feedback file: the header row and one example. */
export const GET = (() =>
	new Response(feedbackTemplate(), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': 'attachment; filename="feedback-template.csv"'
		}
	})) satisfies RequestHandler;
