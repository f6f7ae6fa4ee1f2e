// Speed at the scale of a whole country (issue 13), printed (never passes or fails on time). Run by
// `npm run bench` after the respondent's path (BENCH_SCALE=off leaves it out), or alone:
// `npx tsx bench/scale.ts`.
//
// One organisation, one survey of 20 agreement questions (every one an indicator) and four closed waves
// (a baseline and three repeats), answered by BENCH_SCALE_RESPONSES responses of 20 answers each (default
// 1,000,000: 20 million answers) on PostgreSQL 15, in a database made here and dropped after
// (BENCH_POSTGRES, default the local one; off: PGlite only), and BENCH_SCALE_PGLITE_RESPONSES (default
// 20,000) on the embedded PGlite, in memory. Each respondent gave five about-you answers, a channel and
// often how they answered; one in ten keeps a panel code and answers every wave.
//
//  1. the load: generate_series inserts straight into app.responses and app.answers as the owner, a
//     wave at a time (the tables' own triggers and foreign-key checks are off for the load, as a bulk
//     load does: the generator makes consistent rows), then app.rebuild_counts() builds the running
//     counts from the raw answers; its time, and its peak memory (the loading PostgreSQL backend's
//     VmHWM; the process's for PGlite, which runs in it);
//  2. each dashboard call through the path its page takes: supabase-js rpc() as a signed-in lead,
//     through the local Supabase API (a transaction, `set local role authenticated`, the JWT's claims),
//     BENCH_SCALE_CALLS times (default 25) after 3 to warm up: median and p95;
//       overview        api.overview_trends (every indicator's trend in one call) after api.list_indicators
//       (before)        api.list_indicators and one api.indicator_trend an indicator, as the page did
//       trend           api.indicator_trend of one indicator
//       equity          api.published_table of one indicator in the latest wave and the baseline
//       representation  api.representation of the latest wave
//       reach           api.reach of the survey
//       journey         api.panel_journey of one indicator, baseline to the latest wave
//       feedback inbox  api.feedback_inbox's first page, of BENCH_SCALE_FEEDBACK comments (default 20,000),
//                       read under row-level security; beside it the same rows read plainly
//  3. the same figures from a plain GROUP BY over the raw rows (answers, or responses for the
//     figures about respondents), as the owner with no read model: BENCH_SCALE_SCANS times (default 5),
//     median and p95; and the ratio of the two medians;
//  4. the database server's resident memory after the calls (the PostgreSQL backends of this database,
//     proportional set size; the process for PGlite).
import { randomUUID } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import process from 'node:process';
import { createClient } from '@supabase/supabase-js';
import { migrate } from '../src/lib/server/platform/db/migrate';
import { openPglite } from '../src/lib/server/platform/db/pglite';
import { openPostgres } from '../src/lib/server/platform/db/postgres';
import type { Database } from '../src/lib/server/platform/db/types';
import { createLocalSupabase } from '../src/lib/server/platform/embedded';
import { clientOptions } from '../src/lib/server/platform/supabase-options';
import { numberSetting } from './settings.js';

const POSTGRES_RESPONSES = numberSetting('BENCH_SCALE_RESPONSES', 1_000_000, { min: 1, unit: 'responses' });
const PGLITE_RESPONSES = numberSetting('BENCH_SCALE_PGLITE_RESPONSES', 20_000, { min: 1, unit: 'responses' });
const CALLS = numberSetting('BENCH_SCALE_CALLS', 25, { min: 1, unit: 'calls' });
const FEEDBACK = numberSetting('BENCH_SCALE_FEEDBACK', 20_000, { min: 1, unit: 'comments' });
const SCANS = numberSetting('BENCH_SCALE_SCANS', 5, { min: 1, unit: 'scans' });
const WAVES = 4;
const QUESTIONS = 20;
const PASSWORD = `bench-${randomUUID()}`;

const fmt = (n: number) => n.toLocaleString('en-GB');
const mb = (kb: number) => `${(kb / 1024).toFixed(0)} MB`;

