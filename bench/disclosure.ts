// The cost of disclosure control, printed (never passes or fails on time). Run by `npm run bench`
// after the respondent's path, or alone: `npx tsx bench/disclosure.ts`.
//
//  1. how many published cells are hidden, in primary suppression (small counts, a group's own small
//     n, and a group all of one answer) and in secondary (complementary) suppression, for the demo
//     area and for a generated national set of 153 local authorities;
//  2. how long a restricted dashboard call takes (forum, through supabase-js and the local API, as
//     the app makes it): median and p95 of api.published_table for 20 groups of a 5-answer question (forum
//     reads it as positive / not positive by group),
//     and for the demo area's indicator.
//
// On the embedded database (PGlite, in memory), where each call runs alone.
import { randomUUID } from 'node:crypto';
import { createClient } from '@supabase/supabase-js';
import { migrate } from '../src/lib/server/platform/db/migrate';
import { openPglite } from '../src/lib/server/platform/db/pglite';
import type { Queryable } from '../src/lib/server/platform/db/types';
import { DEMO_ACCOUNTS, DEMO_ORGANISATION_SLUG } from '../src/lib/server/demo/accounts';
import { newDemoCredentials } from '../src/lib/server/demo/credentials';
import { seedDemoOnce } from '../src/lib/server/demo/seed';
import { createLocalSupabase } from '../src/lib/server/platform/embedded';
import { clientOptions } from '../src/lib/server/platform/supabase-options';
import { numberSetting } from './settings.js';

const CALLS = numberSetting('BENCH_DISCLOSURE_CALLS', 60, { min: 1, unit: 'calls' });
const AUTHORITIES = 153;

interface FigureRow {
	table_id: string;
	group_index: number;
	col: number | null;
	exact: number;
	hidden: boolean;
	threshold: number;
}

interface Tally {
	tables: number;
	cells: number;
	primary: number;
	secondary: number;
}

/**
 * Primary and secondary hidden cells of every table (question with answers to choose × wave) that
 * `where` picks, as a forum member would get them. Primary, as the contract counts it: a count from 1
 * to threshold - 1, a count equal to its group's n, or a zero in such a group; every other hidden
 * cell is a complement.
 */
async function tally(db: Queryable, where: string, params: unknown[]): Promise<Tally> {
	const rows = await db.query<FigureRow>(
		`select q.id || '/' || w.id as table_id, f.group_index, f.col, f.exact, f.hidden, f.threshold
		 from app.questions q
		 join app.waves w on w.survey_id = q.survey_id
		 join app.organisations o on o.id = q.organisation_id
		 cross join lateral app.question_figures(q.id, w.id, false) f
		 where q.kind in ('agreement_5', 'faces_3', 'yes_no_unsure', 'single_choice', 'rating_0_10', 'multi_choice')
		   and ${where}`,
		params
	);
	const groups = new Map<string, FigureRow[]>();
	for (const r of rows) {
		const key = `${r.table_id}#${r.group_index}`;
		let list = groups.get(key);
		if (!list) groups.set(key, (list = []));
		list.push(r);
	}
	const result: Tally = {
		tables: new Set(rows.map((r) => r.table_id)).size,
		cells: rows.length,
		primary: 0,
		secondary: 0
	};
	for (const cells of groups.values()) {
		const n = cells.find((c) => c.col === null)?.exact ?? 0;
		const allOfOne = n > 0 && cells.some((c) => c.col !== null && c.exact === n);
		for (const c of cells) {
			if (!c.hidden) continue;
			const small = c.exact >= 1 && c.exact < c.threshold;
			const primary = small || (c.col !== null && allOfOne && (c.exact === n || c.exact === 0));
			if (primary) result.primary++;
			else result.secondary++;
		}
	}
	return result;
}

function printTally(label: string, t: Tally, ms: number) {
	const pct = (x: number) => `${((100 * x) / Math.max(t.cells, 1)).toFixed(1)}%`;
	console.log(
		`  ${label.padEnd(34)} ${String(t.tables).padStart(5)} tables ${String(t.cells).padStart(8)} cells: ` +
			`${String(t.primary).padStart(7)} primary (${pct(t.primary)}), ` +
			`${String(t.secondary).padStart(7)} secondary (${pct(t.secondary)})  [${(ms / 1000).toFixed(1)} s]`
	);
}

