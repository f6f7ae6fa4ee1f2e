import { error, fail } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { failFromApi } from '$lib/server/api';
import { redirectWithNotice } from '$lib/server/builder/forms';
import { isUuid, listPriorities, organisationFor, REFUSED, savePriority } from '$lib/server/feedback/data';
import { listMemberships, type Membership } from '$lib/server/members/data';
import { prioritySchema } from '$lib/feedback/schema';
import type { Actions, PageServerLoad } from './$types';

async function priorityOr404(locals: App.Locals, memberships: Membership[], id: string) {
	const organisation = organisationFor(memberships, 'editPriorities', REFUSED.priorities);
	const priority = isUuid(id)
		? (await listPriorities(locals.supabase, organisation.id)).find((p) => p.id === id)
		: undefined;
	if (!priority) error(404, 'Priority not found');
	return { organisation, priority };
}

export const load = (async ({ locals, params, parent }) => {
	const { memberships } = await parent();
	const { organisation, priority } = await priorityOr404(locals, memberships, params.id);
	const form = await superValidate(
		{
			code: priority.code ?? '',
			title: priority.title,
			description: priority.description ?? '',
			position: priority.position
		},
		zod4(prioritySchema),
		{ errors: false }
	);
	return { organisation, priority, form };
}) satisfies PageServerLoad;

export const actions = {
	default: async ({ cookies, locals, params, request }) => {
		const form = await superValidate(request, zod4(prioritySchema));
		if (!form.valid) return fail(400, { form });
		const { organisation } = await priorityOr404(locals, await listMemberships(locals.supabase), params.id);
		try {
			await savePriority(locals.supabase, organisation.id, { ...form.data, id: params.id });
		} catch (e) {
			return failFromApi(form, e, { refused: REFUSED.priorities });
		}
		redirectWithNotice(cookies, '/priorities', `Saved “${form.data.title}”.`);
	}
} satisfies Actions;
