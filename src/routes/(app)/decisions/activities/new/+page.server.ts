import { fail } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { activitySchema } from '$lib/decisions/schema';
import { failFromApi } from '$lib/server/api';
import { redirectWithNotice } from '$lib/server/builder/forms';
import { REFUSED, saveActivity } from '$lib/server/decisions/data';
import { recordingOrganisation } from '$lib/server/decisions/forms';
import { listMemberships } from '$lib/server/members/data';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ parent }) => {
	const { memberships } = await parent();
	const organisation = recordingOrganisation(memberships);
	const today = new Date().toLocaleDateString('en-CA', { timeZone: 'Europe/London' });
	const form = await superValidate({ held_on: today }, zod4(activitySchema), { errors: false });
	return { organisation, form };
}) satisfies PageServerLoad;

export const actions = {
	default: async ({ cookies, locals, request }) => {
		const form = await superValidate(request, zod4(activitySchema));
		if (!form.valid) return fail(400, { form });
		const organisation = recordingOrganisation(await listMemberships(locals.supabase));
		try {
			await saveActivity(locals.supabase, organisation.id, form.data);
		} catch (e) {
			return failFromApi(form, e, {
				refused: REFUSED.record,
				rename: (field) => (field === 'took_part' ? 'children_young_people' : field)
			});
		}
		redirectWithNotice(cookies, '/decisions/activities', 'Activity recorded.');
	}
} satisfies Actions;
