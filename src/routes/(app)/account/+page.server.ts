import { fail } from '@sveltejs/kit';
import { setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { redirectWithNotice, takeNotice } from '$lib/server/builder/forms';
import {
	AUTHENTICATOR_ISSUER,
	hasSecondFactor,
	setUpPicture,
	verifyCode
} from '$lib/server/members/second-step';
import { confirmSchema, removeSchema } from './schema';
import type { Actions, PageServerLoad } from './$types';

/** A member's own account: two-step sign-in with an authenticator app, set up or turned off. */
export const load = (async ({ locals, cookies }) => {
	const { user } = await locals.safeGetSession();
	return {
		twoStep: user ? hasSecondFactor(user) : false,
		confirm: await superValidate(zod4(confirmSchema), { errors: false, id: 'confirm' }),
		remove: await superValidate(zod4(removeSchema), { errors: false, id: 'remove' }),
		notice: takeNotice(cookies, '/account')
	};
}) satisfies PageServerLoad;

export const actions = {
	/** Starts setting up an app: a new secret, shown as a QR code and as text, until its first code confirms it. */
	start: async ({ locals }) => {
		const { user } = await locals.safeGetSession();
		if (user && hasSecondFactor(user)) return fail(400, { startProblem: 'Two-step sign-in is on already.' });
		const { data, error } = await locals.supabase.auth.mfa.enroll({
			factorType: 'totp',
			friendlyName: 'Authenticator app',
			issuer: AUTHENTICATOR_ISSUER
		});
		if (error || data.type !== 'totp') {
			return fail(400, { startProblem: 'The app could not be set up just now. Try again.' });
		}
		const setUp = await setUpPicture(data.id, data.totp.secret, data.totp.uri);
		const confirm = await superValidate(
			{ factorId: data.id, secret: data.totp.secret, uri: data.totp.uri },
			zod4(confirmSchema),
			{ errors: false, id: 'confirm' }
		);
		return { setUp, confirm };
	},

	/** The app's first code: right, and two-step sign-in is on (this session has used it). */
	confirm: async ({ locals, request, cookies }) => {
		const confirm = await superValidate(request, zod4(confirmSchema), { id: 'confirm' });
		const setUp = await setUpPicture(confirm.data.factorId, confirm.data.secret, confirm.data.uri);
		if (!confirm.valid) return fail(400, { confirm, setUp });
		const problem = await verifyCode(locals.supabase, confirm.data.code, confirm.data.factorId);
		confirm.data.code = '';
		if (problem) return setError(confirm, 'code', problem, { status: 400 });
		redirectWithNotice(
			cookies,
			'/account',
			'Two-step sign-in is on. Next time you sign in, you will be asked for a code from your app.'
		);
	},

	/** Turns two-step sign-in off, with a current code. */
	remove: async ({ locals, request, cookies }) => {
		const remove = await superValidate(request, zod4(removeSchema), { id: 'remove' });
		if (!remove.valid) return fail(400, { remove });
		const { data: factors, error: listError } = await locals.supabase.auth.mfa.listFactors();
		const factor = factors?.totp[0];
		if (listError || !factor) return setError(remove, 'code', 'Two-step sign-in is not on for this account.');
		const problem = await verifyCode(locals.supabase, remove.data.code, factor.id);
		remove.data.code = '';
		if (problem) return setError(remove, 'code', problem, { status: 400 });
		const { error } = await locals.supabase.auth.mfa.unenroll({ factorId: factor.id });
		if (error)
			return setError(remove, 'code', 'Two-step sign-in could not be turned off just now. Try again.');
		redirectWithNotice(
			cookies,
			'/account',
			'Two-step sign-in is off. Your password alone now signs you in.',
			{
				tone: 'warning'
			}
		);
	}
} satisfies Actions;
