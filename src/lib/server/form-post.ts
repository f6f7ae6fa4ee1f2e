import { error } from '@sveltejs/kit';

const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data'];

/**
 * The fields of a form post. Anything but a form's content type is answered 415 and a body that
 * is not the form it claims to be 400, never a 500: these endpoints take what a browser's form
 * (or the page's script, posting the same form) sends, and nothing else.
 */
export async function readFormPost(request: Request): Promise<FormData> {
	const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
	if (!FORM_TYPES.includes(type)) {
		error(415, 'This address takes a form post (application/x-www-form-urlencoded or multipart/form-data).');
	}
	try {
		return await request.formData();
	} catch {
		error(400, 'The form post could not be read.');
	}
}
