import { error, fail } from '@sveltejs/kit';
import { ApiError, fieldErrors } from '$lib/server/api';
import { clearQuestionConditions, setQuestionConditions } from '$lib/server/builder/data';
import { redirectWithNotice, surveyOr404 } from '$lib/server/builder/forms';
import { readFormPost } from '$lib/server/form-post';
import { describeConditions } from '$lib/conditions';
import { currentValues, earlierQuestions, parseConditions, postedValues } from '$lib/builder/conditions-form';
import type { Actions, PageServerLoad } from './$types';

const REFUSED = 'Only an administrator, lead or officer of this local area can change its surveys.';

async function questionOr404(locals: App.Locals, surveyId: string, questionId: string) {
	const survey = await surveyOr404(locals, surveyId, { edit: true });
	const question = survey.questions.find((q) => q.id === questionId);
	if (!question) error(404, 'Question not found');
	return { survey, question, earlier: earlierQuestions(survey.questions, question.id) };
}

export const load = (async ({ locals, params }) => {
	const { survey, question, earlier } = await questionOr404(locals, params.surveyId, params.questionId);
	return {
		survey: { id: survey.id, title: survey.title, organisation: survey.organisation },
		question: {
			id: question.id,
			prompt: question.prompt,
			answered: question.answered,
			description: describeConditions(question.conditions, survey.questions)
		},
		earlier: earlier.map((q) => ({ id: q.id, prompt: q.prompt, kind: q.kind, options: q.options })),
		values: currentValues(question, earlier)
	};
}) satisfies PageServerLoad;

export const actions = {
	/** Sets the conditions as the form gives them: none chosen shows the question to everyone. */
	save: async ({ cookies, locals, params, request }) => {
		const { survey, question, earlier } = await questionOr404(locals, params.surveyId, params.questionId);
		const values = postedValues(await readFormPost(request), earlier);
		const parsed = parseConditions(values, earlier);
		if (!parsed.ok) return fail(400, { values, errors: parsed.errors });
		let result;
		try {
			result = await setQuestionConditions(locals.supabase, question.id, parsed.match, parsed.rules);
		} catch (e) {
			if (e instanceof ApiError && e.hint === 'not_permitted') error(403, REFUSED);
			if (e instanceof ApiError && e.hint === 'invalid_condition') {
				// rules.<n> is the n-th rule sent: the message goes beside that question's group
				const errors: Record<string, string> = {};
				for (const [field, message] of Object.entries(fieldErrors(e))) {
					const n = /^rules\.(\d+)$/.exec(field);
					const rule = n ? parsed.rules[Number(n[1])] : undefined;
					errors[rule ? `test_${rule.question}` : field === 'match' ? 'match' : 'form'] = message;
				}
				return fail(400, { values, errors });
			}
			throw e;
		}
		const path = `/surveys/${survey.id}`;
		const words = describeConditions(result.conditions, survey.questions);
		redirectWithNotice(
			cookies,
			path,
			result.warning ??
				(words
					? `Saved. “${question.prompt}” is ${words.charAt(0).toLowerCase()}${words.slice(1)}`
					: `“${question.prompt}” is shown to everyone.`),
			{ tone: result.warning ? 'warning' : 'success', to: `${path}#question-${question.id}` }
		);
	},

	/** Shows the question to everyone again. */
	clear: async ({ cookies, locals, params }) => {
		const { survey, question } = await questionOr404(locals, params.surveyId, params.questionId);
		let result;
		try {
			result = await clearQuestionConditions(locals.supabase, question.id);
		} catch (e) {
			if (e instanceof ApiError && e.hint === 'not_permitted') error(403, REFUSED);
			throw e;
		}
		const path = `/surveys/${survey.id}`;
		redirectWithNotice(cookies, path, result.warning ?? `“${question.prompt}” is shown to everyone.`, {
			tone: result.warning ? 'warning' : 'success',
			to: `${path}#question-${question.id}`
		});
	}
} satisfies Actions;
