import { fail } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { failFromApi } from '$lib/server/api';
import { redirectWithNotice } from '$lib/server/builder/forms';
import { addFeedback, organisationFor, REFUSED } from '$lib/server/feedback/data';
import { listMemberships } from '$lib/server/members/data';
import { addFeedbackSchema } from '$lib/feedback/schema';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ parent }) => {
	const { memberships } = await parent();
	const organisation = organisationFor(memberships, 'readFeedback', REFUSED.feedback);
	const today = new Date().toLocaleDateString('en-CA', { timeZone: 'Europe/London' });
	const form = await superValidate({ given_on: today }, zod4(addFeedbackSchema), { errors: false });
	return { organisation, form };
}) satisfies PageServerLoad;

export const actions = {
	default: async ({ cookies, locals, request }) => {
		const form = await superValidate(request, zod4(addFeedbackSchema));
		if (!form.valid) return fail(400, { form });
		const organisation = organisationFor(
			await listMemberships(locals.supabase),
			'readFeedback',
			REFUSED.feedback
		);
		let held = false;
		try {
			held = (await addFeedback(locals.supabase, organisation.id, form.data)).held;
		} catch (e) {
			return failFromApi(form, e, { refused: REFUSED.feedback });
		}
		redirectWithNotice(
			cookies,
			'/feedback',
			held
				? 'Added. It holds words from the safeguarding list, so it went to the safeguarding lead first: it will show here once they have reviewed it.'
				: 'Added to the feedback.'
		);
	}
} satisfies Actions;
