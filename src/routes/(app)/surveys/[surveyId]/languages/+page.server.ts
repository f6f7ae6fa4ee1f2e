import { error } from '@sveltejs/kit';
import { fail, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { addSurveyLanguage, removeSurveyLanguage } from '$lib/server/builder/data';
import { failFromBuilderApi, redirectWithNotice, surveyOr404, takeNotice } from '$lib/server/builder/forms';
import { COMMON_LANGUAGES, languageSchema, removeLanguageSchema } from '$lib/builder/schemas';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ cookies, locals, params }) => {
	const survey = await surveyOr404(locals, params.surveyId);
	return {
		survey: {
			id: survey.id,
			title: survey.title,
			organisation: survey.organisation,
			can_edit: survey.can_edit,
			texts: survey.texts.length,
			languages: survey.languages.map((l) => ({
				code: l.code,
				name: l.name,
				direction: l.direction,
				translated: l.translated,
				responses: l.responses
			}))
		},
		form: await superValidate(zod4(languageSchema)),
		notice: takeNotice(cookies, `/surveys/${survey.id}/languages`)
	};
}) satisfies PageServerLoad;

export const actions = {
	/** Offers the survey in another language: a common one, or any other by its code. */
	add: async ({ cookies, locals, params, request }) => {
		const form = await superValidate(request, zod4(languageSchema));
		if (!form.valid) return fail(400, { form });
		const survey = await surveyOr404(locals, params.surveyId, { edit: true });
		const common = COMMON_LANGUAGES.find((c) => c.code === form.data.choice);
		const language = common
			? { code: common.code, name: common.name, direction: common.direction }
			: {
					code: form.data.code,
					name: form.data.name,
					direction: form.data.direction === 'rtl' ? ('rtl' as const) : ('ltr' as const)
				};
		try {
			await addSurveyLanguage(locals.supabase, survey.id, language);
		} catch (e) {
			// a common language's problems belong beside the list it was chosen from
			return failFromBuilderApi(
				form,
				e,
				common ? { code: 'choice', name: 'choice', direction: 'choice' } : {}
			);
		}
		const path = `/surveys/${survey.id}/languages`;
		redirectWithNotice(cookies, path, `${language.name} added. Translate the survey's texts into it below.`, {
			to: `${path}/${encodeURIComponent(language.code)}`
		});
	},

	/** Stops offering the survey in a language. */
	remove: async ({ cookies, locals, params, request }) => {
		const form = await superValidate(request, zod4(removeLanguageSchema));
		if (!form.valid) error(400, 'Choose a language to remove.');
		const survey = await surveyOr404(locals, params.surveyId, { edit: true });
		const language = survey.languages.find((l) => l.code === form.data.code);
		if (!language) error(404, 'The survey is not offered in this language.');
		try {
			await removeSurveyLanguage(locals.supabase, survey.id, language.code);
		} catch (e) {
			return failFromBuilderApi(form, e);
		}
		redirectWithNotice(
			cookies,
			`/surveys/${survey.id}/languages`,
			`${language.name} removed. Respondents no longer see it.`
		);
	}
} satisfies Actions;
