import { fail, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { addQuestion, standardOptions } from '$lib/server/builder/data';
import { failFromBuilderApi, redirectWithNotice, surveyOr404 } from '$lib/server/builder/forms';
import { questionSchema } from '$lib/builder/schemas';
import { QUESTION_KINDS, type QuestionKind } from '$lib/domain';
import { findSymbols, newQuestionForm, questionFormData, questionInput } from '../question-form';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ locals, params, url }) => {
	const survey = await surveyOr404(locals, params.surveyId, { edit: true });
	const chosen = QUESTION_KINDS.find((k) => k.value === url.searchParams.get('kind'))?.value ?? null;
	const summary = { id: survey.id, title: survey.title, organisation: survey.organisation };
	if (!chosen) return { survey: summary, kind: null, form: null, priorities: survey.priorities };
	const initial = newQuestionForm(chosen as QuestionKind, await standardOptions(locals.supabase, chosen));
	const form = await superValidate(initial, zod4(questionSchema), { errors: false });
	return { survey: summary, kind: chosen, form, priorities: survey.priorities };
}) satisfies PageServerLoad;

export const actions = {
	symbols: findSymbols,
	save: async ({ cookies, locals, params, request }) => {
		const form = await superValidate(await questionFormData(request), zod4(questionSchema));
		if (!form.valid) return fail(400, { form });
		const { input, rename } = questionInput(form.data);
		try {
			await addQuestion(locals.supabase, params.surveyId, form.data.kind, form.data.key, input);
		} catch (e) {
			return failFromBuilderApi(form, e, rename);
		}
		redirectWithNotice(cookies, `/surveys/${params.surveyId}`, 'The question has been added.');
	}
} satisfies Actions;
