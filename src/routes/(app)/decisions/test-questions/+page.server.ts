import { error, fail } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { lines, testQuestionsSchema } from '$lib/decisions/schema';
import { may } from '$lib/domain';
import { failFromApi } from '$lib/server/api';
import { redirectWithNotice, takeNotice } from '$lib/server/builder/forms';
import { setTestQuestions, testQuestions } from '$lib/server/decisions/data';
import type { Membership } from '$lib/server/members/data';
import { listMemberships } from '$lib/server/members/data';
import type { Actions, PageServerLoad } from './$types';

const REFUSED = 'Only administrators and leads keep the test questions.';

function keeper(memberships: Membership[]) {
	const m = memberships.find((x) => may(x.role, 'publishDecisions'));
	if (!m) error(403, REFUSED);
	return { id: m.organisation_id, name: m.organisation_name };
}

export const load = (async ({ cookies, locals, parent }) => {
	const organisation = keeper((await parent()).memberships);
	const questions = await testQuestions(locals.supabase, organisation.id);
	const form = await superValidate({ questions: questions.join('\n') }, zod4(testQuestionsSchema), {
		errors: false
	});
	return { organisation, form, notice: takeNotice(cookies, '/decisions/test-questions') };
}) satisfies PageServerLoad;

export const actions = {
	default: async ({ cookies, locals, request }) => {
		const form = await superValidate(request, zod4(testQuestionsSchema));
		if (!form.valid) return fail(400, { form });
		const organisation = keeper(await listMemberships(locals.supabase));
		try {
			await setTestQuestions(locals.supabase, organisation.id, lines(form.data.questions));
		} catch (e) {
			return failFromApi(form, e, { refused: REFUSED });
		}
		redirectWithNotice(cookies, '/decisions/test-questions', 'Test questions saved.');
	}
} satisfies Actions;
