/**
 * The role matrix (issue 12, "Checks that keep it so"): who may do what to every table, worked out
 * from the catalog and by trying, not from a hand-kept list.
 *
 * Every table of schemas `app` and `auth` is tried with select, insert, update and delete as each
 * caller: anon (a respondent holding a resume code is anon too: the code is an argument of the API's
 * functions, not a database role, so at the table level the two are one), a signed-in account that
 * belongs to no organisation, each member role of organisation A, an admin of organisation B, and the
 * app's server (service_role). Each try runs in a savepoint that is rolled back, so the fixture is the
 * same for every try; the database owner reads the table before and after, so a write that row-level
 * security blocks is seen to have changed nothing, not only to have returned nothing.
 *
 * Used by tests/db/role-matrix.test.ts (on both engines) and scripts/role-matrix.ts (the README's
 * table "Who may do what"). Imports are relative so that tsx can run the script outside Vite.
 */
import { MEMBER_ROLES, type MemberRole } from '../../src/lib/domain/roles';
import { asDatabaseError, type Database, type Queryable } from '../../src/lib/server/platform/db/types';

export type Command = 'select' | 'insert' | 'update' | 'delete';
export const COMMANDS: readonly Command[] = ['select', 'insert', 'update', 'delete'];

/**
 * What a caller gets from one command on one table, counted on organisation A's rows (every row for
 * service_role, which bypasses row-level security, and for a table that names no organisation):
 *   - `denied`: no privilege, "permission denied" (for the schema or the table);
 *   - `none`: a privilege, but row-level security lets no row through (a select or a write sees zero
 *     rows, an insert is refused by the policy);
 *   - `some`: some of those rows (a member reads only their own membership, say);
 *   - `all`: every one of them (an insert: a row of organisation A is accepted).
 */
export type Outcome = 'denied' | 'none' | 'some' | 'all';

export interface Caller {
	/** the column heading */
	key: string;
	apiRole: 'anon' | 'authenticated' | 'service_role';
	/** the member role in organisation A, B's admin, or a signed-in account with no membership */
	member?: MemberRole | 'admin of B' | 'no membership';
}

export const CALLERS: readonly Caller[] = [
	{ key: 'anon', apiRole: 'anon' },
	{ key: 'signed in', apiRole: 'authenticated', member: 'no membership' },
	...MEMBER_ROLES.map((r): Caller => ({ key: r.value, apiRole: 'authenticated', member: r.value })),
	{ key: 'admin of B', apiRole: 'authenticated', member: 'admin of B' },
	{ key: 'service_role', apiRole: 'service_role' }
];

export interface CellResult {
	outcome: Outcome;
	/** rows of organisation B the caller read or changed while trying A's (must be none, but for service_role) */
	otherOrganisation: number;
	/** rows the owner found changed afterwards, against rows the statement returned (a write must match) */
	changed?: number;
	returned?: number;
	/** the error, when the statement failed */
	error?: string;
	/** a table that names no organisation (the shared vocabulary, the server's own tables) */
	shared?: true;
}

export interface TableInfo {
	/** schema.table */
	name: string;
	/** the column naming the row's organisation: organisation_id, or id for app.organisations; null if none */
	org: string | null;
}

export type Matrix = Record<string, Record<string, Record<Command, CellResult>>>;

/** Every table of app and auth, with the column that names its organisation. */
export async function tablesOf(db: Queryable): Promise<TableInfo[]> {
	return db.query<TableInfo>(
		`select n.nspname || '.' || c.relname as name,
		        case when n.nspname || '.' || c.relname = 'app.organisations' then 'id'
		             when exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'organisation_id'
		                            and not a.attisdropped) then 'organisation_id' end as org
		   from pg_class c join pg_namespace n on n.oid = c.relnamespace
		  where n.nspname in ('app', 'auth') and c.relkind in ('r', 'p')
		  order by 1`
	);
}

export interface Fixture {
	a: string;
	b: string;
	/** user ids: each member role of A, B's admin, and an account with no membership */
	users: Record<string, string>;
}

