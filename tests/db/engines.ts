/**
 * The database test harness: the same suite on both engines the app runs on.
 *
 *   - PGlite in memory (the embedded mode), migrated once per test file;
 *   - the machine's PostgreSQL 15 (TEST_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres):
 *     a fresh database per test file, migrated, and dropped afterwards.
 *
 * If PostgreSQL cannot be reached its suites fail, unless SKIP_POSTGRES=1 is set.
 *
 * Each test file calls forEachEngine once; the engine gives the database, the local Supabase API in
 * front of it, supabase-js clients, raw SQL as an API role, and fixtures. Tests share the database
 * of their file and stay independent by making their own organisation, users and surveys.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createClient, type PostgrestError } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { codes, MEMBER_ROLES as ROLES, type MemberRole } from '$lib/domain';
import { migrate } from '$lib/server/platform/db/migrate';
import { openPglite } from '$lib/server/platform/db/pglite';
import { openPgliteThread } from '$lib/server/platform/db/pglite-thread';
import { openPostgres } from '$lib/server/platform/db/postgres';
import type { Database, Queryable } from '$lib/server/platform/db/types';
import { createLocalSupabase, type LocalSupabase } from '$lib/server/platform/embedded';
import { clientOptions } from '$lib/server/platform/supabase-options';

export const TEST_DATABASE_URL =
	process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const SKIP_POSTGRES = process.env.SKIP_POSTGRES === '1';

/** A database of its own, migrated or not, and how to throw it away (for suites that migrate by hand). */
export interface Opened {
	db: Database;
	dispose(): Promise<void>;
}

/** A fresh in-memory PGlite. */
export async function freshPglite(): Promise<Opened> {
	const db = await openPglite();
	return { db, dispose: () => db.close() };
}

/** A fresh database on the machine's PostgreSQL, named with `prefix`, dropped on dispose. */
export async function freshPostgres(prefix: string): Promise<Opened> {
	const admin = await openPostgres(TEST_DATABASE_URL, { max: 1 });
	const name = `${prefix}_${randomBytes(6).toString('hex')}`;
	await admin.exec(`create database ${name}`);
	const url = new URL(TEST_DATABASE_URL);
	url.pathname = `/${name}`;
	const db = await openPostgres(url.toString(), { max: 2 });
	return {
		db,
		async dispose() {
			await db.close();
			await admin.exec(`drop database if exists ${name} with (force)`);
			await admin.close();
		}
	};
}

export type EngineName = 'pglite' | 'postgres 15';
export type ApiRole = 'anon' | 'authenticated' | 'service_role';
export type { MemberRole } from '$lib/domain';
/** Every member role, in the order the database's enum lists them. */
export const MEMBER_ROLES: readonly MemberRole[] = codes(ROLES);

function makeClient(local: LocalSupabase) {
	return createClient(local.url, local.anonKey, {
		...clientOptions(local.fetch),
		auth: { persistSession: false, autoRefreshToken: false }
	});
}
export type Client = ReturnType<typeof makeClient>;

/** A short random suffix that fits every slug and code pattern of the schema. */
export function suffix(): string {
	return randomBytes(4).toString('hex');
}

// ---------------------------------------------------------------------------------------------
// Fixture shapes
// ---------------------------------------------------------------------------------------------

export interface Organisation {
	id: string;
	slug: string;
	name: string;
}

export interface User {
	id: string;
	email: string;
	password: string;
}

export interface Wave {
	id: string;
	slug: string;
	opensAt: Date;
	closesAt: Date;
}

export interface Question {
	id: string;
	key: string;
	/** option value -> option id */
	options: Record<string, string>;
}

export type WaveName = 'closed' | 'open' | 'future';

export interface Survey {
	id: string;
	slug: string;
	organisationId: string;
	/**
	 * feel: agreement_5, required (strongly_agree and agree positive); services: multi_choice (health,
	 * education, social_care); comment: free_text up to 20 characters; age: number 0..25.
	 */
	questions: { feel: Question; services: Question; comment: Question; age: Question };
	waves: Partial<Record<WaveName, Wave>>;
}

