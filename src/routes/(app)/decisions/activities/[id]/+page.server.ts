import { error, fail } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { activitySchema } from '$lib/decisions/schema';
import { failFromApi } from '$lib/server/api';
import { redirectWithNotice } from '$lib/server/builder/forms';
import { listActivities, REFUSED, saveActivity } from '$lib/server/decisions/data';
import { recordingOrganisation } from '$lib/server/decisions/forms';
import { isUuid } from '$lib/server/feedback/data';
import { listMemberships } from '$lib/server/members/data';
import type { Actions, PageServerLoad } from './$types';

const GONE = 'This activity is not there any more.';

export const load = (async ({ locals, params, parent }) => {
	const organisation = recordingOrganisation((await parent()).memberships);
	if (!isUuid(params.id)) error(404, GONE);
	const a = (await listActivities(locals.supabase, organisation.id)).activities.find(
		(x) => x.id === params.id
	);
	if (!a) error(404, GONE);
	const by = a.by_group ?? {};
	const form = await superValidate(
		{
			title: a.title,
			held_on: a.held_on,
			kind: a.kind,
			participation: a.participation,
			phase: a.phase ?? '',
			children_young_people: by.children_young_people ?? 0,
			parent_carers: by.parent_carers ?? 0,
			professionals: by.professionals ?? 0,
			others: by.others ?? 0,
			notes: a.notes ?? ''
		},
		zod4(activitySchema),
		{ errors: false }
	);
	return { organisation, form };
}) satisfies PageServerLoad;

export const actions = {
	default: async ({ cookies, locals, params, request }) => {
		const form = await superValidate(request, zod4(activitySchema));
		if (!form.valid) return fail(400, { form });
		const organisation = recordingOrganisation(await listMemberships(locals.supabase));
		if (!isUuid(params.id)) error(404, GONE);
		try {
			await saveActivity(locals.supabase, organisation.id, form.data, params.id);
		} catch (e) {
			return failFromApi(form, e, {
				refused: REFUSED.record,
				rename: (field) => (field === 'took_part' ? 'children_young_people' : field)
			});
		}
		redirectWithNotice(cookies, '/decisions/activities', 'Activity saved.');
	}
} satisfies Actions;