/**
 * Two organisations with a row of their own in every table an API role may reach (and a few that
 * only the server reaches), as the database owner. The test fails, naming the table, when a table
 * that some caller may touch has no row here to try it on.
 */
export async function seedFixture(db: Queryable): Promise<Fixture> {
	const one = async (sql: string, params: unknown[] = []): Promise<string> => {
		const [row] = await db.query<{ id: string }>(sql, params);
		return row!.id;
	};
	const tag = Math.random().toString(16).slice(2, 10);
	const user = (name: string) =>
		one(`insert into auth.users (email, email_confirmed_at) values ($1, now()) returning id`, [
			`matrix-${name.replace(/ /g, '-')}-${tag}@example.org`
		]);
	const users: Record<string, string> = {};
	const orgs: string[] = [];
	for (const side of ['a', 'b']) {
		const org = await one(
			`insert into app.organisations (slug, name, min_cell_size) values ($1, $2, 10) returning id`,
			[`matrix-${side}-${tag}`, `Matrix ${side.toUpperCase()}`]
		);
		orgs.push(org);
		const roles: readonly MemberRole[] = side === 'a' ? MEMBER_ROLES.map((r) => r.value) : ['admin'];
		for (const role of roles) {
			const key = side === 'a' ? role : 'admin of B';
			users[key] = await user(`${side}-${role}`);
			await db.query(`insert into app.memberships (organisation_id, user_id, role) values ($1, $2, $3)`, [
				org,
				users[key],
				role
			]);
		}
		const area = `area_matrix_${side}_${tag}`;
		await db.query(
			`insert into app.about_categories (organisation_id, dimension, code, label, position) values ($1, 'area', $2, 'Area', 50)`,
			[org, area]
		);
		const priority = await one(
			`insert into app.strategy_priorities (organisation_id, position, title) values ($1, 1, 'Children are heard') returning id`,
			[org]
		);
		const survey = await one(
			`insert into app.surveys (organisation_id, slug, title, audience, introduction)
			 values ($1, $2, 'Matrix survey', 'parent_carers', 'Tell us.') returning id`,
			[org, `matrix-${side}-${tag}`]
		);
		const feel = await one(
			`insert into app.questions (organisation_id, survey_id, key, position, kind, prompt, required, priority_id)
			 values ($1, $2, 'feel', 1, 'agreement_5', 'I feel listened to.', true, $3) returning id`,
			[org, survey, priority]
		);
		const agree = await one(
			`insert into app.question_options (organisation_id, question_id, value, label, is_positive, position)
			 values ($1, $2, 'agree', 'Agree', true, 1) returning id`,
			[org, feel]
		);
		await db.query(
			`insert into app.question_options (organisation_id, question_id, value, label, is_positive, position)
			 values ($1, $2, 'disagree', 'Disagree', false, 2)`,
			[org, feel]
		);
		const comment = await one(
			`insert into app.questions (organisation_id, survey_id, key, position, kind, prompt, max_length)
			 values ($1, $2, 'comment', 2, 'free_text', 'Anything else?', 200) returning id`,
			[org, survey]
		);
		await db.query(
			`insert into app.question_versions (organisation_id, question_id, version, prompt) values ($1, $2, 1, 'Earlier')`,
			[org, feel]
		);
		const wave = await one(
			`insert into app.waves (organisation_id, survey_id, slug, kind, label, opens_at, closes_at)
			 values ($1, $2, $3, 'baseline', 'Baseline', now() - interval '2 days', now() + interval '30 days') returning id`,
			[org, survey, `matrix-${side}-${tag}-open`]
		);
		await db.query(
			`insert into app.survey_languages (organisation_id, survey_id, code, name, direction, position, translations)
			 values ($1, $2, 'pl', 'Polski', 'ltr', 1, '{"title": "Ankieta"}')`,
			[org, survey]
		);
		// two responses with a comment each: the running counts, and feedback items made from the comments
		for (let i = 0; i < 2; i++) {
			const response = await one(
				`insert into app.responses (id, organisation_id, wave_id, about) values (gen_random_uuid(), $1, $2, $3::text::jsonb) returning id`,
				[org, wave, JSON.stringify({ area })]
			);
			await db.query(
				`insert into app.answers (organisation_id, response_id, question_id, option_id) values ($1, $2, $3, $4)`,
				[org, response, feel, agree]
			);
			await db.query(
				`insert into app.answers (organisation_id, response_id, question_id, text_value) values ($1, $2, $3, 'Thank you')`,
				[org, response, comment]
			);
			await db.query('select app.count_response($1)', [response]);
		}
		await db.query(
			`insert into app.invitations (organisation_id, wave_id, token, label) values ($1, $2, app.new_invitation_token(), 'review')`,
			[org, wave]
		);
		await db.query(
			`insert into app.response_exports (organisation_id, survey_id, format, labels, responses, exported_by)
			 values ($1, $2, 'csv', true, 2, $3)`,
			[org, survey, users[side === 'a' ? 'admin' : 'admin of B']]
		);
		await db.query(
			`insert into app.feedback_priorities (feedback_id, priority_id, organisation_id)
			 select id, $2, organisation_id from app.feedback where organisation_id = $1`,
			[org, priority]
		);
		await db.query(
			`insert into app.feedback_themes (feedback_id, theme, organisation_id)
			 select id, 'thanks', organisation_id from app.feedback where organisation_id = $1`,
			[org]
		);
		// held for safeguarding (a flag, and a notice): safeguarding reads it, other staff do not
		await db.query(
			`insert into app.feedback (organisation_id, channel, given_on, body) values ($1, 'event', current_date, 'he hits me')`,
			[org]
		);
		await db.query(
			`insert into app.safeguarding_notices (organisation_id, last_sent_at) values ($1, now())`,
			[org]
		);
		await db.query(
			`insert into app.priority_keywords (organisation_id, priority_id, keyword, lexemes) values ($1, $2, 'waiting list', 'wait list')`,
			[org, priority]
		);
		await db.query(
			`insert into app.suggestion_rejections (feedback_id, priority_id, organisation_id)
			 select id, $2, organisation_id from app.feedback where organisation_id = $1 and not held limit 1`,
			[org, priority]
		);
		await db.query(
			`insert into app.audit_log (organisation_id, action, detail) values ($1, 'priority.added', '{}')`,
			[org]
		);
		await db.query(
			`with a as (insert into app.engagement_activities (organisation_id, title, held_on, kind, participation)
			            values ($1, 'Forum meeting', current_date, 'forum', 'engagement') returning id),
			      d as (insert into app.decisions (organisation_id, you_said) values ($1, 'Thank you') returning id)
			 insert into app.decision_evidence (organisation_id, decision_id, kind, activity_id)
			 select $1, d.id, 'activity', a.id from a, d`,
			[org]
		);
		await db.query(
			`with p as (insert into app.populations (organisation_id, origin, source, year)
			            values ($1, 'upload', 'Census', '2025') returning id)
			 insert into app.population_counts (population_id, organisation_id, dimension, category, count)
			 select p.id, $1, 'gender', 'boy_man', 10 from p`,
			[org]
		);
		await db.query(`insert into app.public_indicators (question_id, organisation_id) values ($1, $2)`, [
			feel,
			org
		]);
		await db.query(
			`insert into app.indicators (organisation_id, question_id, label) values ($1, $2, 'Feel listened to')`,
			[org, feel]
		);
		await db.query(
			`insert into app.safeguarding_phrases (organisation_id, phrase) values ($1, 'matrix probe phrase')`,
			[org]
		);
		// an answer counted as positive once answered: a change of definition, and the counts kept under the old one
		await db.query(`update app.question_options set is_positive = false where id = $1`, [agree]);
		await db.query(
			`insert into app.kept_positive_counts (organisation_id, question_id, version, wave_id, dimension, category, n, positive)
			 values ($1, $2, 1, $3, 'all', 'all', 2, 2)`,
			[org, feel, wave]
		);
		// reach's and journeys' read models (as submissions with panel codes keep them), and an open wave's
		// reach as at its daily snapshot
		const response = await one(`select id from app.responses where wave_id = $1 limit 1`, [wave]);
		await db.query(
			`insert into app.panel_waves (organisation_id, panel_code, wave_id, first_at) values ($1, 'ABCD-EFGH', $2, now())`,
			[org, wave]
		);
		await db.query(
			`insert into app.panel_wave_pairs (organisation_id, wave_id, other_wave_id, n) values ($1, $2, $2, 1)`,
			[org, wave]
		);
		await db.query(
			`insert into app.panel_answers (organisation_id, wave_id, question_id, panel_code, response_id, option_id, submitted_at)
			 values ($1, $2, $3, 'ABCD-EFGH', $4, $5, now())`,
			[org, wave, feel, response, agree]
		);
		await db.query(
			`insert into app.journey_counts (organisation_id, question_id, from_wave_id, to_wave_id, from_option_id, to_option_id, n)
			 values ($1, $2, $3, $3, $4, $4, 1)`,
			[org, feel, wave, agree]
		);
		await db.query(`insert into app.count_snapshot_days (wave_id, taken_on) values ($1, current_date)`, [
			wave
		]);
		await db.query(
			`insert into app.reach_snapshots (wave_id, taken_on, language, other_wave_id, n) values ($1, current_date, 'en', null, 2)`,
			[wave]
		);
		await db.query(
			`insert into app.respondent_drafts (response_id, organisation_id, wave_id, resume_code)
			 values (gen_random_uuid(), $1, $2, $3)`,
			[org, wave, side === 'a' ? 'ABCDEFGH' : 'HGFEDCBA']
		);
	}
	await db.query(
		`insert into app.client_limits (address_hash, action, hits) values (encode(sha256('203.0.113.9'::bytea), 'hex'), 'submit', 1)`
	);
	users['no membership'] = await user('no-membership');
	return { a: orgs[0]!, b: orgs[1]!, users };
}

