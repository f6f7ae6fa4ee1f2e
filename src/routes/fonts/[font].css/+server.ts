import { error } from '@sveltejs/kit';
import { fontSheetCss } from '$lib/respondent/fonts';
import type { RequestHandler } from './$types';

/** The style sheet of a language's font (Urdu, Arabic): see $lib/respondent/fonts. */
export const GET: RequestHandler = ({ params }) => {
	const css = fontSheetCss(params.font);
	if (css === null) error(404, 'No such font');
	return new Response(css, {
		headers: {
			'content-type': 'text/css; charset=utf-8',
			// the font file it names changes its address with each build; the sheet is kept an hour
			'cache-control': 'public, max-age=3600'
		}
	});
};
