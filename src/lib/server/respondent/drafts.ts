import type { DraftAnswers } from '$lib/respondent/types';
import { call, type Caller } from '../api';

/** Respondent drafts: the answers of a survey under way, kept by api.save_draft and api.load_draft. */

export type { Draft, LoadedDraft } from '$lib/respondent/types';

export function saveDraft(
	supabase: Caller,
	args: {
		responseId: string;
		waveSlug: string;
		answers: DraftAnswers;
		step: number;
		easyRead: boolean;
		language?: string | null;
		/** the draft's key, which the respondent's pages carry in their forms (see ./draft-key) */
		draftKey: string;
	}
) {
	return call(supabase, 'save_draft', {
		p_response_id: args.responseId,
		p_wave_slug: args.waveSlug,
		p_answers: args.answers,
		p_step: args.step,
		p_easy_read: args.easyRead,
		...(args.language ? { p_language: args.language } : {}),
		p_draft_key: args.draftKey
	});
}

/**
 * A draft by its response id and key ({status: 'locked'} without the right key: the address alone
 * opens nothing), or by the resume code a respondent typed, which keeps it under a new key from then on.
 */
export function loadDraft(
	supabase: Caller,
	by: { responseId: string; draftKey: string | null } | { resumeCode: string; draftKey: string }
) {
	return call(
		supabase,
		'load_draft',
		'responseId' in by
			? { p_response_id: by.responseId, ...(by.draftKey ? { p_draft_key: by.draftKey } : {}) }
			: { p_resume_code: by.resumeCode, p_draft_key: by.draftKey }
	);
}