/** A small deterministic generator, so that every run measures the same national set. */
function generator(seed: number) {
	let s = seed;
	const next = () => ((s = (s * 16807) % 2147483647) - 1) / 2147483646;
	return {
		next,
		pick<T>(items: readonly T[], weights?: readonly number[]): T {
			if (!weights) return items[Math.floor(next() * items.length)]!;
			const total = weights.reduce((a, b) => a + b, 0);
			let r = next() * total;
			for (const [i, w] of weights.entries()) if ((r -= w) < 0) return items[i]!;
			return items[items.length - 1]!;
		}
	};
}

const ANSWERS = ['strongly_agree', 'agree', 'neither', 'disagree', 'strongly_disagree'];
const PHASES = ['early_years', 'primary', 'secondary', 'post_16'];
const SUPPORT = ['ehcp', 'sen_support', 'assessment', 'none', 'not_sure'];
const ETHNICITY = [
	'white_british',
	'white_other',
	'asian_pakistani',
	'asian_indian',
	'asian_bangladeshi',
	'black_african',
	'black_caribbean',
	'mixed_white_black_caribbean',
	'mixed_white_asian',
	'mixed_other',
	'other_arab',
	'other_any',
	'white_gypsy_traveller'
];
const ETHNICITY_WEIGHTS = [70, 5, 4, 3, 2, 3, 2, 2, 2, 2, 1, 1, 0.5];
const GENDER = ['girl_woman', 'boy_man', 'another'];
const CHANNELS = ['online', 'easy_read', 'paper', 'event', 'phone'];

/**
 * A survey of one agreement question and two closed waves in an organisation; its responses drawn
 * from the generator, `size` a wave. Returns the organisation's id, the question and the waves.
 */
async function generatedArea(
	db: Queryable,
	g: ReturnType<typeof generator>,
	name: string,
	sizes: [number, number]
): Promise<{ organisation: string; question: string; waves: string[] }> {
	const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
	const [org] = await db.query<{ id: string }>(
		`insert into app.organisations (slug, name) values ($1, $2) returning id`,
		[slug, name]
	);
	const [row] = await db.query<{ question: string; options: Record<string, string>; waves: string[] }>(
		`with s as (
		   insert into app.surveys (organisation_id, slug, title, audience, introduction)
		   values ($1, $3, 'EHC plan journey', 'parent_carers', 'Tell us how it is going.') returning id
		 ), q as (
		   insert into app.questions (organisation_id, survey_id, key, position, kind, prompt, required)
		   select $1, s.id, 'fully_involved', 1, 'agreement_5', 'I felt fully involved.', true from s returning id
		 ), o as (
		   insert into app.question_options (organisation_id, question_id, value, label, is_positive, position)
		   select $1, q.id, v.value, v.value, v.position <= 2, v.position
		   from q cross join unnest($2::text[]) with ordinality as v(value, position) returning id, value
		 ), w as (
		   insert into app.waves (organisation_id, survey_id, slug, kind, label, opens_at, closes_at)
		   select $1, s.id, $3 || '-wave-' || x.i, (case when x.i = 1 then 'baseline' else 'repeat' end)::app.wave_kind,
		          'Wave ' || x.i, x.opens_at, x.opens_at + interval '60 days'
		   from s cross join unnest(array['2025-01-10T12:00:00Z', '2025-07-10T12:00:00Z']::timestamptz[])
		     with ordinality as x(opens_at, i)
		   returning id, opens_at
		 )
		 select (select id from q) as question, (select jsonb_object_agg(value, id) from o) as options,
		        (select array_agg(id order by opens_at) from w) as waves`,
		[org!.id, ANSWERS, `${slug}-ehc-journey`]
	);
	const people = [];
	for (const [i, size] of sizes.entries()) {
		for (let k = 0; k < size; k++) {
			const about: Record<string, string> = {};
			if (g.next() < 0.9) about.phase = g.pick(PHASES, [1, 4, 4, 2]);
			if (g.next() < 0.85) about.support = g.pick(SUPPORT, [5, 4, 1, 0.5, 0.5]);
			if (g.next() < 0.75) about.ethnicity = g.pick(ETHNICITY, ETHNICITY_WEIGHTS);
			if (g.next() < 0.8) about.gender = g.pick(GENDER, [30, 68, 2]);
			people.push({
				id: randomUUID(),
				wave: row!.waves[i],
				at: i === 0 ? '2025-01-11T12:00:00Z' : '2025-07-11T12:00:00Z',
				about,
				channel: g.pick(CHANNELS, [80, 4, 10, 4, 2]),
				assistance: g.pick(['own', 'helped', 'on_behalf', null], [50, 10, 30, 10]),
				option: row!.options[g.pick(ANSWERS, [2, 3, 2, 2, 1])]
			});
		}
	}
	await db.query(
		`insert into app.responses (id, organisation_id, wave_id, about, channel, assistance, submitted_at)
		 select x.id, $1, x.wave, x.about, x.channel::app.response_channel, x.assistance::app.response_assistance, x.at
		 from jsonb_to_recordset($2::text::jsonb)
		   as x(id uuid, wave uuid, at timestamptz, about jsonb, channel text, assistance text)`,
		[org!.id, JSON.stringify(people)]
	);
	await db.query(
		`insert into app.answers (organisation_id, response_id, question_id, option_id)
		 select $1, x.id, $2, x.option from jsonb_to_recordset($3::text::jsonb) as x(id uuid, option uuid)`,
		[org!.id, row!.question, JSON.stringify(people)]
	);
	return { organisation: org!.id, question: row!.question, waves: row!.waves };
}