const DENIED = /permission denied for (schema|table|relation)/;
const POLICY = /row-level security policy/;

function quote(name: string): string {
	return name
		.split('.')
		.map((part) => `"${part}"`)
		.join('.');
}

interface Probe {
	table: TableInfo;
	/** organisation A's rows as the owner sees them (every row for service_role or no organisation column) */
	own: string;
	other: string;
}

/**
 * Tries every command on every table as one caller, inside tx, in a savepoint rolled back at the end
 * (and each try in a savepoint of its own).
 */
async function tryAs(
	tx: Queryable,
	caller: Caller,
	fixture: Fixture,
	tables: TableInfo[]
): Promise<Record<string, Record<Command, CellResult>>> {
	const result: Record<string, Record<Command, CellResult>> = {};
	const userId = caller.member ? fixture.users[caller.member] : undefined;
	await tx.exec('savepoint matrix_caller');
	try {
		const claims = userId
			? { role: caller.apiRole, sub: userId, aud: 'authenticated' }
			: { role: caller.apiRole };
		await tx.query(`select set_config('request.jwt.claims', $1, true)`, [JSON.stringify(claims)]);
		for (const table of tables) {
			const everything = caller.apiRole === 'service_role' || !table.org;
			const probe: Probe = {
				table,
				own: everything ? 'true' : `${table.org} = '${fixture.a}'`,
				// B's admin is tried on A's rows; their own organisation's rows are theirs to see
				other: everything || caller.member === 'admin of B' ? 'false' : `${table.org} = '${fixture.b}'`
			};
			const row: Record<string, CellResult> = {};
			for (const command of COMMANDS) {
				await tx.exec('savepoint matrix_probe');
				try {
					row[command] = await tryCommand(tx, caller, probe, command);
				} finally {
					await tx.exec('rollback to savepoint matrix_probe');
				}
			}
			if (!table.org) for (const cell of Object.values(row)) cell.shared = true;
			result[table.name] = row as Record<Command, CellResult>;
		}
	} finally {
		await tx.exec('rollback to savepoint matrix_caller');
	}
	return result;
}

