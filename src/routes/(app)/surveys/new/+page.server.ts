import { error, redirect } from '@sveltejs/kit';
import { fail, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { createSurvey } from '$lib/server/builder/data';
import { listMemberships } from '$lib/server/members/data';
import { editingOrganisation, failFromBuilderApi } from '$lib/server/builder/forms';
import { surveySchema } from '$lib/builder/schemas';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ parent }) => {
	const { memberships } = await parent();
	const organisation = editingOrganisation(memberships);
	if (!organisation) error(403, 'Only an administrator, lead or officer can create surveys.');
	return { organisation, form: await superValidate(zod4(surveySchema)) };
}) satisfies PageServerLoad;

export const actions = {
	default: async ({ locals, request }) => {
		const form = await superValidate(request, zod4(surveySchema));
		if (!form.valid) return fail(400, { form });
		const organisation = editingOrganisation(await listMemberships(locals.supabase));
		if (!organisation) error(403, 'Only an administrator, lead or officer can create surveys.');
		let id: string;
		try {
			({ id } = await createSurvey(locals.supabase, organisation.id, form.data));
		} catch (e) {
			return failFromBuilderApi(form, e);
		}
		redirect(303, `/surveys/${id}`);
	}
} satisfies Actions;