function quantile(sorted: number[], q: number): number {
	return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}

/** Times `fn` `runs` times after `warm` unmeasured runs: median and p95 in milliseconds. */
async function timed(fn: () => Promise<unknown>, runs: number, warm: number) {
	for (let i = 0; i < warm; i++) await fn();
	const times: number[] = [];
	for (let i = 0; i < runs; i++) {
		const t0 = performance.now();
		await fn();
		times.push(performance.now() - t0);
	}
	times.sort((a, b) => a - b);
	return { median: quantile(times, 0.5), p95: quantile(times, 0.95), runs };
}

/** A /proc/<pid>/status field in kB (Linux), or NaN. */
function procStatus(pid: number | string, field: string): number {
	try {
		const status = readFileSync(`/proc/${pid}/status`, 'utf8');
		return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1]);
	} catch {
		return NaN;
	}
}

/** A process's proportional set size in kB (its own memory plus its share of shared memory), or NaN. */
function pss(pid: number | string): number {
	try {
		const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
		return Number(/^Pss:\s+(\d+)/m.exec(rollup)?.[1]);
	} catch {
		return NaN;
	}
}

/** The PostgreSQL processes of the server (its postmaster's children and itself). */
function postgresProcesses(postmaster: number): number[] {
	const pids = [postmaster];
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		if (procStatus(entry, 'PPid') === postmaster) pids.push(Number(entry));
	}
	return pids;
}

interface Fixture {
	organisation: string;
	survey: string;
	questions: string[];
	waves: string[];
}

/** The organisation, its survey of 20 indicators and four closed waves, and a lead; as the owner. */
async function makeFixture(db: Database): Promise<Fixture & { leadEmail: string }> {
	const [org] = await db.query<{ id: string }>(
		`insert into app.organisations (slug, name) values ('scale-bench', 'A whole country') returning id`
	);
	const organisation = org!.id;
	const [s] = await db.query<{ id: string }>(
		`insert into app.surveys (organisation_id, slug, title, audience, introduction, about_dimensions)
		 values ($1, 'scale-bench', 'Our SEND services', 'parent_carers', 'Tell us how it is going.',
		         array['phase', 'support', 'setting', 'ethnicity', 'gender'])
		 returning id`,
		[organisation]
	);
	const survey = s!.id;
	await db.query(
		`insert into app.strategy_priorities (organisation_id, position, title)
		 select $1, i, 'Priority ' || i from generate_series(1, 4) i`,
		[organisation]
	);
	await db.query(
		`insert into app.questions (organisation_id, survey_id, key, position, kind, prompt, required, priority_id)
		 select $1, $2, 'statement_' || lpad(i::text, 2, '0'), i, 'agreement_5', 'Statement ' || i || ' is true for us.', true,
		        (select p.id from app.strategy_priorities p where p.organisation_id = $1 and p.position = 1 + (i - 1) % 4)
		 from generate_series(1, ${QUESTIONS}) i`,
		[organisation, survey]
	);
	await db.query(
		`insert into app.question_options (organisation_id, question_id, value, label, is_positive, position)
		 select q.organisation_id, q.id, o.value, o.label, o.position <= 2, o.position
		 from app.questions q
		 cross join (values ('strongly_agree', 'Strongly agree', 1), ('agree', 'Agree', 2),
		   ('neither', 'Neither agree nor disagree', 3), ('disagree', 'Disagree', 4),
		   ('strongly_disagree', 'Strongly disagree', 5)) o(value, label, position)
		 where q.survey_id = $1`,
		[survey]
	);
	await db.query(
		`insert into app.waves (organisation_id, survey_id, slug, kind, label, opens_at, closes_at)
		 select $1, $2, 'scale-bench-' || i, (case when i = 1 then 'baseline' else 'repeat' end)::app.wave_kind,
		        case when i = 1 then 'Baseline' else 'Repeat ' || (i - 1) end,
		        timestamptz '2024-01-10 12:00Z' + (i - 1) * interval '6 months',
		        timestamptz '2024-01-10 12:00Z' + (i - 1) * interval '6 months' + interval '60 days'
		 from generate_series(1, ${WAVES}) i`,
		[organisation, survey]
	);
	const questions = (
		await db.query<{ id: string }>('select id from app.questions where survey_id = $1 order by position', [
			survey
		])
	).map((r) => r.id);
	const waves = (
		await db.query<{ id: string }>('select id from app.waves where survey_id = $1 order by opens_at', [
			survey
		])
	).map((r) => r.id);
	const leadEmail = `lead-${randomUUID().slice(0, 8)}@scale.example`;
	const [user] = await db.query<{ id: string }>(
		`insert into auth.users (email, encrypted_password, email_confirmed_at)
		 values ($1, extensions.crypt($2, extensions.gen_salt('bf', 4)), now()) returning id`,
		[leadEmail, PASSWORD]
	);
	await db.query(`insert into app.memberships (organisation_id, user_id, role) values ($1, $2, 'lead')`, [
		organisation,
		user!.id
	]);
	return { organisation, survey, questions, waves, leadEmail };
}

