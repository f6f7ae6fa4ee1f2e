import { error, fail } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { activitySchema, deleteRefusal } from '$lib/decisions/schema';
import { ApiError, failFromApi, fieldErrors } from '$lib/server/api';
import { redirectWithNotice } from '$lib/server/builder/forms';
import { deleteActivity, listActivities, REFUSED, saveActivity } from '$lib/server/decisions/data';
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
	save: async ({ cookies, locals, params, request }) => {
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
	},
	delete: async ({ cookies, locals, params, request }) => {
		const refusal = deleteRefusal(await request.formData());
		if (refusal) return fail(400, { deleteError: refusal });
		if (!isUuid(params.id)) error(404, GONE);
		try {
			await deleteActivity(locals.supabase, params.id);
		} catch (e) {
			// cited by a decision: the message names them; not this organisation's, or gone: said as it is
			if (e instanceof ApiError && (e.hint === 'activity_cited' || e.hint === 'not_permitted'))
				return fail(e.hint === 'not_permitted' ? 403 : 409, {
					deleteError: fieldErrors(e).title ?? e.reason
				});
			throw e;
		}
		redirectWithNotice(cookies, '/decisions/activities', 'Activity deleted. The audit log keeps a copy.');
	}
} satisfies Actions;
