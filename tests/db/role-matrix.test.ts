/**
 * The role matrix (issue 12, "Checks that keep it so"): every table of app and auth × select, insert,
 * update, delete × every caller (tests/db/role-matrix.ts), and every function of api × the API roles.
 *
 * The tables come from the catalog, so a new table is tried without being listed anywhere. What each
 * cell must be is the README's table "Who may do what": a change of any cell fails here until the
 * README is made again (`npx tsx scripts/role-matrix.ts --write`) and the change reviewed in its diff.
 * Beside that, rules no table may break (anon reaches nothing, another organisation's admin reaches
 * none of A's rows, a blocked write changes nothing and returns zero rows, not an error), the write
 * denials the builder depends on, and two faults made on purpose that the checks must catch.
 *
 * At the table level a respondent holding a resume code is anon: the code is an argument of
 * api.load_draft and api.save_draft, which only the app's server (service_role) may call.
 */
import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { MAY } from '$lib/domain';
import { forEachEngine } from './engines';
import {
	CALLERS,
	cellText,
	differences,
	functionCallers,
	markdown,
	rolledBack,
	section,
	seedFixture,
	tableMatrixIn,
	tablesOf,
	violations,
	type Callers,
	type Matrix
} from './role-matrix';

/**
 * Who may call each function of schema api. anyone: anon (so respondents), members and the server;
 * members: signed-in members (the function checks the member's role itself) and the server; server:
 * the app's server (service_role) alone. A function missing here fails the test, by name.
 */
const API: Record<string, Callers> = {
	about_choices: 'members',
	accept_suggestion: 'members',
	add_feedback: 'members',
	add_priorities: 'members',
	add_priority_keyword: 'members',
	add_question: 'members',
	add_safeguarding_phrase: 'members',
	add_survey_language: 'members',
	audit_log: 'members',
	bulk_tag_feedback: 'members',
	clear_question_conditions: 'members',
	close_safeguarding_flag: 'members',
	create_invitations: 'members',
	create_survey: 'members',
	create_wave: 'members',
	decision: 'members',
	decision_test_questions: 'members',
	delete_activity: 'members',
	delete_decision: 'members',
	delete_question: 'members',
	delete_wave: 'members',
	disclosure_settings: 'members',
	enter_response: 'members',
	export_organisation: 'members',
	feedback_inbox: 'members',
	feedback_item: 'members',
	feedback_overview: 'members',
	feedback_suggestions: 'members',
	flag_feedback: 'members',
	health: 'anyone',
	impact_flow: 'members',
	impact_over_time: 'members',
	import_aggregate: 'members',
	import_choices: 'members',
	import_feedback: 'members',
	import_responses: 'members',
	indicator_decisions: 'members',
	indicator_trend: 'anyone',
	invitation_status: 'server',
	link_evidence: 'members',
	list_activities: 'members',
	list_decisions: 'members',
	list_indicators: 'members',
	list_invitations: 'members',
	list_priorities: 'members',
	list_surveys: 'members',
	load_draft: 'server',
	my_memberships: 'members',
	organisation_settings: 'members',
	overview_trends: 'members',
	panel_journey: 'members',
	population_settings: 'members',
	priority_keywords: 'members',
	public_indicators: 'anyone',
	publish_decision: 'members',
	published_table: 'members',
	purge_expired: 'server',
	reach: 'members',
	reject_suggestion: 'members',
	remove_population: 'members',
	remove_priority: 'members',
	remove_priority_keyword: 'members',
	remove_safeguarding_phrase: 'members',
	remove_survey_language: 'members',
	reorder_questions: 'members',
	representation: 'members',
	response_bursts: 'members',
	response_export_bounds: 'members',
	response_export_page: 'members',
	response_export_rows: 'members',
	retire_indicator: 'members',
	safeguarding_notices_due: 'server',
	safeguarding_phrases: 'members',
	safeguarding_queue: 'members',
	save_activity: 'members',
	save_decision: 'members',
	save_draft: 'server',
	save_indicator: 'members',
	save_priority: 'members',
	save_quote: 'members',
	save_survey_translations: 'members',
	set_decision_test_questions: 'members',
	set_disclosure_rule: 'members',
	set_population: 'members',
	set_public_indicator: 'members',
	set_question_conditions: 'members',
	set_question_page: 'members',
	set_survey_about: 'members',
	set_wave_access: 'members',
	set_wave_dates: 'members',
	set_you_said_we_did_url: 'members',
	standard_options: 'members',
	start_invitation: 'server',
	start_response_export: 'members',
	submit_response: 'server',
	survey_for_builder: 'members',
	survey_for_respondent: 'anyone',
	tag_feedback: 'members',
	unlink_evidence: 'members',
	update_question: 'members',
	update_survey: 'members',
	update_survey_language: 'members',
	you_said_we_did: 'anyone'
};

