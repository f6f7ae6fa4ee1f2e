import { error, fail } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { may } from '$lib/domain';
import { ApiError, failFromApi, fieldErrors } from '$lib/server/api';
import { redirectWithNotice, takeNotice } from '$lib/server/builder/forms';
import {
	addPriorities,
	isUuid,
	listPriorities,
	organisationFor,
	REFUSED,
	removePriority,
	savePriority
} from '$lib/server/feedback/data';
import { listMemberships } from '$lib/server/members/data';
import { prioritySchema } from '$lib/feedback/schema';
import { STRATEGY_TEMPLATES } from '$lib/feedback/templates';
import type { Actions, PageServerLoad } from './$types';

const PATH = '/priorities';

export const load = (async ({ cookies, locals, parent }) => {
	const { memberships } = await parent();
	const organisation = organisationFor(memberships, 'editPriorities', REFUSED.priorities);
	const priorities = await listPriorities(locals.supabase, organisation.id);
	const form = await superValidate(zod4(prioritySchema), { errors: false });
	const templates = STRATEGY_TEMPLATES.map((t) => ({ id: t.id, name: t.name, priorities: t.priorities }));
	return { organisation, priorities, form, templates, notice: takeNotice(cookies, PATH) };
}) satisfies PageServerLoad;

export const actions = {
	add: async ({ cookies, locals, request }) => {
		const form = await superValidate(request, zod4(prioritySchema));
		if (!form.valid) return fail(400, { form });
		const organisation = organisationFor(
			await listMemberships(locals.supabase),
			'editPriorities',
			REFUSED.priorities
		);
		try {
			await savePriority(locals.supabase, organisation.id, form.data);
		} catch (e) {
			return failFromApi(form, e, { refused: REFUSED.priorities });
		}
		redirectWithNotice(cookies, PATH, `Added “${form.data.title}”.`);
	},
	template: async ({ cookies, locals, request }) => {
		const id = String((await request.formData()).get('template') ?? '');
		const template = STRATEGY_TEMPLATES.find((t) => t.id === id);
		if (!template) return fail(400, { templateError: 'Choose a strategy to start from.' });
		const organisation = organisationFor(
			await listMemberships(locals.supabase),
			'editPriorities',
			REFUSED.priorities
		);
		try {
			await addPriorities(locals.supabase, organisation.id, template.priorities);
		} catch (e) {
			if (e instanceof ApiError && e.hint === 'invalid_priority')
				return fail(400, { templateError: fieldErrors(e).template ?? e.reason });
			throw e;
		}
		redirectWithNotice(
			cookies,
			PATH,
			`Added the ${template.priorities.length} priorities of ${template.name}. Change them to fit your own strategy.`
		);
	},
	remove: async ({ cookies, locals, request }) => {
		const memberships = await listMemberships(locals.supabase);
		if (!memberships.some((m) => may(m.role, 'editPriorities'))) error(403, REFUSED.priorities);
		const id = String((await request.formData()).get('id') ?? '');
		if (!isUuid(id)) error(400, 'Choose a priority.');
		let retired: boolean;
		try {
			retired = (await removePriority(locals.supabase, id)).retired;
		} catch (e) {
			return failFromApi(await superValidate(zod4(prioritySchema)), e, { refused: REFUSED.priorities });
		}
		redirectWithNotice(
			cookies,
			PATH,
			retired
				? 'Retired: feedback is filed under it, so it is kept for that feedback but no longer offered for tagging.'
				: 'Deleted.'
		);
	}
} satisfies Actions;
