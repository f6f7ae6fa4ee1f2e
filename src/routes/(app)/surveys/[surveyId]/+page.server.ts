import { error, redirect } from '@sveltejs/kit';
import { fail, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { reorderQuestions } from '$lib/server/data/builder';
import { failFromApi, surveyOr404, takeNotice } from '$lib/server/builder-forms';
import { moveSchema } from '$lib/schemas/builder';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ cookies, locals, params }) => {
	const survey = await surveyOr404(locals, params.surveyId);
	return { survey, notice: takeNotice(cookies, `/surveys/${survey.id}`) };
}) satisfies PageServerLoad;

export const actions = {
	/** Moves a question one place up or down. */
	move: async ({ locals, params, request }) => {
		const form = await superValidate(request, zod4(moveSchema));
		if (!form.valid) return fail(400, { form });
		const survey = await surveyOr404(locals, params.surveyId, { edit: true });
		const ids = survey.questions.map((q) => q.id);
		const from = ids.indexOf(form.data.question_id);
		if (from < 0) error(404, 'Question not found');
		const to = form.data.direction === 'up' ? from - 1 : from + 1;
		if (to >= 0 && to < ids.length) {
			[ids[from], ids[to]] = [ids[to]!, ids[from]!];
			try {
				await reorderQuestions(locals.supabase, survey.id, ids);
			} catch (e) {
				return failFromApi(form, e);
			}
		}
		redirect(303, `/surveys/${survey.id}#question-${form.data.question_id}`);
	}
} satisfies Actions;
