/**
 * Demo data: the fictional local area of Northbridge, a year into listening properly to its
 * families, and its small neighbour Eastmoor.
 *
 * The story
 *  - Northbridge's SEND strategy has five priorities (Barnsley's, 2020-22). Its staff sign in
 *    with one demo account per role (see ./accounts).
 *  - "Your experience of the EHC plan process" (ehc-journey) asks parent carers the indicators of
 *    Thurrock's written statement of action. A baseline 13 months ago found only 38% felt fully
 *    involved; after changes to casework and communication, a repeat 7 months ago found 49%, and
 *    the repeat open now stands at 58%. Every indicator improves, from 34-45% at baseline.
 *    About 450, 450 and 300 families answered (the current wave is still open).
 *  - Underneath the headline, not everyone shares in it: families at SEN support, and families
 *    from Black, Pakistani, Bangladeshi, Gypsy, Roma and Traveller and some other backgrounds,
 *    report a worse experience; post-16 families are least sure the provision meets needs; the
 *    east of the area lags behind. Respondents' ethnic mix follows England's EHC plan population
 *    (DfE, January 2025), more diverse in the centre of the area.
 *  - About 1 in 10 parent responses carry a panel code that links a baseline family to its
 *    answers in a repeat; about a quarter leave a comment, most of them critical, some warm.
 *  - "My say about school and college" (my-say), easy read, asks children and young people with
 *    faces; about 300 answered, many with help, and feeling listened to rose from 44% to 55%.
 *  - "EHC plans: the view from schools and settings" (settings-voice) opens in five weeks: the
 *    page a respondent sees before a survey opens.
 *  - Its "you said, we did" (./decisions.ts): five decisions with the comments, indicators and
 *    engagement activities behind them, four published on /o/northbridge/you-said-we-did.
 *  - Eastmoor has one lead and one small short-breaks survey, which no Northbridge account can see.
 *
 * Responses are written directly, not through api.submit_response (past waves are closed), and
 * the running counts are then rebuilt from them. Everything is deterministic: the same `now`
 * gives the same rows on PGlite and on PostgreSQL.
 */

import type { Database, Queryable } from '../platform/db/types';
import { DEMO_ORGANISATION_SLUG } from './accounts';
import { writeDecisions } from './decisions';
import { DEMO_LANGUAGES } from './languages';
import { planDemo, type DemoPlan } from './plan';

export interface SeedOptions {
	/** The moment the story is told from; waves are placed around it. Defaults to the clock. */
	now?: Date;
	/**
	 * The new accounts' passwords, by address (see ./credentials.ts). An account without one is
	 * created without a password, and cannot sign in until one is set.
	 */
	passwords?: Record<string, string>;
}

/** Column name -> SQL type, in insert order. */
type Columns = Record<string, string>;

const BATCH = 2000;

/** Inserts plain objects through one JSON parameter (fast on both engines, one statement a batch). */
async function insertRows(db: Queryable, table: string, columns: Columns, rows: object[]): Promise<void> {
	const names = Object.keys(columns).map((c) => `"${c}"`);
	const record = Object.entries(columns)
		.map(([name, type]) => `"${name}" ${type}`)
		.join(', ');
	const sql = `insert into ${table} (${names.join(', ')})
		select ${names.join(', ')} from jsonb_to_recordset($1::text::jsonb) as r(${record})`;
	for (let i = 0; i < rows.length; i += BATCH) {
		// JSON passed as text and cast: postgres.js would encode a string bound to jsonb twice
		await db.query(sql, [JSON.stringify(rows.slice(i, i + BATCH))]);
	}
}

/**
 * Demo accounts with bcrypt passwords, as Supabase Auth keeps them. An address that already
 * exists (left behind by a deleted organisation, or a real account) is left exactly as it is,
 * its password never changed; it only gets its demo membership. Returns the addresses created.
 */
