import { publicIndicatorSet, publicIndicators } from '$lib/indicators/public';
import { error, fail } from '@sveltejs/kit';
import type { PostgrestError, SupabaseClient } from '@supabase/supabase-js';
import { setError, type SuperValidated } from 'sveltekit-superforms';
import { z } from 'zod';
import { codes, MEMBER_ROLES } from '$lib/domain';
import type { Database, Json } from '$lib/database.types';
import {
	aboutSet,
	builderSurvey,
	languageRemoved,
	languageSaved,
	questionAdded,
	questionUpdated,
	responseBurst,
	standardOption,
	surveySaved,
	translationsSaved,
	waveAccessSet,
	waveCreated,
	waveDatesSet
} from '$lib/builder/types';
import { conditionsSet } from '$lib/conditions';
import { impactOverTime } from '$lib/decisions/over-time';
import {
	activityList,
	activitySaved,
	decisionList,
	decisionPublished,
	decisionDeleted,
	activityDeleted,
	decisionSaved,
	decisionWithEvidence,
	evidenceLinked,
	evidenceUnlinked,
	impactFlow,
	indicatorDecision,
	testQuestionsSet,
	youSaidWeDid
} from '$lib/decisions/types';
import { organisationBackup } from '$lib/backup/types';
import { exportBounds, exportDictionary, exportedResponse, exportRowsPage } from '$lib/exports/types';
import { disclosureRule, disclosureSettings, publishedTable } from '$lib/disclosure/types';
import {
	auditEntry,
	feedbackAdded,
	feedbackBulkTagged,
	feedbackFlagged,
	feedbackInbox,
	feedbackItem,
	feedbackOverview,
	feedbackTagged,
	flagClosed,
	phrase,
	phraseAdded,
	prioritiesAdded,
	priority,
	priorityKeyword,
	priorityRemoved,
	prioritySaved,
	noticeDue,
	quoteSaved,
	safeguardingQueue,
	suggestion,
	suggestionRejected,
	aboutChoices,
	feedbackImported
} from '$lib/feedback/types';
import {
	aggregateImported,
	aggregateProblems,
	importReport,
	importSurvey,
	waveDeleted
} from '$lib/imports/types';
import { indicatorDefinition, indicatorRetired, indicatorSaved } from '$lib/indicators/definitions';
import { panelJourney, surveySummary, trendPoint } from '$lib/indicators/types';
import { reach } from '$lib/reach/types';
import {
	draft,
	invitation,
	invitationsMade,
	invitationStatus,
	loadedDraft,
	responseSent,
	surveyForRespondent
} from '$lib/respondent/types';
import {
	populationProblems,
	populationRemoved,
	populationSaved,
	populationSettings,
	representation
} from '$lib/representation/types';
import { organisationSettings, youSaidWeDidUrlSet } from '$lib/settings/types';

/**
 * The one module that calls the API (`rpc()`): one typed call, one error type, one way from a
 * database error to the messages a form shows. Data modules under `src/lib/server/<feature>/` go
 * through `call()`; nothing else calls `.rpc(` (the embedded stand-in and the tests aside).
 */

/** The per-request client: the API schema, with the caller's session. */
export type Client = SupabaseClient<Database, 'api'>;
/** What `call()` needs of a client: its `rpc` (the respondents' server client has no more). */
export type Caller = Pick<Client, 'rpc'>;
type Fns = Database['api']['Functions'];
type Fn = keyof Fns;

/** The API functions that return jsonb: each needs its result's shape in `results`. */
type JsonFn = { [F in Fn]: [Json] extends [Fns[F]['Returns']] ? F : never }[Fn];

/**
 * What each API function returns, keyed by function name: every function that returns jsonb, and
 * those whose generated `returns table` type is looser than what they return (every column nullable).
 * The shapes are declared once, as zod schemas beside the feature that owns them. At run time a
 * result is not parsed (the respondent's pages are the hot path, and the database is ours); instead
 * tests/db/api-results.test.ts calls every function listed here on both engines and checks that each
 * result parses to exactly itself, so a SQL change that breaks a shape fails the tests.
 */