/** The owner's view of the rows: ctid changes whenever a row is updated (even to the same values) or deleted. */
async function rowVersions(tx: Queryable, probe: Probe): Promise<{ own: Set<string>; other: Set<string> }> {
	const rows = await tx.query<{ v: string; own: boolean; other: boolean }>(
		`select ctid::text as v, (${probe.own}) as own, (${probe.other}) as other from ${quote(probe.table.name)}`
	);
	return {
		own: new Set(rows.filter((r) => r.own).map((r) => r.v)),
		other: new Set(rows.filter((r) => r.other).map((r) => r.v))
	};
}

async function tryCommand(
	tx: Queryable,
	caller: Caller,
	probe: Probe,
	command: Command
): Promise<CellResult> {
	const table = quote(probe.table.name);
	// as the owner, before the caller's statement
	const before = await rowVersions(tx, probe);
	const columns = await tx.query<{ name: string; insert: boolean; update: boolean }>(
		`select a.attname as name,
		        has_column_privilege($2, a.attrelid, a.attnum, 'insert') as insert,
		        has_column_privilege($2, a.attrelid, a.attnum, 'update') as update
		   from pg_attribute a
		  where a.attrelid = $1::regclass and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
		    and a.attidentity <> 'a'
		  order by a.attnum`,
		[probe.table.name, caller.apiRole]
	);
	const [sample] =
		before.own.size > 0
			? await tx.query<{ row: unknown }>(
					`select to_jsonb(t) as row from ${table} t where ${probe.own} limit 1`
				)
			: [];

	let sql: string;
	let params: unknown[] = [];
	if (command === 'select') {
		sql = `select count(*) filter (where ${probe.own})::int as own, count(*) filter (where ${probe.other})::int as other from ${table}`;
	} else if (command === 'insert') {
		const insertable = columns.filter((c) => c.insert).map((c) => `"${c.name}"`);
		if (insertable.length === 0 || !sample) sql = `insert into ${table} default values`;
		else {
			sql = `insert into ${table} (${insertable.join(', ')})
			       select ${insertable.join(', ')} from jsonb_populate_record(null::${table}, $1::text::jsonb)`;
			params = [JSON.stringify(sample.row)];
		}
	} else if (command === 'update') {
		// set a column to itself: no constraint or trigger can object, yet each row touched gets a new version
		const column = columns.find((c) => c.update)?.name ?? columns[0]!.name;
		sql = `update ${table} set "${column}" = "${column}" returning (${probe.own}) as own, (${probe.other}) as other`;
	} else {
		sql = `delete from ${table} returning (${probe.own}) as own, (${probe.other}) as other`;
	}

	// Triggers and foreign keys off (as the owner, for this savepoint only): what is measured is what the
	// privileges and policies let through, not whether a cascade or a rule of the data would then refuse
	// the change. Row-level security still applies.
	if (command !== 'select') await tx.exec(`set local session_replication_role = replica`);
	await tx.exec(`set local role ${caller.apiRole}`);
	let rows: { own: boolean | number; other: boolean | number }[];
	try {
		rows = await tx.query(sql, params);
	} catch (error) {
		const message = error instanceof Error ? error.message : String(error);
		if (DENIED.test(message)) return { outcome: 'denied', otherOrganisation: 0, error: message };
		if (command === 'insert' && POLICY.test(message))
			return { outcome: 'none', otherOrganisation: 0, error: message };
		// a constraint that refused the copied row (a duplicate key): row-level security had let it through
		if (command === 'insert' && asDatabaseError(error).code?.startsWith('23'))
			return { outcome: 'all', otherOrganisation: 0, error: message };
		throw new Error(`${caller.key} ${command} on ${probe.table.name}: ${message}`);
	}
	await tx.exec('reset role');

	if (command === 'select') {
		const [counts] = rows as { own: number; other: number }[];
		return {
			outcome: outcomeOf(counts!.own, before.own.size),
			otherOrganisation: counts!.other
		};
	}
	if (command === 'insert') return { outcome: 'all', otherOrganisation: 0 };

	// as the owner again: which rows really changed
	const after = await rowVersions(tx, probe);
	const changedOwn = [...before.own].filter((v) => !after.own.has(v)).length;
	const changedOther = [...before.other].filter((v) => !after.other.has(v)).length;
	const returnedOwn = rows.filter((r) => r.own).length;
	return {
		outcome: outcomeOf(changedOwn, before.own.size),
		otherOrganisation: changedOther + rows.filter((r) => r.other).length,
		changed: changedOwn,
		returned: returnedOwn
	};
}

