/**
 * 20261213000100_plans_kept.sql wrote the functions a Send runs through in PL/pgSQL, which keeps its
 * plans for the connection, where LANGUAGE sql planned them again at every call. It must change nothing
 * they answer: on both engines the demo area is seeded on the schema just before that migration, each
 * function is asked the same questions (its edge cases among them: no address, a condition on no rules, a member with a second factor who has not used it), responses are sent in a
 * rolled-back transaction and every count they move is read, the migration is applied, and everything
 * is asked and sent again and compared, byte for byte.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asDatabaseError, type Database } from '../../src/lib/server/platform/db/types';
import { DEMO_ACCOUNTS, OTHER_ORGANISATION_ACCOUNT } from '../../src/lib/server/demo/accounts';
import { freshPglite, freshPostgres, rolledBack, type Opened } from './engines';
import { acrossMigration, expectUnchanged } from './migrations-up-to';

const SKIP_POSTGRES = process.env.SKIP_POSTGRES === '1';
const PLANS = '20261213000100';
const WAVE = 'ehc-journey-repeat-2';

/** The questions each function is asked: [name, the settings of the transaction, the SQL]. */
function questions(ids: { org: string; lead: string; other: string; otherLead: string; withFactor: string }) {
	const service = { role: 'service_role' };
	const anon = { role: 'anon' };
	const member = (sub: string, aal = 'aal1') => ({ role: 'authenticated', sub, aal });
	const asks: [string, { claims?: object; headers?: object }, string][] = [];
	for (const [i, args] of [
		`null, 'online', null`,
		`'{}'::jsonb, null, null`,
		`'{"age": "11-15", "ethnicity": "white_british"}'::jsonb, 'paper', 'helped'`,
		`'{"area": "north"}'::jsonb, null, 'alone'`
	].entries())
		asks.push([
			`response_groups ${i}`,
			{},
			`select coalesce(jsonb_agg(to_jsonb(g)), '[]') from app.response_groups(${args}) g`
		]);
	const rules = [
		'null',
		`'{"match": "all", "rules": []}'`,
		`'{"match": "any", "rules": []}'`,
		`'{"match": "all", "rules": [{"test": "answered", "question": "a"}, {"test": "chosen", "question": "b", "values": ["yes"]}]}'`,
		`'{"match": "any", "rules": [{"test": "not_answered", "question": "a"}, {"test": "between", "question": "c", "min": 2, "max": 4}]}'`,
		`'{"rules": [{"test": "between", "question": "c", "min": 5}]}'`
	];
	const given = [`'{}'`, `'{"a": "x", "b": ["no", "yes"], "c": 3}'`, `'{"b": "no", "c": "7"}'`];
	for (const [i, r] of rules.entries())
		for (const [j, g] of given.entries())
			asks.push([
				`condition_met ${i} ${j}`,
				{},
				`select to_jsonb(app.condition_met(${r}::jsonb, ${g}::jsonb))`
			]);
	const texts = [
		null,
		'',
		'I don’t feel SAFE at home, I want to HURT   myself!!',
		'Someone hurts me   when nobody is looking',
		'Quicker replies to emails.',
		"He's going to kill   himself"
	];
	for (const [i, t] of texts.entries()) {
		const text = t === null ? 'null' : `'${t.replaceAll("'", "''")}'`;
		asks.push([`safeguarding_normal ${i}`, {}, `select to_jsonb(app.safeguarding_normal(${text}))`]);
		asks.push([
			`safeguarding_match ${i}`,
			{},
			`select to_jsonb(app.safeguarding_match('${ids.org}', ${text}))`
		]);
		asks.push([
			`safeguarding_match other area ${i}`,
			{},
			`select to_jsonb(app.safeguarding_match('${ids.other}', ${text}))`
		]);
	}
	for (const [i, [opens, closes]] of [
		[`now() - interval '1 day'`, `now() + interval '1 day'`],
		[`now() + interval '1 day'`, `now() + interval '2 days'`],
		[`now() - interval '2 days'`, `now() - interval '1 day'`],
		[`now()`, `now() + interval '1 day'`],
		[`now() - interval '1 day'`, 'now()'],
		['null', 'null'],
		[`now() - interval '1 day'`, 'null']
	].entries())
		asks.push([`wave_status ${i}`, {}, `select to_jsonb(app.wave_status(${opens}, ${closes}))`]);
	const callers: [string, { claims?: object; headers?: object }][] = [
		['nothing set', {}],
		['server with an address', { claims: service, headers: { 'x-client-address': ' 10.1.2.3 ' } }],
		['server without one', { claims: service, headers: { 'x-forwarded-for': '10.9.9.9' } }],
		['anon behind proxies', { claims: anon, headers: { 'x-forwarded-for': '192.0.2.7, 10.0.0.1' } }],
		['anon naming its own', { claims: anon, headers: { 'x-client-address': '10.1.2.3' } }],
		['anon with an empty header', { claims: anon, headers: { 'x-forwarded-for': ' ' } }]
	];
	for (const [name, settings] of callers) {
		asks.push([`client_address ${name}`, settings, 'select to_jsonb(app.client_address())']);
		asks.push([`client_key ${name}`, settings, 'select to_jsonb(app.client_key())']);
	}
	const roles = ['null', `array['lead']::app.member_role[]`, `array['forum', 'scrutiny']::app.member_role[]`];
	const members: [string, object][] = [
		['anon', anon],
		['the lead', member(ids.lead)],
		['the other area', member(ids.otherLead)],
		['a second factor not used', member(ids.withFactor)],
		['a second factor used', member(ids.withFactor, 'aal2')]
	];
	for (const [who, claims] of members)
		for (const [i, r] of roles.entries())
			asks.push([`has_role ${who} ${i}`, { claims }, `select to_jsonb(app.has_role('${ids.org}', ${r}))`]);
	return asks;
}