async function writeUsers(db: Queryable, plan: DemoPlan): Promise<string[]> {
	const users = JSON.stringify(plan.users);
	const record = 'r(id uuid, email text, password text, name text)';
	const created = await db.query<{ email: string }>(
		`insert into auth.users (id, aud, role, email, encrypted_password, email_confirmed_at,
		                         raw_app_meta_data, raw_user_meta_data)
		 select r.id, 'authenticated', 'authenticated', r.email,
		        extensions.crypt(r.password, extensions.gen_salt('bf', 10)), now(),
		        '{"provider": "email", "providers": ["email"]}'::jsonb, jsonb_build_object('name', r.name)
		   from jsonb_to_recordset($1::text::jsonb) as ${record}
		  where not exists (select 1 from auth.users u where lower(u.email) = lower(r.email))
		 returning email`,
		[users]
	);
	await db.query(
		`insert into app.memberships (organisation_id, user_id, role)
		 select r.organisation_id, u.id, r.role
		   from jsonb_to_recordset($1::text::jsonb) as r(organisation_id uuid, email text, role app.member_role)
		   join auth.users u on lower(u.email) = lower(r.email)
		 on conflict do nothing`,
		[JSON.stringify(plan.memberships)]
	);
	return created.map((u) => u.email);
}

/** Writes everything but the responses; returns the addresses of the accounts it created. */
async function writeStructure(db: Queryable, plan: DemoPlan): Promise<string[]> {
	await insertRows(
		db,
		'app.organisations',
		{ id: 'uuid', slug: 'text', name: 'text', created_at: 'timestamptz', you_said_we_did_url: 'text' },
		plan.organisations
	);
	const created = await writeUsers(db, plan);
	await insertRows(
		db,
		'app.strategy_priorities',
		{ id: 'uuid', organisation_id: 'uuid', position: 'integer', title: 'text', description: 'text' },
		plan.priorities
	);
	await insertRows(
		db,
		'app.about_categories',
		{ organisation_id: 'uuid', dimension: 'text', code: 'text', label: 'text', position: 'integer' },
		plan.categories
	);
	await insertRows(
		db,
		'app.surveys',
		{
			id: 'uuid',
			organisation_id: 'uuid',
			slug: 'text',
			title: 'text',
			audience: 'app.survey_audience',
			easy_read: 'boolean',
			introduction: 'text',
			privacy_notice: 'text',
			created_at: 'timestamptz'
		},
		plan.surveys
	);
	await insertRows(
		db,
		'app.questions',
		{
			id: 'uuid',
			organisation_id: 'uuid',
			survey_id: 'uuid',
			key: 'text',
			position: 'integer',
			kind: 'app.question_kind',
			prompt: 'text',
			easy_read_prompt: 'text',
			help_text: 'text',
			required: 'boolean',
			max_length: 'integer',
			priority_id: 'uuid',
			same_page: 'boolean',
			created_at: 'timestamptz'
		},
		plan.questions
	);
	await insertRows(
		db,
		'app.question_options',
		{
			id: 'uuid',
			organisation_id: 'uuid',
			question_id: 'uuid',
			value: 'text',
			label: 'text',
			easy_read_label: 'text',
			symbol: 'text',
			is_positive: 'boolean',
			position: 'integer'
		},
		plan.options
	);
	await insertRows(
		db,
		'app.waves',
		{
			id: 'uuid',
			organisation_id: 'uuid',
			survey_id: 'uuid',
			slug: 'text',
			kind: 'app.wave_kind',
			label: 'text',
			opens_at: 'timestamptz',
			closes_at: 'timestamptz',
			created_at: 'timestamptz'
		},
		plan.waves
	);
	// the surveys' other languages, for the surveys written now (JSON as text: see insertRows)
	const slugs = new Set(plan.surveys.map((x) => x.slug));
	for (const [i, l] of DEMO_LANGUAGES.filter((x) => slugs.has(x.surveySlug)).entries()) {
		await db.query(
			`insert into app.survey_languages (organisation_id, survey_id, code, name, direction, position, translations)
			 select s.organisation_id, s.id, $2, $3, $4, $5, $6::text::jsonb from app.surveys s where s.slug = $1`,
			[l.surveySlug, l.code, l.name, l.direction, i + 1, JSON.stringify(l.translations)]
		);
	}
	return created;
}