function outcomeOf(n: number, of: number): Outcome {
	return n === 0 ? 'none' : n < of ? 'some' : 'all';
}

/**
 * The table matrix inside tx (which the caller rolls back): every table of app and auth, or only
 * those named, as every caller.
 */
export async function tableMatrixIn(
	tx: Queryable,
	fixture: Fixture,
	only?: readonly string[]
): Promise<Matrix> {
	const tables = (await tablesOf(tx)).filter((t) => !only || only.includes(t.name));
	const matrix: Matrix = {};
	for (const t of tables) matrix[t.name] = {};
	for (const caller of CALLERS) {
		const cells = await tryAs(tx, caller, fixture, tables);
		for (const t of tables) matrix[t.name]![caller.key] = cells[t.name]!;
	}
	return matrix;
}

class Rollback<T> extends Error {
	constructor(readonly value: T) {
		super('rollback');
	}
}

/** Runs fn in a transaction that is always rolled back; its result. */
export async function rolledBack<T>(db: Database, fn: (tx: Queryable) => Promise<T>): Promise<T> {
	try {
		await db.transaction(async (tx) => {
			throw new Rollback(await fn(tx));
		});
	} catch (error) {
		if (error instanceof Rollback) return error.value as T;
		throw error;
	}
	throw new Error('unreachable');
}

