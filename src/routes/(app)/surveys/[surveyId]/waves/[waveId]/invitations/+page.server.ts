import { fail, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { createInvitations, listInvitations } from '$lib/server/respondent/invitations';
import { setWaveAccess } from '$lib/server/builder/data';
import { failFromBuilderApi, redirectWithNotice, waveOr404, takeNotice } from '$lib/server/builder/forms';
import { invitationsSchema, waveAccessSchema } from '$lib/builder/schemas';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ cookies, locals, params, url }) => {
	const { survey, wave } = await waveOr404(locals, params.surveyId, params.waveId);
	const invitations = await listInvitations(locals.supabase, wave.id);
	const form = await superValidate({ count: 1, label: '' }, zod4(invitationsSchema), {
		errors: false,
		id: 'links'
	});
	const access = await superValidate(
		{ access: wave.invitation_only ? ('invited' as const) : ('anyone' as const) },
		zod4(waveAccessSchema),
		{ errors: false, id: 'access' }
	);
	const path = `/surveys/${survey.id}/waves/${wave.id}/invitations`;
	return {
		survey: { id: survey.id, title: survey.title, organisation: survey.organisation },
		wave: { id: wave.id, label: wave.label, status: wave.status, invitation_only: wave.invitation_only },
		invitations: invitations.map((i) => ({ ...i, url: `${url.origin}/s/i/${i.token}` })),
		notice: takeNotice(cookies, path),
		form,
		access
	};
}) satisfies PageServerLoad;

export const actions = {
	/** Who may answer: anyone with the survey's address, or only the people sent a link. */
	access: async ({ cookies, locals, params, request }) => {
		const access = await superValidate(request, zod4(waveAccessSchema), { id: 'access' });
		if (!access.valid) return fail(400, { access });
		const { survey, wave } = await waveOr404(locals, params.surveyId, params.waveId);
		const invited = access.data.access === 'invited';
		try {
			await setWaveAccess(locals.supabase, wave.id, invited);
		} catch (e) {
			return failFromBuilderApi(access, e);
		}
		const path = `/surveys/${survey.id}/waves/${wave.id}/invitations`;
		redirectWithNotice(
			cookies,
			path,
			invited
				? `Only people with an invitation link can now answer “${wave.label}”.`
				: `Anyone with the survey’s address can now answer “${wave.label}”.`
		);
	},
	links: async ({ cookies, locals, params, request }) => {
		const form = await superValidate(request, zod4(invitationsSchema), { id: 'links' });
		if (!form.valid) return fail(400, { form });
		const { survey, wave } = await waveOr404(locals, params.surveyId, params.waveId);
		let made: number;
		try {
			made = (await createInvitations(locals.supabase, wave.id, form.data.count, form.data.label)).length;
		} catch (e) {
			return failFromBuilderApi(form, e);
		}
		const path = `/surveys/${survey.id}/waves/${wave.id}/invitations`;
		redirectWithNotice(cookies, path, made === 1 ? '1 link has been made.' : `${made} links have been made.`);
	}
} satisfies Actions;
