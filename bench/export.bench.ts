/**
 * The export of 100,000 responses of 20 answers each, on both engines: the time the server takes to
 * stream the whole file (CSV, then XLSX) from the database through the API, as a download does
 * (startExport and exportStream, what the download route calls), and the peak memory of the process
 * (RSS and JavaScript heap, sampled every 20 ms) while it does, at 10,000, 50,000 and 100,000
 * responses, to show that memory stays flat as the file grows; and the CPU time it took (this
 * process, and PostgreSQL's server processes), which a busy machine does not inflate as it does
 * the elapsed time. Figures, never pass or fail on time.
 *
 * Run by `npm run bench` (bench/run.js) through vitest, which gives it the app's modules and the
 * database test harness, with PGlite in a worker thread as the server runs it (TEST_PGLITE_THREAD).
 * BENCH_EXPORT_SIZES changes the sizes (responses, comma-separated, growing).
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { expect, it } from 'vitest';
import { forEachEngine } from '../tests/db/engines';
import type { Client as ApiClient } from '$lib/server/api';
import { exportStream, startExport } from '$lib/server/exports/responses';

const SIZES = (process.env.BENCH_EXPORT_SIZES ?? '10000,50000,100000').split(',').map(Number);
const QUESTIONS = 20;
const MB = (n: number) => `${(n / 1e6).toFixed(0)} MB`;

/**
 * CPU seconds (user and system) that PostgreSQL's server processes of `pids` have used, read from
 * /proc (Linux, the same machine); the export's share of the database's work is the difference. On
 * a machine shared with other work the elapsed time says more about the neighbours than the export;
 * CPU time does not.
 */
function cpuOf(pids: number[]): number {
	let ticks = 0;
	for (const pid of pids) {
		try {
			const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
			ticks += Number(fields[11]) + Number(fields[12]);
		} catch {
			// gone, or not on this machine
		}
	}
	return ticks / 100;
}