export const results = {
	accept_suggestion: feedbackTagged,
	about_choices: aboutChoices,
	add_feedback: feedbackAdded,
	add_priorities: prioritiesAdded,
	add_priority_keyword: priorityKeyword,
	add_question: questionAdded,
	add_safeguarding_phrase: phraseAdded,
	audit_log: z.array(auditEntry),
	bulk_tag_feedback: feedbackBulkTagged,
	clear_question_conditions: conditionsSet,
	close_safeguarding_flag: flagClosed,
	add_survey_language: languageSaved,
	create_invitations: invitationsMade,
	create_survey: surveySaved,
	create_wave: waveCreated,
	decision: decisionWithEvidence.nullable(),
	decision_test_questions: z.array(z.string()).nullable(),
	disclosure_settings: disclosureSettings.nullable(),
	enter_response: responseSent,
	export_organisation: organisationBackup,
	feedback_inbox: feedbackInbox,
	feedback_item: feedbackItem.nullable(),
	feedback_overview: feedbackOverview,
	impact_over_time: impactOverTime,
	feedback_suggestions: z.array(suggestion),
	flag_feedback: feedbackFlagged,
	health: z.object({ migration: z.string().nullable(), database_time: z.string() }),
	import_feedback: feedbackImported,
	import_aggregate: aggregateImported,
	import_choices: z.array(importSurvey),
	import_responses: importReport,
	impact_flow: impactFlow,
	indicator_decisions: z.array(indicatorDecision),
	indicator_trend: z.array(trendPoint),
	invitation_status: invitationStatus,
	link_evidence: evidenceLinked,
	list_activities: activityList,
	list_decisions: decisionList,
	list_indicators: z.array(indicatorDefinition),
	list_invitations: z.array(invitation),
	list_priorities: z.array(priority),
	list_surveys: z.array(surveySummary),
	load_draft: loadedDraft,
	my_memberships: z.array(
		z.object({
			organisation_id: z.string(),
			organisation_slug: z.string(),
			organisation_name: z.string(),
			role: z.enum(codes(MEMBER_ROLES))
		})
	),
	organisation_settings: organisationSettings.nullable(),
	overview_trends: z.array(z.object({ question_id: z.string(), trend: z.array(trendPoint) })),
	panel_journey: panelJourney,
	population_settings: populationSettings.nullable(),
	priority_keywords: z.array(priorityKeyword),
	publish_decision: decisionPublished,
	safeguarding_notices_due: z.array(noticeDue),
	purge_expired: z.object({
		expired_drafts: z.number(),
		closed_wave_drafts: z.number(),
		address_counts: z.number()
	}),
	delete_decision: decisionDeleted,
	delete_activity: activityDeleted,
	delete_wave: waveDeleted,
	published_table: publishedTable,
	reach,
	reject_suggestion: suggestionRejected,
	remove_population: populationRemoved,
	remove_priority: priorityRemoved,
	remove_priority_keyword: priorityKeyword,
	remove_safeguarding_phrase: phrase,
	remove_survey_language: languageRemoved,
	representation: representation,
	response_bursts: z.array(responseBurst),
	retire_indicator: indicatorRetired,
	response_export_bounds: exportBounds,
	response_export_page: z.array(exportedResponse),
	response_export_rows: exportRowsPage,
	safeguarding_phrases: z.array(phrase),
	safeguarding_queue: safeguardingQueue,
	save_activity: activitySaved,
	save_decision: decisionSaved,
	save_priority: prioritySaved,
	save_quote: quoteSaved,
	save_draft: draft,
	save_indicator: indicatorSaved,
	save_survey_translations: translationsSaved,
	set_decision_test_questions: testQuestionsSet,
	set_disclosure_rule: disclosureRule,
	set_population: populationSaved,
	set_public_indicator: publicIndicatorSet,
	set_question_conditions: conditionsSet,
	set_survey_about: aboutSet,
	set_wave_access: waveAccessSet,
	set_wave_dates: waveDatesSet,
	set_you_said_we_did_url: youSaidWeDidUrlSet,
	public_indicators: publicIndicators.nullable(),
	standard_options: z.array(standardOption).nullable(),
	start_invitation: draft,
	start_response_export: exportDictionary,
	submit_response: responseSent,
	survey_for_builder: builderSurvey.nullable(),
	survey_for_respondent: surveyForRespondent.nullable(),
	tag_feedback: feedbackTagged,
	unlink_evidence: evidenceUnlinked,
	update_question: questionUpdated,
	update_survey: surveySaved,
	update_survey_language: languageSaved,
	you_said_we_did: youSaidWeDid.nullable()
} satisfies Record<JsonFn, z.ZodType> & Partial<Record<Fn, z.ZodType>>;

type Results = typeof results;

/** What `call(client, fn, …)` resolves to: the declared shape, or the generated type. */
export type Result<F extends Fn> = F extends keyof Results ? z.output<Results[F]> : Fns[F]['Returns'];

/** An API call that failed in a way the caller did not plan for. */
export class ApiError extends Error {
	readonly code: string;
	readonly hint: string | null;
	readonly details: string | null;
	readonly status: number;

	constructor(fn: string, error: PostgrestError, status: number) {
		super(`${fn}: ${error.message}`);
		this.code = error.code;
		this.hint = error.hint || null;
		this.details = error.details || null;
		this.status = status;
	}

	/** The database's message, without the function's name in front. */
	get reason(): string {
		return this.message.replace(/^[a-z_]+: /, '');
	}
}

/**
 * What a refusal carries in its details (JSON), by hint. Hints not listed here (invalid_answers,
 * invalid_dates, invalid_settings, invalid_question, …) carry field -> message: see fieldErrors.
 */
const refusals = {
	invalid_rows: importReport,
	invalid_aggregate: aggregateProblems,
	invalid_population: populationProblems
} satisfies Record<string, z.ZodType>;

type Refusal = keyof typeof refusals;

function detailsOf(error: ApiError): unknown {
	if (!error.details) return undefined;
	try {
		return JSON.parse(error.details);
	} catch {
		return undefined; // details that are not JSON carry nothing for a form
	}
}

