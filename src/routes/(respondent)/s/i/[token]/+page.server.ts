import { randomUUID } from 'node:crypto';
import { error, redirect } from '@sveltejs/kit';
import { ApiError } from '$lib/server/data/errors';
import { invitationStatus, startInvitation } from '$lib/server/data/invitations';
import { getRespondentSurvey } from '$lib/server/data/surveys';
import { easyQuery } from '$lib/server/respondent';
import type { Actions, PageServerLoad } from './$types';

async function statusOr404(locals: App.Locals, token: string) {
	const invitation = await invitationStatus(locals.supabase, token);
	if (!invitation) error(404, 'This link is not known. Check that it was copied in full.');
	const survey = await getRespondentSurvey(locals.supabase, invitation.wave_slug);
	if (!survey) error(404, 'Survey not found');
	return { invitation, survey };
}

export const load = (async ({ locals, params, setHeaders }) => {
	const { invitation, survey } = await statusOr404(locals, params.token);
	setHeaders({ 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' });
	// the survey's own link, for someone whose invitation has been used, when a wave of it is open
	const open =
		invitation.status === 'used' ? await getRespondentSurvey(locals.supabase, survey.survey.slug) : null;
	return {
		status: invitation.status,
		survey,
		openLink: open && open.wave.status === 'open' ? `/s/${open.survey.slug}` : null
	};
}) satisfies PageServerLoad;

export const actions = {
	/** Starts the survey from the invitation: a draft bound to it, then the first question. */
	start: async ({ locals, params, request }) => {
		const { survey } = await statusOr404(locals, params.token);
		const easyRead = survey.survey.easy_read || (await request.formData()).get('easy') === '1';
		const responseId = randomUUID();
		try {
			await startInvitation(locals.supabase, params.token, responseId, easyRead);
		} catch (e) {
			if (
				e instanceof ApiError &&
				e.hint &&
				['invitation_used', 'wave_closed', 'wave_not_open'].includes(e.hint)
			) {
				redirect(303, `/s/i/${params.token}`);
			}
			throw e;
		}
		redirect(303, `/s/${survey.wave.slug}/${responseId}/q/1${easyQuery(survey, easyRead)}`);
	}
} satisfies Actions;
