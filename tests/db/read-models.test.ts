/**
 * 20261202000100_read_model_builders.sql rewrote api.survey_for_respondent and api.survey_for_builder
 * as compositions of small builders, made app.check_response one function again, and put the two
 * triggers on app.responses into one. It must change nothing anyone sees: on both engines, the demo
 * area is seeded on the schema just before that migration, every output is taken from the functions
 * of that day (as anon, as each demo account, as the other area's lead), the migration is applied,
 * and every output is taken again and compared, byte for byte.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../src/lib/server/platform/db/migrate';
import { asDatabaseError, type Database, type Queryable } from '../../src/lib/server/platform/db/types';
import { DEMO_ACCOUNTS, OTHER_ORGANISATION_ACCOUNT } from '../../src/lib/server/demo/accounts';
import { seedDemoOnce } from '../../src/lib/server/demo/seed';
import { freshPglite, freshPostgres, type Opened } from './engines';
import { migrationsUpTo } from './migrations-up-to';

const SKIP_POSTGRES = process.env.SKIP_POSTGRES === '1';
const BUILDERS = '20261202000100';

class Rollback extends Error {}

/** fn as an API role, as PostgREST runs a call (claims of the user, if any); always rolled back. */
async function asRole<T>(
	db: Database,
	role: 'anon' | 'authenticated',
	userId: string | null,
	fn: (tx: Queryable) => Promise<T>
): Promise<T> {
	let result: T | undefined;
	try {
		await db.transaction(async (tx) => {
			await tx.exec(`set local role ${role}`);
			const claims = userId ? { role, sub: userId, aud: 'authenticated' } : { role };
			await tx.query(`select set_config('request.jwt.claims', $1, true)`, [JSON.stringify(claims)]);
			result = await fn(tx);
			throw new Rollback();
		});
	} catch (error) {
		if (!(error instanceof Rollback)) throw error;
	}
	return result as T;
}

/** Every output of the read models and of the rules, as text, keyed by who asked what. */
async function outputs(db: Database): Promise<Map<string, string>> {
	const out = new Map<string, string>();

	// a respondent (anon): every wave's link, every survey's link, and a slug that is nobody's
	const slugs = await db.query<{ slug: string }>(
		`select slug from app.waves union select slug from app.surveys union select 'no-such-survey' order by 1`
	);
	await asRole(db, 'anon', null, async (tx) => {
		for (const { slug } of slugs) {
			const [row] = await tx.query<{ json: string | null }>(
				'select api.survey_for_respondent($1)::text as json',
				[slug]
			);
			out.set(`respondent ${slug}`, String(row?.json));
		}
	});

	// each demo account and the other area's lead: every survey of both areas, as the builder loads it
	const surveys = await db.query<{ id: string; slug: string }>(
		`select id, slug from app.surveys order by slug`
	);
	for (const account of [...DEMO_ACCOUNTS, OTHER_ORGANISATION_ACCOUNT]) {
		const [user] = await db.query<{ id: string }>('select id from auth.users where email = $1', [
			account.email
		]);
		await asRole(db, 'authenticated', user!.id, async (tx) => {
			for (const survey of surveys) {
				const [row] = await tx.query<{ json: string | null }>(
					'select api.survey_for_builder($1)::text as json',
					[survey.id]
				);
				out.set(`builder ${account.email} ${survey.slug}`, String(row?.json));
			}
		});
	}

	// the rules for a response, on every wave: good answers with about-you answers the survey asks,
	// does not ask and that do not exist; bad answers of every kind; answers that are not an object
	const checks = await db.query<{ slug: string; good: string; bad: string; none: string; broken: string }>(
		`select w.slug,
		        app.check_response(w,
		          (select jsonb_object_agg(q.key, coalesce(
		             (select to_jsonb(o.value) from app.question_options o where o.question_id = q.id
		               order by o.position desc limit 1), '"It was fine."'::jsonb))
		             from app.questions q where q.survey_id = w.survey_id),
		          (select jsonb_object_agg(d.key, (select c.code from app.about_categories c
		                                            where c.dimension = d.key order by c.position limit 1))
		             from app.about_dimensions d) || '{"shoe_size": "9", "area": ""}',
		          'paper', 'k7qp 2mxa', 'helped', 'pl')::text as good,
		        app.check_response(w,
		          (select jsonb_object_agg(q.key, case when q.kind = 'free_text' then to_jsonb(repeat('x', 5000))
		                                               when q.kind = 'multi_choice' then '["nope"]'::jsonb
		                                               else '"nope"'::jsonb end)
		             from app.questions q where q.survey_id = w.survey_id) || '{"unknown": "x"}',
		          '{"phase": "not_a_phase"}', 'pigeon', 'K7QP', 'robot', 'EN!')::text as bad,
		        app.check_response(w, '{}', null, null, null, null, null)::text as none,
		        app.check_response(w, '[]', '"me"', null, null, null, null)::text as broken
		   from app.waves w order by w.slug`
	);
	for (const c of checks) {
		out.set(`check ${c.slug} good`, c.good);
		out.set(`check ${c.slug} bad`, c.bad);
		out.set(`check ${c.slug} none`, c.none);
		out.set(`check ${c.slug} broken`, c.broken);
	}

	// who may call each API function, and how it runs
	const api = await db.query<{ signature: string; how: string }>(
		`select p.oid::regprocedure::text as signature,
		        concat_ws(' ', p.prosecdef, p.provolatile, p.proconfig::text,
		                  has_function_privilege('anon', p.oid, 'execute'),
		                  has_function_privilege('authenticated', p.oid, 'execute'),
		                  has_function_privilege('service_role', p.oid, 'execute')) as how
		   from pg_proc p where p.pronamespace = 'api'::regnamespace order by 1`
	);
	for (const f of api) out.set(`api ${f.signature}`, f.how);
	return out;
}