/**
 * What the database said about a refused call with this hint (say, the report of a refused import),
 * or null when `e` is not such a refusal.
 */
export function refusal<H extends Refusal>(e: unknown, hint: H): z.output<(typeof refusals)[H]> | null {
	if (!(e instanceof ApiError) || e.hint !== hint) return null;
	const parsed = refusals[hint].safeParse(detailsOf(e));
	return parsed.success ? (parsed.data as z.output<(typeof refusals)[H]>) : null;
}

/** Field messages (field -> message) from an error the database raised with an `invalid_…` hint. */
export function fieldErrors(error: ApiError): Record<string, string> {
	const parsed = detailsOf(error);
	if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return {};
	return Object.fromEntries(
		Object.entries(parsed).filter((e): e is [string, string] => typeof e[1] === 'string')
	);
}

/**
 * Turns an error a form's API call raised into the form's answer: the field messages beside their
 * fields (`rename` maps a database field to the form's name for it), the database's message for a
 * refusal without field messages, and a 403 with `refused` for a caller who may not do it
 * (hint not_permitted). Anything else is rethrown for the error hook.
 */
export function failFromApi<T extends Record<string, unknown>>(
	form: SuperValidated<T>,
	e: unknown,
	{ refused, rename = (field) => field }: { refused: string; rename?: (field: string) => string }
) {
	if (!(e instanceof ApiError)) throw e;
	if (e.hint === 'not_permitted') error(403, refused);
	if (e.hint?.startsWith('invalid_') || e.hint === 'has_answers') {
		const fields = fieldErrors(e);
		for (const [field, message] of Object.entries(fields)) setError(form, rename(field) as never, message);
		if (Object.keys(fields).length === 0) form.message = e.reason;
		form.valid = false;
		return fail(400, { form });
	}
	throw e;
}

/**
 * The seconds to wait when `e` is the database refusing a call over a per-address limit (SQLSTATE
 * PT429, hint rate_limited, HTTP 429; see 20261202120100_respondent_limits.sql), else null.
 */
export function retryAfter(e: unknown): number | null {
	if (!(e instanceof ApiError) || e.hint !== 'rate_limited') return null;
	const seconds = Number(e.details);
	return Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds) : 60;
}

/**
 * What anyone is told when what they sent holds a NUL character (U+0000, `%00` in an address), which
 * PostgreSQL cannot keep in text or jsonb: a 400 page with this message, whatever the page.
 */
export const UNKEPT_CHARACTER =
	'What was sent holds a character that cannot be kept (an invisible "null" character, often copied ' +
	'from another program). Remove it, or type the text again, and try again.';

/** The 400 of a NUL character, its kind named so that a page in another language says it in its words. */
const UNKEPT: App.Error = { message: UNKEPT_CHARACTER, code: 'unkept_character' };

/** What anyone is told when the API refuses the session's token (forged, or expired and not renewed). */
export const SESSION_ENDED = 'Your session has ended. Please sign in again.';

/**
 * SQLSTATEs of text the database cannot keep: 22021 (a NUL or an invalid byte in text), 22P05 (\u0000
 * in jsonb). PostgreSQL and PGlite raise the same ones.
 */
const UNKEPT_STATES = new Set(['22021', '22P05']);

/** PostgREST's codes for a token it refuses (invalid, or its claims expired), which it answers with 401. */
const REFUSED_TOKEN = new Set(['PGRST301', 'PGRST303']);

/** Whether a string anywhere in `value` (a key or a value, at any depth) holds U+0000. */
export function holdsNul(value: unknown): boolean {
	if (typeof value === 'string') return value.includes('\u0000');
	if (value === null || typeof value !== 'object') return false;
	if (Array.isArray(value)) return value.some(holdsNul);
	for (const [key, v] of Object.entries(value)) if (key.includes('\u0000') || holdsNul(v)) return true;
	return false;
}

/**
 * Calls one API function. The arguments are checked against the generated types; the result is
 * typed by `results` (see there for why it is not parsed at run time). Throws ApiError on failure,
 * except for what no caller can do anything about, which becomes a page of its own (an HttpError):
 * arguments holding a NUL character, refused before the database is asked (and, should some reach
 * it another way, the database's refusal of them), a 400 saying so; a token the API refuses, a 401.
 */
export async function call<F extends Fn>(
	supabase: Caller,
	fn: F,
	...args: Fns[F]['Args'] extends Record<PropertyKey, never> ? [] : [Fns[F]['Args']]
): Promise<Result<F>> {
	if (holdsNul(args[0])) error(400, UNKEPT);
	const { data, error: failure, status } = await supabase.rpc(fn, (args[0] ?? {}) as never);
	if (failure) {
		if (UNKEPT_STATES.has(failure.code)) error(400, UNKEPT);
		if (status === 401 && REFUSED_TOKEN.has(failure.code)) error(401, SESSION_ENDED);
		throw new ApiError(fn, failure, status);
	}
	return data as Result<F>;
}
