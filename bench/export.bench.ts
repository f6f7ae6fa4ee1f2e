/**
 * The export of 100,000 responses of 20 answers each, on both engines: the time the server takes to
 * stream the whole file (CSV, then XLSX) from the database through the API, as a download does, and
 * the server's peak memory (RSS, sampled) while it does. Figures, never pass or fail on time.
 * Run by `npm run bench` (bench/run.js) through vitest, which gives it the app's modules and the
 * database test harness; BENCH_EXPORT_RESPONSES changes the number of responses.
 */
import { expect, it } from 'vitest';
import { forEachEngine } from '../tests/db/engines';
import type { Client as ApiClient } from '$lib/server/api';
import { exportStream, startExport } from '$lib/server/exports/responses';

const RESPONSES = Number(process.env.BENCH_EXPORT_RESPONSES ?? 100_000);
const QUESTIONS = 20;

forEachEngine(`export of ${RESPONSES.toLocaleString('en-GB')} responses x ${QUESTIONS} answers`, (engine) => {
	it(
		`${engine.label} streams the file and prints the time and peak memory`,
		{ timeout: 1_800_000 },
		async () => {
			const org = await engine.createOrganisation();
			const lead = await engine.createMember(org, 'lead');
			const db = engine.db;
			const loadStarted = performance.now();
			let surveyId = '';
			let waveId = '';
			await db.transaction(async (tx) => {
				// a bulk load: the running counts are not needed to export, so the triggers are skipped
				await tx.exec('set local session_replication_role = replica');
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
				await tx.query(
					`insert into app.responses (id, organisation_id, wave_id, submitted_at, about)
				 select gen_random_uuid(), $1, $2, now() - make_interval(secs => i),
				        jsonb_build_object('phase', (array['primary', 'secondary', 'post_16'])[1 + i % 3])
				 from generate_series(1, ${RESPONSES}) i`,
					[org.id, waveId]
				);
				await tx.query(
					`insert into app.answers (organisation_id, response_id, question_id, option_id)
				 select $1, r.id, o.question_id, o.id
				 from app.responses r
				 join app.questions q on q.survey_id = $2
				 join app.question_options o on o.question_id = q.id
				   and o.position = 1 + abs(hashtext(r.id::text || q.key)) % 5
				 where r.wave_id = $3`,
					[org.id, surveyId, waveId]
				);
			});
			const loaded = (performance.now() - loadStarted) / 1000;

			const client = (await engine.signInAs(lead)) as unknown as ApiClient;
			const lines = [
				`${engine.label} ${RESPONSES.toLocaleString('en-GB')} responses loaded in ${loaded.toFixed(1)} s`
			];
			for (const format of ['csv', 'xlsx'] as const) {
				global.gc?.();
				const before = process.memoryUsage().rss;
				let peak = before;
				const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 25);
				const started = performance.now();
				const request = { surveyId, waveId, format, labels: format === 'xlsx' };
				const dictionary = await startExport(client, request);
				let bytes = 0;
				for await (const chunk of exportStream(client, request, dictionary))
					bytes += (chunk as Buffer).length;
				const seconds = (performance.now() - started) / 1000;
				clearInterval(sampler);
				peak = Math.max(peak, process.memoryUsage().rss);
				expect(bytes).toBeGreaterThan(RESPONSES * QUESTIONS);
				lines.push(
					`  ${format.padEnd(4)} ${seconds.toFixed(2)} s, ${(bytes / 1e6).toFixed(1)} MB, ` +
						`peak RSS ${(peak / 1e6).toFixed(0)} MB (${((peak - before) / 1e6).toFixed(0)} MB over the start)`
				);
			}
			console.log(lines.join('\n'));
		}
	);
});
