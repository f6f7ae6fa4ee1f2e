// Suggestions a person confirms: precision and recall per strategy priority, printed (never passes or
// fails). Run by `npm run bench` after disclosure control, or alone: `npx tsx bench/suggestions.ts`.
//
// The labelled set (tests/fixtures/suggestions/labelled-comments.tsv: comments from parent carers,
// children and young people, each with the priority codes a person gave it) is split in a fixed way:
// every fourth comment is held out, the rest are tagged as confirmed tags of a new organisation on the
// embedded database (PGlite, in memory) whose priorities keep the keywords in priorities.json. Each
// held-out comment is then asked for its suggestions (app.priority_suggestions, as
// api.feedback_suggestions makes them: threshold 0.1,
// a tie to the priority first in the strategy's order), by the combined suggester and by keywords alone:
//   - top 1: the best suggestion counts as the suggester's answer; precision = right answers for the
//     priority / answers naming it, recall = comments of the priority answered with it / comments of it;
//   - top 3 recall: the priority is among the (at most) three suggestions the item page shows.
// Comments the safeguarding phrase list holds are left out of both parts, as the product leaves them out.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrate } from '../src/lib/server/platform/db/migrate';
import { openPglite } from '../src/lib/server/platform/db/pglite';
import { numberSetting } from './settings.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixtures = path.join(here, '..', 'tests', 'fixtures', 'suggestions');
const THRESHOLD = 0.1;
const SHOWN = 3;
// the number of confirmed tags the time to suggest is measured with, at the end
const SCALE = numberSetting('BENCH_SUGGESTIONS_SCALE', 2000, { min: 1, unit: 'confirmed tags' });

interface Priority {
	code: string;
	title: string;
	keywords: string[];
}
const { priorities } = JSON.parse(readFileSync(path.join(fixtures, 'priorities.json'), 'utf8')) as {
	priorities: Priority[];
};
const labelled = readFileSync(path.join(fixtures, 'labelled-comments.tsv'), 'utf8')
	.split('\n')
	.slice(1)
	.filter((line) => line.trim() !== '')
	.map((line) => {
		const [codes, text] = line.split('\t') as [string, string];
		return { codes: codes.split(',').map((c) => c.trim()), text };
	});
const heldOut = (i: number) => i % 4 === 3;

interface Tally {
	answered: number;
	right: number;
	of: number;
	found: number;
	inTop: number;
}
const pct = (a: number, b: number) => (b === 0 ? '   –  ' : `${((100 * a) / b).toFixed(0).padStart(4)}% `);

