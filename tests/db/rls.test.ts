/**
 * Table-level access, as basejump tests it: every table of the private schema `app`, every command,
 * every role, allowed and denied. Raw SQL as each API role, as PostgREST would set it up.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
	forEachEngine,
	MEMBER_ROLES,
	type MemberRole,
	type Organisation,
	type Survey,
	type User
} from './engines';

interface TableSpec {
	name: string;
	/** the column that names the row's organisation; null for the shared vocabulary */
	org: string | null;
	/** a column authenticated may not update */
	column: string;
	/** raw answers and raw counts: survey staff and safeguarding only */
	staffOnly?: boolean;
	/** the only roles that read its rows, where fewer than every member (see staffOnly) */
	readers?: readonly MemberRole[];
	/** written by survey staff (admin, lead, officer) through the builder: tests/db/builder.test.ts */
	builder?: boolean;
}

/** Every table of schema app. The guard below fails when a table is added without being listed here. */
const TABLES: TableSpec[] = [
	{ name: 'organisations', org: 'id', column: 'name' },
	{ name: 'memberships', org: 'organisation_id', column: 'role' },
	{ name: 'strategy_priorities', org: 'organisation_id', column: 'title' },
	{ name: 'surveys', org: 'organisation_id', column: 'title', builder: true },
	{ name: 'questions', org: 'organisation_id', column: 'prompt', builder: true },
	{ name: 'question_options', org: 'organisation_id', column: 'label', builder: true },
	{ name: 'question_versions', org: 'organisation_id', column: 'prompt', builder: true },
	{ name: 'waves', org: 'organisation_id', column: 'slug', builder: true },
	{ name: 'survey_languages', org: 'organisation_id', column: 'code', builder: true },
	{ name: 'about_dimensions', org: null, column: 'label' },
	{ name: 'about_categories', org: 'organisation_id', column: 'label' },
	{ name: 'responses', org: 'organisation_id', column: 'language', staffOnly: true },
	{ name: 'answers', org: 'organisation_id', column: 'text_value', staffOnly: true },
	{ name: 'wave_group_counts', org: 'organisation_id', column: 'n', staffOnly: true },
	{ name: 'question_counts', org: 'organisation_id', column: 'n', staffOnly: true },
	{ name: 'option_counts', org: 'organisation_id', column: 'n', staffOnly: true },
	// the read models of api.reach and api.panel_journey (tests/db/reach-journey-read-models.test.ts)
	{ name: 'wave_language_counts', org: 'organisation_id', column: 'n', staffOnly: true },
	{ name: 'panel_waves', org: 'organisation_id', column: 'first_at', staffOnly: true },
	{ name: 'panel_wave_pairs', org: 'organisation_id', column: 'n', staffOnly: true },
	{ name: 'panel_answers', org: 'organisation_id', column: 'option_id', staffOnly: true },
	{ name: 'journey_counts', org: 'organisation_id', column: 'n', staffOnly: true },
	{ name: 'invitations', org: 'organisation_id', column: 'label', staffOnly: true },
	{ name: 'disclosure_rules', org: 'organisation_id', column: 'threshold' },
	// indicator definitions: written by admins and leads through api.save_indicator (tests/db/indicator-definitions.test.ts)
	{ name: 'indicators', org: 'organisation_id', column: 'label' },
	// feedback: never forum or scrutiny (an item held for safeguarding: tests/db/feedback.test.ts)
	{ name: 'feedback', org: 'organisation_id', column: 'body', staffOnly: true },
	{ name: 'feedback_priorities', org: 'organisation_id', column: 'priority_id', staffOnly: true },
	{ name: 'feedback_themes', org: 'organisation_id', column: 'theme', staffOnly: true },
	{
		name: 'safeguarding_phrases',
		org: 'organisation_id',
		column: 'phrase',
		readers: ['admin', 'safeguarding']
	},
	{ name: 'safeguarding_flags', org: 'organisation_id', column: 'note', readers: ['safeguarding'] },
	{ name: 'audit_log', org: 'organisation_id', column: 'action', readers: ['admin'] },
	// suggestions: keywords for staff who tag; "not this" as the feedback it is about (tests/db/suggestions.test.ts)
	{
		name: 'priority_keywords',
		org: 'organisation_id',
		column: 'keyword',
		readers: ['admin', 'lead', 'officer']
	},
	{ name: 'suggestion_rejections', org: 'organisation_id', column: 'rejected_at', staffOnly: true },
	// decisions and activities: admins, leads and officers (forum, scrutiny and the public read them through
	// api.list_decisions, api.list_activities and api.you_said_we_did: tests/db/decisions.test.ts)
	{ name: 'decisions', org: 'organisation_id', column: 'you_said', readers: ['admin', 'lead', 'officer'] },
	{
		name: 'decision_evidence',
		org: 'organisation_id',
		column: 'theme',
		readers: ['admin', 'lead', 'officer']
	},
	{
		name: 'engagement_activities',
		org: 'organisation_id',
		column: 'title',
		readers: ['admin', 'lead', 'officer']
	},
	// the audit log of downloads of responses: tests/db/response-exports.test.ts writes it
	{
		name: 'response_exports',
		org: 'organisation_id',
		column: 'format',
		readers: ['admin', 'lead', 'officer']
	},
	// population figures: public statistics, read by every member; written by admins through api.set_population
	// (tests/db/representation.test.ts)
	{ name: 'populations', org: 'organisation_id', column: 'source' },
	{ name: 'population_counts', org: 'organisation_id', column: 'count' },
	// the indicators an organisation publishes: every member reads; written through api.set_public_indicator
	// (tests/db/public-figures.test.ts)
	{ name: 'public_indicators', org: 'organisation_id', column: 'published_at' },
	// versioned definitions: every member reads the changes of positive answers, survey staff the counts kept
	// under an earlier definition; only the trigger on question_options writes them (tests/db/definition-versions.test.ts)
	{ name: 'positive_answer_changes', org: 'organisation_id', column: 'version' },
	{ name: 'kept_positive_counts', org: 'organisation_id', column: 'positive', staffOnly: true }
];