/** Each question's answer, or its refusal, in one rolled-back transaction (each in a savepoint). */
async function answers(db: Database, ids: Parameters<typeof questions>[0]): Promise<Map<string, string>> {
	const out = new Map<string, string>();
	await rolledBack(db, async (tx) => {
		for (const [name, settings, sql] of questions(ids)) {
			await tx.exec('savepoint ask');
			try {
				await tx.query(
					`select set_config('request.jwt.claims', $1, true), set_config('request.headers', $2, true)`,
					[
						settings.claims ? JSON.stringify(settings.claims) : '',
						settings.headers ? JSON.stringify(settings.headers) : ''
					]
				);
				const [row] = await tx.query<{ v: unknown }>(`select (${sql})::text as v`);
				out.set(name, String(row?.v));
			} catch (error) {
				out.set(name, `refused: ${asDatabaseError(error).message}`);
			}
			await tx.exec('rollback to savepoint ask');
		}
	});
	return out;
}

/**
 * Responses sent as the app's server sends them (service role, an address of their own), in a
 * rolled-back transaction, and every count of the wave afterwards; the same ids each time.
 */
async function sent(db: Database): Promise<Map<string, string>> {
	const out = new Map<string, string>();
	const all = (fully: string, rest: string) => ({
		fully_involved: fully,
		communication_good: rest,
		plan_reflects_needs: rest,
		outcomes_clear: 'neither',
		provision_meets_needs: rest
	});
	const sends: [string, object, object, string][] = [
		[
			'00000000-0000-4000-8000-000000000001',
			{ ...all('agree', 'disagree'), what_would_help: 'Quicker replies to emails.' },
			{},
			'online'
		],
		[
			'00000000-0000-4000-8000-000000000002',
			all('strongly_agree', 'agree'),
			{ area: 'south', phase: 'secondary', age_band: 'age_11_15', ethnicity: 'white_british' },
			'online'
		],
		[
			'00000000-0000-4000-8000-000000000003',
			{ ...all('disagree', 'strongly_disagree'), what_would_help: 'Some days I want to hurt myself' },
			{ phase: 'early_years', care_experience: 'no' },
			'online'
		],
		[
			'00000000-0000-4000-8000-000000000004',
			{ ...all('agree', 'agree'), fully_involved: 'maybe' },
			{},
			'online'
		]
	];
	await rolledBack(db, async (tx) => {
		for (const [i, [id, given, about, channel]] of sends.entries()) {
			await tx.exec('savepoint send');
			try {
				await tx.query(
					`select set_config('request.jwt.claims', '{"role": "service_role"}', true),
					        set_config('request.headers', $1, true)`,
					[JSON.stringify({ 'x-client-address': `10.7.7.${i}` })]
				);
				const [row] = await tx.query<{ v: string }>(
					`select api.submit_response(p_response_id => $1::uuid, p_wave_slug => $2, p_answers => $3::text::jsonb,
					                            p_about => $4::text::jsonb, p_channel => $5)::text as v`,
					[id, WAVE, JSON.stringify(given), JSON.stringify(about), channel]
				);
				out.set(`send ${i}`, String(row?.v));
				await tx.exec('release savepoint send');
			} catch (error) {
				const e = asDatabaseError(error);
				out.set(`send ${i}`, `refused: ${e.message} ${e.detail ?? ''}`);
				await tx.exec('rollback to savepoint send');
			}
		}
		const counts = {
			groups: `select c.dimension, c.category, c.n from app.wave_group_counts c where c.wave_id = $1
			         order by 1, 2`,
			questions: `select q.key, c.dimension, c.category, c.n, c.positive from app.question_counts c
			            join app.questions q on q.id = c.question_id where c.wave_id = $1 order by 1, 2, 3`,
			options: `select q.key, o.value, c.dimension, c.category, c.n from app.option_counts c
			          join app.questions q on q.id = c.question_id join app.question_options o on o.id = c.option_id
			          where c.wave_id = $1 order by 1, 2, 3, 4`,
			languages: `select c.language, c.n from app.wave_language_counts c where c.wave_id = $1 order by 1`,
			feedback: `select f.body, f.held, s.matched_phrase from app.feedback f
			           left join app.safeguarding_flags s on s.feedback_id = f.id
			           where f.wave_id = $1 and f.response_id::text like '00000000-0000-4000-8000-%' order by f.body`
		};
		const [wave] = await tx.query<{ id: string }>('select id from app.waves where slug = $1', [WAVE]);
		for (const [name, sql] of Object.entries(counts)) {
			const rows = await tx.query(sql, [wave!.id]);
			out.set(`counts ${name}`, JSON.stringify(rows));
		}
	});
	return out;
}

