import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '$lib/database.types';
import type { Draft } from './drafts';
import { ApiError } from '../api';

/** One-time invitation links: api.create_invitations, list_invitations, invitation_status, start_invitation. */

type Client = SupabaseClient<Database, 'api'>;

export interface Invitation {
	id: string;
	token: string;
	label: string | null;
	created_at: string;
	used_at: string | null;
}

export interface InvitationStatus {
	wave_slug: string;
	status: 'unused' | 'used' | 'closed' | 'not_yet_open';
}

export async function createInvitations(supabase: Client, waveId: string, count: number, label: string) {
	const { data, error, status } = await supabase.rpc('create_invitations', {
		p_wave_id: waveId,
		p_count: count,
		p_label: label
	});
	if (error) throw new ApiError('create_invitations', error, status);
	return data as unknown as Invitation[];
}

export async function listInvitations(supabase: Client, waveId: string) {
	const { data, error, status } = await supabase.rpc('list_invitations', { p_wave_id: waveId });
	if (error) throw new ApiError('list_invitations', error, status);
	return data as unknown as Invitation[];
}

export async function invitationStatus(supabase: Client, token: string) {
	const { data, error, status } = await supabase.rpc('invitation_status', { p_token: token });
	if (error) throw new ApiError('invitation_status', error, status);
	return data as unknown as InvitationStatus | null;
}

export async function startInvitation(
	supabase: Client,
	token: string,
	responseId: string,
	easyRead: boolean,
	/** the language chosen on the link's page, one the survey offers; null for English */
	language: string | null = null
) {
	const { data, error, status } = await supabase.rpc('start_invitation', {
		p_token: token,
		p_response_id: responseId,
		p_easy_read: easyRead,
		...(language ? { p_language: language } : {})
	});
	if (error) throw new ApiError('start_invitation', error, status);
	return data as unknown as Draft;
}
