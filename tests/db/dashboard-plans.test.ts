/**
 * 20261210000100_dashboard_plans.sql made the dashboard's functions faster (one reading of the counts
 * joined by key, plans kept for the session, app.round_to written out). It must change no figure anyone
 * sees: on both engines, the demo area is seeded on the schema just before that migration, every dashboard
 * figure is taken (the overview, every indicator's trend for everyone and under every definition, one
 * indicator's for every group, every published table, every wave's representation, every journey from the
 * baseline) as the lead (exact), forum (under the disclosure rule), the other area's lead and anon (the public
 * figures), the migration is applied, and everything is taken again and compared, byte for byte.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asDatabaseError, type Database } from '../../src/lib/server/platform/db/types';
import { DEMO_ACCOUNTS, OTHER_ORGANISATION_ACCOUNT } from '../../src/lib/server/demo/accounts';
import { freshPglite, freshPostgres, rolledBack, type Opened } from './engines';
import { acrossMigration, expectUnchanged } from './migrations-up-to';

const SKIP_POSTGRES = process.env.SKIP_POSTGRES === '1';
const PLANS = '20261210000100';

/**
 * Every dashboard figure one caller gets (a member by user id, or anon), keyed by call. One transaction,
 * rolled back; each call in a savepoint of its own, so that a refusal is recorded as what it says and the
 * calls after it still run. The transaction's time (an as-of of live figures) is written NOW.
 */
async function figuresFor(db: Database, userId: string | null, out: Map<string, string>, who: string) {
	const [questions, waves, groups] = await Promise.all([
		db.query<{ id: string; name: string; single: boolean; survey_id: string; definitions: number }>(
			`select q.id, s.slug || '/' || q.key as name, q.survey_id,
			        (select coalesce(max(c.version), 1)::integer from app.positive_answer_changes c
			          where c.question_id = q.id) as definitions,
			        q.kind in ('agreement_5', 'faces_3', 'yes_no_unsure', 'single_choice', 'rating_0_10') as single
			   from app.questions q join app.surveys s on s.id = q.survey_id
			  where exists (select 1 from app.question_options o where o.question_id = q.id and o.is_positive)
			  order by 2`
		),
		db.query<{ id: string; slug: string; survey_id: string; baseline: boolean }>(
			`select w.id, w.slug, w.survey_id, w.kind = 'baseline' as baseline from app.waves w order by w.slug`
		),
		db.query<{ dimension: string; category: string }>(
			`select distinct c.dimension, c.category from app.wave_group_counts c where c.dimension <> '_all'
			 union select distinct c.dimension, '_not_stated' from app.wave_group_counts c where c.dimension <> '_all'
			 order by 1, 2`
		)
	]);
	const organisations = await db.query<{ id: string; slug: string }>(
		'select id, slug from app.organisations order by slug'
	);
	await rolledBack(db, async (tx) => {
		const role = userId ? 'authenticated' : 'anon';
		await tx.exec(`set local role ${role}`);
		const claims = userId ? { role, sub: userId, aud: 'authenticated', aal: 'aal1' } : { role };
		await tx.query(`select set_config('request.jwt.claims', $1, true)`, [JSON.stringify(claims)]);
		const [{ now } = { now: '' }] = await tx.query<{ now: string }>(`select to_jsonb(now()) #>> '{}' as now`);
		const take = async (key: string, sql: string, params: unknown[]) => {
			await tx.exec('savepoint figure');
			try {
				const [row] = await tx.query<{ json: string | null }>(sql, params);
				out.set(`${who} ${key}`, String(row?.json).replaceAll(now, 'NOW'));
				await tx.exec('release savepoint figure');
			} catch (error) {
				out.set(`${who} ${key}`, `refused: ${asDatabaseError(error).message}`);
				await tx.exec('rollback to savepoint figure');
			}
		};
		const trend = `select coalesce(jsonb_agg(to_jsonb(t)), '[]')::text as json
		                 from api.indicator_trend($1, $2, $3, $4) t`;
		for (const o of organisations)
			await take(`overview ${o.slug}`, 'select api.overview_trends($1)::text as json', [o.id]);
		for (const [i, q] of questions.entries()) {
			await take(`trend ${q.name}`, trend, [q.id, '_all', '_all', null]);
			// every earlier definition of the indicator
			for (let d = 1; d < q.definitions; d++)
				await take(`trend ${q.name} definition ${d}`, trend, [q.id, '_all', '_all', d]);
			// every group, for the first indicator (the equity view's splits)
			if (i === 0)
				for (const g of groups)
					await take(`trend ${q.name} ${g.dimension}=${g.category}`, trend, [
						q.id,
						g.dimension,
						g.category,
						null
					]);
			const ofSurvey = waves.filter((w) => w.survey_id === q.survey_id);
			const baseline = ofSurvey.find((w) => w.baseline);
			for (const w of ofSurvey) {
				await take(`table ${q.name} ${w.slug}`, 'select api.published_table($1, $2)::text as json', [
					q.id,
					w.id
				]);
				if (q.single && baseline && w.id !== baseline.id)
					await take(
						`journey ${q.name} ${baseline.slug}->${w.slug}`,
						'select api.panel_journey($1, $2, $3)::text as json',
						[q.id, baseline.id, w.id]
					);
			}
		}
		for (const w of waves)
			await take(`representation ${w.slug}`, 'select api.representation($1)::text as json', [w.id]);
	});
}