const ENGINES = [
	{ name: 'PGlite', open: freshPglite, skip: false },
	{ name: 'PostgreSQL', open: () => freshPostgres('read_models_test'), skip: SKIP_POSTGRES }
];

for (const engine of ENGINES) {
	(engine.skip ? describe.skip : describe)(`read models from small builders [${engine.name}]`, () => {
		let opened: Opened;
		let db: Database;
		let root: string;
		let before: Map<string, string>;
		let after: Map<string, string>;

		beforeAll(async () => {
			root = await mkdtemp(path.join(tmpdir(), 'read-models-'));
			opened = await engine.open();
			db = opened.db;
			const dayBefore = await migrationsUpTo(root, 'before', (v) => v < BUILDERS);
			const through = await migrationsUpTo(root, 'through', (v) => v <= BUILDERS);

			await migrate(db, dayBefore);
			await seedDemoOnce(db);
			// more than the demo shows: an earlier wording, fewer about-you questions asked, and a
			// "you said, we did" page
			await db.exec(`
				insert into app.question_versions (organisation_id, question_id, version, prompt, replaced_at)
				  select q.organisation_id, q.id, 1, 'An earlier wording', '2025-01-01T00:00:00Z'
				    from app.questions q join app.surveys s on s.id = q.survey_id
				   where s.slug = 'ehc-journey' and q.position = 1;
				update app.surveys set about_dimensions = '{phase,area}' where slug = 'my-say';
				update app.organisations set you_said_we_did_url = 'https://example.org/we-did' where slug = 'northbridge';
			`);
			before = await outputs(db);
			const { applied } = await migrate(db, through);
			expect(applied).toEqual([BUILDERS]);
			after = await outputs(db);
		}, 600_000);

		afterAll(async () => {
			await opened?.dispose();
			if (root) await rm(root, { recursive: true, force: true });
		});

		it('shows respondents every survey and wave exactly as before', () => {
			const keys = [...before.keys()].filter((k) => k.startsWith('respondent '));
			expect(keys.length).toBeGreaterThan(10);
			// the demo's translated survey is among them, with its languages and about-you questions
			expect(before.get('respondent ehc-journey')).toContain('"translations"');
			expect(before.get('respondent no-such-survey')).toBe('null');
			for (const key of keys) expect(after.get(key), key).toBe(before.get(key));
		});

		it('shows each member the builder exactly as before, and nothing more to another area', () => {
			const keys = [...before.keys()].filter((k) => k.startsWith('builder '));
			expect(keys).toHaveLength(4 * 7);
			const lead = DEMO_ACCOUNTS.find((a) => a.role === 'lead')!;
			expect(before.get(`builder ${lead.email} ehc-journey`)).toContain('An earlier wording');
			expect(before.get(`builder ${OTHER_ORGANISATION_ACCOUNT.email} ehc-journey`)).toBe('null');
			for (const key of keys) expect(after.get(key), key).toBe(before.get(key));
		});

		it('checks responses by the same rules, dropping about-you answers the survey does not ask', () => {
			const keys = [...before.keys()].filter((k) => k.startsWith('check '));
			expect(keys.length).toBe(4 * 7);
			const mySay = JSON.parse(after.get('check my-say-baseline good')!) as { about: object; errors: object };
			// the survey asks phase and area (given empty), not ethnicity and the rest; shoe size is nobody's
			expect(mySay.errors).toEqual({ 'about.shoe_size': 'Choose one of the answers given.' });
			expect(Object.keys(mySay.about).sort()).toEqual(['phase']);
			for (const key of keys) expect(after.get(key), key).toBe(before.get(key));
		});

		it('lets the same roles call each API function, run the same way', () => {
			const keys = [...before.keys()].filter((k) => k.startsWith('api '));
			expect(keys.length).toBeGreaterThan(30);
			expect([...after.keys()].filter((k) => k.startsWith('api '))).toEqual(keys);
			for (const key of keys) expect(after.get(key), key).toBe(before.get(key));
		});

		it('has one app.check_response and no wrapper', async () => {
			const rows = await db.query<{ name: string }>(
				`select p.proname as name from pg_proc p
				  where p.pronamespace = 'app'::regnamespace and p.proname like 'check_response%'`
			);
			expect(rows).toEqual([{ name: 'check_response' }]);
		});

		it('keeps the builders from respondents, and gives members only those of the builder', async () => {
			const rows = await db.query<{ name: string; anon: boolean; authenticated: boolean; definer: boolean }>(
				`select p.proname as name, has_function_privilege('anon', p.oid, 'execute') as anon,
				        has_function_privilege('authenticated', p.oid, 'execute') as authenticated,
				        p.prosecdef as definer
				   from pg_proc p
				  where p.pronamespace = 'app'::regnamespace and p.proname ~ '^(respondent|builder)_.*_json$'
				  order by 1`
			);
			expect(rows.map((r) => r.name)).toEqual([
				'builder_about_json',
				'builder_language_json',
				'builder_option_json',
				'builder_question_json',
				'builder_wave_json',
				'respondent_language_json',
				'respondent_option_json',
				'respondent_organisation_json',
				'respondent_question_json',
				'respondent_survey_json',
				'respondent_wave_json'
			]);
			for (const r of rows) {
				expect(r.anon, r.name).toBe(false);
				expect(r.authenticated, r.name).toBe(r.name.startsWith('builder_'));
				expect(r.definer, r.name).toBe(false);
			}
		});
	});

	(engine.skip ? describe.skip : describe)(`after responses are inserted [${engine.name}]`, () => {
		let opened: Opened;
		let db: Database;

		beforeAll(async () => {
			opened = await engine.open();
			db = opened.db;
			await migrate(db);
		}, 600_000);

		afterAll(() => opened?.dispose());

		/** An invitation to a new open wave, and a draft started from it for each response id. */
		async function invitationWithDrafts(tx: Queryable, responseIds: string[]) {
			const tag = randomBytes(4).toString('hex');
			const [wave] = await tx.query<{ id: string; organisation_id: string; slug: string }>(
				`with o as (insert into app.organisations (slug, name) values ($1, $1) returning id),
				      s as (insert into app.surveys (organisation_id, slug, title, audience)
				            select id, $1, 'A survey', 'parent_carers' from o returning id, organisation_id)
				 insert into app.waves (organisation_id, survey_id, slug, kind, label, opens_at, closes_at)
				 select organisation_id, id, $1 || '-w', 'baseline', 'Now', now() - interval '1 day', now() + interval '1 day'
				   from s returning id, organisation_id, slug`,
				[`trig-${tag}`]
			);
			const token = randomBytes(16).toString('base64url');
			const [inv] = await tx.query<{ id: string }>(
				`insert into app.invitations (organisation_id, wave_id, token) values ($1, $2, $3) returning id`,
				[wave!.organisation_id, wave!.id, token]
			);
			for (const id of responseIds) await tx.query('select api.start_invitation($1, $2)', [token, id]);
			return { wave: wave!, invitationId: inv!.id };
		}

		const insertResponses = (tx: Queryable, wave: { id: string; organisation_id: string }, ids: string[]) =>
			tx.query(`insert into app.responses (id, organisation_id, wave_id) select unnest($1::uuid[]), $2, $3`, [
				ids,
				wave.organisation_id,
				wave.id
			]);

		it('has one trigger on inserting into app.responses, which names its steps', async () => {
			// tgtype's bits: 4 on insert, 8 on delete, 16 on update
			const rows = await db.query<{ name: string; fn: string; on: string }>(
				`select t.tgname as name, t.tgfoid::regproc::text as fn,
				        concat_ws(' ', case when t.tgtype & 4 <> 0 then 'insert' end,
				                       case when t.tgtype & 8 <> 0 then 'delete' end,
				                       case when t.tgtype & 16 <> 0 then 'update' end) as on
				   from pg_trigger t
				  where t.tgrelid = 'app.responses'::regclass and not t.tgisinternal order by t.tgname`
			);
			expect(rows.filter((r) => r.on.includes('insert'))).toEqual([
				{ name: 'responses_submitted', fn: 'app.responses_submitted', on: 'insert' }
			]);
			// the panel read models follow a response changed or deleted afterwards (api.reach, journeys)
			expect(rows.filter((r) => !r.on.includes('insert')).map((r) => [r.name, r.on])).toEqual([
				['responses_panel_recount_on_delete', 'delete'],
				['responses_panel_recount_on_update', 'update']
			]);
		});

		it('uses the invitation (step 1) before it deletes the draft it was read from (step 2)', async () => {
			const first = randomUUID();
			const second = randomUUID();
			await db
				.transaction(async (tx) => {
					const { wave, invitationId } = await invitationWithDrafts(tx, [first, second]);
					await insertResponses(tx, wave, [first]);
					const [inv] = await tx.query<{ response_id: string | null; used: boolean }>(
						'select response_id, used_at is not null as used from app.invitations where id = $1',
						[invitationId]
					);
					expect(inv).toEqual({ response_id: first, used: true });
					const drafts = await tx.query<{ response_id: string }>(
						'select response_id from app.respondent_drafts where invitation_id = $1',
						[invitationId]
					);
					expect(drafts).toEqual([{ response_id: second }]);
					await tx.exec('savepoint again');
					const again = await insertResponses(tx, wave, [second]).then(
						() => null,
						(error: unknown) => asDatabaseError(error)
					);
					expect(again?.hint).toBe('invitation_used');
					await tx.exec('rollback to savepoint again');
					throw new Rollback();
				})
				.catch((error: unknown) => {
					if (!(error instanceof Rollback)) throw error;
				});
		});

		it('refuses two responses from one invitation in one statement, keeping their drafts', async () => {
			const ids = [randomUUID(), randomUUID()];
			await db
				.transaction(async (tx) => {
					const { wave, invitationId } = await invitationWithDrafts(tx, ids);
					await tx.exec('savepoint together');
					const error = await insertResponses(tx, wave, ids).then(
						() => null,
						(e: unknown) => asDatabaseError(e)
					);
					expect(error?.hint).toBe('invitation_used');
					await tx.exec('rollback to savepoint together');
					const [left] = await tx.query<{ n: number }>(
						'select count(*)::int as n from app.respondent_drafts where invitation_id = $1',
						[invitationId]
					);
					expect(left?.n).toBe(2);
					throw new Rollback();
				})
				.catch((error: unknown) => {
					if (!(error instanceof Rollback)) throw error;
				});
		});
	});
}