/**
 * `total` responses, a quarter a wave, and their 20 answers each; then the running counts rebuilt.
 * Response ids count up (as a time-ordered id would), so each wave's rows lie together. Answers lean
 * a little more positive wave by wave, and each question by its own amount, so trends have a shape.
 */
async function load(db: Database, f: Fixture, total: number, log: (line: string) => void) {
	const perWave = Math.floor(total / WAVES);
	await db.exec(`set session_replication_role = replica; set work_mem = '256MB'`);
	for (const [w, wave] of f.waves.entries()) {
		const t0 = performance.now();
		// response k of wave w is person k; one person in ten keeps a panel code (the same in every wave)
		await db.query(
			`insert into app.responses (id, organisation_id, wave_id, submitted_at, channel, assistance, panel_code, language, about)
			 select lpad(to_hex($3::bigint * $4 + k), 32, '0')::uuid, $1, $2,
			        $5::timestamptz + (k::float8 / $4) * interval '59 days',
			        (array['online', 'online', 'online', 'online', 'online', 'online', 'paper', 'easy_read', 'event', 'phone'])[1 + floor(random() * 10)::int]::app.response_channel,
			        (array['own', 'own', 'helped', 'on_behalf', null])[1 + floor(random() * 5)::int]::app.response_assistance,
			        case when k % 10 = 0 then upper(substr(lpad(to_hex(k), 8, '0'), 1, 4) || '-' || substr(lpad(to_hex(k), 8, '0'), 5, 4)) end,
			        (array['en', 'en', 'en', 'en', 'en', 'en', 'en', 'ur', 'pl', 'ar'])[1 + floor(random() * 10)::int],
			        jsonb_strip_nulls(jsonb_build_object(
			          'phase', case when random() < 0.9 then (array['early_years', 'primary', 'secondary', 'post_16'])[1 + floor(random() * 4)::int] end,
			          'support', case when random() < 0.85 then (array['ehcp', 'ehcp', 'sen_support', 'sen_support', 'assessment', 'none', 'not_sure'])[1 + floor(random() * 7)::int] end,
			          'setting', case when random() < 0.8 then (array['mainstream', 'mainstream', 'mainstream', 'special', 'special', 'resourced', 'alternative', 'college', 'early_years_setting', 'home_educated', 'out_of_area', 'not_in_education'])[1 + floor(random() * 12)::int] end,
			          'ethnicity', case when random() < 0.75 then (array['white_british', 'white_other', 'asian_pakistani', 'asian_indian', 'asian_bangladeshi', 'black_african', 'black_caribbean', 'mixed_white_black_caribbean', 'mixed_white_asian', 'mixed_other', 'other_arab', 'other_any', 'white_gypsy_traveller'])[1 + floor(13 * random() ^ 3)::int] end,
			          'gender', case when random() < 0.8 then (array['boy_man', 'boy_man', 'girl_woman', 'another'])[1 + floor(random() * 4)::int] end))
			 from generate_series(0, $4 - 1) k`,
			[f.organisation, wave, w, perWave, `${2024 + Math.floor(w / 2)}-${w % 2 ? '07' : '01'}-10T12:00:00Z`]
		);
		await db.query(
			`insert into app.answers (organisation_id, response_id, question_id, option_id)
			 select r.organisation_id, r.id, q.id,
			        q.options[case when random() < 0.4 + 0.04 * $3 + q.lean then 1 + (random() < 0.6)::int else 3 + floor(random() * 3)::int end]
			 from app.responses r
			 cross join (select q.id, q.position, (q.position % 5) * 0.03 as lean,
			                    array_agg(o.id order by o.position) as options
			             from app.questions q join app.question_options o on o.question_id = q.id
			             where q.survey_id = $2 group by q.id) q
			 where r.wave_id = $1
			 order by r.id, q.position`,
			[wave, f.survey, w]
		);
		log(
			`    wave ${w + 1} of ${WAVES}: ${fmt(perWave)} responses, ${fmt(perWave * QUESTIONS)} answers in ${((performance.now() - t0) / 1000).toFixed(1)} s`
		);
	}
	// comments to read in the feedback inbox: email and meeting notes, not answers (the load has none)
	await db.query(
		`insert into app.feedback (organisation_id, channel, given_on, body, about)
		 select $1, (array['email', 'event', 'phone', 'forum'])[1 + k % 4], date '2025-12-31' - (k % 700),
		        'Comment ' || k || ': waiting times for speech and language therapy',
		        jsonb_build_object('phase', (array['early_years', 'primary', 'secondary', 'post_16'])[1 + k % 4])
		 from generate_series(1, $2) k`,
		[f.organisation, FEEDBACK]
	);
	log(`    ${fmt(FEEDBACK)} comments for the feedback inbox`);
	await db.exec(`set session_replication_role = origin`);
	const t0 = performance.now();
	await db.query('select app.rebuild_counts()');
	log(
		`    running counts rebuilt from the raw answers (app.rebuild_counts) in ${((performance.now() - t0) / 1000).toFixed(1)} s`
	);
	await db.exec('analyze');
	await db.exec(`reset work_mem`);
}