/** The whole table matrix: the fixture made, every table tried, everything rolled back. */
export function tableMatrix(db: Database): Promise<Matrix> {
	return rolledBack(db, async (tx) => tableMatrixIn(tx, await seedFixture(tx)));
}

// ---------------------------------------------------------------------------------------------
// Markdown
// ---------------------------------------------------------------------------------------------

const LETTER: Record<Command, string> = { select: 'R', insert: 'I', update: 'U', delete: 'D' };

/** A cell as letters: R read, I insert, U update, D delete; lower case when only some rows; - nothing. */
export function cellText(cells: Record<Command, CellResult>): string {
	const text = COMMANDS.map((c) => {
		const { outcome } = cells[c];
		if (outcome === 'all') return LETTER[c];
		if (outcome === 'some') return LETTER[c].toLowerCase();
		return '';
	}).join('');
	return text || '-';
}

export const MATRIX_START =
	'<!-- role-matrix: made by `npx tsx scripts/role-matrix.ts`; do not edit by hand -->';
export const MATRIX_END = '<!-- /role-matrix -->';

/** Who may execute an API function: its callers among anon, authenticated and service_role. */
export type Callers = 'anyone' | 'members' | 'server' | 'nobody' | string;

export const CALLERS_TEXT: Record<string, string> = {
	anyone: 'Anyone, respondents too (anon; members and the server as well)',
	members: "Signed-in members (authenticated; the function checks the member's role itself) and the server",
	server:
		"The app's server only (service_role; a respondent's drafts, invitation links and answers reach the database only through it, with the respondent's address)"
};

/** Which API roles may execute each function of schema api (any of its overloads), from the catalog. */
export async function functionCallers(db: Queryable): Promise<Record<string, Callers>> {
	const rows = await db.query<{ name: string; anon: boolean; authenticated: boolean; service_role: boolean }>(
		`select p.proname as name,
		        bool_or(has_function_privilege('anon', p.oid, 'execute')) as anon,
		        bool_or(has_function_privilege('authenticated', p.oid, 'execute')) as authenticated,
		        bool_or(has_function_privilege('service_role', p.oid, 'execute')) as service_role
		   from pg_proc p join pg_namespace n on n.oid = p.pronamespace
		  where n.nspname = 'api'
		  group by p.proname order by p.proname`
	);
	return Object.fromEntries(
		rows.map((r) => {
			const key = `${r.anon ? 'a' : '-'}${r.authenticated ? 'm' : '-'}${r.service_role ? 's' : '-'}`;
			const named: Record<string, Callers> = {
				ams: 'anyone',
				'-ms': 'members',
				'--s': 'server',
				'---': 'nobody'
			};
			const callers =
				named[key] ??
				(['anon', 'authenticated', 'service_role'] as const).filter((role) => r[role]).join(' and ');
			return [r.name, callers];
		})
	);
}