async function figures(db: Database): Promise<Map<string, string>> {
	const out = new Map<string, string>();
	await figuresFor(db, null, out, 'anon');
	// the lead for every exact reader (admin, officer and safeguarding run the same code), forum for every
	// restricted one (scrutiny's figures are forum's), and the other area's lead
	const lead = DEMO_ACCOUNTS.find((a) => a.role === 'lead')!;
	const forum = DEMO_ACCOUNTS.find((a) => a.role === 'forum')!;
	for (const account of [lead, forum, OTHER_ORGANISATION_ACCOUNT]) {
		const [user] = await db.query<{ id: string }>('select id from auth.users where email = $1', [
			account.email
		]);
		await figuresFor(db, user!.id, out, account.email);
	}
	return out;
}

const ENGINES = [
	{ name: 'PGlite', open: freshPglite, skip: false },
	{ name: 'PostgreSQL', open: () => freshPostgres('dashboard_plans_test'), skip: SKIP_POSTGRES }
];

for (const engine of ENGINES) {
	(engine.skip ? describe.skip : describe)(`faster dashboard plans [${engine.name}]`, () => {
		let opened: Opened;
		let before: Map<string, string>;
		let after: Map<string, string>;

		beforeAll(async () => {
			opened = await engine.open();
			({ before, after } = await acrossMigration(
				opened.db,
				PLANS,
				async (db) => {
					// today's counts of the open waves, as forum and scrutiny get them (taken once, so that both
					// sides read the same); more than the demo shows: a change of an indicator's positive answers (an earlier definition to
					// count by) and the survey's indicators on the public page
					await db.exec(`
						select app.open_wave_snapshot(w.id) from app.waves w
						 where app.wave_status(w.opens_at, w.closes_at) = 'open' and w.source = 'responses';
						update app.question_options o set is_positive = not o.is_positive
						  from app.questions q join app.surveys s on s.id = q.survey_id
						 where o.question_id = q.id and s.slug = 'ehc-journey' and q.position = 1 and o.position = 2;
						insert into app.public_indicators (question_id, organisation_id)
						  select q.id, q.organisation_id from app.questions q join app.surveys s on s.id = q.survey_id
						   where s.slug = 'ehc-journey'
						     and exists (select 1 from app.question_options o where o.question_id = q.id and o.is_positive);
					`);
				},
				(db) => figures(db)
			));
		}, 900_000);

		afterAll(async () => {
			await opened?.dispose();
		});

		it('gives every role the same figures as before, to the byte', () => {
			expectUnchanged(before, after);
		});

		it('compared real figures, hidden ones and refusals alike', () => {
			const values = [...before.values()];
			// the lead's exact trend, forum's suppressed cells, another area refused, the public page's
			expect(values.filter((v) => v.includes('"positive":')).length).toBeGreaterThan(20);
			expect(values.some((v) => v.includes('[c]'))).toBe(true);
			expect(values.some((v) => v.startsWith('refused:'))).toBe(true);
			expect([...before.keys()].some((k) => k.includes('definition 1'))).toBe(true);
			expect(
				[...before.entries()].some(([k, v]) => k.startsWith('anon trend') && v.includes('"share":'))
			).toBe(true);
		});
	});
}
