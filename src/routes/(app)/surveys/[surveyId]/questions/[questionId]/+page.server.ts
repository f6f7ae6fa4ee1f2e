import { fail } from '@sveltejs/kit';
import { fail as failForm, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { ApiError } from '$lib/server/api';
import { deleteQuestion, updateQuestion } from '$lib/server/builder/data';
import { failFromBuilderApi, redirectWithNotice, surveyPartOr404 } from '$lib/server/builder/forms';
import { questionSchema } from '$lib/builder/schemas';
import { describeConditions } from '$lib/conditions';
import { existingQuestionForm, findSymbols, questionFormData, questionInput } from '../question-form';
import type { BuilderSurvey as Survey } from '$lib/server/builder/data';
import type { Actions, PageServerLoad } from './$types';

async function questionOr404(locals: App.Locals, surveyId: string, questionId: string) {
	const find = (s: Survey) => s.questions.find((q) => q.id === questionId);
	const { survey, part: question } = await surveyPartOr404(locals, surveyId, find, 'Question not found');
	return { survey, question };
}

export const load = (async ({ locals, params }) => {
	const { survey, question } = await questionOr404(locals, params.surveyId, params.questionId);
	const form = await superValidate(existingQuestionForm(question), zod4(questionSchema), { errors: false });
	return {
		survey: { id: survey.id, title: survey.title, organisation: survey.organisation },
		question,
		conditions: describeConditions(question.conditions, survey.questions),
		form,
		priorities: survey.priorities
	};
}) satisfies PageServerLoad;

export const actions = {
	symbols: findSymbols,
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
		const path = `/surveys/${params.surveyId}`;
		redirectWithNotice(cookies, path, warning ?? 'The question has been saved.', {
			tone: warning ? 'warning' : 'success',
			to: `${path}#question-${question.id}`
		});
	},
	delete: async ({ cookies, locals, params }) => {
		const { question } = await questionOr404(locals, params.surveyId, params.questionId);
		try {
			await deleteQuestion(locals.supabase, question.id);
		} catch (e) {
			if (e instanceof ApiError && (e.hint === 'has_answers' || e.hint === 'has_conditions')) {
				return fail(400, { deleteError: e.message.replace(/^[a-z_]+: /, '') });
			}
			throw e;
		}
		redirectWithNotice(cookies, `/surveys/${params.surveyId}`, 'The question has been deleted.');
	}
} satisfies Actions;
