import { fail, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { saveSurveyTranslations, updateSurveyLanguage } from '$lib/server/builder/data';
import { failFromBuilderApi, redirectWithNotice, surveyPartOr404 } from '$lib/server/builder/forms';
import { languageDetailsSchema, translationSchema } from '$lib/builder/schemas';
import type { BuilderSurvey as Survey } from '$lib/server/builder/data';
import type { Actions, PageServerLoad } from './$types';

const NOT_OFFERED = 'The survey is not offered in this language.';

/** The survey and one of its languages, or 404. */
async function surveyAndLanguage(locals: App.Locals, surveyId: string, code: string) {
	const find = (s: Survey) => s.languages.find((l) => l.code === code);
	const { survey, part: language } = await surveyPartOr404(locals, surveyId, find, NOT_OFFERED);
	return { survey, language };
}

export const load = (async ({ locals, params }) => {
	const { survey, language } = await surveyAndLanguage(locals, params.surveyId, params.code);
	const values = Object.fromEntries(survey.texts.map((t) => [t.key, language.translations[t.key] ?? '']));
	return {
		survey: {
			id: survey.id,
			title: survey.title,
			organisation: survey.organisation,
			questions: survey.questions.map((q) => ({
				key: q.key,
				prompt: q.prompt,
				options: q.options.map((o) => ({ value: o.value, label: o.label }))
			}))
		},
		// not `language`: the root layout reads that as the page's own language
		target: { code: language.code, name: language.name, direction: language.direction },
		texts: survey.texts,
		form: await superValidate(values, zod4(translationSchema(survey.texts)), {
			id: 'translations',
			errors: false
		}),
		details: await superValidate(
			{ name: language.name, direction: language.direction },
			zod4(languageDetailsSchema),
			{ id: 'details', errors: false }
		)
	};
}) satisfies PageServerLoad;

export const actions = {
	/** Replaces the language's translations with those given; empty ones stay in English. */
	translations: async ({ cookies, locals, params, request }) => {
		const { survey, language } = await surveyAndLanguage(locals, params.surveyId, params.code);
		const form = await superValidate(request, zod4(translationSchema(survey.texts)), { id: 'translations' });
		if (!form.valid) return fail(400, { form });
		let saved;
		try {
			saved = await saveSurveyTranslations(locals.supabase, survey.id, language.code, form.data);
		} catch (e) {
			return failFromBuilderApi(form, e);
		}
		const missing = saved.texts - saved.translated;
		redirectWithNotice(
			cookies,
			`/surveys/${survey.id}/languages`,
			`Translations into ${language.name} saved: ${saved.translated} of ${saved.texts} texts translated.` +
				(missing === 0 ? '' : ` ${missing} will show in English until they are translated.`),
			{ tone: missing === 0 ? 'success' : 'warning' }
		);
	},

	/** Changes the language's own name and the direction it is written in; its code and translations stay. */
	details: async ({ cookies, locals, params, request }) => {
		const { survey, language } = await surveyAndLanguage(locals, params.surveyId, params.code);
		const form = await superValidate(request, zod4(languageDetailsSchema), { id: 'details' });
		if (!form.valid) return fail(400, { form });
		let saved;
		try {
			saved = await updateSurveyLanguage(locals.supabase, survey.id, language.code, {
				name: form.data.name,
				direction: form.data.direction === 'rtl' ? 'rtl' : 'ltr'
			});
		} catch (e) {
			return failFromBuilderApi(form, e);
		}
		redirectWithNotice(
			cookies,
			`/surveys/${survey.id}/languages`,
			`${saved.name} (${saved.code}) saved: written ${saved.direction === 'rtl' ? 'right to left' : 'left to right'}.`
		);
	}
} satisfies Actions;
