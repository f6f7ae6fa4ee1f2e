import { fail } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { decisionSchema } from '$lib/decisions/schema';
import { failFromApi } from '$lib/server/api';
import { redirectWithNotice } from '$lib/server/builder/forms';
import { REFUSED, saveDecision, testQuestions } from '$lib/server/decisions/data';
import { recordingOrganisation } from '$lib/server/decisions/forms';
import { listPriorities } from '$lib/server/feedback/data';
import { listMemberships } from '$lib/server/members/data';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ locals, parent }) => {
	const { memberships } = await parent();
	const organisation = recordingOrganisation(memberships);
	const [priorities, questions] = await Promise.all([
		listPriorities(locals.supabase, organisation.id),
		testQuestions(locals.supabase, organisation.id)
	]);
	const form = await superValidate({ test_questions: questions }, zod4(decisionSchema), { errors: false });
	return { organisation, priorities: priorities.filter((p) => !p.retired), questions, form };
}) satisfies PageServerLoad;

export const actions = {
	default: async ({ cookies, locals, request }) => {
		const form = await superValidate(request, zod4(decisionSchema));
		if (!form.valid) return fail(400, { form });
		const organisation = recordingOrganisation(await listMemberships(locals.supabase));
		let id: string;
		try {
			id = (await saveDecision(locals.supabase, organisation.id, form.data)).id;
		} catch (e) {
			return failFromApi(form, e, { refused: REFUSED.record });
		}
		redirectWithNotice(cookies, `/decisions/${id}`, 'Decision recorded. Now link the evidence behind it.');
	}
} satisfies Actions;
