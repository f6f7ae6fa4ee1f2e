import { redirect } from '@sveltejs/kit';
import { fail, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { updateSurvey } from '$lib/server/builder/data';
import { failFromBuilderApi, surveyOr404 } from '$lib/server/builder/forms';
import { surveySchema } from '$lib/builder/schemas';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ locals, params }) => {
	const survey = await surveyOr404(locals, params.surveyId, { edit: true });
	const form = await superValidate(
		{
			title: survey.title,
			audience: survey.audience,
			introduction: survey.introduction,
			privacy_notice: survey.privacy_notice,
			easy_read: survey.easy_read
		},
		zod4(surveySchema)
	);
	return { survey: { id: survey.id, title: survey.title, organisation: survey.organisation }, form };
}) satisfies PageServerLoad;

export const actions = {
	default: async ({ locals, params, request }) => {
		const form = await superValidate(request, zod4(surveySchema));
		if (!form.valid) return fail(400, { form });
		try {
			await updateSurvey(locals.supabase, params.surveyId, form.data);
		} catch (e) {
			return failFromBuilderApi(form, e);
		}
		redirect(303, `/surveys/${params.surveyId}`);
	}
} satisfies Actions;
