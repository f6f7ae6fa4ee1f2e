import { error, fail } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { failFromApi } from '$lib/server/api';
import { redirectWithNotice, takeNotice } from '$lib/server/builder/forms';
import {
	addPriorityKeyword,
	isUuid,
	listPriorities,
	organisationFor,
	priorityKeywords,
	REFUSED,
	removePriorityKeyword,
	savePriority
} from '$lib/server/feedback/data';
import { listMemberships, type Membership } from '$lib/server/members/data';
import { keywordSchema, prioritySchema } from '$lib/feedback/schema';
import type { Actions, PageServerLoad } from './$types';

async function priorityOr404(locals: App.Locals, memberships: Membership[], id: string) {
	const organisation = organisationFor(memberships, 'editPriorities', REFUSED.priorities);
	const priority = isUuid(id)
		? (await listPriorities(locals.supabase, organisation.id)).find((p) => p.id === id)
		: undefined;
	if (!priority) error(404, 'Priority not found');
	return { organisation, priority };
}

export const load = (async ({ cookies, locals, params, parent }) => {
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
	const keyword = await superValidate(zod4(keywordSchema), { errors: false, id: 'keyword' });
	const keywords = await priorityKeywords(locals.supabase, priority.id);
	return {
		organisation,
		priority,
		form,
		keyword,
		keywords,
		notice: takeNotice(cookies, `/priorities/${priority.id}`)
	};
}) satisfies PageServerLoad;

export const actions = {
	save: async ({ cookies, locals, params, request }) => {
		const form = await superValidate(request, zod4(prioritySchema));
		if (!form.valid) return fail(400, { form });
		const { organisation } = await priorityOr404(locals, await listMemberships(locals.supabase), params.id);
		try {
			await savePriority(locals.supabase, organisation.id, { ...form.data, id: params.id });
		} catch (e) {
			return failFromApi(form, e, { refused: REFUSED.priorities });
		}
		redirectWithNotice(cookies, '/priorities', `Saved “${form.data.title}”.`);
	},
	addKeyword: async ({ cookies, locals, params, request }) => {
		const keyword = await superValidate(request, zod4(keywordSchema), { id: 'keyword' });
		if (!keyword.valid) return fail(400, { keyword });
		const { priority } = await priorityOr404(locals, await listMemberships(locals.supabase), params.id);
		let added: string;
		try {
			added = (await addPriorityKeyword(locals.supabase, priority.id, keyword.data.keyword)).keyword;
		} catch (e) {
			// the field messages go on this form, returned under its own name beside the priority's
			failFromApi(keyword, e, { refused: REFUSED.priorities });
			return fail(400, { keyword });
		}
		redirectWithNotice(
			cookies,
			`/priorities/${priority.id}`,
			`Added the keyword “${added}”. Comments that hold it will be suggested this priority.`
		);
	},
	removeKeyword: async ({ cookies, locals, params, request }) => {
		const id = String((await request.formData()).get('id') ?? '');
		if (!isUuid(id)) error(400, 'Choose a keyword to remove.');
		const { priority } = await priorityOr404(locals, await listMemberships(locals.supabase), params.id);
		let removed: string;
		try {
			removed = (await removePriorityKeyword(locals.supabase, id)).keyword;
		} catch (e) {
			const keyword = await superValidate(zod4(keywordSchema), { id: 'keyword' });
			failFromApi(keyword, e, { refused: REFUSED.priorities });
			return fail(400, { keyword });
		}
		redirectWithNotice(cookies, `/priorities/${priority.id}`, `Removed the keyword “${removed}”.`);
	}
} satisfies Actions;
