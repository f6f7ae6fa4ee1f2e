import { ENGLISH_CODE } from '$lib/domain';
import type { ParsedResponse } from '$lib/respondent/types';
import { call, type Caller, type Client } from '../api';

/** A survey as respondents see it, and a response sent. */

export function getRespondentSurvey(supabase: Client, slug: string) {
	return call(supabase, 'survey_for_respondent', { p_slug: slug });
}

export function submitResponse(
	supabase: Caller,
	waveSlug: string,
	r: ParsedResponse,
	channel = 'online',
	language = ENGLISH_CODE,
	/** the key of the draft these answers were given under, if any (see ./draft-key) */
	draftKey: string | null = null
) {
	return call(supabase, 'submit_response', {
		p_response_id: r.responseId,
		p_wave_slug: waveSlug,
		p_answers: r.answers,
		p_about: r.about,
		p_channel: channel,
		p_panel_code: r.panelCode,
		p_assistance: r.assistance,
		p_language: language,
		...(draftKey ? { p_draft_key: draftKey } : {})
	});
}
