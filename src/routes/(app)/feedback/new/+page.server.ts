import { fail } from '@sveltejs/kit';
import { setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { ApiError, failFromApi, fieldErrors } from '$lib/server/api';
import { redirectWithNotice } from '$lib/server/builder/forms';
import { aboutChoices, addFeedback, organisationFor, REFUSED } from '$lib/server/feedback/data';
import { listMemberships } from '$lib/server/members/data';
import { addFeedbackSchema } from '$lib/feedback/schema';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ locals, parent }) => {
	const { memberships } = await parent();
	const organisation = organisationFor(memberships, 'readFeedback', REFUSED.feedback);
	const today = new Date().toLocaleDateString('en-CA', { timeZone: 'Europe/London' });
	const form = await superValidate({ given_on: today }, zod4(addFeedbackSchema), { errors: false });
	return { organisation, form, about: await aboutChoices(locals.supabase, organisation.id) };
}) satisfies PageServerLoad;

/** The about-you answers chosen (fields about_<question>), the ones left at "not known" left out. */
function aboutOf(body: FormData): Record<string, string> {
	return Object.fromEntries(
		[...body.entries()].flatMap(([k, v]) =>
			k.startsWith('about_') && typeof v === 'string' && v !== '' ? [[k.slice(6), v]] : []
		)
	);
}

export const actions = {
	default: async ({ cookies, locals, request }) => {
		const body = await request.formData();
		const form = await superValidate(body, zod4(addFeedbackSchema));
		const about = aboutOf(body);
		if (!form.valid) return fail(400, { form, about, aboutErrors: {} });
		const organisation = organisationFor(
			await listMemberships(locals.supabase),
			'readFeedback',
			REFUSED.feedback
		);
		let held = false;
		try {
			held = (await addFeedback(locals.supabase, organisation.id, { ...form.data, about })).held;
		} catch (e) {
			if (!(e instanceof ApiError) || e.hint !== 'invalid_feedback') {
				return failFromApi(form, e, { refused: REFUSED.feedback });
			}
			// the about-you answers' messages go beside their own lists; the others beside their fields
			const aboutErrors: Record<string, string> = {};
			const fields = fieldErrors(e);
			for (const [field, message] of Object.entries(fields)) {
				if (field.startsWith('about.')) aboutErrors[field.slice(6)] = message;
				else if (field in form.data) setError(form, field as keyof typeof form.data, message);
				else form.message = message;
			}
			if (Object.keys(fields).length === 0) form.message = e.reason;
			form.valid = false;
			return fail(400, { form, about, aboutErrors });
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