type Client = ReturnType<typeof createClient>;

/** One rpc through supabase-js; throws on an error. */
async function rpc(client: Client, fn: string, args: Record<string, unknown>) {
	const { data, error } = await client.rpc(fn as never, args as never);
	if (error) throw new Error(`${fn}: ${error.message}`);
	return data as unknown;
}

/** Each dashboard call as its page makes it, and the plain GROUP BY that gives the same figures. */
function workloads(client: Client, db: Database, f: Fixture) {
	const [question] = f.questions;
	const baseline = f.waves[0]!;
	const latest = f.waves[f.waves.length - 1]!;
	return [
		{
			name: 'overview',
			what: `${QUESTIONS} indicators x ${WAVES} waves`,
			call: async () => {
				await rpc(client, 'list_indicators', { p_organisation_id: f.organisation, p_with_candidates: false });
				await rpc(client, 'overview_trends', { p_organisation_id: f.organisation });
			},
			scan: () =>
				db.query(
					`select a.question_id, r.wave_id, count(*) as n, count(*) filter (where o.is_positive) as positive
					 from app.answers a
					 join app.responses r on r.id = a.response_id
					 join app.question_options o on o.id = a.option_id
					 where a.organisation_id = $1
					 group by a.question_id, r.wave_id`,
					[f.organisation]
				)
		},
		{
			name: 'overview, before',
			what: `one indicator_trend call an indicator, as the page did`,
			call: async () => {
				await rpc(client, 'list_indicators', { p_organisation_id: f.organisation, p_with_candidates: false });
				await Promise.all(f.questions.map((q) => rpc(client, 'indicator_trend', { p_question_id: q })));
			},
			scan: null
		},
		{
			name: 'trend',
			what: `one indicator, ${WAVES} waves`,
			call: () => rpc(client, 'indicator_trend', { p_question_id: question }),
			scan: () =>
				db.query(
					`select r.wave_id, count(*) as n, count(*) filter (where o.is_positive) as positive
					 from app.answers a
					 join app.responses r on r.id = a.response_id
					 join app.question_options o on o.id = a.option_id
					 where a.question_id = $1
					 group by r.wave_id`,
					[question]
				)
		},
		{
			name: 'equity',
			what: 'one indicator by every group, latest wave and baseline',
			call: () =>
				Promise.all([
					rpc(client, 'published_table', { p_question_id: question, p_wave_id: latest }),
					rpc(client, 'published_table', { p_question_id: question, p_wave_id: baseline })
				]),
			scan: () =>
				db.query(
					`select r.wave_id, g.dimension, g.category, a.option_id, count(*) as n
					 from app.answers a
					 join app.responses r on r.id = a.response_id
					 cross join lateral (select '_all' as dimension, '_all' as category
					                     union all select e.key, e.value from jsonb_each_text(r.about) e
					                     union all select 'channel', r.channel::text
					                     union all select 'assistance', r.assistance::text where r.assistance is not null) g
					 where a.question_id = $1 and r.wave_id in ($2, $3)
					 group by r.wave_id, g.dimension, g.category, a.option_id`,
					[question, latest, baseline]
				)
		},
		{
			name: 'representation',
			what: 'respondents of the latest wave by every about-you group',
			call: () => rpc(client, 'representation', { p_wave_id: latest }),
			scan: () =>
				db.query(
					`select g.dimension, g.category, count(*) as n
					 from app.responses r
					 cross join lateral (select '_all' as dimension, '_all' as category
					                     union all select e.key, e.value from jsonb_each_text(r.about) e) g
					 where r.wave_id = $1
					 group by g.dimension, g.category`,
					[latest]
				)
		},
		{
			name: 'reach',
			what: `respondents of ${WAVES} waves by channel, language, group; panel`,
			call: () => rpc(client, 'reach', { p_survey_id: f.survey }),
			scan: () =>
				db.query(
					`select r.wave_id, g.dimension, g.category, count(*) as n
					 from app.responses r
					 join app.waves w on w.id = r.wave_id
					 cross join lateral (select '_all' as dimension, '_all' as category
					                     union all select e.key, e.value from jsonb_each_text(r.about) e
					                     union all select 'channel', r.channel::text
					                     union all select 'language', r.language
					                     union all select 'assistance', r.assistance::text where r.assistance is not null) g
					 where w.survey_id = $1
					 group by r.wave_id, g.dimension, g.category
					 union all
					 select r.wave_id, 'panel', 'linked', count(distinct r.panel_code)
					 from app.responses r
					 join app.responses b on b.panel_code = r.panel_code and b.organisation_id = r.organisation_id and b.wave_id = $2
					 where r.wave_id = any ($3::uuid[]) and r.panel_code is not null
					 group by r.wave_id`,
					[f.survey, baseline, f.waves.slice(1)]
				)
		},
		{
			// read as the lead under row-level security (api.feedback_inbox is security invoker); before
			// migration 20261216000100 its policies asked app.has_role for every comment: 1.6 to 2 s for 20,000
			name: 'feedback inbox',
			what: `first page of 20 and its count, groups and themes, of ${fmt(FEEDBACK)} comments`,
			call: () => rpc(client, 'feedback_inbox', { p_organisation_id: f.organisation, p_limit: 20 }),
			scan: () =>
				db.query(
					`select (select count(*) from app.feedback where organisation_id = $1) as total,
					        (select jsonb_agg(p) from (select id, body, given_on from app.feedback where organisation_id = $1
					                                   order by given_on desc, created_at desc, id limit 20) p) as page,
					        (select jsonb_agg(g) from (select a.key, a.value, count(*) from app.feedback f, jsonb_each_text(f.about) a
					                                   where f.organisation_id = $1 group by a.key, a.value) g) as groups`,
					[f.organisation]
				)
		},
		{
			name: 'journey',
			what: 'one indicator, panel members baseline to latest',
			call: () =>
				rpc(client, 'panel_journey', {
					p_question_id: question,
					p_from_wave_id: baseline,
					p_to_wave_id: latest
				}),
			scan: () =>
				db.query(
					`select fa.option_id as from_option, ta.option_id as to_option, count(*) as n
					 from app.responses fr
					 join app.answers fa on fa.response_id = fr.id and fa.question_id = $1
					 join app.responses tr on tr.panel_code = fr.panel_code and tr.organisation_id = fr.organisation_id and tr.wave_id = $3
					 join app.answers ta on ta.response_id = tr.id and ta.question_id = $1
					 where fr.wave_id = $2 and fr.panel_code is not null
					 group by fa.option_id, ta.option_id`,
					[question, baseline, latest]
				)
		}
	];
}

