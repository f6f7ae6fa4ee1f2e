import { error, fail, redirect } from '@sveltejs/kit';
import { fail as failForm, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { ApiError } from '$lib/server/api';
import { deleteQuestion, updateQuestion } from '$lib/server/builder/data';
import { failFromBuilderApi, setNotice, surveyOr404 } from '$lib/server/builder/forms';
import { questionSchema } from '$lib/builder/schemas';
import { existingQuestionForm, questionFormData, questionInput, symbolSearchOf } from '../question-form';
import type { Actions, PageServerLoad } from './$types';

async function questionOr404(locals: App.Locals, surveyId: string, questionId: string) {
	const survey = await surveyOr404(locals, surveyId, { edit: true });
	const question = survey.questions.find((q) => q.id === questionId);
	if (!question) error(404, 'Question not found');
	return { survey, question };
}

export const load = (async ({ locals, params }) => {
	const { survey, question } = await questionOr404(locals, params.surveyId, params.questionId);
	const form = await superValidate(existingQuestionForm(question), zod4(questionSchema), { errors: false });
	return {
		survey: { id: survey.id, title: survey.title, organisation: survey.organisation },
		question,
		form,
		priorities: survey.priorities
	};
}) satisfies PageServerLoad;

export const actions = {
	/** Finds symbols for one of the form's symbol fields, keeping what has been entered so far. */
	symbols: async ({ request }) => {
		const fd = await questionFormData(request);
		const form = await superValidate(fd, zod4(questionSchema), { errors: false });
		return { form, symbolSearch: symbolSearchOf(fd) };
	},
	save: async ({ cookies, locals, params, request }) => {
		const form = await superValidate(await questionFormData(request), zod4(questionSchema));
		if (!form.valid) return failForm(400, { form });
		const { question } = await questionOr404(locals, params.surveyId, params.questionId);
		// the kind is the question's own, whatever the form says
		form.data.kind = question.kind;
		const { input, rename } = questionInput(form.data);
		let warning: string | null;
		try {
			({ warning } = await updateQuestion(locals.supabase, question.id, input));
		} catch (e) {
			return failFromBuilderApi(form, e, rename);
		}
		setNotice(
			cookies,
			`/surveys/${params.surveyId}`,
			warning ? { tone: 'warning', text: warning } : { tone: 'success', text: 'The question has been saved.' }
		);
		redirect(303, `/surveys/${params.surveyId}#question-${question.id}`);
	},
	delete: async ({ cookies, locals, params }) => {
		const { question } = await questionOr404(locals, params.surveyId, params.questionId);
		try {
			await deleteQuestion(locals.supabase, question.id);
		} catch (e) {
			if (e instanceof ApiError && e.hint === 'has_answers') {
				return fail(400, { deleteError: e.reason });
			}
			throw e;
		}
		setNotice(cookies, `/surveys/${params.surveyId}`, {
			tone: 'success',
			text: 'The question has been deleted.'
		});
		redirect(303, `/surveys/${params.surveyId}`);
	}
} satisfies Actions;