/**
 * Tables no API role may touch at all (no grants, no policies): reached only through security-definer
 * API functions. Their own suites test that (respondent_drafts: tests/db/drafts.test.ts; client_limits:
 * tests/db/respondent-limits.test.ts).
 */
const PRIVATE_TABLES = [
	'client_limits',
	'count_snapshot_days',
	'count_snapshots',
	'reach_snapshots',
	'respondent_drafts',
	'safeguarding_notices'
];

const STAFF: readonly MemberRole[] = ['admin', 'lead', 'officer', 'safeguarding'];

/** What each API role may execute in schemas api and app; nothing else. */
const EXECUTABLE: Record<'anon' | 'authenticated', string[]> = {
	anon: [
		'api.health',
		// a published indicator's figures and the list of them, under the disclosure rule (public page)
		'api.indicator_trend',
		'api.public_indicators',
		// not api.invitation_status, api.load_draft, api.save_draft, api.start_invitation nor
		// api.submit_response: a respondent's links, drafts and answers reach the database through the
		// app's server (service_role) alone
		'api.survey_for_respondent',
		// the published "you said, we did", under the disclosure rule
		'api.you_said_we_did'
	],
	authenticated: [
		'api.about_choices',
		'api.accept_suggestion',
		'api.add_feedback',
		'api.add_priorities',
		'api.add_priority_keyword',
		'api.add_question',
		'api.add_safeguarding_phrase',
		'api.add_survey_language',
		'api.audit_log',
		'api.bulk_tag_feedback',
		'api.clear_question_conditions',
		'api.close_safeguarding_flag',
		'api.create_invitations',
		'api.create_survey',
		'api.create_wave',
		'api.decision',
		'api.decision_test_questions',
		'api.delete_activity',
		'api.delete_decision',
		'api.delete_question',
		'api.delete_wave',
		'api.disclosure_settings',
		'api.enter_response',
		'api.export_organisation',
		'api.feedback_inbox',
		'api.feedback_item',
		'api.feedback_overview',
		'api.feedback_suggestions',
		'api.flag_feedback',
		'api.health',
		'api.impact_flow',
		'api.impact_over_time',
		'api.import_aggregate',
		'api.import_choices',
		'api.import_feedback',
		'api.import_responses',
		'api.indicator_decisions',
		'api.indicator_trend',
		'api.link_evidence',
		'api.list_activities',
		'api.list_decisions',
		'api.list_indicators',
		'api.list_invitations',
		'api.list_priorities',
		'api.list_surveys',
		'api.my_memberships',
		'api.organisation_settings',
		'api.overview_trends',
		'api.panel_journey',
		'api.population_settings',
		'api.priority_keywords',
		'api.public_indicators',
		'api.publish_decision',
		'api.published_table',
		'api.reach',
		'api.reject_suggestion',
		'api.remove_population',
		'api.remove_priority',
		'api.remove_priority_keyword',
		'api.remove_safeguarding_phrase',
		'api.remove_survey_language',
		'api.reorder_questions',
		'api.representation',
		'api.response_bursts',
		'api.response_export_bounds',
		'api.response_export_page',
		'api.response_export_rows',
		'api.retire_indicator',
		'api.safeguarding_phrases',
		'api.safeguarding_queue',
		'api.save_activity',
		'api.save_decision',
		'api.save_indicator',
		'api.save_priority',
		'api.save_quote',
		'api.save_survey_translations',
		'api.set_decision_test_questions',
		'api.set_disclosure_rule',
		'api.set_population',
		'api.set_public_indicator',
		'api.set_question_conditions',
		'api.set_question_page',
		'api.set_survey_about',
		'api.set_wave_access',
		'api.set_wave_dates',
		'api.set_you_said_we_did_url',
		'api.standard_options',
		'api.start_response_export',
		'api.survey_for_builder',
		'api.survey_for_respondent',
		'api.tag_feedback',
		'api.unlink_evidence',
		'api.update_question',
		'api.update_survey',
		'api.update_survey_language',
		'api.you_said_we_did',
		// the pieces api.survey_for_builder (security invoker) is built from
		'app.builder_about_json',
		'app.builder_language_json',
		'app.builder_option_json',
		'app.builder_question_json',
		'app.builder_wave_json',
		// the piece api.feedback_inbox and api.feedback_item (security invoker) are built from
		'app.feedback_json',
		'app.free_slug',
		'app.has_answers',
		'app.has_role',
		'app.is_about_set',
		'app.is_https_url',
		'app.is_symbol',
		'app.is_translations',
		'app.language_direction',
		// the organisations where the caller has a role, for the policies of the tables read in bulk
		'app.my_organisations',
		'app.option_value',
		// the population sets api.population_settings (security invoker) reads
		'app.population_sets_json',
		'app.question_field_errors',
		// who reviewed a quote, told to the item's staff only (app.feedback_json reads it)
		'app.quote_reviewer',
		'app.refuse_unless_export_pages',
		'app.refuse_unless_exporter',
		'app.refuse_unless_survey_staff',
		// whether the caller sees exact figures, and a wave's responses as the caller may see them
		'app.sees_exact_figures',
		'app.survey_field_errors',
		'app.survey_texts',
		'app.wave_responses_for_caller',
		'app.wave_status'
	]
};