interface EngineRun {
	label: string;
	responses: number;
	open(): Promise<{ db: Database; loader: Database; dispose(): Promise<void> }>;
	/** Peak memory of the load so far, in kB. */
	loadPeak(loader: Database): Promise<number>;
	/** The database server's resident memory now, in kB, and what was measured. */
	resident(db: Database): Promise<{ kb: number; what: string }>;
}

async function runEngine(engine: EngineRun) {
	console.log(
		`\n${engine.label}: ${fmt(engine.responses)} responses x ${QUESTIONS} answers = ${fmt(engine.responses * QUESTIONS)} answers, ${WAVES} waves`
	);
	const { db, loader, dispose } = await engine.open();
	try {
		await migrate(loader);
		const fixture = await makeFixture(loader);
		const t0 = performance.now();
		await load(loader, fixture, engine.responses, console.log);
		const loadSeconds = (performance.now() - t0) / 1000;
		console.log(
			`  Load: ${loadSeconds.toFixed(1)} s in all (${fmt(Math.round((engine.responses * QUESTIONS) / loadSeconds))} answers a second), peak memory ${mb(await engine.loadPeak(loader))}`
		);
		const [size] = await loader.query<{ answers: string; counts: string }>(
			`select pg_size_pretty(pg_total_relation_size('app.answers')) as answers,
			        pg_size_pretty(pg_total_relation_size('app.option_counts') + pg_total_relation_size('app.question_counts')
			                       + pg_total_relation_size('app.wave_group_counts')) as counts`
		);
		const [rows] = await loader.query<{ n: number }>(
			'select (select count(*) from app.option_counts)::int + (select count(*) from app.question_counts)::int + (select count(*) from app.wave_group_counts)::int as n'
		);
		console.log(
			`  On disk: app.answers ${size!.answers} with its indexes; the running counts ${size!.counts} (${fmt(rows!.n)} rows)`
		);

		const local = await createLocalSupabase(db, randomUUID());
		const client = createClient(local.url, local.anonKey, {
			...clientOptions(local.fetch),
			auth: { persistSession: false, autoRefreshToken: false }
		});
		const { error } = await client.auth.signInWithPassword({ email: fixture.leadEmail, password: PASSWORD });
		if (error) throw new Error(`sign-in as the lead: ${error.message}`);

		console.log(
			`  ${'call'.padEnd(16)} ${'API (lead, supabase-js)'.padStart(25)}   ${'plain GROUP BY'.padStart(23)}   ratio`
		);
		console.log(`  ${''.padEnd(16)} ${'median      p95'.padStart(25)}   ${'median      p95'.padStart(23)}`);
		for (const w of workloads(client as never, loader, fixture)) {
			const api = await timed(w.call, CALLS, 3);
			const scan = w.scan ? await timed(w.scan, SCANS, 1) : null;
			const ms = (x: number) => `${x.toFixed(1)} ms`.padStart(11);
			console.log(
				`  ${w.name.padEnd(16)} ${ms(api.median)} ${ms(api.p95)}   ${scan ? `${ms(scan.median)} ${ms(scan.p95)}` : '(as overview)'.padStart(23)}   ${scan ? `${(scan.median / api.median).toFixed(0).padStart(5)}x` : '      '}  (${w.what})`
			);
		}
		console.log(`  (API: ${CALLS} calls after 3 to warm up; GROUP BY: ${SCANS} runs after 1)`);
		const resident = await engine.resident(db);
		console.log(`  Resident memory after the calls: ${mb(resident.kb)} (${resident.what})`);
	} finally {
		await dispose();
	}
}