console.log('\nSuggestions (bench/suggestions.ts, embedded PGlite, in memory)');
const db = await openPglite();
try {
	await migrate(db);
	const [org] = await db.query<{ id: string }>(
		`insert into app.organisations (slug, name) values ('bench-suggestions', 'Bench') returning id`
	);
	const ids = new Map<string, string>();
	for (const [i, p] of priorities.entries()) {
		const [row] = await db.query<{ id: string }>(
			`insert into app.strategy_priorities (organisation_id, position, code, title) values ($1, $2, $3, $4) returning id`,
			[org!.id, i + 1, p.code, p.title]
		);
		ids.set(p.code, row!.id);
		for (const k of p.keywords)
			await db.query(
				`insert into app.priority_keywords (organisation_id, priority_id, keyword, lexemes)
				 values ($1, $2, $3, app.keyword_lexemes($3))`,
				[org!.id, row!.id, k]
			);
	}
	const codeOf = new Map([...ids].map(([code, id]) => [id, code]));

	const test: { id: string; codes: string[] }[] = [];
	let held = 0;
	let trained = 0;
	for (const [i, c] of labelled.entries()) {
		const [item] = await db.query<{ id: string }>(
			`insert into app.feedback (organisation_id, channel, given_on, body) values ($1, 'event', current_date, $2)
			 returning id`,
			[org!.id, c.text]
		);
		// the statement trigger holds a comment the phrase list matches, after the insert
		const [{ held: isHeld } = { held: false }] = await db.query<{ held: boolean }>(
			'select held from app.feedback where id = $1',
			[item!.id]
		);
		if (isHeld) {
			held++;
			continue;
		}
		if (heldOut(i)) test.push({ id: item!.id, codes: c.codes });
		else {
			trained++;
			for (const code of c.codes)
				await db.query(
					`insert into app.feedback_priorities (feedback_id, priority_id, organisation_id) values ($1, $2, $3)`,
					[item!.id, ids.get(code), org!.id]
				);
		}
	}
	console.log(
		`${labelled.length} labelled comments: ${trained} confirmed tags to learn from, ${test.length} held out, ` +
			`${held} held by the safeguarding phrase list (left out)`
	);

	for (const [label, learned] of [
		['combined (keywords + learned)', true],
		['keywords only (baseline)', false]
	] as const) {
		const tallies = new Map(
			priorities.map((p) => [p.code, { answered: 0, right: 0, of: 0, found: 0, inTop: 0 }])
		);
		let none = 0;
		const t0 = performance.now();
		for (const item of test) {
			const rows = await db.query<{ priority_id: string; confidence: number }>(
				`select s.priority_id, s.confidence from app.priority_suggestions($1, $2) s
				 join app.strategy_priorities sp on sp.id = s.priority_id
				 where s.confidence >= $3 order by s.confidence desc, sp.position limit ${SHOWN}`,
				[item.id, learned, THRESHOLD]
			);
			const codes = rows.map((r) => codeOf.get(r.priority_id)!);
			const best = codes[0];
			if (!best) none++;
			else {
				const t = tallies.get(best)!;
				t.answered++;
				if (item.codes.includes(best)) t.right++;
			}
			for (const code of item.codes) {
				const t = tallies.get(code)!;
				t.of++;
				if (best === code) t.found++;
				if (codes.includes(code)) t.inTop++;
			}
		}
		const ms = (performance.now() - t0) / test.length;
		console.log(
			`\n  ${label}: ${none} of ${test.length} held-out comments got no suggestion; ${ms.toFixed(1)} ms a comment`
		);
		console.log(`  ${'priority'.padEnd(58)} precision  recall  top-${SHOWN} recall`);
		const sum: Tally = { answered: 0, right: 0, of: 0, found: 0, inTop: 0 };
		for (const p of priorities) {
			const t = tallies.get(p.code)!;
			for (const k of Object.keys(sum) as (keyof Tally)[]) sum[k] += t[k];
			console.log(
				`  ${`${p.code} ${p.title}`.slice(0, 56).padEnd(58)} ${pct(t.right, t.answered).padStart(9)}  ${pct(t.found, t.of)}  ${pct(t.inTop, t.of).padStart(12)}`
			);
		}
		console.log(
			`  ${'all (micro)'.padEnd(58)} ${pct(sum.right, sum.answered).padStart(9)}  ${pct(sum.found, sum.of)}  ${pct(sum.inTop, sum.of).padStart(12)}`
		);
	}

	// The classifier is computed at the moment of asking, from every confirmed tag: its cost grows with
	// them. The same tagged comments copied until there are about SCALE of them (the figures above are
	// unchanged by copies; only the time is measured).
	const copies = Math.max(1, Math.round(SCALE / trained) - 1);
	await db.query(
		`with copied as (
		   insert into app.feedback (organisation_id, channel, given_on, body)
		   select f.organisation_id, 'event', current_date, f.body || ' (copy ' || g || ')'
		   from app.feedback f cross join generate_series(1, $2::int) g
		   where f.organisation_id = $1 and exists (select 1 from app.feedback_priorities fp where fp.feedback_id = f.id)
		   returning id, body)
		 insert into app.feedback_priorities (feedback_id, priority_id, organisation_id)
		 select c.id, fp.priority_id, $1
		 from copied c
		 join app.feedback f on f.organisation_id = $1 and c.body like f.body || ' (copy %'
		 join app.feedback_priorities fp on fp.feedback_id = f.id`,
		[org!.id, copies]
	);
	const [{ n } = { n: 0 }] = await db.query<{ n: number }>(
		`select count(distinct feedback_id)::int as n from app.feedback_priorities where organisation_id = $1`,
		[org!.id]
	);
	const times: number[] = [];
	for (const item of test.slice(0, 20)) {
		const t0 = performance.now();
		await db.query('select * from app.priority_suggestions($1, true)', [item.id]);
		times.push(performance.now() - t0);
	}
	times.sort((a, b) => a - b);
	console.log(
		`\n  time to suggest, with ${n} confirmed tags: median ${times[Math.floor(times.length / 2)]!.toFixed(0)} ms ` +
			`a comment (${times.length} comments)`
	);

	// The safeguarding check each free-text answer gets as it arrives (app.safeguarding_match, from the
	// trigger on app.feedback, inside the respondent's submission): the organisation's phrase list
	// against the comment.
	const [{ phrases } = { phrases: 0 }] = await db.query<{ phrases: number }>(
		'select count(*)::int as phrases from app.safeguarding_phrases where organisation_id = $1',
		[org!.id]
	);
	const t1 = performance.now();
	for (const c of labelled) await db.query('select app.safeguarding_match($1, $2)', [org!.id, c.text]);
	console.log(
		`  safeguarding check as a comment arrives, against ${phrases} phrases: ` +
			`${((performance.now() - t1) / labelled.length).toFixed(2)} ms a comment (${labelled.length} comments)`
	);
} finally {
	await db.close();
}
