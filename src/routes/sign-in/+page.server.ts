import { fail, redirect } from '@sveltejs/kit';
import { message, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { signInLimits } from '$lib/server/members/sign-in-limits';
import { retryAfterSeconds } from '$lib/server/platform/sign-in-limits';
import { codePage, needsSecondStep } from '$lib/server/members/second-step';
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
	default: async ({ locals, request, url, getClientAddress, setHeaders }) => {
		const form = await superValidate(request, zod4(signInSchema));
		if (!form.valid) {
			form.data.password = '';
			return fail(400, { form });
		}
		const address = getClientAddress();
		const tooMany = (until: Date) => {
			const seconds = retryAfterSeconds(until);
			setHeaders({ 'retry-after': String(seconds) });
			const minutes = Math.ceil(seconds / 60);
			return message(
				form,
				`Too many attempts to sign in. Wait ${minutes === 1 ? 'a minute' : `${minutes} minutes`} and try again.`,
				{ status: 429 }
			);
		};
		const blocked = signInLimits.blockedUntil(form.data.email, address);
		if (blocked) {
			form.data.password = '';
			return tooMany(blocked);
		}
		const { data, error } = await locals.supabase.auth.signInWithPassword({
			email: form.data.email,
			password: form.data.password
		});
		form.data.password = '';
		if (error) {
			if (error.status === 429) return tooMany(new Date(Date.now() + 60_000));
			signInLimits.failed(form.data.email, address);
			// The same words whether the email or the password was wrong.
			return message(form, 'The email address or password is not right. Check them and try again.', {
				status: 400
			});
		}
		const target = safeRedirect(form.data.redirectTo, url.origin);
		// an account with an authenticator app gives its code next
		if (data.session && needsSecondStep(data.session, data.user)) redirect(303, codePage(target));
		redirect(303, target);
	}
} satisfies Actions;
