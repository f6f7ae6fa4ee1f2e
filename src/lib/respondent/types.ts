import { z } from 'zod';
import { questionWording, waveKind, waveStatus } from '$lib/domain/schemas';
import { codes, AUDIENCES, DIRECTIONS } from '$lib/domain';
import { conditions } from '$lib/conditions';

/**
 * The respondent feature's domain types: what its API functions return (api.survey_for_respondent,
 * save_draft, load_draft, submit_response and the invitation links), declared once as zod schemas.
 * The types are inferred from them; `src/lib/server/api.ts` maps each function to its schema and
 * tests/db/api-results.test.ts parses every result with it on both engines. Client code imports
 * only the types from here (`import type`), so the schemas stay on the server.
 */

export const respondentOption = z.object({
	value: z.string(),
	label: z.string(),
	easy_read_label: z.string().nullable(),
	symbol: z.string().nullable()
});
export type RespondentOption = z.infer<typeof respondentOption>;

export const respondentQuestion = z.object({
	key: z.string(),
	...questionWording.shape,
	/** an OpenMoji hexcode, shown from /symbols/openmoji/<symbol>.svg */
	symbol: z.string().nullable().optional(),
	/** shown on the same page as the question before it (a short group of questions a page) */
	same_page: z.boolean().optional(),
	options: z.array(respondentOption),
	/** shown only when earlier answers meet this (rules by question key); null: always */
	show_if: conditions.nullable().optional()
});
export type RespondentQuestion = z.infer<typeof respondentQuestion>;

export const aboutDimension = z.object({
	key: z.string(),
	label: z.string(),
	categories: z.array(z.object({ code: z.string(), label: z.string() }))
});
export type AboutDimension = z.infer<typeof aboutDimension>;

/** A language the survey is offered in besides English (see src/lib/respondent/language.ts). */
export const surveyLanguage = z.object({
	/** BCP 47: pl, ur, pa-IN */
	code: z.string(),
	/** its own name: Polski, اردو */
	name: z.string(),
	direction: z.enum(codes(DIRECTIONS)),
	/**
	 * text key -> translation: title, introduction, privacy_notice, q:<key>:prompt, o:<key>:<value>:label…,
	 * about:<dimension>:prompt, about:<dimension>:<category code>:label
	 */
	translations: z.record(z.string(), z.string())
});
export type SurveyLanguage = z.infer<typeof surveyLanguage>;

/** What api.survey_for_respondent returns: everything a respondent's page needs. */
export const respondentSurvey = z.object({
	/** you_said_we_did_url: the full https address of the organisation's "you said, we did" page, or null */
	organisation: z.object({ name: z.string(), slug: z.string(), you_said_we_did_url: z.string().nullable() }),
	survey: z.object({
		slug: z.string(),
		title: z.string(),
		audience: z.enum(codes(AUDIENCES)),
		easy_read: z.boolean(),
		introduction: z.string(),
		privacy_notice: z.string()
	}),
	wave: z.object({
		slug: z.string(),
		label: z.string(),
		kind: waveKind,
		opens_at: z.string(),
		closes_at: z.string(),
		status: waveStatus,
		/** answered only through invitation links: the public address takes no answers */
		invitation_only: z.boolean()
	}),
	questions: z.array(respondentQuestion),
	languages: z.array(surveyLanguage),
	/** the about-you questions this survey asks: possibly none */
	about: z.array(aboutDimension)
});
export type RespondentSurvey = z.infer<typeof respondentSurvey>;

/**
 * What api.survey_for_respondent returns, before any of a survey's waves has opened, to anyone but
 * the staff who may build it (who get the whole survey, to preview it): only what the page saying
 * that it is not open yet shows, and the organisation's slug (by which the server checks whether a
 * member of staff asking for a preview may have one). The translations hold the title's alone.
 */
export const unlaunchedSurvey = z.object({
	organisation: respondentSurvey.shape.organisation.pick({ name: true, slug: true }),
	survey: respondentSurvey.shape.survey.pick({ title: true, easy_read: true }),
	wave: z.object({ label: z.string(), opens_at: z.string(), status: z.literal('not_yet_open') }),
	languages: z.array(surveyLanguage)
});
export type UnlaunchedSurvey = z.infer<typeof unlaunchedSurvey>;

/** api.survey_for_respondent: the whole survey, or only when it opens (see isUnlaunched in ./survey). */
export const surveyForRespondent = z.union([respondentSurvey, unlaunchedSurvey]);
export type SurveyForRespondent = RespondentSurvey | UnlaunchedSurvey;

/** Answers as posted, by form field name: a question key, about.<dimension>, assistance, panel_code. */
export const draftAnswers = z.record(z.string(), z.union([z.string(), z.array(z.string())]));
export type DraftAnswers = z.infer<typeof draftAnswers>;

/** A survey under way, as api.save_draft, load_draft and start_invitation return it. */
export const draft = z.object({
	status: z.literal('draft'),
	response_id: z.string(),
	wave_slug: z.string(),
	/** as shown to the respondent: K7QP-2MXA */
	resume_code: z.string(),
	answers: draftAnswers,
	step: z.number(),
	easy_read: z.boolean(),
	/** the language chosen (one of the survey's), or null for English */
	language: z.string().nullable(),
	expires_at: z.string()
});
export type Draft = z.infer<typeof draft>;

/**
 * api.load_draft: the draft, a response already sent, a draft that its address alone does not open
 * (locked: asked for without its key), or nothing.
 */
export const loadedDraft = z
	.discriminatedUnion('status', [
		draft,
		z.object({ status: z.literal('submitted'), response_id: z.string() }),
		z.object({ status: z.literal('locked'), response_id: z.string() })
	])
	.nullable();
export type LoadedDraft = z.infer<typeof loadedDraft>;

/** api.submit_response and api.enter_response: the response written, or the one sent before. */
export const responseSent = z.object({ response_id: z.string(), duplicate: z.boolean() });

/** A response as the respondent's answers were checked and are sent (see response.ts). */
export interface ParsedResponse {
	responseId: string;
	answers: Record<string, string | string[] | number>;
	about: Record<string, string>;
	panelCode: string | null;
	assistance: string | null;
}

/** A one-time invitation link (api.list_invitations; api.create_invitations leaves out used_at). */
export const invitation = z.object({
	id: z.string(),
	token: z.string(),
	label: z.string().nullable(),
	created_at: z.string(),
	used_at: z.string().nullable()
});
export type Invitation = z.infer<typeof invitation>;

/** api.create_invitations: the new links. */
export const invitationsMade = z.array(invitation.omit({ used_at: true }));

/** api.invitation_status: where a link stands, or null for a token that is not one. */
export const invitationStatus = z
	.object({ wave_slug: z.string(), status: z.enum(['unused', 'used', 'closed', 'not_yet_open']) })
	.nullable();
export type InvitationStatus = NonNullable<z.infer<typeof invitationStatus>>;