async function writeResponses(db: Queryable, plan: DemoPlan): Promise<void> {
	await insertRows(
		db,
		'app.responses',
		{
			id: 'uuid',
			organisation_id: 'uuid',
			wave_id: 'uuid',
			submitted_at: 'timestamptz',
			channel: 'app.response_channel',
			assistance: 'app.response_assistance',
			panel_code: 'text',
			language: 'text',
			about: 'jsonb'
		},
		plan.responses
	);
	await insertRows(
		db,
		'app.answers',
		{
			organisation_id: 'uuid',
			response_id: 'uuid',
			question_id: 'uuid',
			option_id: 'uuid',
			text_value: 'text'
		},
		plan.answers
	);
	// the responses did not pass through api.submit_response, so count them now (these waves only)
	await db.query(
		'select count(*) from (select app.rebuild_counts(w.id) from unnest($1::uuid[]) as w(id)) as rebuilt',
		[plan.waves.map((w) => w.id)]
	);
}

/**
 * The plan without the organisations that are already there (Eastmoor left behind when someone
 * deleted Northbridge to start the demo afresh, say), so that writing it cannot collide.
 */
async function withoutExisting(db: Queryable, plan: DemoPlan): Promise<DemoPlan> {
	const existing = await db.query<{ slug: string }>(
		'select slug from app.organisations where slug = any ($1::text[])',
		[plan.organisations.map((o) => o.slug)]
	);
	if (existing.length === 0) return plan;
	const skipped = new Set(
		plan.organisations.filter((o) => existing.some((e) => e.slug === o.slug)).map((o) => o.id)
	);
	const kept = <T extends { organisation_id: string }>(rows: T[]) =>
		rows.filter((r) => !skipped.has(r.organisation_id));
	const memberships = kept(plan.memberships);
	return {
		organisations: plan.organisations.filter((o) => !skipped.has(o.id)),
		users: plan.users.filter((u) => memberships.some((m) => m.email === u.email)),
		memberships,
		priorities: kept(plan.priorities),
		categories: kept(plan.categories),
		surveys: kept(plan.surveys),
		questions: kept(plan.questions),
		options: kept(plan.options),
		waves: kept(plan.waves),
		responses: kept(plan.responses),
		answers: kept(plan.answers)
	};
}

/**
 * Writes the demo organisations, accounts, surveys and responses; an organisation whose slug is
 * already taken is left out, with everything in it. Run it in a transaction. Returns the
 * addresses of the accounts it created.
 */
export async function seedDemo(db: Queryable, options: SeedOptions = {}): Promise<string[]> {
	const now = options.now ?? new Date();
	const plan = await withoutExisting(db, planDemo(now, options.passwords));
	if (plan.organisations.length === 0) return [];
	const created = await writeStructure(db, plan);
	await writeResponses(db, plan);
	if (plan.organisations.some((o) => o.slug === DEMO_ORGANISATION_SLUG))
		await writeDecisions(db, DEMO_ORGANISATION_SLUG, now);
	return created;
}

/**
 * Seeds the demo unless the demo organisation already exists, in one transaction so that a crash
 * leaves nothing half-written. Null when the demo organisation was there already; otherwise the
 * addresses of the accounts it created (an address that existed keeps its password).
 */
export async function seedDemoOnce(db: Database, options: SeedOptions = {}): Promise<string[] | null> {
	return db.transaction(async (tx) => {
		// two processes starting on one database at once: the second waits, then finds the demo
		await tx.query(`select 1 from pg_advisory_xact_lock(hashtext('coproduction-impact/demo-seed'))`);
		const [found] = await tx.query<{ seeded: boolean }>(
			'select exists (select 1 from app.organisations where slug = $1) as seeded',
			[DEMO_ORGANISATION_SLUG]
		);
		if (found?.seeded) return null;
		return seedDemo(tx, options);
	});
}
