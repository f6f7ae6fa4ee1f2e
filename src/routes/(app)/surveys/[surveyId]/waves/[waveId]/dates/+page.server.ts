import { error, redirect } from '@sveltejs/kit';
import { fail, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { setWaveDates } from '$lib/server/builder/data';
import { failFromBuilderApi, setNotice, surveyOr404 } from '$lib/server/builder/forms';
import { endOfLondonDay, londonDate, startOfLondonDay, waveDatesSchema } from '$lib/builder/schemas';
import type { Actions, PageServerLoad } from './$types';

async function waveOr404(locals: App.Locals, surveyId: string, waveId: string) {
	const survey = await surveyOr404(locals, surveyId, { edit: true });
	const wave = survey.waves.find((w) => w.id === waveId);
	if (!wave) error(404, 'Wave not found');
	return { survey, wave };
}

export const load = (async ({ locals, params }) => {
	const { survey, wave } = await waveOr404(locals, params.surveyId, params.waveId);
	// the closing date shown is the last day open: the stored close is the start of the next day
	const lastDay = new Date(new Date(wave.closes_at).getTime() - 1);
	const form = await superValidate(
		{ opens_on: londonDate(wave.opens_at), closes_on: londonDate(lastDay) },
		zod4(waveDatesSchema),
		{ errors: false }
	);
	return {
		survey: { id: survey.id, title: survey.title, organisation: survey.organisation },
		wave: { id: wave.id, label: wave.label, slug: wave.slug },
		form
	};
}) satisfies PageServerLoad;

export const actions = {
	default: async ({ cookies, locals, params, request }) => {
		const form = await superValidate(request, zod4(waveDatesSchema));
		if (!form.valid) return fail(400, { form });
		const { wave } = await waveOr404(locals, params.surveyId, params.waveId);
		try {
			await setWaveDates(
				locals.supabase,
				wave.id,
				startOfLondonDay(form.data.opens_on),
				endOfLondonDay(form.data.closes_on)
			);
		} catch (e) {
			return failFromBuilderApi(form, e, { opens_at: 'opens_on', closes_at: 'closes_on' });
		}
		setNotice(cookies, `/surveys/${params.surveyId}`, {
			tone: 'success',
			text: `The dates of “${wave.label}” have been changed.`
		});
		redirect(303, `/surveys/${params.surveyId}`);
	}
} satisfies Actions;
