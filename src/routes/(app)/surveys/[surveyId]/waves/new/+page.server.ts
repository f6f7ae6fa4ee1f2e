import { fail, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { createWave } from '$lib/server/builder/data';
import { failFromBuilderApi, redirectWithNotice, surveyOr404 } from '$lib/server/builder/forms';
import { endOfLondonDay, londonDate, startOfLondonDay, waveSchema } from '$lib/builder/schemas';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ locals, params }) => {
	const survey = await surveyOr404(locals, params.surveyId, { edit: true });
	const hasBaseline = survey.waves.some((w) => w.kind === 'baseline');
	const repeats = survey.waves.filter((w) => w.kind === 'repeat').length;
	const today = new Date();
	const form = await superValidate(
		{
			kind: hasBaseline ? 'repeat' : 'baseline',
			label: hasBaseline ? `Repeat ${repeats + 1}` : 'Baseline',
			opens_on: londonDate(today),
			closes_on: londonDate(new Date(today.getTime() + 42 * 86_400_000))
		},
		zod4(waveSchema),
		{ errors: false }
	);
	return {
		survey: { id: survey.id, title: survey.title, slug: survey.slug, organisation: survey.organisation },
		hasBaseline,
		form
	};
}) satisfies PageServerLoad;

export const actions = {
	default: async ({ cookies, locals, params, request }) => {
		const form = await superValidate(request, zod4(waveSchema));
		if (!form.valid) return fail(400, { form });
		let slug: string;
		try {
			({ slug } = await createWave(locals.supabase, params.surveyId, {
				kind: form.data.kind,
				label: form.data.label,
				opens_at: startOfLondonDay(form.data.opens_on),
				closes_at: endOfLondonDay(form.data.closes_on)
			}));
		} catch (e) {
			return failFromBuilderApi(form, e, { opens_at: 'opens_on', closes_at: 'closes_on' });
		}
		redirectWithNotice(
			cookies,
			`/surveys/${params.surveyId}`,
			`The wave has been added. Its link is /s/${slug}.`
		);
	}
} satisfies Actions;
