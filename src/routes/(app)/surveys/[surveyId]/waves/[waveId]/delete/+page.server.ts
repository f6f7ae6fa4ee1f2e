import { error } from '@sveltejs/kit';
import { fail, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { anyMay } from '$lib/domain';
import { failFromApi } from '$lib/server/api';
import { redirectWithNotice, waveOr404 } from '$lib/server/builder/forms';
import { deleteWave } from '$lib/server/imports/data';
import { listMemberships } from '$lib/server/members/data';
import { deleteWaveSchema } from './schema';
import type { Actions, PageServerLoad } from './$types';

const REFUSED = 'Only an administrator or lead can delete a wave.';

/** The wave, when the member may delete it (an admin or lead of its organisation); 403 for officers, 404 else. */
async function deletableWave(locals: App.Locals, surveyId: string, waveId: string) {
	const { survey, wave } = await waveOr404(locals, surveyId, waveId);
	if (!anyMay(await listMemberships(locals.supabase), 'deleteWaves', survey.organisation.id))
		error(403, REFUSED);
	return { survey, wave };
}

export const load = (async ({ locals, params }) => {
	const { survey, wave } = await deletableWave(locals, params.surveyId, params.waveId);
	const form = await superValidate(zod4(deleteWaveSchema), { errors: false });
	return {
		survey: { id: survey.id, title: survey.title, organisation: survey.organisation },
		wave: {
			id: wave.id,
			label: wave.label,
			kind: wave.kind,
			status: wave.status,
			opens_at: wave.opens_at,
			closes_at: wave.closes_at,
			responses: wave.responses
		},
		otherWaves: survey.waves.filter((w) => w.id !== wave.id).length,
		form
	};
}) satisfies PageServerLoad;

export const actions = {
	default: async ({ cookies, locals, params, request }) => {
		const form = await superValidate(request, zod4(deleteWaveSchema));
		if (!form.valid) return fail(400, { form });
		const { wave } = await deletableWave(locals, params.surveyId, params.waveId);
		let deleted;
		try {
			deleted = await deleteWave(locals.supabase, wave.id, form.data.reason);
		} catch (e) {
			return failFromApi(form, e, { refused: REFUSED });
		}
		const what =
			deleted.source === 'aggregate'
				? 'with its imported totals'
				: `with its ${deleted.responses.toLocaleString('en-GB')} ${deleted.responses === 1 ? 'response' : 'responses'}`;
		redirectWithNotice(
			cookies,
			`/surveys/${params.surveyId}`,
			`“${deleted.label}” has been deleted, ${what}. The reason is kept in the audit log.`,
			{ to: `/surveys/${params.surveyId}#waves-heading` }
		);
	}
} satisfies Actions;
