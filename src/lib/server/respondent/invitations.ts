import { call, type Caller, type Client } from '../api';

/**
 * One-time invitation links: api.create_invitations and list_invitations (staff), invitation_status and
 * start_invitation (the app's server alone, for a respondent: locals.respondentApi).
 */

export type { Invitation, InvitationStatus } from '$lib/respondent/types';

export function createInvitations(supabase: Client, waveId: string, count: number, label: string) {
	return call(supabase, 'create_invitations', { p_wave_id: waveId, p_count: count, p_label: label });
}

export function listInvitations(supabase: Client, waveId: string) {
	return call(supabase, 'list_invitations', { p_wave_id: waveId });
}

export function invitationStatus(supabase: Caller, token: string) {
	return call(supabase, 'invitation_status', { p_token: token });
}

export function startInvitation(
	supabase: Caller,
	token: string,
	responseId: string,
	easyRead: boolean,
	/** the language chosen on the link's page, one the survey offers; null for English */
	language: string | null,
	/** the new draft's key (see ./draft-key) */
	draftKey: string
) {
	return call(supabase, 'start_invitation', {
		p_token: token,
		p_response_id: responseId,
		p_easy_read: easyRead,
		...(language ? { p_language: language } : {}),
		p_draft_key: draftKey
	});
}
