import { randomUUID } from 'node:crypto';
import { error, redirect } from '@sveltejs/kit';
import { chosenCode } from '$lib/respondent/language';
import { ApiError } from '$lib/server/api';
import { invitationStatus, startInvitation } from '$lib/server/respondent/invitations';
import { getRespondentSurvey } from '$lib/server/respondent/data';
import { isUnlaunched } from '$lib/respondent/survey';
import { tooManyFromHere } from '$lib/server/respondent/pages';
import { chooseLanguage, easyQuery } from '$lib/server/respondent/context';
import type { Actions, PageServerLoad } from './$types';
import { readFormPost } from '$lib/server/form-post';
import { newDraftKey, postedDraftKey } from '$lib/server/respondent/draft-key';

/**
 * Where the link stands, asked through the app's server with the respondent's address: an unknown link
 * is the 404 page, and an address that has asked about too many unknown links is refused with 429 and
 * Retry-After (the database counts them, api.invitation_status).
 */
async function statusOr404(
	locals: App.Locals,
	token: string,
	setHeaders: (headers: Record<string, string>) => void
) {
	let invitation: Awaited<ReturnType<typeof invitationStatus>>;
	try {
		invitation = await invitationStatus(locals.respondentApi, token);
	} catch (e) {
		tooManyFromHere(e, setHeaders);
		throw e;
	}
	if (!invitation) error(404, 'This link is not known. Check that it was copied in full.');
	const survey = await getRespondentSurvey(locals.supabase, invitation.wave_slug);
	if (!survey) error(404, 'Survey not found');
	return { invitation, survey };
}

export const load = (async ({ locals, params, setHeaders, url }) => {
	const { invitation, survey: found } = await statusOr404(locals, params.token, setHeaders);
	// ?lang= as on the survey's own welcome page: the page, and the survey started from it, in that language
	const { survey, language } = chooseLanguage(locals, found, url);
	setHeaders({ 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' });
	if (isUnlaunched(survey)) {
		// before any wave of the survey has opened, the database says only when it opens
		return { status: 'not_yet_open' as const, survey, draftKey: null, language, openLink: null };
	}
	// the survey's own link, for someone whose invitation has been used, when a wave of it is open
	const open =
		invitation.status === 'used' ? await getRespondentSurvey(locals.supabase, survey.survey.slug) : null;
	return {
		status: invitation.status,
		survey,
		/** the key the draft started here is kept under ($lib/server/respondent/draft-key) */
		draftKey: newDraftKey(),
		language,
		openLink:
			open && !isUnlaunched(open) && open.wave.status === 'open'
				? `/s/${open.survey.slug}${easyQuery(open, false, language)}`
				: null
	};
}) satisfies PageServerLoad;

export const actions = {
	/**
	 * Starts the survey from the invitation: a draft bound to it, kept under the key the form carried, in
	 * the language chosen; then the first question, to which the form is posted on (307) so that its
	 * page has the key.
	 */
	start: async ({ locals, params, request, setHeaders, url }) => {
		const { survey: found } = await statusOr404(locals, params.token, setHeaders);
		// nothing to start before any wave of the survey has opened: the link's page says when it opens
		if (isUnlaunched(found)) redirect(303, `/s/i/${params.token}`);
		const form = await readFormPost(request);
		const easyRead = found.survey.easy_read || form.get('easy') === '1';
		const lang = form.get('lang');
		// a language the survey offers, else English
		const { survey, language } = chooseLanguage(
			locals,
			found,
			new URL(`?lang=${typeof lang === 'string' ? encodeURIComponent(lang) : ''}`, url)
		);
		const responseId = randomUUID();
		const draftKey = postedDraftKey(form);
		// a page from before draft keys: its form has none to carry on, so it is shown again with one
		if (!draftKey) redirect(303, `/s/i/${params.token}${easyQuery(survey, false, language)}`);
		try {
			await startInvitation(
				locals.respondentApi,
				params.token,
				responseId,
				easyRead,
				chosenCode(language),
				draftKey
			);
		} catch (e) {
			if (
				e instanceof ApiError &&
				e.hint &&
				['invitation_used', 'wave_closed', 'wave_not_open'].includes(e.hint)
			) {
				redirect(303, `/s/i/${params.token}${easyQuery(survey, false, language)}`);
			}
			tooManyFromHere(e, setHeaders);
			throw e;
		}
		redirect(307, `/s/${survey.wave.slug}/${responseId}/q/1${easyQuery(survey, easyRead, language)}`);
	}
} satisfies Actions;
