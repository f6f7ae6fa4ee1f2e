import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '$lib/database.types';
import type { DraftAnswers } from '$lib/respondent/steps';
import { ApiError } from '../api';

/** Respondent drafts: the answers of a survey under way, kept by api.save_draft and api.load_draft. */

type Client = SupabaseClient<Database, 'api'>;

export interface Draft {
	status: 'draft';
	response_id: string;
	wave_slug: string;
	/** as shown to the respondent: K7QP-2MXA */
	resume_code: string;
	answers: DraftAnswers;
	step: number;
	easy_read: boolean;
	/** the language chosen (one of the survey's), or null for English */
	language: string | null;
	expires_at: string;
}

export type LoadedDraft = Draft | { status: 'submitted'; response_id: string } | null;

export async function saveDraft(
	supabase: Client,
	args: {
		responseId: string;
		waveSlug: string;
		answers: DraftAnswers;
		step: number;
		easyRead: boolean;
		language?: string | null;
	}
): Promise<Draft> {
	const { data, error, status } = await supabase.rpc('save_draft', {
		p_response_id: args.responseId,
		p_wave_slug: args.waveSlug,
		p_answers: args.answers,
		p_step: args.step,
		p_easy_read: args.easyRead,
		...(args.language ? { p_language: args.language } : {})
	});
	if (error) throw new ApiError('save_draft', error, status);
	return data as unknown as Draft;
}

export async function loadDraft(
	supabase: Client,
	by: { responseId: string } | { resumeCode: string }
): Promise<LoadedDraft> {
	const { data, error, status } = await supabase.rpc(
		'load_draft',
		'responseId' in by ? { p_response_id: by.responseId } : { p_resume_code: by.resumeCode }
	);
	if (error) throw new ApiError('load_draft', error, status);
	return data as unknown as LoadedDraft;
}