/** Survey fixture waves. The closed one closes late on 30 June 2024 UTC: 1 July 2024 in London. */
export const WAVE_DATES: Record<WaveName, () => { opensAt: Date; closesAt: Date }> = {
	closed: () => ({ opensAt: new Date('2024-01-10T12:00:00Z'), closesAt: new Date('2024-06-30T23:30:00Z') }),
	open: () => ({
		opensAt: new Date(Date.now() - 86_400_000),
		closesAt: new Date(Date.now() + 30 * 86_400_000)
	}),
	future: () => ({ opensAt: new Date('2099-05-20T12:00:00Z'), closesAt: new Date('2099-07-01T12:00:00Z') })
};

export interface Answers {
	feel?: string;
	services?: string[];
	comment?: string;
	age?: number;
}

export interface CountRow {
	table: string;
	question_id: string | null;
	option_id: string | null;
	dimension: string;
	category: string;
	n: number;
}

// ---------------------------------------------------------------------------------------------
// The engine
// ---------------------------------------------------------------------------------------------

class Rollback extends Error {}

/**
 * Runs fn in a transaction that is always rolled back, and answers what fn answered: a probe (a table
 * made on purpose, a setting, a call that writes) leaves nothing behind. A statement that fails rejects.
 */
export async function rolledBack<T>(db: Database, fn: (tx: Queryable) => Promise<T>): Promise<T> {
	let result: T | undefined;
	try {
		await db.transaction(async (tx) => {
			result = await fn(tx);
			throw new Rollback();
		});
	} catch (error) {
		if (!(error instanceof Rollback)) throw error;
	}
	return result as T;
}

export class Engine {
	readonly name: EngineName;
	#db: Database | undefined;
	/** PostgreSQL: the API's connection, as the authenticator role */
	#apiDb: Database | undefined;
	#local: LocalSupabase | undefined;
	#admin: Database | undefined;
	#databaseName: string | undefined;
	/** The JWT secret of this engine's local API. */
	readonly jwtSecret = randomBytes(32).toString('base64url');

	constructor(name: EngineName) {
		this.name = name;
	}

	get label(): string {
		return `[${this.name}]`;
	}

