import { fail, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { setWaveDates } from '$lib/server/builder/data';
import { failFromBuilderApi, redirectWithNotice, waveOr404 } from '$lib/server/builder/forms';
import { endOfLondonDay, londonDate, startOfLondonDay, waveDatesSchema } from '$lib/builder/schemas';
import type { Actions, PageServerLoad } from './$types';

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
		redirectWithNotice(
			cookies,
			`/surveys/${params.surveyId}`,
			`The dates of “${wave.label}” have been changed.`
		);
	}
} satisfies Actions;
