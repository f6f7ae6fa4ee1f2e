import { fail, redirect } from '@sveltejs/kit';
import { message, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { safeRedirect } from './redirect';
import { signInSchema } from './schema';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ locals, url }) => {
	const { user } = await locals.safeGetSession();
	const redirectTo = safeRedirect(url.searchParams.get('redirectTo'), url.origin);
	if (user) redirect(303, redirectTo);
	const form = await superValidate({ redirectTo }, zod4(signInSchema), { errors: false });
	return { form, signedOut: url.searchParams.get('signedOut') === '1' };
}) satisfies PageServerLoad;

export const actions = {
	default: async ({ locals, request, url }) => {
		const form = await superValidate(request, zod4(signInSchema));
		if (!form.valid) {
			form.data.password = '';
			return fail(400, { form });
		}
		const { error } = await locals.supabase.auth.signInWithPassword({
			email: form.data.email,
			password: form.data.password
		});
		form.data.password = '';
		if (error) {
			// The same words whether the email or the password was wrong.
			const status = error.status === 429 ? 429 : 400;
			return message(
				form,
				status === 429
					? 'Too many attempts. Wait a minute and try again.'
					: 'The email address or password is not right. Check them and try again.',
				{ status }
			);
		}
		redirect(303, safeRedirect(form.data.redirectTo, url.origin));
	}
} satisfies Actions;