forEachEngine(`export of responses x ${QUESTIONS} answers`, (engine) => {
	it(
		`${engine.label} streams the file and prints the time and peak memory`,
		{ timeout: 1_800_000 },
		async () => {
			const org = await engine.createOrganisation();
			const lead = await engine.createMember(org, 'lead');
			const db = engine.db;
			let surveyId = '';
			let waveId = '';
			await db.transaction(async (tx) => {
				const [s] = await tx.query<{ id: string }>(
					`insert into app.surveys (organisation_id, slug, title, audience) values ($1, $2, 'Bench', 'parent_carers') returning id`,
					[org.id, `bench-${org.slug}`]
				);
				surveyId = s!.id;
				await tx.query(
					`insert into app.questions (organisation_id, survey_id, key, position, kind, prompt)
				 select $1, $2, 'q' || lpad(i::text, 2, '0'), i, 'agreement_5', 'Statement ' || i from generate_series(1, ${QUESTIONS}) i`,
					[org.id, surveyId]
				);
				await tx.query(
					`insert into app.question_options (organisation_id, question_id, value, label, position, is_positive)
				 select $1, q.id, v.value, v.label, v.pos, v.pos <= 2
				 from app.questions q
				 cross join (values ('strongly_agree', 'Strongly agree', 1), ('agree', 'Agree', 2), ('neither', 'Neither', 3),
				                    ('disagree', 'Disagree', 4), ('strongly_disagree', 'Strongly disagree', 5)) v (value, label, pos)
				 where q.survey_id = $2`,
					[org.id, surveyId]
				);
				const [w] = await tx.query<{ id: string }>(
					`insert into app.waves (organisation_id, survey_id, slug, kind, label, opens_at, closes_at)
				 values ($1, $2, $3, 'baseline', 'Bench wave', now() - interval '30 days', now() + interval '30 days') returning id`,
					[org.id, surveyId, `bench-${org.slug}-w`]
				);
				waveId = w!.id;
			});
			const client = (await engine.signInAs(lead)) as unknown as ApiClient;

			let loaded = 0;
			for (const size of SIZES) {
				// a bulk load up to `size` responses, straight into the tables (generate_series, not the
				// API): the running counts are not needed to export, so the triggers are skipped
				const loadStarted = performance.now();
				await db.transaction(async (tx) => {
					await tx.exec('set local session_replication_role = replica');
					await tx.query(
						`with sent as (
					   insert into app.responses (id, organisation_id, wave_id, submitted_at, about)
					   select gen_random_uuid(), $1, $2, now() - make_interval(secs => i),
					          jsonb_build_object('phase', (array['primary', 'secondary', 'post_16'])[1 + i % 3])
					   from generate_series(${loaded + 1}, ${size}) i
					   returning id)
					 insert into app.answers (organisation_id, response_id, question_id, option_id)
					 select $1, r.id, o.question_id, o.id
					 from sent r
					 join app.questions q on q.survey_id = $3
					 join app.question_options o on o.question_id = q.id
					   and o.position = 1 + abs(hashtext(r.id::text || q.key)) % 5`,
						[org.id, waveId, surveyId]
					);
				});
				// the planner's statistics, as a database in use has them. PostgreSQL's autovacuum would
				// vacuum the new rows within a minute (and otherwise does so during the export); PGlite
				// has no autovacuum, so there they stay unvacuumed, as in an embedded database.
				for (const table of ['app.responses', 'app.answers'])
					await db.exec(`${engine.name === 'pglite' ? 'analyze' : 'vacuum analyze'} ${table}`);
				const loadSeconds = (performance.now() - loadStarted) / 1000;
				loaded = size;

				const lines = [
					`${engine.label} ${size.toLocaleString('en-GB')} responses x ${QUESTIONS} answers (loaded in ${loadSeconds.toFixed(1)} s; ` +
						`load average ${loadavg()[0]!.toFixed(1)} on this machine)`
				];
				for (const format of ['csv', 'xlsx'] as const) {
					global.gc?.();
					const start = process.memoryUsage();
					let rss = start.rss;
					let heap = start.heapUsed;
					const sample = () => {
						const m = process.memoryUsage();
						rss = Math.max(rss, m.rss);
						heap = Math.max(heap, m.heapUsed);
					};
					const sampler = setInterval(sample, 20);
					// PostgreSQL: its server processes for this database (PGlite works in this process). The
					// download opens a second session to read two pages at once: the processes are listed
					// again afterwards, and a new one's CPU time is all the export's.
					const backends = async () =>
						engine.name === 'pglite'
							? []
							: (
									await db.query<{ pid: number }>(
										'select pid from pg_stat_activity where datname = current_database()'
									)
								).map((b) => b.pid);
					const databaseCpu = new Map((await backends()).map((pid) => [pid, cpuOf([pid])]));
					const cpu = process.cpuUsage();
					const loop = performance.eventLoopUtilization();
					const started = performance.now();
					const request = { surveyId, waveId, format, labels: format === 'xlsx' };
					const dictionary = await startExport(client, request);
					let bytes = 0;
					for await (const chunk of exportStream(client, request, dictionary))
						bytes += (chunk as Buffer).length;
					const seconds = (performance.now() - started) / 1000;
					const used = process.cpuUsage(cpu);
					// how long the server's own thread (reading pages, writing the file) was busy: elapsed
					// time, so a busy machine inflates it as it does the total
					const mainSeconds = performance.eventLoopUtilization(loop).active / 1000;
					// what the export left behind once collected: flat memory keeps nothing
					global.gc?.();
					const kept = process.memoryUsage().heapUsed - start.heapUsed;
					const processSeconds = (used.user + used.system) / 1e6;
					const databaseSeconds = (await backends()).reduce(
						(sum, pid) => sum + cpuOf([pid]) - (databaseCpu.get(pid) ?? 0),
						0
					);
					clearInterval(sampler);
					sample();
					expect(dictionary.responses).toBe(size);
					expect(bytes).toBeGreaterThan(size * QUESTIONS);
					const cpuText =
						engine.name === 'pglite'
							? `CPU ${processSeconds.toFixed(2)} s (server thread busy ${mainSeconds.toFixed(2)} s elapsed)`
							: `CPU ${processSeconds.toFixed(2)} s server (its thread busy ${mainSeconds.toFixed(2)} s elapsed) + ${databaseSeconds.toFixed(2)} s PostgreSQL`;
					lines.push(
						`  ${format.padEnd(4)} ${seconds.toFixed(2).padStart(6)} s  ${cpuText}  ${(bytes / 1e6).toFixed(1).padStart(5)} MB file  ` +
							`peak RSS ${MB(rss)} (+${MB(rss - start.rss)})  peak heap ${MB(heap)} (+${MB(heap - start.heapUsed)}, ` +
							`${MB(kept)} kept after)`
					);
				}
				console.log(lines.join('\n'));
			}
		}
	);
});
