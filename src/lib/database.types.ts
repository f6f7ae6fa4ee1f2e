// Generated from the database by `npm run gen:types`. Do not edit by hand.

export type Json = string | number | boolean | null | { [key: string]: Json | undefined } | Json[];

export type Database = {
	api: {
		Tables: { [_ in never]: never };
		Views: { [_ in never]: never };
		Functions: {
			/** Admins, leads and officers. The about-you questions and their answers (the product's and the organisation's own), in order: [{key, label, categories: [{code, label}]}]. */
			about_choices: {
				Args: { p_organisation_id: string };
				Returns: Json;
			};
			/** Admins, leads and officers. A person accepts a suggested priority: it is added to the item's priorities through api.tag_feedback (same checks, same audit entry), keeping its other tags. */
			accept_suggestion: {
				Args: { p_id: string; p_priority_id: string };
				Returns: Json;
			};
			/** Admins, leads and officers (not_permitted otherwise). Adds a comment given another way (event, forum, focus group, Youth Cabinet, school council, Young Inspectors...): channel, date, text, about-you details. Returns {id, held}: held when its text holds a safeguarding phrase and it went to the safeguarding queue. Bad input raises invalid_feedback with detail {field: message}. */
			add_feedback: {
				Args: {
					p_organisation_id: string;
					p_channel: string;
					p_given_on: string;
					p_text: string;
					p_about?: Json | null;
				};
				Returns: Json;
			};
			/** Admins and leads. Adds several priorities at once, after the existing ones, all or none (a template: [{code, title, description}]). Refusals raise invalid_priority with detail {template: message}. Kept in the audit log. */
			add_priorities: {
				Args: { p_organisation_id: string; p_priorities: Json };
				Returns: Json;
			};
			/** Admins and leads. Adds a keyword to a priority: an empty one, one over 60 characters, one that would match almost everything (a single letter, stop words only) or one the priority already has (in any form, as text search reads it) is refused with hint invalid_keyword and detail {keyword: message}. Kept in the audit log. */
			add_priority_keyword: {
				Args: { p_priority_id: string; p_keyword: string };
				Returns: Json;
			};
			/** Admins, leads and officers of the survey's organisation (not_permitted otherwise). Adds a question at the end of the survey. Its key is p_key, or made from the prompt. For agreement_5, faces_3, yes_no_unsure and rating_0_10 the database gives the standard options (see api.standard_options); p_options may change their label, easy_read_label and is_positive by value. single_choice and multi_choice take p_options, a list of {label, easy_read_label?, symbol?, is_positive?}; for standard options a symbol given by value replaces the standard one (empty for none). p_symbol is the question's symbol: an OpenMoji hexcode like 1F68C, or null. Invalid input raises hint invalid_question with detail a JSON object of field -> message (options.<n> for the n-th option, from 0). */
			add_question: {
				Args: {
					p_survey_id: string;
					p_kind: string;
					p_prompt: string;
					p_easy_read_prompt?: string | null;
					p_help_text?: string | null;
					p_required?: boolean | null;
					p_max_length?: number | null;
					p_min_value?: number | null;
					p_max_value?: number | null;
					p_priority_id?: string | null;
					p_options?: Json | null;
					p_key?: string | null;
					p_symbol?: string | null;
				};
				Returns: Json;
			};
			/** Admins and the safeguarding role. Adds a phrase (normalised); an empty one, one under 3 letters, or one that matches an ordinary comment is refused with hint invalid_phrase and detail {phrase: message}. Comments already stored that hold it and were never flagged go to the queue; returns {id, phrase, held}. Kept in the audit log. */
			add_safeguarding_phrase: {
				Args: { p_organisation_id: string; p_phrase: string };
				Returns: Json;
			};
			/** Admins, leads and officers of the survey's organisation (not_permitted otherwise). Offers the survey in another language: p_code a BCP 47 tag (pl, ur, pa-IN; not English), p_name its own name (Polski), p_direction ltr or rtl (null: rtl for Arabic, Urdu, Farsi, Pashto, Hebrew and others written so, else ltr). It starts with no translations. Invalid input raises hint invalid_language with detail field -> message. */
			add_survey_language: {
				Args: { p_survey_id: string; p_code: string; p_name: string; p_direction?: string | null };
				Returns: Json;
			};
			/** Admins only. The newest entries of the organisation's audit log, with who made each change. */
			audit_log: {
				Args: { p_organisation_id: string; p_limit?: number | null };
				Returns: Json;
			};
			/** Admins, leads and officers. Adds one priority (current, of the items' organisation) and/or one theme to each chosen item, keeping their other tags. All or nothing: an item held for safeguarding, gone or of another organisation refuses the whole selection (invalid_tags, detail {ids: message}). Each item changed gets its own audit entry (through api.tag_feedback). Returns {tagged, changed}. */
			bulk_tag_feedback: {
				Args: { p_ids: string[]; p_priority_id?: string | null; p_theme?: string | null };
				Returns: Json;
			};
			/** Admins, leads and officers of the question's organisation (not_permitted otherwise). Shows the question to everyone again (see api.set_question_conditions). */
			clear_question_conditions: {
				Args: { p_question_id: string };
				Returns: Json;
			};
			/** The safeguarding role only. Closes a flag with the action taken (referred_childrens_services, referred_police, passed_to_school, already_known, no_concern, other with a note) and who took it; the item returns to staff's inbox. Refusals raise invalid_closure with detail {field: message}. Kept in the audit log. */
			close_safeguarding_flag: {
				Args: { p_flag_id: string; p_action: string; p_note?: string | null };
				Returns: Json;
			};
			/** Admins, leads and officers of the wave's organisation (checked inside: security definer). Makes p_count (1 to 200) one-time links for the wave, with an optional note (p_label, never a name). Returns the new links: id, token, label, created_at. */
			create_invitations: {
				Args: { p_wave_id: string; p_count: number; p_label?: string | null };
				Returns: Json;
			};
			/** Admins, leads and officers of the organisation (not_permitted otherwise). Creates a survey with a link name made from its title and free across every survey and wave. Invalid details raise hint invalid_survey with detail a JSON object of field -> message. */
			create_survey: {
				Args: {
					p_organisation_id: string;
					p_title: string;
					p_audience: string;
					p_introduction?: string | null;
					p_privacy_notice?: string | null;
					p_easy_read?: boolean | null;
				};
				Returns: Json;
			};
			/** Admins, leads and officers of the survey's organisation (not_permitted otherwise). Adds a wave with its own link: the baseline (one per survey, first) or a repeat (opening after the baseline opens). A repeat asks the survey's questions, the same ones as the baseline. Invalid input raises hint invalid_wave with detail a JSON object of field -> message. */
			create_wave: {
				Args: {
					p_survey_id: string;
					p_kind: string;
					p_label: string;
					p_opens_at: string;
					p_closes_at: string;
				};
				Returns: Json;
			};
			/** Admins, leads and officers. One decision with exact counts and its evidence [{id, kind, label, held, ref}] (an item held for safeguarding is listed without its text); null when it is not there or not the caller's. */
			decision: {
				Args: { p_id: string };
				Returns: Json;
			};
			/** Members. The organisation's test questions, or null. */
			decision_test_questions: {
				Args: { p_organisation_id: string };
				Returns: Json;
			};
			/** Admins, leads and officers. Deletes an engagement activity; one cited as evidence by a decision is refused (activity_cited, detail {title: message naming the decisions}). Kept in the audit log with the row as it was. */
			delete_activity: {
				Args: { p_id: string };
				Returns: Json;
			};
			/** Admins and leads; officers only a decision that is not published. Deletes a decision and its evidence links; a published one leaves the public page. Kept in the audit log with the row as it was. */
			delete_decision: {
				Args: { p_id: string };
				Returns: Json;
			};
			/** Admins, leads and officers of the question's organisation (not_permitted otherwise). Deletes a question and its options; refused with hint has_answers when anyone has answered it in any wave. */
			delete_question: {
				Args: { p_question_id: string };
				Returns: undefined;
			};
			/** Admins and leads of the wave's organisation (not_permitted for anyone else, and for an id that is no wave). Deletes a mistaken wave with its responses, answers and counts, keeping p_reason (required, up to 1,000 characters; hint invalid_request with detail {reason: message}) and the wave as it was in the audit log (wave.deleted). Refused (hint invalid_request, the message saying what to do first) while a comment from it is in the safeguarding queue or is evidence for a decision. A baseline deleted leaves the survey with none. Returns {wave_id, survey_id, label, kind, source, responses (deleted), respondents (its count of everyone)}. */
			delete_wave: {
				Args: { p_wave_id: string; p_reason: string };
				Returns: Json;
			};
			/** Members of the organisation (null for anyone else). The disclosure rule in force (current: id, kind, threshold, rounding_base, label, chosen_at), whether the caller may change it (can_edit: admins), and its history newest first, each with chosen_by (the chooser's email, for admins only; null otherwise). */
			disclosure_settings: {
				Args: { p_organisation_id: string };
				Returns: Json;
			};
			/** Admins, leads and officers of the wave's organisation. Records one response given on paper, at an event, by phone or in a focus group (p_channel), typed in by staff, on the day p_given_on, which must fall within the wave's dates (the wave may be closed). Same rules as api.submit_response; idempotent on p_response_id. Invalid input raises hint invalid_answers with detail a JSON object of field -> message (given_on, channel, question keys, about.<dimension>), writing nothing. */
			enter_response: {
				Args: {
					p_wave_id: string;
					p_response_id: string;
					p_answers: Json;
					p_about?: Json | null;
					p_channel?: string | null;
					p_given_on?: string | null;
					p_assistance?: string | null;
					p_panel_code?: string | null;
				};
				Returns: Json;
			};
			/** Administrators of the organisation, and the service role: every row the organisation owns, table by table, with the accounts they name (id and email address) and the migration the database is at, as a backup that app.restore_organisation puts back. Each call is in the audit log. */
			export_organisation: {
				Args: { p_organisation_id: string };
				Returns: Json;
			};
			/** Admins, leads and officers (not_permitted otherwise). Feedback items of the organisation, newest first, filtered by survey, wave, channel, priority, untagged, text (or theme), one theme and one about-you group (p_group 'dimension:code'; invalid_filter when malformed); held items are never in it. Returns {total, items, groups: [{dimension, dimension_label, code, label, n}], themes: [{theme, n}]}. */
			feedback_inbox: {
				Args: {
					p_organisation_id: string;
					p_survey_id?: string | null;
					p_wave_id?: string | null;
					p_channel?: string | null;
					p_priority_id?: string | null;
					p_untagged?: boolean | null;
					p_search?: string | null;
					p_offset?: number | null;
					p_limit?: number | null;
					p_group?: string | null;
					p_theme?: string | null;
				};
				Returns: Json;
			};
			/** Admins, leads and officers. One feedback item with its tags, or null (not there, held for safeguarding, or not the caller's). */
			feedback_item: {
				Args: { p_id: string };
				Returns: Json;
			};
			/** Members (forum and scrutiny included). Each feedback theme and each strategy priority with the number of feedback items under it (never one held for safeguarding): exact for admins, leads and officers (exact true), for everyone else under the disclosure rule (null with items_symbol '[c]' when hidden, else rounded). Each count is its own line and no total is given. quotes: the redacted text of up to 50 quotable items, newest first; never an original. */
			feedback_overview: {
				Args: { p_organisation_id: string };
				Returns: Json;
			};
			/** Admins, leads and officers; never for an item held for safeguarding. The priorities the item most likely belongs to (not those on it or rejected for it), best first, at most p_limit (1-10): [{priority_id, confidence 0-1, sources: keywords and/or learned, keywords matched}]. Confidence under 0.1 is left out. */
			feedback_suggestions: {
				Args: { p_id: string; p_limit?: number | null };
				Returns: Json;
			};
			/** Any staff member (admin, lead, officer, safeguarding) of the item's organisation. Sends the item to the safeguarding queue at once and hides it from everyone else until the flag is closed. Kept in the audit log. */
			flag_feedback: {
				Args: { p_id: string; p_reason?: string | null };
				Returns: Json;
			};
			/** Anyone. The newest applied migration, for /healthz. */
			health: {
				Args: Record<PropertyKey, never>;
				Returns: Json;
			};
			/** Admins, leads, officers, forum and scrutiny. The flow of feedback items (never one held for safeguarding) from each strategy priority they are tagged with, to the decision under that priority they support (linked directly or through a theme; the one furthest along) or to "none", and on to the decision's status. nodes: {key, kind (feedback, priority, decision, none, status), label, ...} in layer order; links: {source, target, value, symbol, small}. Staff: exact, every decision (small marks counts under the threshold). Forum and scrutiny: published decisions only, under the disclosure rule: value null with symbol '[c]' when hidden, also when it could be worked out from the priority's items and the other flows (secondary suppression); else rounded to the rule's base. */
			impact_flow: {
				Args: { p_organisation_id: string };
				Returns: Json;
			};
			/** Members (forum and scrutiny included). By quarter: themes (feedback themes first raised in the quarter, raised, and answered: those with a published response so far, cited as a theme or through a comment that carries it), responses (comments whose first published response came in the quarter, comments, and the median days from comment to response) and activities (engagement activities held, by participation level). Comments held for safeguarding never count. Exact for admins, leads and officers (exact true); for everyone else the numbers of comments under the disclosure rule (null with a '[c]' symbol when hidden, else rounded) and median_days only over at least the threshold of comments. Themes (topics, not people) and activities (public events) are counted exactly for everyone. */
			impact_over_time: {
				Args: { p_organisation_id: string };
				Returns: Json;
			};
			/** Admins, leads and officers of the survey's organisation. Creates a closed wave of aggregated results from a previous tool (source aggregate; p_wave: label, kind, opens_at, closes_at, slug) and writes p_counts straight into the running counts, so indicator_trend reads it with the other waves. p_counts is a list of {question_key, option_value, n, share, base, dimension, category}: no question_key is the number of respondents in the group (required for everyone); no option_value the number who answered the question, required for every question and group with answers given, and the denominator of their shares; both is an answer, with n, or share (a percentage, 0 to 100) of base (which must be the number who answered), stored as share × base / 100 rounded half up with the share kept (option_counts.published_share). kind baseline when the survey has a baseline moves it (admins and leads only; the wave must open before it): the old baseline becomes a repeat. Kept in the audit log (wave.imported). Returns {wave_id, slug, respondents, counts, reconstructed (counts worked out from percentages), previous_baseline (label, or null)}. All or nothing: invalid input raises hint invalid_aggregate with detail {fields: field -> message, rows: [{row, message}]}. */
			import_aggregate: {
				Args: { p_survey_id: string; p_wave: Json; p_counts: Json };
				Returns: Json;
			};
			/** Admins, leads and officers of the organisation (others get an empty list). Its surveys and their waves, with each wave's source (responses or aggregate), status and number of responses: what staff can add to. */
			import_choices: {
				Args: { p_organisation_id: string };
				Returns: Json;
			};
			/** Admins, leads and officers (not_permitted otherwise). Adds up to 5,000 feedback items given other ways (p_rows: [{channel, given_on (YYYY-MM-DD), text, about: {dimension: code}}]), all or none: any problem raises invalid_feedback with detail {rows: [{row (1 = the first item, null = the whole file), field, message}]} naming every problem. Items with a safeguarding phrase go to the queue as hand-added ones do. One audit entry. Returns {added, held}. */
			import_feedback: {
				Args: { p_organisation_id: string; p_rows: Json };
				Returns: Json;
			};
			/** Admins, leads and officers of the wave's organisation. Imports responses to one wave (open or closed), one object a row: question keys (several choices separated by ;), about_<dimension>, channel (default import), given_on (2024-03-27 or 27/03/2024, within the wave), panel_code, assistance, and an optional response_id that makes a re-import skip rows already imported. A dry run writes nothing and reports every bad row ({row, errors: column -> message}, row 1 being the first under the header) and file_errors (wrong columns). A real run writes every row or none: with any bad row it raises hint invalid_rows with the report as detail. */
			import_responses: {
				Args: { p_wave_id: string; p_rows: Json; p_dry_run?: boolean | null };
				Returns: Json;
			};
			/** Members. The decisions on this survey indicator's (question's) trend, in date order: those citing it as evidence (cites) and those filed under its strategy priority (same_priority: the priority of its definition, else of its question): id, you_said, we_did, status, published, decided_on (the date it was taken, else when it was published or recorded: date_recorded true), cites, same_priority. Admins, leads and officers: every one; everyone else: the published ones. */
			indicator_decisions: {
				Args: { p_question_id: string };
				Returns: Json;
			};
			/** Members of the question's organisation, and anyone (anon included) for an indicator the organisation publishes on its public page (app.public_indicators), who gets the figures under the disclosure rule as forum and scrutiny do. One row per wave of the question's survey (in order): how many in the group answered (n), how many gave a positive answer and the share, exact for admins, leads, officers and the safeguarding lead (small_numbers true on a count under the threshold), else through the organisation's disclosure rule (suppressed, n_suppressed, rounded_to; an open wave as of its daily snapshot, as_of). A several-answer question counts people, not ticks: a person is positive once if any of their ticks is; people_unknown is true for a wave of aggregated results whose totals give the ticks of several positive answers only, which cannot say how many people (positive and share null). reconstructed is true for a wave of aggregated results whose answers to the question (in the group) were imported as published percentages of a base and rounded to whole people. rule is the rule followed. p_definition: count by an earlier definition of the indicator (1 is the first; each change of which answers count as positive starts the next; null: the one in force), so that figures published before a change can be reproduced; an unknown one raises invalid_request. definition is the one counted by, latest_definition the one in force; not_counted is true for a wave of a several-answer question answered since that earlier definition changed, which was never counted by it (positive and share null). definition_changes (the same on every row) lists every change of the question's wording and of its positive answers in time order: {kind (wording or positive answers), at, version (the definition a change of positive answers started), before, after, words}. */
			indicator_trend: {
				Args: {
					p_question_id: string;
					p_dimension?: string | null;
					p_category?: string | null;
					p_definition?: number | null;
				};
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
					n_suppressed: boolean | null;
					small_numbers: boolean | null;
					rounded_to: number | null;
					as_of: string | null;
					rule: Json | null;
					people_unknown: boolean | null;
					reconstructed: boolean | null;
					not_counted: boolean | null;
					definition: number | null;
					latest_definition: number | null;
					definition_changes: Json | null;
				}[];
			};
			/** The app's server (service_role) only, for a respondent holding the token, with the respondent's address in X-Client-Address. The wave's slug and the link's status: unused, used, closed or not_yet_open. Null for a token that is not a link, counted against the address: 20 in 10 minutes block the address for 10 minutes, doubling at each further block within a day (hint rate_limited, HTTP 429, details: seconds to wait). Never lists invitations. */
			invitation_status: {
				Args: { p_token: string };
				Returns: Json;
			};
			/** Admins, leads and officers. Links one piece of evidence to a decision: a feedback item (not held), a theme some feedback has, a question of a survey, or an activity, each of the decision's organisation; anything else is refused (invalid_evidence, detail {evidence: message}). Linking twice links once. Returns {id, kind, people}. Kept in the audit log. */
			link_evidence: {
				Args: {
					p_decision_id: string;
					p_feedback_id?: string | null;
					p_theme?: string | null;
					p_question_id?: string | null;
					p_activity_id?: string | null;
				};
				Returns: Json;
			};
			/** Members. The organisation's engagement activities, newest first. Admins, leads and officers get the numbers by group, the notes and the reach across all activities by group (exact true); everyone else one total per activity under the disclosure rule, and no reach. */
			list_activities: {
				Args: { p_organisation_id: string };
				Returns: Json;
			};
			/** Members of the organisation. Admins, leads and officers: every decision, with exact counts (exact true). Forum, scrutiny and safeguarding: published decisions only, "people" under the disclosure rule (rule). Filters by status and priority. */
			list_decisions: {
				Args: { p_organisation_id: string; p_status?: string | null; p_priority_id?: string | null };
				Returns: Json;
			};
			/** Members of the organisation. Every indicator: each question with a saved definition, and each question with positive options and none (a default indicator: its prompt, its priority, the survey's first baseline wave, higher is better, no target). Current ones first, by priority. With p_with_candidates, also each question with options none of which counts as positive yet (positive []: not an indicator; for the form that defines one). No figures: see api.indicator_trend. */
			list_indicators: {
				Args: { p_organisation_id: string; p_with_candidates?: boolean | null };
				Returns: Json;
			};
			/** Members of the wave's organisation (RLS decides). The wave's invitation links, newest first, with when each was used. */
			list_invitations: {
				Args: { p_wave_id: string };
				Returns: Json;
			};
			/** Members of the organisation. Its strategy priorities, current first in order, with how many feedback items the caller can read are filed under each. */
			list_priorities: {
				Args: { p_organisation_id: string };
				Returns: Json;
			};
			/** Members of the organisation (others get an empty list; not anon). Its surveys with their waves and the questions that have positive answers (indicators). Each wave has responses (how many responded), responses_symbol and responses_small: staff (admin, lead, officer, safeguarding) get the exact live number, responses_small true when under the threshold; forum, scrutiny and every other restricted caller get it under the disclosure rule: null with responses_symbol '[c]' from 1 to under the threshold, rounded to the rule's base, and for an open wave as of its daily snapshot rounded to at least 5. Each indicator carries its conditions (null when everyone is asked) and condition_questions, the questions they name with their options, so that the dashboard can say who was asked. */
			list_surveys: {
				Args: { p_organisation_id: string };
				Returns: Json;
			};
			/** The app's server (service_role) only. By p_response_id with the draft's key (p_draft_key): the draft (answers, page, resume code, wave) if it has not expired; {status: locked} without the right key (the address alone, or a draft made before keys); {status: submitted} when the response id has already been sent; null otherwise. By p_resume_code (typed by the respondent) with a new key: the draft, now kept under that key, or null. Never lists drafts. Wrong codes are counted per client address (X-Client-Address): 20 in 10 minutes block the address for 10 minutes, doubling at each further block within a day (hint rate_limited, HTTP 429, details: seconds). */
			load_draft: {
				Args: { p_response_id?: string | null; p_resume_code?: string | null; p_draft_key?: string | null };
				Returns: Json;
			};
			/** Signed-in users. The caller's organisations and roles; none until a caller with a second factor has used it. */
			my_memberships: {
				Args: Record<PropertyKey, never>;
				Returns: {
					organisation_id: string | null;
					organisation_slug: string | null;
					organisation_name: string | null;
					role: 'admin' | 'lead' | 'officer' | 'forum' | 'scrutiny' | 'safeguarding' | null;
				}[];
			};
			/** Members of the organisation (RLS decides; null for anyone else). Its settings: name, slug, the address of its "you said, we did" page, and whether the caller may change them (admin, lead). */
			organisation_settings: {
				Args: { p_organisation_id: string };
				Returns: Json;
			};
			/** Members of the organisation. Every current indicator's trend (questions with answers that count as positive, not retired; of one survey when given) in one call, for the overview: [{question_id, trend}], each trend the rows api.indicator_trend gives the caller for everyone, wave by wave. Exact for admins, leads, officers and the safeguarding lead, from the running counts; for forum and scrutiny api.indicator_trend's own rows, under the organisation's disclosure rule. Another organisation: []. */
			overview_trends: {
				Args: { p_organisation_id: string; p_survey_id?: string | null };
				Returns: Json;
			};
			/** Members of the question's organisation (any role; others get not_found; not anon). For one question with a single answer and two waves of its survey: how many people gave the same panel code in both (linked), how many moved from each category to each other (cells, every pair in order: from_value, to_value, n, suppressed, symbol, small), and the margins: from_totals (linked people by their category in the from wave) and to_totals (in the to wave), each {value, label, n, symbol, small}. A panel code's latest response in a wave counts. Staff (admin, lead, officer, safeguarding) get every answer to every answer, exact and live (exact true, grouped false), with small true on counts under the threshold. Forum, scrutiny and every other restricted caller get the two-by-two table of positive and not positive answers (grouped true; values positive and not_positive; refused with invalid_request when no answer counts as positive), controlled by the organisation's disclosure rule with primary and complementary suppression over cells, margins, linked and both waves' published tables: a hidden n (or linked) is null with symbol '[c]'; shown counts are rounded to rounded_to; when either wave is open, only responses sent before the start of today (UTC, as_of) count, rounded to at least 5. rule is the rule followed. */
			panel_journey: {
				Args: { p_question_id: string; p_from_wave_id: string; p_to_wave_id: string };
				Returns: Json;
			};
			/** Members of the organisation (null for anyone else). Its population sets ({id, origin, la_code, la_name, source, year, loaded_at, counts: [{dimension, category, count}]}), its local authority code (la_code) and whether the caller may change them (can_edit: admins). */
			population_settings: {
				Args: { p_organisation_id: string };
				Returns: Json;
			};
			/** Admins, leads and officers. The keywords kept for a priority, in alphabetical order. */
			priority_keywords: {
				Args: { p_priority_id: string };
				Returns: Json;
			};
			/** Anyone, anon included. The organisation (name, slug) with the slug and the indicators it publishes on its public page: [{question_id, key, prompt, kind, survey {slug, title, audience}, priority, positive (the labels of the answers that count as positive), published_at}]; null for no such organisation. Their figures come from api.indicator_trend, under the organisation's disclosure rule. */
			public_indicators: {
				Args: { p_organisation_slug: string };
				Returns: Json;
			};
			/** Admins and leads. Puts a decision on the organisation's public "you said, we did" page (p_published true) or takes it off. A decision with no "what we did" is refused (invalid_decision, detail {we_did: message}). Kept in the audit log. */
			publish_decision: {
				Args: { p_id: string; p_published?: boolean | null };
				Returns: Json;
			};
			/** Members of the question's organisation (any role; not_found for anyone else; not anon). For one question with answers to choose and one wave of its survey: rows for everyone (dimension _all), for each category of every dimension counted in the wave (about-you dimensions, channel, assistance) and, where some did not say, category _not_stated, so that each dimension's rows add up to everyone. Each row: dimension, category, label, n (how many in the group answered the question), n_symbol, small, and cells (one per column in order: value, count, symbol, small, share). options {value,label,positive,answers} are the columns (answers: the option values each counts). Staff (admin, lead, officer, safeguarding) get a column per option, exact and live, exact true, grouped false, with small true on counts under the threshold. Forum, scrutiny and every other restricted caller get controlled figures: for a one-answer question with answers that count as positive, two columns (positive: its positive answers; not_positive: the others; grouped true) by every group; for any other question, a column per option for everyone only (no group rows). A hidden figure has count (or n) null and symbol (n_symbol) '[c]'; shown counts are rounded to rounded_to; an open wave's figures are as of its daily snapshot (as_of) and rounded to at least 5; share is count / n only where n is shown and at least the threshold. A several-answer question's rows also give people_positive: how many in the group ticked at least one positive answer (people, not ticks; null with people_positive_symbol '[c]' when hidden, and null for groups a restricted reader gets no row for); null for other questions. Also returns question_id, question_kind, wave {id,label,kind,status} and rule {id,kind,threshold,rounding_base,label,chosen_at} (the rule followed). */
			published_table: {
				Args: { p_question_id: string; p_wave_id: string };
				Returns: Json;
			};
			/** The app's server (service_role) only, on a schedule. Deletes drafts past their expiry or of a wave closed a week ago, and the counts of client addresses not seen for a day (not blocked). Returns {expired_drafts, closed_wave_drafts, address_counts}. */
			purge_expired: {
				Args: Record<PropertyKey, never>;
				Returns: Json;
			};
			/** Who a survey reached: for each wave, respondents in total and by channel, by how the answers were given, by language and by each about-you question the survey asks (groups with their counts, and those who did not say), and the panel members who answered both the baseline and each repeat. Exact for admins, leads, officers and the safeguarding lead (small marks a count under the threshold); under the organisation's disclosure rule for forum and scrutiny (a hidden count is null with symbol [c]; shown counts rounded; an open wave as at the start of the day). From the running counts, never raw answers. */
			reach: {
				Args: { p_survey_id: string };
				Returns: Json;
			};
			/** Admins, leads and officers. "Not this": the priority is not suggested again for the item. Kept in the audit log. */
			reject_suggestion: {
				Args: { p_id: string; p_priority_id: string };
				Returns: Json;
			};
			/** Admins of the organisation (not_permitted otherwise). Removes its population set of one origin (dfe or upload): {removed, origin}. */
			remove_population: {
				Args: { p_organisation_id: string; p_origin: string };
				Returns: Json;
			};
			/** Admins and leads. Deletes a priority with no feedback or decisions filed under it; one with either is retired instead (kept, no longer offered for tagging). Returns {id, retired}. Kept in the audit log. */
			remove_priority: {
				Args: { p_id: string };
				Returns: Json;
			};
			/** Admins and leads. Removes a keyword from its priority. Kept in the audit log. */
			remove_priority_keyword: {
				Args: { p_id: string };
				Returns: Json;
			};
			/** Admins and the safeguarding role. Removes a phrase from the list. Kept in the audit log. */
			remove_safeguarding_phrase: {
				Args: { p_id: string };
				Returns: Json;
			};
			/** Admins, leads and officers of the survey's organisation (not_permitted otherwise). Stops offering the survey in the language and forgets its translations. Responses given in it keep their language; a respondent part-way through sees the rest in English. */
			remove_survey_language: {
				Args: { p_survey_id: string; p_code: string };
				Returns: Json;
			};
			/** Admins, leads and officers of the survey's organisation (not_permitted otherwise). Puts the survey's questions in the order given, which must name each of them once (hint invalid_order otherwise). */
			reorder_questions: {
				Args: { p_survey_id: string; p_question_ids: string[] };
				Returns: undefined;
			};
			/** Members of the wave's organisation (not_found otherwise; not anon). The wave (and its survey: title, audience, about_dimensions), its respondents (respondents: {n, symbol, small}) and its respondents by about-you group (groups: [{dimension, category, label, n, symbol, small}], category _not_stated for those who did not say), from the running counts, and the organisation's population sets (populations, as api.population_settings). Forum, scrutiny and every other restricted caller get the counts under the disclosure rule (app.wave_group_figures: a hidden n is null with symbol '[c]'; shown counts rounded to rounded_to; an open wave as of today's snapshot, as_of); staff (admin, lead, officer, safeguarding) get exact live counts (exact true) with small true under the threshold. rule is the rule followed. */
			representation: {
				Args: { p_wave_id: string };
				Returns: Json;
			};
			/** Admins, leads, officers and safeguarding members of the survey's organisation (not_permitted otherwise). The hours in which a wave of the survey received at least 30 answers online or in easy read and at least five times its usual rate (its online answers over the whole hours it has been open so far), newest first, at most 50: [{wave_id, wave_label, hour, responses, usual}]. Answers keyed in by staff are left out. Nothing about who sent them. */
			response_bursts: {
				Args: { p_survey_id: string };
				Returns: Json;
			};
			/** Admins, leads and officers of the survey's organisation (not_permitted otherwise). The ends of the pages of a download of responses (one wave, or every wave with p_wave_id null), p_limit responses a page (1 to 10,000): [[submitted_at, id]] of the last response of every full page, in the order they were sent. Each page can then be read at once with api.response_export_rows (after the end before, up to its own end); the responses after the last end are read after it. */
			response_export_bounds: {
				Args: { p_survey_id: string; p_wave_id?: string | null; p_limit?: number | null };
				Returns: Json;
			};
			/** Admins, leads and officers of the survey's organisation (not_permitted otherwise). One page of a download of responses, in the order they were sent (submitted_at, id), after the last one of the page before: each response's wave, date, channel, language, how it was answered, about-you answers and answers by question key (option values in order, or a number). Free text is left out. */
			response_export_page: {
				Args: {
					p_survey_id: string;
					p_wave_id?: string | null;
					p_after_submitted_at?: string | null;
					p_after_id?: string | null;
					p_limit?: number | null;
				};
				Returns: Json;
			};
			/** Admins, leads and officers of the survey's organisation (not_permitted otherwise). One page of a download of responses (what api.response_export_page gives, in a compact form), in the order they were sent (submitted_at, id), after the last one of the page before (p_after_submitted_at, p_after_id) and, when given, up to and including p_before_submitted_at, p_before_id (the ends given by api.response_export_bounds, so that several pages can be read at once): {waves: [slug], options: [[question key, option value]], numbers: [question key], rows: [[id, wave (from 1, in waves), submitted_at, channel, language, assistance, about]], answers: {rows, options} (each option chosen: its row, from 1, and its number, from 1, in options), numbered: {rows, questions, values} (each number given: its row, its question, from 1, in numbers, and the number)}. Free text is left out. */
			response_export_rows: {
				Args: {
					p_survey_id: string;
					p_wave_id?: string | null;
					p_after_submitted_at?: string | null;
					p_after_id?: string | null;
					p_limit?: number | null;
					p_before_submitted_at?: string | null;
					p_before_id?: string | null;
				};
				Returns: Json;
			};
			/** Admins and leads. Retires an indicator (p_retired true: no longer on the overview, kept with its answers) or brings it back (false). Kept in the audit log. */
			retire_indicator: {
				Args: { p_question_id: string; p_retired?: boolean | null };
				Returns: Json;
			};
			/** The app's server (service_role) only. Organisations with open safeguarding flags not yet announced and no notice in the last p_quiet_minutes (0 to 1,440; invalid_request otherwise): [{organisation_id, organisation_name, new_items, recipients: [email of each safeguarding member]}]; marks those flags announced and the notice sent. Never anything of the items themselves. */
			safeguarding_notices_due: {
				Args: { p_quiet_minutes?: number | null };
				Returns: Json;
			};
			/** Admins and the safeguarding role. The organisation's phrase list. */
			safeguarding_phrases: {
				Args: { p_organisation_id: string };
				Returns: Json;
			};
			/** The safeguarding role only (not_permitted otherwise). Open flags, oldest first: the text, when it arrived, how long it has waited, and whether that is longer than the organisation's safeguarding_alert_hours. */
			safeguarding_queue: {
				Args: { p_organisation_id: string };
				Returns: Json;
			};
			/** Admins, leads and officers. Records an engagement activity (p_id null) or changes one: name, date (not in the future), kind, level of participation, phase (an about-you phase code, or null for all) and how many took part by group {children_young_people, parent_carers, professionals, others}. Refusals raise invalid_activity with detail {field: message}. Kept in the audit log. */
			save_activity: {
				Args: {
					p_organisation_id: string;
					p_title: string;
					p_held_on: string;
					p_kind: string;
					p_participation: string;
					p_id?: string | null;
					p_phase?: string | null;
					p_took_part?: Json | null;
					p_notes?: string | null;
				};
				Returns: Json;
			};
			/** Admins, leads and officers. Records a decision (p_id null) or changes one: what people said, what was done, status (not_possible needs a reason), the body and date, owner, priority (the organisation's), level of participation and the answers to the test questions [{question, answer}]. A published decision keeps a "what we did". Refusals raise invalid_decision with detail {field: message}. Kept in the audit log. */
			save_decision: {
				Args: {
					p_organisation_id: string;
					p_you_said: string;
					p_status: string;
					p_id?: string | null;
					p_we_did?: string | null;
					p_not_possible_reason?: string | null;
					p_decided_by?: string | null;
					p_decided_on?: string | null;
					p_owner?: string | null;
					p_priority_id?: string | null;
					p_participation?: string | null;
					p_test_answers?: Json | null;
				};
				Returns: Json;
			};
			/** The app's server (service_role) only, for a respondent whose pages hold the response id and the draft's key (p_draft_key). Keeps the answers of a survey under way: p_answers (form field -> text or list of text) is merged into what was kept before, at most 500 fields and 100,000 bytes in all; p_step is the page to return to. Creates the draft, under p_draft_key and with a new 12-character resume code, the first time; changes it only with that key (hint draft_locked otherwise). Refuses a closed or not yet open wave (hint wave_closed / wave_not_open), a response already sent (already_submitted) and a draft of another wave (wrong_wave). Per client address (X-Client-Address), at most 3,000 saves and 300 new drafts an hour (hint rate_limited, HTTP 429, details: seconds to wait). p_language is the language chosen, one the survey offers; null or any other keeps the draft in English. Returns the draft as api.load_draft does. */
			save_draft: {
				Args: {
					p_response_id: string;
					p_wave_slug: string;
					p_answers?: Json | null;
					p_step?: number | null;
					p_easy_read?: boolean | null;
					p_language?: string | null;
					p_draft_key?: string | null;
				};
				Returns: Json;
			};
			/** Admins and leads. Defines the indicator read off a question (creates or changes its row): label, strategy priority (null: none), baseline wave (null: the survey's first baseline), target percent and date (both or neither), whether higher is better. Refusals raise invalid_indicator with detail {field: message}: no positive answers chosen on the question, an unknown priority, a wave of another survey, a target outside 0-100. Kept in the audit log. */
			save_indicator: {
				Args: {
					p_question_id: string;
					p_label: string;
					p_priority_id?: string | null;
					p_baseline_wave_id?: string | null;
					p_target_percent?: number | null;
					p_target_date?: string | null;
					p_higher_is_better?: boolean | null;
				};
				Returns: Json;
			};
			/** Admins and leads. Adds a strategy priority (p_id null) or changes one: code, title, description and place in the order (the others move to make room). Refusals raise invalid_priority with detail {field: message}. Kept in the audit log. */
			save_priority: {
				Args: {
					p_organisation_id: string;
					p_title: string;
					p_id?: string | null;
					p_code?: string | null;
					p_description?: string | null;
					p_position?: number | null;
				};
				Returns: Json;
			};
			/** Admins, leads and officers. Saves the redacted text of an item (names and identifying details taken out), marks it reviewed for quoting by the caller, now, and quotable or not. Refuses a held item and an empty redaction or one with nothing left but [placeholders]: invalid_quote with detail {field: message}. The original text is never changed. Kept in the audit log. */
			save_quote: {
				Args: { p_id: string; p_text: string; p_quotable?: boolean | null };
				Returns: Json;
			};
			/** Admins, leads and officers of the survey's organisation (not_permitted otherwise). Replaces the translations of one of the survey's languages with p_translations: text key (see app.survey_texts) -> text; an empty or null text is left untranslated (shown in English). Returns how many of the survey's texts are translated. A key the survey does not have or a text too long raises hint invalid_translations with detail key -> message; a language the survey does not offer raises not_found. */
			save_survey_translations: {
				Args: { p_survey_id: string; p_code: string; p_translations: Json };
				Returns: Json;
			};
			/** Admins and leads. The questions each decision is tested against (up to 10). Kept in the audit log. */
			set_decision_test_questions: {
				Args: { p_organisation_id: string; p_questions: string[] };
				Returns: Json;
			};
			/** Admins of the organisation (not_permitted otherwise). Chooses its disclosure rule: p_kind under_10 (under 10 hidden), nhs_england (1–7 hidden, others rounded to the nearest 5) or custom (p_threshold a whole number from 3 to 100: counts under it hidden; p_rounding_base a whole number from 1, no rounding, to 1000). Records who and when, keeping the earlier rules. Bad input raises hint invalid_rule with detail {kind|threshold|rounding_base: message} and writes nothing. Returns the new rule (id, kind, threshold, rounding_base, label, chosen_at). */
			set_disclosure_rule: {
				Args: {
					p_organisation_id: string;
					p_kind: string;
					p_threshold?: number | null;
					p_rounding_base?: number | null;
				};
				Returns: Json;
			};
			/** Admins of the organisation (not_permitted otherwise). Replaces its population set of one origin: dfe (p_rows in DfE's terms: dimension total, ethnicity, age, sex or primary_need; group the DfE category; count a whole number, empty when not available; p_la_code required) or upload (dimension an about-you dimension key or label; group a category code or label, or total; count a whole number of 0 or more). All rows or none: problems raise hint invalid_population with detail {problems: [{row, message}]} (row 1 is the first row; null for the whole set): unknown dimension or group, a negative count, a share instead of a count, a group twice, groups adding up to more than their total. Returns {id, origin, rows}. */
			set_population: {
				Args: {
					p_organisation_id: string;
					p_origin: string;
					p_source: string;
					p_year: string;
					p_rows: Json;
					p_la_code?: string | null;
					p_la_name?: string | null;
				};
				Returns: Json;
			};
			/** Admins and leads of the question's organisation (not_permitted for its other members, not_found for anyone else). p_public true publishes the indicator on the organisation's public page, false stops; only a question with answers that count as positive can be published (invalid_request). Kept in the audit log. Returns {question_id, public}. */
			set_public_indicator: {
				Args: { p_question_id: string; p_public: boolean };
				Returns: Json;
			};
			/** Admins, leads and officers of the question's organisation (not_permitted otherwise). Shows the question only when earlier answers meet the conditions: p_rules a list of {question (id of a question on an earlier page), test: chosen (values: option values, any of them) | between (min, max: either may be empty) | answered | not_answered}; p_match all or any. An empty list (or null) clears them: always shown. Refuses a rule on the question itself, a later question or one on the same page, a circular one, one naming an option that is no longer there, and one that can never be true, with hint invalid_condition and detail rules.<n> -> message, writing nothing. On a question that has answers a change makes a new version, as a change of wording does, and the result carries the same warning. */
			set_question_conditions: {
				Args: { p_question_id: string; p_match: string; p_rules: Json };
				Returns: Json;
			};
			/** Admins, leads and officers of the question's organisation (not_permitted otherwise). Shows the question on the same page as the one before it (true) or on a page of its own (false). Layout only: no new version. */
			set_question_page: {
				Args: { p_question_id: string; p_same_page: boolean };
				Returns: undefined;
			};
			/** Admins, leads and officers of the survey's organisation (not_permitted otherwise). Chooses which about-you questions the survey asks: p_dimensions lists app.about_dimensions keys, empty for none. Unknown keys raise hint invalid_survey with detail {about_dimensions: message}. Answers already given are kept; respondents from now on are asked only these. */
			set_survey_about: {
				Args: { p_survey_id: string; p_dimensions: string[] };
				Returns: Json;
			};
			/** Admins, leads and officers of the wave's organisation (checked inside). Whether the wave is answered only through invitation links (p_invitation_only); a change is kept in the audit log. Returns id and invitation_only. */
			set_wave_access: {
				Args: { p_wave_id: string; p_invitation_only: boolean };
				Returns: Json;
			};
			/** Admins, leads and officers of the wave's organisation (RLS decides). Opens, closes or reschedules a wave. */
			set_wave_dates: {
				Args: { p_wave_id: string; p_opens_at: string; p_closes_at: string };
				Returns: Json;
			};
			/** Admins and leads of the organisation (not_permitted otherwise). Sets the address of its "you said, we did" page: a full https:// address, 500 characters at most; empty or null removes it. Anything else raises hint invalid_settings with detail {you_said_we_did_url: message}. */
			set_you_said_we_did_url: {
				Args: { p_organisation_id: string; p_url: string };
				Returns: Json;
			};
			/** Signed-in users. The options the database gives a question of a standard kind (agreement_5, faces_3, yes_no_unsure, rating_0_10), in order, with the ones that count as positive by default; null for other kinds. */
			standard_options: {
				Args: { p_kind: string };
				Returns: Json;
			};
			/** The app's server (service_role) only, for a respondent holding the token. Starts a draft (as api.save_draft, under p_draft_key) bound to the invitation, so that submitting its response uses the link. Refuses a used link (invitation_used), an unknown one (not_found), and a closed or not yet open wave as api.save_draft does. */
			start_invitation: {
				Args: {
					p_token: string;
					p_response_id: string;
					p_easy_read?: boolean | null;
					p_language?: string | null;
					p_draft_key?: string | null;
				};
				Returns: Json;
			};
			/** Admins, leads and officers of the survey's organisation (not_permitted otherwise). Starts a download of the responses of one wave (or of every wave, p_wave_id null): records it in app.response_exports (who, when, which wave, as what) and returns the data dictionary: the survey, its waves, its questions (kind, wording, version, options, earlier wordings; free text marked exported = false) and about-you categories. The responses themselves come from api.response_export_page. */
			start_response_export: {
				Args: {
					p_survey_id: string;
					p_wave_id?: string | null;
					p_format?: string | null;
					p_labels?: boolean | null;
				};
				Returns: Json;
			};
			/** The app's server (service_role) only, for a respondent, with the respondent's address in X-Client-Address. Records one response to an open wave, idempotent on the client-made p_response_id. p_answers maps question keys to an option value, a list of option values, a number or text. Refuses a closed or not yet open wave (hint wave_closed / wave_not_open), invalid answers (hint invalid_answers, detail a JSON object of field -> message), a channel other than online or easy_read (hint not_permitted; staff use api.enter_response), more than 300 responses an hour from one address (rate_limited), and the response of a draft kept under another key than p_draft_key (draft_locked), writing nothing. */
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
					p_draft_key?: string | null;
				};
				Returns: Json;
			};
			/** Members of the survey's organisation (RLS decides; null for anyone else). A survey as its builder shows it: details, the about-you questions it asks (about_dimensions) beside every one it could ask (about: key, label, asked, a few example categories and how many there are), questions in order with their options, earlier wordings and how many answered, waves with their responses, the organisation's strategy priorities, whether the caller may edit, the texts a language translates (key, English, most characters) and the languages with their translations, how many texts each has translated and how many responses were given in each (those the caller may read). */
			survey_for_builder: {
				Args: { p_survey_id: string };
				Returns: Json;
			};
			/** Anyone (anon included). A survey as its respondents see it, by a wave's slug or the survey's (its open wave, else the next to open, else the last closed): organisation, survey, wave and its status, questions, languages with their translations, about-you questions; null for an unknown slug. Before any of its waves has opened, anyone but admins, leads and officers of its organisation gets only what says it is not open yet: the organisation's name and slug, the survey's title and easy_read, the wave's label, opens_at and status, and its languages (code, name, direction) with the title's translation alone. */
			survey_for_respondent: {
				Args: { p_slug: string };
				Returns: Json;
			};
			/** Admins, leads and officers. Sets an item's priorities (its organisation's, not retired unless already there), themes (lower case, 80 characters at most) and sentiment (positive, mixed, neutral, negative or null). Refusals raise invalid_tags with detail {field: message}; another member of the organisation (forum, scrutiny, safeguarding) gets not_permitted. Kept in the audit log. */
			tag_feedback: {
				Args: {
					p_id: string;
					p_priority_ids?: string[] | null;
					p_themes?: string[] | null;
					p_sentiment?: string | null;
				};
				Returns: Json;
			};
			/** Admins, leads and officers. Removes one piece of evidence from a decision. Kept in the audit log. */
			unlink_evidence: {
				Args: { p_id: string };
				Returns: Json;
			};
			/** Admins, leads and officers of the question's organisation (not_permitted otherwise). Changes a question; its kind and key stay. p_options, when given, is the full list of options in order: {id?, label, easy_read_label?, symbol?, is_positive}; an option left out is deleted and one without id is added (single and multi choice only). When the wording (prompt, easy-read prompt, options) of a question that has answers changes, the question keeps its id and key, its version goes up, the old wording is kept in app.question_versions, and the result carries a warning to show. Removing an option that has answers raises hint has_answers; invalid input raises hint invalid_question with detail field -> message. p_symbol is the question's symbol (an OpenMoji hexcode; empty for none; null keeps it); a symbol is not wording, so changing one never makes a new version. */
			update_question: {
				Args: {
					p_question_id: string;
					p_prompt: string;
					p_easy_read_prompt?: string | null;
					p_help_text?: string | null;
					p_required?: boolean | null;
					p_max_length?: number | null;
					p_min_value?: number | null;
					p_max_value?: number | null;
					p_priority_id?: string | null;
					p_options?: Json | null;
					p_symbol?: string | null;
				};
				Returns: Json;
			};
			/** Admins, leads and officers of the survey's organisation (not_permitted otherwise). Changes a survey's title, audience, introduction, privacy notice and easy-read flag; its link stays the same. Invalid details raise hint invalid_survey with detail a JSON object of field -> message. */
			update_survey: {
				Args: {
					p_survey_id: string;
					p_title: string;
					p_audience: string;
					p_introduction?: string | null;
					p_privacy_notice?: string | null;
					p_easy_read?: boolean | null;
				};
				Returns: Json;
			};
			/** Admins, leads and officers of the survey's organisation (not_permitted otherwise). Changes the own name (p_name, as its speakers write it, 1 to 60 characters) and direction (p_direction, ltr or rtl) of one of the survey's languages; its code and translations stay. Invalid input raises hint invalid_language with detail field -> message; a language the survey does not offer raises not_found. */
			update_survey_language: {
				Args: { p_survey_id: string; p_code: string; p_name: string; p_direction: string };
				Returns: Json;
			};
			/** Anyone, signed in or not. The published decisions of the organisation with this slug, as cards grouped by strategy priority (in the strategy's order; those under none last): what people said and "people" who told us under the disclosure rule (null with people_symbol '[c]' when hidden, rounded to the rule's base), up to three quotes (the redacted text of reviewed, quotable feedback linked to it; never an original nor a held item), what was done, status, body, date, level of participation, test answers, indicators and activities (one total taking part each, under the rule); never the owner nor the themes (staff's own words). rule is the rule it followed. Null for an unknown slug. */
			you_said_we_did: {
				Args: { p_slug: string };
				Returns: Json;
			};
		};
		Enums: { [_ in never]: never };
		CompositeTypes: { [_ in never]: never };
	};
};
