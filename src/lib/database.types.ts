// Generated from the database by `npm run gen:types`. Do not edit by hand.

export type Json = string | number | boolean | null | { [key: string]: Json | undefined } | Json[];

export type Database = {
	api: {
		Tables: { [_ in never]: never };
		Views: { [_ in never]: never };
		Functions: {
			/** Anyone. The newest applied migration, for /healthz. */
			health: {
				Args: Record<PropertyKey, never>;
				Returns: Json;
			};
			/** Members of the question's organisation (RLS decides; others get no rows). The share of positive answers to one question in each wave of its survey, with n, for everyone or one about-you group. For forum and scrutiny roles, a count below the organisation's min_cell_size (positive or not positive) is suppressed: positive and share are null and suppressed is true. */
			indicator_trend: {
				Args: { p_question_id: string; p_dimension?: string | null; p_category?: string | null };
				Returns: {
					wave_id: string | null;
					wave_label: string | null;
					wave_kind: 'baseline' | 'repeat' | null;
					opens_at: string | null;
					closes_at: string | null;
					n: number | null;
					positive: number | null;
					share: number | null;
					suppressed: boolean | null;
				}[];
			};
			/** Members of the organisation (RLS decides; others get an empty list). Its surveys with their waves, the number of responses to each wave, and the questions that have positive answers (indicators). */
			list_surveys: {
				Args: { p_organisation_id: string };
				Returns: Json;
			};
			/** Signed-in users. The caller's organisations and roles. */
			my_memberships: {
				Args: Record<PropertyKey, never>;
				Returns: {
					organisation_id: string | null;
					organisation_slug: string | null;
					organisation_name: string | null;
					role: 'admin' | 'lead' | 'officer' | 'forum' | 'scrutiny' | 'safeguarding' | null;
				}[];
			};
			/** Admins and leads of the wave's organisation (RLS decides). Opens, closes or reschedules a wave. */
			set_wave_dates: {
				Args: { p_wave_id: string; p_opens_at: string; p_closes_at: string };
				Returns: Json;
			};
			/** Anyone (anon). Records one response to an open wave, idempotent on the client-made p_response_id. p_answers maps question keys to an option value, a list of option values, a number or text. Refuses a closed or not yet open wave (hint wave_closed / wave_not_open) and invalid answers (hint invalid_answers, detail a JSON object of field -> message), writing nothing. */
			submit_response: {
				Args: {
					p_response_id: string;
					p_wave_slug: string;
					p_answers: Json;
					p_about?: Json | null;
					p_channel?: string | null;
					p_panel_code?: string | null;
					p_assistance?: string | null;
					p_language?: string | null;
				};
				Returns: Json;
			};
			/** Anyone (anon). What a respondent needs to answer a wave: the survey, the wave and whether it is open, the questions with their options, and the about-you vocabulary. Null when no survey or wave has the slug. */
			survey_for_respondent: {
				Args: { p_slug: string };
				Returns: Json;
			};
		};
		Enums: { [_ in never]: never };
		CompositeTypes: { [_ in never]: never };
	};
};