/** Where the catalog and API disagree, one line a function. */
function functionMismatches(actual: Record<string, Callers>): string[] {
	const names = [...new Set([...Object.keys(actual), ...Object.keys(API)])].sort();
	return names.flatMap((name) => {
		if (!(name in API))
			return [`api.${name} is not in API (role-matrix.test.ts): executable by ${actual[name]}`];
		if (!(name in actual)) return [`api.${name} is in API but not in the database`];
		return actual[name] === API[name]
			? []
			: [`api.${name}: executable by ${actual[name]}, API says ${API[name]}`];
	});
}

/** The builder's tables and the write denials the issue names. */
const BUILDER_TABLES = ['app.questions', 'app.question_options', 'app.waves', 'app.question_versions'];

forEachEngine('role matrix', (engine) => {
	let matrix: Matrix;
	let readme: string;

	beforeAll(async () => {
		matrix = await rolledBack(engine.db, async (tx) => tableMatrixIn(tx, await seedFixture(tx)));
		readme = await readFile('README.md', 'utf8');
	});

	it('has a row to try in each organisation for every table some API role may reach', async () => {
		const empty = await rolledBack(engine.db, async (tx) => {
			const fixture = await seedFixture(tx);
			const missing: string[] = [];
			for (const table of await tablesOf(tx)) {
				const [reach] = await tx.query<{ reached: boolean }>(
					`select bool_or(has_table_privilege(r, $1, 'select, insert, update, delete')
					                or has_any_column_privilege(r, $1, 'select, insert, update')) as reached
					   from unnest(array['anon', 'authenticated', 'service_role']) r`,
					[table.name]
				);
				if (!reach?.reached) continue;
				const [counts] = await tx.query<{ a: number; b: number }>(
					table.org
						? `select count(*) filter (where ${table.org} = $1)::int as a, count(*) filter (where ${table.org} = $2)::int as b from ${table.name}`
						: `select count(*)::int as a, count(*)::int as b from ${table.name} where $1::uuid is not null and $2::uuid is not null`,
					[fixture.a, fixture.b]
				);
				if (!counts?.a || !counts.b)
					missing.push(`${table.name} (add rows to seedFixture in role-matrix.ts)`);
			}
			return missing;
		});
		expect(empty).toEqual([]);
	});

	it("is the README's table: every cell as reviewed (npx tsx scripts/role-matrix.ts --write to make it again)", async () => {
		const documented = section(readme);
		expect(documented, 'README.md has no role-matrix markers').not.toBeNull();
		const now = markdown(matrix, await functionCallers(engine.db));
		expect(differences(documented!, now)).toEqual([]);
		const bullets = (text: string) =>
			text
				.split('\n')
				.filter((l) => l.startsWith('- '))
				.map((l) => l.replace(/\s+/g, ' '));
		expect(bullets(documented!)).toEqual(bullets(now));
	});

	it("keeps every table from anon and every row of A from B's admin; a blocked write returns zero rows and changes none", () => {
		expect(violations(matrix)).toEqual([]);
		// the try really ran for every table and caller
		for (const row of Object.values(matrix)) expect(Object.keys(row)).toEqual(CALLERS.map((c) => c.key));
	});

	it('lets only those who build surveys write questions, options, waves and earlier wordings', () => {
		for (const table of BUILDER_TABLES) {
			for (const caller of CALLERS) {
				const cells = matrix[table]![caller.key]!;
				const builder = (MAY.build as readonly string[]).includes(caller.key);
				for (const command of ['insert', 'update', 'delete'] as const) {
					const outcome = cells[command].outcome;
					const at = { table, caller: caller.key, command };
					if (caller.apiRole === 'service_role') continue;
					if (!builder) {
						// refused: no privilege, or (forum, scrutiny, safeguarding, B's admin) zero rows
						expect({ ...at, outcome }).toMatchObject({ outcome: expect.stringMatching(/^(denied|none)$/) });
						if (outcome === 'none' && command !== 'insert')
							expect({ ...at, returned: cells[command].returned, changed: cells[command].changed }).toEqual({
								...at,
								returned: 0,
								changed: 0
							});
					}
				}
				if (builder)
					expect({ table, caller: caller.key, cell: cellText(cells) }).toMatchObject({
						cell: expect.stringMatching(/^RI/)
					});
			}
		}
		// what the builder may not do even so: no earlier wording is changed or removed, no wave deleted
		for (const role of MAY.build) {
			expect(cellText(matrix['app.question_versions']![role]!)).toBe('RI');
			expect(cellText(matrix['app.waves']![role]!)).toBe('RIU');
		}
	});

	it('reads only their own organisation to every member, and nothing to a signed-in stranger but the vocabulary', () => {
		for (const [table, row] of Object.entries(matrix)) {
			const stranger = cellText(row['signed in']!);
			expect({ table, stranger }).toEqual({ table, stranger: table === 'app.about_dimensions' ? 'R' : '-' });
		}
	});

	it('gives EXECUTE on every api function to exactly the roles the table API says', async () => {
		expect(functionMismatches(await functionCallers(engine.db))).toEqual([]);
	});

	describe('catches a mistake made on purpose', () => {
		it('a permissive policy and a grant that let every member change earlier wordings', async () => {
			const found = await rolledBack(engine.db, async (tx) => {
				const fixture = await seedFixture(tx);
				await tx.exec(`grant update (prompt) on app.question_versions to authenticated;
					create policy matrix_fault on app.question_versions for all to authenticated using (true)`);
				const faulty = await tableMatrixIn(tx, fixture, ['app.question_versions']);
				return {
					violations: violations(faulty),
					differences: differences(section(readme)!, markdown(faulty, {})).filter((d) =>
						d.startsWith('app.question_versions ')
					)
				};
			});
			// every member, a stranger and B's admin may now read, add and change every wording of A's
			expect(found.differences).toEqual([
				'app.question_versions × admin: RI, now RIU',
				'app.question_versions × admin of B: -, now RIU',
				'app.question_versions × forum: R, now RIU',
				'app.question_versions × lead: RI, now RIU',
				'app.question_versions × officer: RI, now RIU',
				'app.question_versions × safeguarding: R, now RIU',
				'app.question_versions × scrutiny: R, now RIU',
				'app.question_versions × signed in: -, now RIU'
			]);
			expect(found.violations).toContain(
				"app.question_versions × admin of B × update: another organisation's admin reaches A's rows"
			);
		});

		it('a grant that opens a table to anon', async () => {
			const found = await rolledBack(engine.db, async (tx) => {
				const fixture = await seedFixture(tx);
				await tx.exec(`grant usage on schema app to anon; grant select on app.strategy_priorities to anon;
					create policy matrix_fault on app.strategy_priorities for select to anon using (true)`);
				return violations(await tableMatrixIn(tx, fixture, ['app.strategy_priorities']));
			});
			expect(found).toContain('app.strategy_priorities × anon × select: anon is not denied');
		});

		it('a function granted to anon, and a function nobody listed', async () => {
			const found = await rolledBack(engine.db, async (tx) => {
				await tx.exec(`grant execute on function api.load_draft to anon;
					create function api.matrix_fault() returns int language sql set search_path = '' as 'select 1';
					revoke all on function api.matrix_fault from public, anon;
					grant execute on function api.matrix_fault to authenticated, service_role`);
				return functionMismatches(await functionCallers(tx));
			});
			expect(found).toEqual([
				'api.load_draft: executable by anon and service_role, API says server',
				'api.matrix_fault is not in API (role-matrix.test.ts): executable by members'
			]);
		});
	});
});
