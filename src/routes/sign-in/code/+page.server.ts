import { fail, redirect } from '@sveltejs/kit';
import { setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { needsSecondStep, verifyCode } from '$lib/server/members/second-step';
import { safeRedirect } from '../redirect';
import { codeSchema } from './schema';
import type { Actions, PageServerLoad } from './$types';

/** The second step of signing in, for accounts with an authenticator app: its six-digit code. */
export const load = (async ({ locals, url }) => {
	const redirectTo = safeRedirect(url.searchParams.get('redirectTo'), url.origin);
	const { session, user } = await locals.safeGetSession();
	if (!user) redirect(303, `/sign-in?redirectTo=${encodeURIComponent(redirectTo)}`);
	if (!needsSecondStep(session, user)) redirect(303, redirectTo);
	const form = await superValidate({ redirectTo }, zod4(codeSchema), { errors: false });
	return { form, email: user.email ?? '' };
}) satisfies PageServerLoad;

export const actions = {
	default: async ({ locals, request, url }) => {
		const form = await superValidate(request, zod4(codeSchema));
		const { session, user } = await locals.safeGetSession();
		if (!user) redirect(303, '/sign-in');
		if (!form.valid) return fail(400, { form });
		const target = safeRedirect(form.data.redirectTo, url.origin);
		if (!needsSecondStep(session, user)) redirect(303, target);
		const problem = await verifyCode(locals.supabase, form.data.code);
		form.data.code = '';
		// beside the field, as any other wrong answer
		if (problem)
			return setError(form, 'code', problem, { status: problem.startsWith('Too many') ? 429 : 400 });
		redirect(303, target);
	}
} satisfies Actions;