/** The README's section: the legend, the table matrix and who may call which function. */
export function markdown(matrix: Matrix, functions: Record<string, Callers>): string {
	const heads = CALLERS.map((c) => c.key);
	const lines = [
		MATRIX_START,
		'',
		`| table | ${heads.join(' | ')} |`,
		`| --- | ${heads.map(() => ':-:').join(' | ')} |`
	];
	for (const [table, row] of Object.entries(matrix))
		lines.push(`| \`${table}\` | ${heads.map((h) => cellText(row[h]!)).join(' | ')} |`);
	lines.push('');
	const groups = new Map<string, string[]>();
	for (const [name, callers] of Object.entries(functions))
		groups.set(callers, [...(groups.get(callers) ?? []), name]);
	for (const callers of ['anyone', 'members', 'server', ...[...groups.keys()].sort()]) {
		const names = groups.get(callers);
		if (!names) continue;
		groups.delete(callers);
		lines.push(`- ${CALLERS_TEXT[callers] ?? callers}: ${names.map((n) => `\`${n}\``).join(', ')}.`);
	}
	lines.push('', MATRIX_END);
	return lines.join('\n');
}

/** The section between the markers in a text (the README), or null. */
export function section(text: string): string | null {
	const start = text.indexOf(MATRIX_START);
	const end = text.indexOf(MATRIX_END);
	return start < 0 || end < start ? null : text.slice(start, end + MATRIX_END.length);
}

/** The cells of a table matrix in Markdown, as "table × caller" -> letters. */
export function cellsOf(markdownText: string): Map<string, string> {
	const cells = new Map<string, string>();
	const rows = markdownText.split('\n').filter((l) => l.startsWith('| `'));
	for (const row of rows) {
		const [table, ...letters] = row
			.split('|')
			.slice(1, -1)
			.map((c) => c.trim());
		CALLERS.forEach((c, i) => cells.set(`${table!.replace(/`/g, '')} × ${c.key}`, letters[i] ?? '?'));
	}
	return cells;
}

/** Where two matrices in Markdown differ, cell by cell: "app.waves × forum: R, now RU". */
export function differences(expected: string, actual: string): string[] {
	const was = cellsOf(expected);
	const now = cellsOf(actual);
	const keys = [...new Set([...was.keys(), ...now.keys()])].sort();
	return keys
		.filter((k) => was.get(k) !== now.get(k))
		.map((k) => `${k}: ${was.get(k) ?? 'no such row'}, now ${now.get(k) ?? 'no such row'}`);
}

/**
 * What no grid may show, whatever the table: anon reaching a table, B's admin reaching A's rows, a
 * member reaching another organisation's rows, a write that changed rows it did not return.
 */
export function violations(matrix: Matrix): string[] {
	const found: string[] = [];
	for (const [table, row] of Object.entries(matrix)) {
		for (const [caller, cells] of Object.entries(row)) {
			for (const command of COMMANDS) {
				const cell = cells[command];
				const at = `${table} × ${caller} × ${command}`;
				if (caller === 'anon' && cell.outcome !== 'denied') found.push(`${at}: anon is not denied`);
				if (caller === 'admin of B' && !cell.shared && (cell.outcome === 'some' || cell.outcome === 'all'))
					found.push(`${at}: another organisation's admin reaches A's rows`);
				if (cell.otherOrganisation > 0)
					found.push(`${at}: ${cell.otherOrganisation} rows of another organisation reached`);
				if (cell.changed !== undefined && cell.changed !== cell.returned)
					found.push(`${at}: ${cell.changed} rows changed but ${cell.returned} returned`);
			}
		}
	}
	return found;
}
