// What one completed survey costs the database: api.submit_response called as the API stand-in calls
// it for the app's server (service role, the respondent's address in request.headers, one
// transaction), on the demo area's open wave, on the embedded database (PGlite, in memory) and on
// PostgreSQL (BENCH_POSTGRES, default the local one; off: PGlite only). Printed, never passed or
// failed. Run by `npm run bench`, or alone: `npx tsx bench/submit.ts`.
//
// A Send is the only call to the database a survey makes (its pages carry their answers with them),
// so this is what the database does for each survey the load of bench/run.js completes: the checks,
// the response and its answers, and the triggers (per-address limits, the read models' counts,
// feedback and the safeguarding check of the comment).
import { randomUUID } from 'node:crypto';
import { migrate } from '../src/lib/server/platform/db/migrate';
import { openPglite } from '../src/lib/server/platform/db/pglite';
import { openPostgres } from '../src/lib/server/platform/db/postgres';
import type { Database } from '../src/lib/server/platform/db/types';
import { seedDemoOnce } from '../src/lib/server/demo/seed';
import { numberSetting } from './settings.js';

const SUBMISSIONS = numberSetting('BENCH_SUBMIT_COUNT', 400, { min: 1, unit: 'submissions' });
const WAVE = 'ehc-journey-repeat-2';
const QUESTIONS = [
	'fully_involved',
	'communication_good',
	'plan_reflects_needs',
	'outcomes_clear',
	'provision_meets_needs'
];
const CALL = `select to_json(api.submit_response(p_response_id => $1::text::uuid, p_wave_slug => $2::text, p_answers => $3::text::jsonb,
  p_about => '{}'::jsonb, p_channel => 'online', p_language => 'en'))::text as body`;

async function submit(db: Database, i: number): Promise<void> {
	const answers: Record<string, string> = { what_would_help: 'Quicker replies to emails.' };
	for (const [k, key] of QUESTIONS.entries()) answers[key] = (i + k) % 2 ? 'agree' : 'disagree';
	const [, rows] = await db.batch([
		{
			sql: `select set_config('role', 'service_role', true), set_config('request.jwt.claims', $1, true),
			             set_config('request.headers', $2, true)`,
			params: [
				JSON.stringify({ role: 'service_role' }),
				// an address of its own each time, as the load's respondents have: no per-address limit is reached
				JSON.stringify({ 'x-client-address': `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` })
			]
		},
		{ sql: CALL, params: [randomUUID(), WAVE, JSON.stringify(answers)] }
	]);
	const body = JSON.parse(String(rows?.[0]?.body)) as { duplicate?: boolean };
	if (body.duplicate !== false) throw new Error(`submission ${i} was not recorded: ${JSON.stringify(body)}`);
}

async function measure(name: string, db: Database): Promise<void> {
	await migrate(db);
	await seedDemoOnce(db);
	const [before] = await db.query<{ n: number }>('select count(*)::int as n from app.responses');
	// the first calls plan the statements that later calls reuse
	for (let i = 0; i < 20; i++) await submit(db, i);
	const t0 = performance.now();
	for (let i = 20; i < 20 + SUBMISSIONS; i++) await submit(db, i);
	const ms = (performance.now() - t0) / SUBMISSIONS;
	const [after] = await db.query<{ n: number }>('select count(*)::int as n from app.responses');
	const recorded = (after?.n ?? 0) - (before?.n ?? 0);
	console.log(
		`  ${name.padEnd(16)} ${ms.toFixed(2).padStart(6)} ms a submission, one at a time (${SUBMISSIONS} timed; ${recorded} of ${SUBMISSIONS + 20} recorded)`
	);
}

console.log(`\nA Send in the database (bench/submit.ts): api.submit_response as the app's server calls it`);
const pglite = await openPglite();
try {
	await measure('PGlite', pglite);
} finally {
	await pglite.close();
}

if (process.env.BENCH_POSTGRES !== 'off') {
	const base = process.env.BENCH_POSTGRES || 'postgres://postgres@127.0.0.1:5432/postgres';
	let admin: Database | null = null;
	const name = `cpi_bench_submit_${process.pid}`;
	try {
		admin = await openPostgres(base, { max: 1 });
		await admin.exec(`create database ${name}`);
	} catch {
		console.log('  (No PostgreSQL answered at BENCH_POSTGRES or 127.0.0.1:5432: PGlite only.)');
		await admin?.close();
		admin = null;
	}
	if (admin) {
		const url = new URL(base);
		url.pathname = `/${name}`;
		const db = await openPostgres(url.toString(), { max: 1 });
		try {
			const [v] = await db.query<{ v: string }>(`select current_setting('server_version') as v`);
			await measure(`PostgreSQL ${v?.v.split(' ')[0]}`, db);
		} finally {
			await db.close();
			await admin.exec(`drop database if exists ${name} with (force)`);
			await admin.close();
		}
	}
}