const ENGINES = [
	{ name: 'PGlite', open: freshPglite, skip: false },
	{ name: 'PostgreSQL', open: () => freshPostgres('plans_kept_test'), skip: SKIP_POSTGRES }
];

for (const engine of ENGINES) {
	(engine.skip ? describe.skip : describe)(`plans kept on the path of a Send [${engine.name}]`, () => {
		let opened: Opened;
		let before: Map<string, string>;
		let after: Map<string, string>;

		beforeAll(async () => {
			opened = await engine.open();
			({ before, after } = await acrossMigration(
				opened.db,
				PLANS,
				async (db) => {
					const userId = async (email: string) =>
						(await db.query<{ id: string }>('select id from auth.users where email = $1', [email]))[0]!.id;
					const [org] = await db.query<{ id: string }>(
						`select organisation_id as id from app.waves where slug = $1`,
						[WAVE]
					);
					const [other] = await db.query<{ id: string }>(
						'select id from app.organisations where id <> $1 limit 1',
						[org!.id]
					);
					const lead = await userId(DEMO_ACCOUNTS.find((a) => a.role === 'lead')!.email);
					// the forum member takes a verified second factor: has_role asks for it to have been used
					const withFactor = await userId(DEMO_ACCOUNTS.find((a) => a.role === 'forum')!.email);
					await db.query(
						`insert into auth.mfa_factors (user_id, factor_type, status, secret) values ($1, 'totp', 'verified', 'JBSWY3DPEHPK3PXP')`,
						[withFactor]
					);
					const otherLead = await userId(OTHER_ORGANISATION_ACCOUNT.email);
					return { org: org!.id, other: other!.id, lead, otherLead, withFactor };
				},
				async (db, ids) => new Map([...(await answers(db, ids)), ...(await sent(db))])
			));
		}, 600_000);

		afterAll(async () => {
			await opened?.dispose();
		});

		it('answers every question as before, to the byte', () => {
			expectUnchanged(before, after);
		});

		it('asked questions with real answers: matches, refusals, addresses and roles', () => {
			const v = (key: string) => before.get(key) ?? '';
			expect(v('safeguarding_match 2')).toBe('"dont feel safe at home"');
			expect(v('safeguarding_match 3')).toBe('"hurts me"');
			expect(v('safeguarding_match other area 4')).toBe('null');
			expect(v('safeguarding_match 4')).toBe('null');
			expect(v('client_key server with an address')).toMatch(/^"[0-9a-f]{64}"$/);
			expect(v('client_address anon behind proxies')).toBe('"192.0.2.7"');
			expect(v('client_address nothing set')).toBe('null');
			expect(v('has_role the lead 0')).toBe('true');
			expect(v('has_role the lead 2')).toBe('false');
			expect(v('has_role the other area 0')).toBe('false');
			expect(v('has_role anon 0')).toBe('false');
			expect(v('has_role a second factor not used 0')).toBe('false');
			expect(v('has_role a second factor used 0')).toBe('true');
			expect(v('wave_status 1')).toBe('"not_yet_open"');
			expect(v('condition_met 3 1')).toBe('true');
			expect(v('condition_met 3 0')).toBe('false');
			// three sent, one refused for an answer that is not an option; the counts moved
			expect(v('send 0')).toContain('"duplicate": false');
			expect(v('send 3')).toMatch(/^refused: Some answers need attention/);
			expect(JSON.parse(v('counts options')).length).toBeGreaterThan(10);
			expect(JSON.parse(v('counts feedback'))).toEqual([
				{ body: 'Quicker replies to emails.', held: false, matched_phrase: null },
				{ body: 'Some days I want to hurt myself', held: true, matched_phrase: 'hurt myself' }
			]);
		});
	});
}
