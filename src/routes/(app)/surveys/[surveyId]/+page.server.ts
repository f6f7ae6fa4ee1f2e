import { error, redirect, type Cookies } from '@sveltejs/kit';
import { ApiError } from '$lib/server/api';
import { fail, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { reorderQuestions, responseBursts, setQuestionPage, setSurveyAbout } from '$lib/server/builder/data';
import { failFromBuilderApi, redirectWithNotice, surveyOr404, takeNotice } from '$lib/server/builder/forms';
import { aboutSetSchema, moveSchema, pageSchema } from '$lib/builder/schemas';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ cookies, locals, params }) => {
	const survey = await surveyOr404(locals, params.surveyId);
	const aboutForm = await superValidate({ about_dimensions: survey.about_dimensions }, zod4(aboutSetSchema), {
		id: 'about',
		errors: false
	});
	// hours of far more answers than usual: for the survey's staff (forum and scrutiny see figures only)
	const bursts = survey.can_edit ? await responseBursts(locals.supabase, survey.id) : [];
	return { survey, aboutForm, bursts, notice: takeNotice(cookies, `/surveys/${survey.id}`) };
}) satisfies PageServerLoad;

/**
 * A move or a page change that would put a question with a condition before (or on the page of) the
 * answer it depends on is refused by the database: back to the survey, saying why.
 */
function refuseConditionOrder(cookies: Cookies, surveyId: string, questionId: string, e: unknown) {
	if (e instanceof ApiError && e.hint === 'condition_order') {
		const path = `/surveys/${surveyId}`;
		redirectWithNotice(cookies, path, e.reason, { tone: 'warning', to: `${path}#question-${questionId}` });
	}
}

export const actions = {
	/** Moves a question one place up or down. */
	move: async ({ cookies, locals, params, request }) => {
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
				refuseConditionOrder(cookies, survey.id, form.data.question_id, e);
				return failFromBuilderApi(form, e);
			}
		}
		redirect(303, `/surveys/${survey.id}#question-${form.data.question_id}`);
	},

	/**
	 * Shows a question on the same page as the one before it (a short group a page), or on a page of
	 * its own. Layout only: no new version.
	 */
	page: async ({ cookies, locals, params, request }) => {
		const form = await superValidate(request, zod4(pageSchema));
		if (!form.valid) return fail(400, { form });
		const survey = await surveyOr404(locals, params.surveyId, { edit: true });
		if (!survey.questions.some((q) => q.id === form.data.question_id)) error(404, 'Question not found');
		try {
			await setQuestionPage(locals.supabase, form.data.question_id, form.data.same_page === '1');
		} catch (e) {
			refuseConditionOrder(cookies, survey.id, form.data.question_id, e);
			return failFromBuilderApi(form, e);
		}
		redirect(303, `/surveys/${survey.id}#question-${form.data.question_id}`);
	},

	/** Chooses the about-you questions the survey asks: none ticked asks none. */
	about: async ({ cookies, locals, params, request }) => {
		const form = await superValidate(request, zod4(aboutSetSchema), { id: 'about' });
		if (!form.valid) return fail(400, { form });
		const survey = await surveyOr404(locals, params.surveyId, { edit: true });
		try {
			await setSurveyAbout(locals.supabase, survey.id, form.data.about_dimensions);
		} catch (e) {
			return failFromBuilderApi(form, e, { about_dimensions: 'about_dimensions._errors' });
		}
		const n = form.data.about_dimensions.length;
		const path = `/surveys/${survey.id}`;
		redirectWithNotice(
			cookies,
			path,
			n === 0
				? 'The survey asks no about-you questions now: respondents go straight from the questions to checking their answers.'
				: `The survey asks ${n} about-you ${n === 1 ? 'question' : 'questions'} now.`,
			{ to: `${path}#about-heading` }
		);
	}
} satisfies Actions;