forEachEngine('row-level security and privileges', (engine) => {
	describe('guard', () => {
		it('has row-level security on every table of schema app, and every table is covered by these tests', async () => {
			const rows = await engine.db.query<{ name: string; rls: boolean }>(
				`select c.relname as name, c.relrowsecurity as rls
				   from pg_class c join pg_namespace n on n.oid = c.relnamespace
				  where n.nspname = 'app' and c.relkind in ('r', 'p')
				  order by 1`
			);
			expect(rows.filter((r) => !r.rls).map((r) => r.name)).toEqual([]);
			expect(rows.map((r) => r.name).sort()).toEqual(
				[...TABLES.map((t) => t.name), ...PRIVATE_TABLES].sort()
			);
		});

		it('gives anon (and PUBLIC) no usage on schema app and no privilege on any of its tables or columns', async () => {
			const [schema] = await engine.db.query<{ anon: boolean }>(
				`select has_schema_privilege('anon', 'app', 'usage') as anon`
			);
			expect(schema?.anon).toBe(false);
			const granted = await engine.db.query<{ name: string }>(
				`select c.relname as name
				   from pg_class c join pg_namespace n on n.oid = c.relnamespace
				  where n.nspname = 'app' and c.relkind in ('r', 'p', 'v', 'm')
				    and (has_table_privilege('anon', c.oid, 'select, insert, update, delete, truncate, references, trigger')
				         or has_any_column_privilege('anon', c.oid, 'select, insert, update, references'))`
			);
			expect(granted).toEqual([]);
			const grants = await engine.db.query(
				`select table_name, privilege_type from information_schema.role_table_grants
				  where table_schema = 'app' and grantee in ('anon', 'PUBLIC')`
			);
			expect(grants).toEqual([]);
		});

		it('lets authenticated only select, and survey staff write what the builder writes', async () => {
			const tables = await engine.db.query<{ name: string; privileges: string[] }>(
				`select table_name as name, array_agg(privilege_type::text order by privilege_type) as privileges
				   from information_schema.role_table_grants
				  where table_schema = 'app' and grantee = 'authenticated'
				  group by table_name order by table_name`
			);
			const deletable = ['question_options', 'questions', 'survey_languages'];
			expect(tables.sort(byName)).toEqual(
				TABLES.map((t) => ({
					name: t.name,
					privileges: deletable.includes(t.name) ? ['DELETE', 'SELECT'] : ['SELECT']
				})).sort(byName)
			);
			const columns = await engine.db.query<{ name: string; privilege: string; columns: string[] }>(
				`select table_name as name, privilege_type as privilege, array_agg(column_name::text order by column_name) as columns
				   from information_schema.column_privileges
				  where table_schema = 'app' and grantee = 'authenticated' and privilege_type <> 'SELECT'
				  group by table_name, privilege_type order by table_name, privilege_type`
			);
			expect(columns).toEqual([
				{ name: 'organisations', privilege: 'UPDATE', columns: ['you_said_we_did_url'] },
				{
					name: 'question_options',
					privilege: 'INSERT',
					columns: [
						'easy_read_label',
						'is_positive',
						'label',
						'organisation_id',
						'position',
						'question_id',
						'symbol',
						'value'
					]
				},
				{
					name: 'question_options',
					privilege: 'UPDATE',
					columns: ['easy_read_label', 'is_positive', 'label', 'position', 'symbol']
				},
				{
					name: 'question_versions',
					privilege: 'INSERT',
					columns: ['easy_read_prompt', 'options', 'organisation_id', 'prompt', 'question_id', 'version']
				},
				{
					name: 'questions',
					privilege: 'INSERT',
					columns: [
						'easy_read_prompt',
						'help_text',
						'key',
						'kind',
						'max_length',
						'max_value',
						'min_value',
						'organisation_id',
						'position',
						'priority_id',
						'prompt',
						'required',
						'same_page',
						'survey_id',
						'symbol'
					]
				},
				{
					name: 'questions',
					privilege: 'UPDATE',
					columns: [
						'easy_read_prompt',
						'help_text',
						'max_length',
						'max_value',
						'min_value',
						'position',
						'priority_id',
						'prompt',
						'required',
						'same_page',
						'symbol',
						'version'
					]
				},
				{
					name: 'survey_languages',
					privilege: 'INSERT',
					columns: ['code', 'direction', 'name', 'organisation_id', 'position', 'survey_id', 'translations']
				},
				{
					name: 'survey_languages',
					privilege: 'UPDATE',
					columns: ['direction', 'name', 'position', 'translations', 'updated_at']
				},
				{
					name: 'surveys',
					privilege: 'INSERT',
					columns: [
						'audience',
						'easy_read',
						'introduction',
						'organisation_id',
						'privacy_notice',
						'slug',
						'title'
					]
				},
				{
					name: 'surveys',
					privilege: 'UPDATE',
					columns: ['about_dimensions', 'audience', 'easy_read', 'introduction', 'privacy_notice', 'title']
				},
				{
					name: 'waves',
					privilege: 'INSERT',
					columns: ['closes_at', 'kind', 'label', 'opens_at', 'organisation_id', 'slug', 'survey_id']
				},
				{ name: 'waves', privilege: 'UPDATE', columns: ['closes_at', 'label', 'opens_at'] }
			]);
		});

		it('lets anon and authenticated execute only the functions granted to them', async () => {
			for (const role of ['anon', 'authenticated'] as const) {
				const rows = await engine.db.query<{ name: string }>(
					`select distinct n.nspname || '.' || p.proname as name
					   from pg_proc p join pg_namespace n on n.oid = p.pronamespace
					  where n.nspname in ('api', 'app') and has_function_privilege($1, p.oid, 'execute')
					  order by 1`,
					[role]
				);
				expect({ role, executable: rows.map((r) => r.name).sort() }).toEqual({
					role,
					executable: EXECUTABLE[role]
				});
			}
		});

		it('keeps the auth tables from the API roles', async () => {
			for (const table of ['auth.users', 'auth.refresh_tokens']) {
				for (const role of ['anon', 'authenticated'] as const) {
					await expect(engine.queryAs(role, null, `select * from ${table}`)).rejects.toThrow(
						/permission denied for table/
					);
				}
			}
		});
	});

	describe('tables', () => {
		let a: Organisation;
		let b: Organisation;
		let members: Record<MemberRole, User>;
		let outsider: User;
		let leadOfB: User;
		let surveyA: Survey;

		beforeAll(async () => {
			a = await engine.createOrganisation();
			b = await engine.createOrganisation();
			members = {} as Record<MemberRole, User>;
			for (const role of MEMBER_ROLES) members[role] = await engine.createMember(a, role);
			outsider = await engine.createUser();
			leadOfB = await engine.createMember(b, 'lead');
			for (const org of [a, b]) {
				const priority = await engine.createPriority(org);
				await engine.createAboutCategory(org, 'area', `area_${org.slug.replace(/-/g, '_')}`);
				const survey = await engine.createSurvey(org, { priorityId: priority });
				await engine.db.query(
					`insert into app.question_versions (organisation_id, question_id, version, prompt) values ($1, $2, 1, 'Earlier')`,
					[org.id, survey.questions.feel.id]
				);
				const [baseline] = await engine.addResponses(
					survey,
					survey.waves.closed!,
					2,
					{ feel: 'agree', services: ['health'], comment: 'Thank you', age: 7 },
					{ phase: 'primary', area: `area_${org.slug.replace(/-/g, '_')}` }
				);
				// a panel member who answered again in the open wave (the panel read models)
				const [again] = await engine.addResponses(survey, survey.waves.open!, 1, { feel: 'agree' });
				await engine.db.query(`update app.responses set panel_code = 'RLSS-0001' where id in ($1, $2)`, [
					baseline,
					again
				]);
				await engine.db.query(
					`insert into app.survey_languages (organisation_id, survey_id, code, name, direction, position, translations)
					 values ($1, $2, 'pl', 'Polski', 'ltr', 1, '{"title": "Ankieta"}')`,
					[org.id, survey.id]
				);
				await engine.db.query(
					`insert into app.invitations (organisation_id, wave_id, token, label)
					 values ($1, $2, app.new_invitation_token(), 'after annual review')`,
					[org.id, survey.waves.open!.id]
				);
				await engine.db.query(
					`insert into app.response_exports (organisation_id, survey_id, format, labels, responses, exported_by)
					 select $1, $2, 'csv', true, 2, m.user_id from app.memberships m where m.organisation_id = $1 limit 1`,
					[org.id, survey.id]
				);
				// feedback: the comments above became items; a tag, a theme, a held disclosure, an audit entry
				await engine.db.query(
					`insert into app.feedback_priorities (feedback_id, priority_id, organisation_id)
					 select id, $2, organisation_id from app.feedback where organisation_id = $1`,
					[org.id, priority]
				);
				await engine.db.query(
					`insert into app.feedback_themes (feedback_id, theme, organisation_id)
					 select id, 'thanks', organisation_id from app.feedback where organisation_id = $1`,
					[org.id]
				);
				await engine.db.query(
					`insert into app.feedback (organisation_id, channel, given_on, body) values ($1, 'event', current_date, 'he hits me')`,
					[org.id]
				);
				await engine.db.query(
					`insert into app.priority_keywords (organisation_id, priority_id, keyword, lexemes)
					 values ($1, $2, 'waiting list', 'wait list')`,
					[org.id, priority]
				);
				await engine.db.query(
					`insert into app.suggestion_rejections (feedback_id, priority_id, organisation_id)
					 select id, $2, organisation_id from app.feedback where organisation_id = $1 and not held limit 1`,
					[org.id, priority]
				);
				await engine.db.query(
					`insert into app.audit_log (organisation_id, action, detail) values ($1, 'priority.added', '{}')`,
					[org.id]
				);
				// a decision with a piece of evidence, and an activity
				await engine.db.query(
					`with a as (insert into app.engagement_activities (organisation_id, title, held_on, kind, participation)
					            values ($1, 'Forum meeting', current_date, 'forum', 'engagement') returning id),
					      d as (insert into app.decisions (organisation_id, you_said) values ($1, 'Thank you') returning id)
					 insert into app.decision_evidence (organisation_id, decision_id, kind, activity_id)
					 select $1, d.id, 'activity', a.id from a, d`,
					[org.id]
				);
				// a population set with one count
				await engine.db.query(
					`with p as (insert into app.populations (organisation_id, origin, source, year)
					            values ($1, 'upload', 'Census', '2025') returning id)
					 insert into app.population_counts (population_id, organisation_id, dimension, category, count)
					 select p.id, $1, 'gender', 'boy_man', 10 from p`,
					[org.id]
				);
				await engine.db.query(
					`insert into app.public_indicators (question_id, organisation_id) values ($1, $2)`,
					[survey.questions.feel.id, org.id]
				);
				await engine.db.query(
					`insert into app.indicators (organisation_id, question_id, label) values ($1, $2, 'Feel listened to')`,
					[org.id, survey.questions.feel.id]
				);
				// a several-answer question answered, then an answer counted as positive: a change, and counts kept
				await engine.db.query(`update app.question_options set is_positive = true where id = $1`, [
					survey.questions.services.options.health
				]);
				if (org === a) surveyA = survey;
			}
		});

		async function countRows(user: User, table: TableSpec, organisation: Organisation): Promise<number> {
			const [row] = await engine.queryAs<{ n: number }>(
				'authenticated',
				user.id,
				`select count(*)::int as n from app.${table.name} where ${table.org} = $1`,
				[organisation.id]
			);
			return row!.n;
		}

		for (const table of TABLES) {
			describe(table.name, () => {
				it('is closed to anon: select, insert, update and delete are all denied', async () => {
					for (const sql of [
						`select * from app.${table.name}`,
						`insert into app.${table.name} default values`,
						`update app.${table.name} set ${table.column} = ${table.column}`,
						`delete from app.${table.name}`
					]) {
						await expect(engine.queryAs('anon', null, sql)).rejects.toThrow(
							/permission denied for schema app/
						);
					}
				});

				if (table.org) {
					it("shows a signed-in non-member none of either organisation's rows", async () => {
						expect(await countRows(outsider, table, a)).toBe(0);
						expect(await countRows(outsider, table, b)).toBe(0);
					});

					const readers = table.readers
						? table.readers.join(', ')
						: table.staffOnly
							? 'admin, lead, officer and safeguarding'
							: 'every role';
					it(`shows ${readers} their organisation's rows and none of another's`, async () => {
						const seen: Record<string, { own: number; other: number }> = {};
						for (const role of MEMBER_ROLES) {
							seen[role] = {
								own: await countRows(members[role], table, a),
								other: await countRows(members[role], table, b)
							};
						}
						for (const role of MEMBER_ROLES) {
							const visible = table.readers
								? table.readers.includes(role)
								: !table.staffOnly || STAFF.includes(role);
							expect({ role, other: seen[role]!.other }).toEqual({ role, other: 0 });
							if (visible) expect(seen[role]!.own, role).toBeGreaterThan(0);
							else expect({ role, own: seen[role]!.own }).toEqual({ role, own: 0 });
						}
					});

					it('is readable in full by service_role, whatever the organisation', async () => {
						const [row] = await engine.queryAs<{ n: number }>(
							'service_role',
							null,
							`select count(distinct ${table.org})::int as n from app.${table.name} where ${table.org} in ($1, $2)`,
							[a.id, b.id]
						);
						expect(row?.n).toBe(2);
					});
				}

				if (table.builder) {
					it("cannot be truncated by authenticated; the builder's writes are tested in builder.test.ts", async () => {
						await expect(
							engine.queryAs('authenticated', members.admin.id, `truncate app.${table.name}`)
						).rejects.toThrow(new RegExp(`permission denied for table ${table.name}`));
					});
					return;
				}

				it('cannot be written by authenticated: insert, update, delete and truncate are denied', async () => {
					const denied = new RegExp(`permission denied for table ${table.name}`);
					const admin = members.admin.id;
					await expect(
						engine.queryAs('authenticated', admin, `insert into app.${table.name} default values`)
					).rejects.toThrow(denied);
					await expect(
						engine.queryAs(
							'authenticated',
							admin,
							`update app.${table.name} set ${table.column} = ${table.column}`
						)
					).rejects.toThrow(denied);
					await expect(
						engine.queryAs('authenticated', admin, `delete from app.${table.name}`)
					).rejects.toThrow(denied);
					await expect(engine.queryAs('authenticated', admin, `truncate app.${table.name}`)).rejects.toThrow(
						denied
					);
				});
			});
		}

		it("shows everyone signed in the shared about-you vocabulary, and only their own organisation's categories", async () => {
			const [dimensions] = await engine.queryAs<{ n: number }>(
				'authenticated',
				outsider.id,
				'select count(*)::int as n from app.about_dimensions'
			);
			expect(dimensions?.n).toBe(8);
			const standard = `select count(*)::int as n from app.about_categories where organisation_id is null`;
			const [forOutsider] = await engine.queryAs<{ n: number }>('authenticated', outsider.id, standard);
			const [forMember] = await engine.queryAs<{ n: number }>('authenticated', members.forum.id, standard);
			expect(forOutsider?.n).toBeGreaterThan(40);
			expect(forMember?.n).toBe(forOutsider?.n);
		});

		it("shows a member only their own memberships, and an admin all of the organisation's", async () => {
			const sql = 'select user_id, role from app.memberships where organisation_id = $1 order by role';
			const forOfficer = await engine.queryAs('authenticated', members.officer.id, sql, [a.id]);
			expect(forOfficer).toEqual([{ user_id: members.officer.id, role: 'officer' }]);
			const forAdmin = await engine.queryAs<{ role: string }>('authenticated', members.admin.id, sql, [a.id]);
			expect(forAdmin.map((r) => r.role)).toEqual([...MEMBER_ROLES]);
		});

		describe('waves: dates and label', () => {
			const change = `update app.waves set opens_at = opens_at - interval '1 day', closes_at = closes_at + interval '1 day',
			                  label = 'Renamed' where id = $1 returning id, label`;

			it('can be changed by an admin, a lead or an officer of the organisation', async () => {
				for (const role of ['admin', 'lead', 'officer'] as const) {
					const rows = await engine.queryAs('authenticated', members[role].id, change, [
						surveyA.waves.open!.id
					]);
					expect({ role, rows }).toEqual({ role, rows: [{ id: surveyA.waves.open!.id, label: 'Renamed' }] });
				}
			});

			it('cannot be changed by forum, scrutiny or safeguarding: the update returns zero rows', async () => {
				for (const role of ['forum', 'scrutiny', 'safeguarding'] as const) {
					const rows = await engine.queryAs('authenticated', members[role].id, change, [
						surveyA.waves.open!.id
					]);
					expect({ role, rows }).toEqual({ role, rows: [] });
				}
			});

			it('cannot be changed by a lead of another organisation or a non-member: zero rows', async () => {
				for (const user of [leadOfB, outsider]) {
					const rows = await engine.queryAs('authenticated', user.id, change, [surveyA.waves.open!.id]);
					expect(rows).toEqual([]);
				}
				const [row] = await engine.db.query<{ label: string }>('select label from app.waves where id = $1', [
					surveyA.waves.open!.id
				]);
				expect(row?.label).toBe('Wave open');
			});

			it('keeps every other column from a lead', async () => {
				for (const column of ['slug', 'kind', 'survey_id', 'organisation_id', 'created_at']) {
					await expect(
						engine.queryAs(
							'authenticated',
							members.lead.id,
							`update app.waves set ${column} = ${column} where id = $1`,
							[surveyA.waves.open!.id]
						)
					).rejects.toThrow(/permission denied for table waves/);
				}
			});

			it('still refuses a closing date before the opening date', async () => {
				await expect(
					engine.queryAs(
						'authenticated',
						members.lead.id,
						`update app.waves set closes_at = opens_at - interval '1 day' where id = $1`,
						[surveyA.waves.open!.id]
					)
				).rejects.toThrow(/check constraint/);
			});
		});
	});
});

function byName(x: { name: string }, y: { name: string }): number {
	return x.name < y.name ? -1 : x.name > y.name ? 1 : 0;
}