function quantile(sorted: number[], q: number): number {
	return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

async function timeCalls(label: string, call: () => Promise<unknown>) {
	for (let i = 0; i < 5; i++) await call();
	const times: number[] = [];
	for (let i = 0; i < CALLS; i++) {
		const t0 = performance.now();
		await call();
		times.push(performance.now() - t0);
	}
	times.sort((a, b) => a - b);
	console.log(
		`  ${label.padEnd(54)} median ${quantile(times, 0.5).toFixed(1).padStart(6)} ms, ` +
			`p95 ${quantile(times, 0.95).toFixed(1).padStart(6)} ms (${CALLS} calls)`
	);
}

console.log('\nDisclosure control (embedded PGlite, in memory)');
const db = await openPglite();
try {
	await migrate(db);
	// the demo's accounts with passwords made for this run, as a first start makes them
	const credentials = newDemoCredentials();
	await seedDemoOnce(db, { passwords: Object.fromEntries(credentials.map((c) => [c.email, c.password])) });
	const [demo] = await db.query<{ id: string }>('select id from app.organisations where slug = $1', [
		DEMO_ORGANISATION_SLUG
	]);

	console.log(
		'Hidden cells, as forum and scrutiny read them (every table of a question with answers × wave)'
	);
	let t0 = performance.now();
	printTally('demo area (Northbridge)', await tally(db, 'o.id = $1', [demo!.id]), performance.now() - t0);

	// the national set: 153 local authorities of very different sizes, two waves each
	t0 = performance.now();
	const g = generator(20261202);
	const national: string[] = [];
	await db.transaction(async (tx) => {
		for (let i = 0; i < AUTHORITIES; i++) {
			const size = Math.round(30 * Math.exp(g.next() * 3)); // 30 to about 600 a wave
			const area = await generatedArea(tx, g, `Authority ${i + 1}`, [
				size,
				Math.round(size * (0.6 + g.next()))
			]);
			national.push(area.organisation);
		}
		await tx.query('select app.rebuild_counts()');
	});
	const written = performance.now() - t0;
	t0 = performance.now();
	const nationalTally = await tally(db, 'o.id = any ($1::uuid[])', [national]);
	printTally(`national set (${AUTHORITIES} authorities)`, nationalTally, performance.now() - t0);
	console.log(`  (the national set written and counted in ${(written / 1000).toFixed(1)} s)`);

	// a table of 20 groups × 5 answers: everyone, 4 phases + not stated, 13 ethnic groups + not stated
	const g20 = generator(7);
	const big = await generatedArea(db, g20, 'Twenty groups', [900, 10]);
	await db.query(
		`update app.responses set channel = 'online', assistance = null, about = about - 'support' - 'gender'
	                where organisation_id = $1`,
		[big.organisation]
	);
	await db.query('select app.rebuild_counts($1)', [big.waves[0]]);
	const forumUser = randomUUID();
	await db.query(
		`insert into auth.users (id, email, encrypted_password, email_confirmed_at)
		 values ($1, $2, extensions.crypt('bench-forum', extensions.gen_salt('bf', 4)), now())`,
		[forumUser, `forum-${forumUser.slice(0, 8)}@bench.example`]
	);
	await db.query(`insert into app.memberships (organisation_id, user_id, role) values ($1, $2, 'forum')`, [
		big.organisation,
		forumUser
	]);

	const local = await createLocalSupabase(db, randomUUID());
	const signIn = async (email: string, password: string) => {
		const c = createClient(local.url, local.anonKey, {
			...clientOptions(local.fetch),
			auth: { persistSession: false, autoRefreshToken: false }
		});
		const { error } = await c.auth.signInWithPassword({ email, password });
		if (error) throw new Error(`sign-in as ${email}: ${error.message}`);
		return c;
	};
	const forum = await signIn(`forum-${forumUser.slice(0, 8)}@bench.example`, 'bench-forum');
	const demoForumEmail = DEMO_ACCOUNTS.find((a) => a.role === 'forum')!.email;
	const demoForum = await signIn(
		demoForumEmail,
		credentials.find((c) => c.email === demoForumEmail)!.password
	);

	const rpc = async (c: typeof forum, fn: string, args: Record<string, unknown>) => {
		const { data, error } = await c.rpc(fn as never, args as never);
		if (error) throw new Error(`${fn}: ${error.message}`);
		return data as { rows?: unknown[] };
	};
	const first = await rpc(forum, 'published_table', { p_question_id: big.question, p_wave_id: big.waves[0] });
	console.log('A restricted dashboard call (forum, supabase-js through the local API)');
	// forum reads the 5-answer question as positive / not positive by group
	await timeCalls(`published_table, ${first.rows?.length ?? 0} groups of a 5-answer question`, () =>
		rpc(forum, 'published_table', { p_question_id: big.question, p_wave_id: big.waves[0] })
	);
	const [demoTable] = await db.query<{ question: string; wave: string; rows: number }>(
		`select q.id as question, w.id as wave, count(*)::int as rows
		 from app.questions q join app.waves w on w.survey_id = q.survey_id
		 join app.wave_group_counts c on c.wave_id = w.id
		 where q.organisation_id = $1 and q.kind = 'agreement_5' and w.closes_at < now()
		 group by q.id, w.id order by rows desc, q.id limit 1`,
		[demo!.id]
	);
	await timeCalls(`published_table, the demo area's largest closed wave`, () =>
		rpc(demoForum, 'published_table', { p_question_id: demoTable!.question, p_wave_id: demoTable!.wave })
	);
	await timeCalls(`indicator_trend, the demo area's indicator (every wave)`, () =>
		rpc(demoForum, 'indicator_trend', { p_question_id: demoTable!.question })
	);
	const [demoWaves] = await db.query<{ first_wave: string; second_wave: string | null }>(
		`select (array_agg(w.id order by w.opens_at, w.id))[1] as first_wave,
		        (array_agg(w.id order by w.opens_at, w.id))[2] as second_wave
		 from app.questions q join app.waves w on w.survey_id = q.survey_id where q.id = $1`,
		[demoTable!.question]
	);
	if (demoWaves?.second_wave)
		await timeCalls(`panel_journey, the same indicator's first two waves`, () =>
			rpc(demoForum, 'panel_journey', {
				p_question_id: demoTable!.question,
				p_from_wave_id: demoWaves.first_wave,
				p_to_wave_id: demoWaves.second_wave
			})
		);
} finally {
	await db.close();
}