/** The PostgreSQL to measure on: BENCH_POSTGRES, or the local one when it answers; else null. */
async function postgresUrl(): Promise<string | null> {
	if (process.env.BENCH_POSTGRES === 'off') return null;
	const url = process.env.BENCH_POSTGRES || 'postgres://postgres@127.0.0.1:5432/postgres';
	try {
		const probe = await openPostgres(url, { max: 1 });
		await probe.close();
		return url;
	} catch {
		return null;
	}
}

console.log(`\nSpeed at scale (bench/scale.ts, ${process.version})`);
const url = await postgresUrl();
if (url) {
	const name = `cpi_scale_${process.pid}_${Date.now()}`;
	const admin = await openPostgres(url, { max: 1 });
	let version = '';
	const [{ pid: adminPid }] = await admin.query<{ pid: number }>('select pg_backend_pid() as pid');
	await runEngine({
		label: 'PostgreSQL',
		responses: POSTGRES_RESPONSES,
		async open() {
			[{ version }] = await admin.query<{ version: string }>(
				`select split_part(current_setting('server_version'), ' ', 1) as version`
			);
			this.label = `PostgreSQL ${version}`;
			await admin.exec(`create database ${name}`);
			const target = new URL(url);
			target.pathname = `/${name}`;
			// the load on one connection (so that its backend's peak memory is the load's), the API on a pool
			const loader = await openPostgres(target.toString(), { max: 1 });
			const db = await openPostgres(target.toString(), { max: 4 });
			return {
				db,
				loader,
				async dispose() {
					await db.close();
					await loader.close();
					if (process.env.BENCH_SCALE_KEEP === '1') console.log(`  (kept the database ${name})`);
					else await admin.exec(`drop database if exists ${name} with (force)`);
					await admin.close();
				}
			};
		},
		async loadPeak(loader) {
			const [{ pid }] = await loader.query<{ pid: number }>('select pg_backend_pid() as pid');
			return procStatus(pid, 'VmHWM');
		},
		async resident() {
			// the backends of this database and the server's own processes, each with its share of shared memory
			// the postmaster is the parent of every backend, this one too
			const postmaster = procStatus(adminPid, 'PPid');
			const [{ others, ours }] = await admin.query<{
				others: number[];
				ours: number;
			}>(
				`select array(select pid from pg_stat_activity where backend_type = 'client backend'
				                and datname is distinct from $1) as others,
				        (select count(*)::int from pg_stat_activity where datname = $1) as ours`,
				[name]
			);
			const skip = new Set(others);
			const server = postgresProcesses(postmaster).filter((p) => !skip.has(p));
			const kb = server
				.map(pss)
				.filter(Number.isFinite)
				.reduce((a, b) => a + b, 0);
			return {
				kb,
				what: `PostgreSQL: the server's own processes and this database's ${ours} connections, proportional set size; shared_buffers ${await setting(admin, 'shared_buffers')}`
			};
		}
	});
} else if (process.env.BENCH_POSTGRES !== 'off') {
	console.log('\n(No PostgreSQL answered at BENCH_POSTGRES or 127.0.0.1:5432: measured on PGlite only.)');
}

await runEngine({
	label: 'Embedded PGlite (in memory, in this process)',
	responses: PGLITE_RESPONSES,
	async open() {
		const db = await openPglite();
		return { db, loader: db, dispose: () => db.close() };
	},
	async loadPeak() {
		return procStatus('self', 'VmHWM');
	},
	async resident() {
		return {
			kb: procStatus('self', 'VmRSS'),
			what: 'this process, which holds PGlite, the local API and the client'
		};
	}
});

async function setting(db: Database, name: string): Promise<string> {
	const [row] = await db.query<{ v: string }>(`select current_setting($1) as v`, [name]);
	return row!.v;
}