	get db(): Database {
		if (!this.#db) throw new Error(`${this.label} is not started: use the engine inside a test or hook.`);
		return this.#db;
	}

	get local(): LocalSupabase {
		if (!this.#local) throw new Error(`${this.label} is not started: use the engine inside a test or hook.`);
		return this.#local;
	}

	async start(): Promise<void> {
		if (this.name === 'pglite') {
			// TEST_PGLITE_THREAD=1: in a worker thread, as the server runs it (the export bench)
			this.#db = process.env.TEST_PGLITE_THREAD === '1' ? await openPgliteThread() : await openPglite();
		} else {
			try {
				this.#admin = await openPostgres(TEST_DATABASE_URL, { max: 1 });
			} catch (error) {
				throw new Error(
					`PostgreSQL is not reachable at ${TEST_DATABASE_URL} (${String(error)}). ` +
						'Start it, point TEST_DATABASE_URL at one, or set SKIP_POSTGRES=1 to test on PGlite only.'
				);
			}
			this.#databaseName = `cpi_test_${suffix()}${suffix()}`;
			await this.#admin.exec(`create database ${this.#databaseName}`);
			const url = new URL(TEST_DATABASE_URL);
			url.pathname = `/${this.#databaseName}`;
			this.#db = await openPostgres(url.toString(), { max: 20 });
		}
		await migrate(this.#db);
		if (this.name === 'postgres 15') {
			// the API's calls on a connection as the authenticator role, as the server runs with API_DATABASE_URL
			// and PostgREST on Supabase; fixtures and checks as the owner
			const url = new URL(TEST_DATABASE_URL);
			url.pathname = `/${this.#databaseName}`;
			url.username = 'authenticator';
			url.password = '';
			this.#apiDb = await openPostgres(url.toString(), { max: 10 });
		}
		this.#local = await createLocalSupabase(this.#db, this.jwtSecret, 'api', this.#apiDb ?? this.#db);
	}

	async stop(): Promise<void> {
		await this.#apiDb?.close();
		this.#apiDb = undefined;
		await this.#db?.close();
		this.#db = undefined;
		this.#local = undefined;
		if (this.#admin) {
			if (this.#databaseName)
				await this.#admin.exec(`drop database if exists ${this.#databaseName} with (force)`);
			await this.#admin.close();
			this.#admin = undefined;
		}
	}

	// ---- supabase-js clients ------------------------------------------------------------------

	/** A supabase-js client with the anon key, as a respondent's browser or the server has. */
	anon(): Client {
		return makeClient(this.local);
	}

	/**
	 * A supabase-js client with the service role key, as the app's server calls the functions only it
	 * may call (drafts, submissions), passing on the respondent's address as X-Client-Address.
	 */
	server(address = '203.0.113.1'): Client {
		return createClient(this.local.url, this.local.serviceRoleKey, {
			...clientOptions(this.local.fetch),
			global: { fetch: this.local.fetch, headers: { 'x-client-address': address } },
			auth: { persistSession: false, autoRefreshToken: false }
		});
	}

	/** A supabase-js client signed in with email and password through the local Auth API. */
	async signIn(email: string, password: string): Promise<Client> {
		const client = makeClient(this.local);
		const { error } = await client.auth.signInWithPassword({ email, password });
		if (error) throw new Error(`${this.label} sign-in as ${email} failed: ${error.message}`);
		return client;
	}

	signInAs(user: User): Promise<Client> {
		return this.signIn(user.email, user.password);
	}

	/**
	 * A supabase-js client that sends this access token with every call, as a stolen or replayed
	 * cookie would: it neither refreshes the token nor signs out.
	 */
	withAccessToken(accessToken: string): Client {
		const options = clientOptions(this.local.fetch);
		return createClient(this.local.url, this.local.anonKey, {
			...options,
			global: { ...options.global, headers: { authorization: `Bearer ${accessToken}` } },
			auth: { persistSession: false, autoRefreshToken: false }
		});
	}

	// ---- raw SQL as an API role ----------------------------------------------------------------

	/**
	 * Runs fn in a transaction as PostgREST would for a request: `set local role` and the JWT's claims
	 * in request.jwt.claims. The transaction is always rolled back; a statement that fails rejects.
	 */
	asRole<T>(role: ApiRole, userId: string | null, fn: (tx: Queryable) => Promise<T>): Promise<T> {
		return rolledBack(this.db, async (tx) => {
			await tx.exec(`set local role ${role}`);
			const claims = userId ? { role, sub: userId, aud: 'authenticated' } : { role };
			await tx.query(`select set_config('request.jwt.claims', $1, true)`, [JSON.stringify(claims)]);
			return fn(tx);
		});
	}

	/** One statement as an API role (rolled back); its rows. */
	queryAs<T = Record<string, unknown>>(
		role: ApiRole,
		userId: string | null,
		sql: string,
		params: unknown[] = []
	): Promise<T[]> {
		return this.asRole(role, userId, (tx) => tx.query<T>(sql, params));
	}

	// ---- fixtures (as the database owner) ------------------------------------------------------

	async createOrganisation(options: { name?: string; minCellSize?: number } = {}): Promise<Organisation> {
		const slug = `org-${suffix()}`;
		const name = options.name ?? `Organisation ${slug}`;
		const [row] = await this.db.query<{ id: string }>(
			`insert into app.organisations (slug, name, min_cell_size) values ($1, $2, $3) returning id`,
			[slug, name, options.minCellSize ?? 10]
		);
		return { id: row!.id, slug, name };
	}

	async createUser(
		email = `user-${suffix()}@example.org`,
		password = `pw-${suffix()}-${suffix()}`
	): Promise<User> {
		const [row] = await this.db.query<{ id: string }>(
			`insert into auth.users (email, encrypted_password, email_confirmed_at)
			 values ($1, extensions.crypt($2, extensions.gen_salt('bf', 4)), now()) returning id`,
			[email, password]
		);
		return { id: row!.id, email, password };
	}

	async addMember(organisation: Organisation | string, user: User | string, role: MemberRole): Promise<void> {
		await this.db.query('insert into app.memberships (organisation_id, user_id, role) values ($1, $2, $3)', [
			typeof organisation === 'string' ? organisation : organisation.id,
			typeof user === 'string' ? user : user.id,
			role
		]);
	}

	/** A new user with the role in the organisation. */
	async createMember(organisation: Organisation, role: MemberRole): Promise<User> {
		const user = await this.createUser(`${role}-${suffix()}@example.org`);
		await this.addMember(organisation, user, role);
		return user;
	}

	/** An about-you category of the organisation's own (say, one of its areas). */
	async createAboutCategory(organisation: Organisation, dimension: string, code: string): Promise<void> {
		await this.db.query(
			`insert into app.about_categories (organisation_id, dimension, code, label, position) values ($1, $2, $3, $4, 50)`,
			[organisation.id, dimension, code, `Category ${code}`]
		);
	}

	async createPriority(organisation: Organisation, title = 'Children are heard'): Promise<string> {
		const [row] = await this.db.query<{ id: string }>(
			`insert into app.strategy_priorities (organisation_id, position, title)
			 values ($1, coalesce((select max(position) from app.strategy_priorities where organisation_id = $1), 0) + 1, $2)
			 returning id`,
			[organisation.id, title]
		);
		return row!.id;
	}

	/**
	 * A survey with four questions (see Survey) and the waves asked for: by default a closed baseline,
	 * an open repeat and a repeat not yet open.
	 */
	async createSurvey(
		organisation: Organisation,
		options: { waves?: WaveName[]; title?: string; priorityId?: string } = {}
	): Promise<Survey> {
		const db = this.db;
		const slug = `survey-${suffix()}`;
		const [survey] = await db.query<{ id: string }>(
			`insert into app.surveys (organisation_id, slug, title, audience, introduction)
			 values ($1, $2, $3, 'parent_carers', 'Tell us how it is going.') returning id`,
			[organisation.id, slug, options.title ?? `Survey ${slug}`]
		);
		const surveyId = survey!.id;

		const question = async (
			key: string,
			position: number,
			kind: string,
			prompt: string,
			extra: { required?: boolean; maxLength?: number; min?: number; max?: number; priorityId?: string },
			opts: [value: string, label: string, positive: boolean][] = []
		): Promise<Question> => {
			const [q] = await db.query<{ id: string }>(
				`insert into app.questions (organisation_id, survey_id, key, position, kind, prompt, required, max_length,
				   min_value, max_value, priority_id)
				 values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) returning id`,
				[
					organisation.id,
					surveyId,
					key,
					position,
					kind,
					prompt,
					extra.required ?? false,
					extra.maxLength ?? null,
					extra.min ?? null,
					extra.max ?? null,
					extra.priorityId ?? null
				]
			);
			const optionIds: Record<string, string> = {};
			for (const [i, [value, label, positive]] of opts.entries()) {
				const [o] = await db.query<{ id: string }>(
					`insert into app.question_options (organisation_id, question_id, value, label, is_positive, position)
					 values ($1, $2, $3, $4, $5, $6) returning id`,
					[organisation.id, q!.id, value, label, positive, i + 1]
				);
				optionIds[value] = o!.id;
			}
			return { id: q!.id, key, options: optionIds };
		};

		const questions = {
			feel: await question(
				'feel',
				1,
				'agreement_5',
				'I feel listened to.',
				{ required: true, priorityId: options.priorityId },
				[
					['strongly_agree', 'Strongly agree', true],
					['agree', 'Agree', true],
					['neither', 'Neither agree nor disagree', false],
					['disagree', 'Disagree', false],
					['strongly_disagree', 'Strongly disagree', false]
				]
			),
			services: await question('services', 2, 'multi_choice', 'Which services do you use?', {}, [
				['health', 'Health', false],
				['education', 'Education', false],
				['social_care', 'Social care', false]
			]),
			comment: await question('comment', 3, 'free_text', 'Anything else?', { maxLength: 20 }),
			age: await question('age', 4, 'number', 'How old is your child?', { min: 0, max: 25 })
		};

		const waves: Partial<Record<WaveName, Wave>> = {};
		for (const name of options.waves ?? (['closed', 'open', 'future'] as const)) {
			const { opensAt, closesAt } = WAVE_DATES[name]();
			const waveSlug = `${slug}-${name}`;
			const [w] = await db.query<{ id: string }>(
				`insert into app.waves (organisation_id, survey_id, slug, kind, label, opens_at, closes_at)
				 values ($1, $2, $3, $4, $5, $6, $7) returning id`,
				[
					organisation.id,
					surveyId,
					waveSlug,
					name === 'closed' ? 'baseline' : 'repeat',
					`Wave ${name}`,
					opensAt.toISOString(),
					closesAt.toISOString()
				]
			);
			waves[name] = { id: w!.id, slug: waveSlug, opensAt, closesAt };
		}

		return { id: surveyId, slug, organisationId: organisation.id, questions, waves };
	}

	/**
	 * `count` identical responses written straight to the tables (any wave, open or not), each added
	 * to the running counts by app.count_response, as a submission adds it.
	 */
	async addResponses(
		survey: Survey,
		wave: Wave,
		count: number,
		answers: Answers,
		about: Record<string, string> = {}
	): Promise<string[]> {
		const ids: string[] = [];
		await this.db.transaction(async (tx) => {
			for (let i = 0; i < count; i++) {
				const id = randomUUID();
				ids.push(id);
				await tx.query(
					`insert into app.responses (id, organisation_id, wave_id, about) values ($1, $2, $3, $4::text::jsonb)`,
					[id, survey.organisationId, wave.id, JSON.stringify(about)]
				);
				const rows: [questionId: string, optionId: string | null, text: string | null, num: number | null][] =
					[];
				const q = survey.questions;
				if (answers.feel) rows.push([q.feel.id, q.feel.options[answers.feel]!, null, null]);
				for (const s of answers.services ?? [])
					rows.push([q.services.id, q.services.options[s]!, null, null]);
				if (answers.comment) rows.push([q.comment.id, null, answers.comment, null]);
				if (answers.age !== undefined) rows.push([q.age.id, null, null, answers.age]);
				for (const [questionId, optionId, text, num] of rows) {
					await tx.query(
						`insert into app.answers (organisation_id, response_id, question_id, option_id, text_value, number_value)
						 values ($1, $2, $3, $4, $5, $6)`,
						[survey.organisationId, id, questionId, optionId, text, num]
					);
				}
				await tx.query('select app.count_response($1)', [id]);
			}
		});
		return ids;
	}

	/** The running counts of a wave, in a stable order. */
	async countsOf(waveId: string): Promise<CountRow[]> {
		return this.db.query<CountRow>(
			`select 'wave_group_counts' as table, null::text as question_id, null::text as option_id, dimension, category, n
			   from app.wave_group_counts where wave_id = $1
			 union all
			 select 'question_counts', question_id::text, null, dimension, category, n
			   from app.question_counts where wave_id = $1
			 union all
			 select 'option_counts', question_id::text, option_id::text, dimension, category, n
			   from app.option_counts where wave_id = $1
			 order by 1, 2, 3, 4, 5`,
			[waveId]
		);
	}

	/** How many responses and answers a wave holds. */
	async tally(waveId: string): Promise<{ responses: number; answers: number }> {
		const [row] = await this.db.query<{ responses: number; answers: number }>(
			`select (select count(*)::int from app.responses where wave_id = $1) as responses,
			        (select count(*)::int from app.answers a join app.responses r on r.id = a.response_id
			          where r.wave_id = $1) as answers`,
			[waveId]
		);
		return row!;
	}
}

const ENGINES: EngineName[] = ['pglite', 'postgres 15'];

/**
 * Defines the suite once per engine, as `[pglite] <title>` and `[postgres 15] <title>`, with the
 * engine started (fresh, migrated database) before its tests and stopped after. Call it once per file.
 */
export function forEachEngine(title: string, fn: (engine: Engine) => void): void {
	for (const name of ENGINES) {
		const engine = new Engine(name);
		const define = name === 'postgres 15' && SKIP_POSTGRES ? describe.skip : describe;
		define(`${engine.label} ${title}`, () => {
			beforeAll(() => engine.start());
			afterAll(() => engine.stop());
			fn(engine);
		});
	}
}

// ---------------------------------------------------------------------------------------------
// Assertion helpers
// ---------------------------------------------------------------------------------------------

/** The `details` of an API error, parsed: the database puts a JSON object there. */
export function parseDetails(details: string | null | undefined): Record<string, unknown> {
	if (!details) throw new Error('The error has no details.');
	return JSON.parse(details) as Record<string, unknown>;
}

/**
 * A draft's key as the app's server makes them ($lib/server/respondent/draft-key): what the tests' drafts
 * are kept under, and must be read by their response id with.
 */
export const DRAFT_KEY = 'test-draft-key-0123456789abc';

/**
 * A call refused for its client address over a limit that blocks for ten minutes (wrong resume codes,
 * unknown invitation links): 429, nothing returned, hint rate_limited, the message saying when, and the
 * seconds to wait in details.
 */
export function expectBlockedTenMinutes(refused: {
	status: number;
	data: unknown;
	error: PostgrestError | null;
}) {
	expect(refused.status).toBe(429);
	expect(refused.data).toBeNull();
	expect(refused.error?.hint).toBe('rate_limited');
	expect(refused.error?.message).toMatch(/try again in 10 minutes/);
	expect(Number(refused.error?.details)).toBeGreaterThan(590);
	expect(Number(refused.error?.details)).toBeLessThanOrEqual(600);
}
