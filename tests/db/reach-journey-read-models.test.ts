/**
 * The read models api.reach and api.panel_journey read (language counts, panel waves and their pairs, panel
 * answers and journey counts) agree with a recount from the raw responses and answers: after submissions,
 * panel codes given afterwards, a response deleted, a wave deleted and a rebuild of the counts.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, expect, it } from 'vitest';
import { forEachEngine, type Organisation, type Survey, type User } from './engines';

forEachEngine('reach and journey read models', (engine) => {
	let org: Organisation;
	let survey: Survey;
	let lead: User;

	/** What the read models hold for the organisation, in a stable order. */
	async function models() {
		const rows = await engine.db.query<{ row: string }>(
			`select concat_ws(' ', 'language', wave_id, language, n) as row from app.wave_language_counts
			  where organisation_id = $1 and n <> 0
			 union all
			 select concat_ws(' ', 'pair', wave_id, other_wave_id, n) from app.panel_wave_pairs
			  where organisation_id = $1 and n <> 0
			 union all
			 select concat_ws(' ', 'journey', question_id, from_wave_id, to_wave_id, from_option_id, to_option_id, n)
			   from app.journey_counts where organisation_id = $1 and n <> 0
			 order by 1`,
			[org.id]
		);
		return rows.map((r) => r.row);
	}

	/** The same figures counted from the raw rows. */
	async function recount() {
		const rows = await engine.db.query<{ row: string }>(
			`with latest as (
			   select distinct on (a.question_id, r.wave_id, r.panel_code) a.question_id, r.wave_id, r.panel_code, a.option_id
			   from app.responses r join app.answers a on a.response_id = r.id and a.option_id is not null
			   join app.questions q on q.id = a.question_id and q.kind = 'agreement_5'
			   where r.organisation_id = $1 and r.panel_code is not null
			   order by a.question_id, r.wave_id, r.panel_code, r.submitted_at desc, r.id desc
			 )
			 select concat_ws(' ', 'language', wave_id, language, count(*)) as row from app.responses
			  where organisation_id = $1 group by wave_id, language
			 union all
			 select concat_ws(' ', 'pair', a.wave_id, b.wave_id, count(distinct a.panel_code))
			   from app.responses a join app.responses b on b.organisation_id = a.organisation_id
			    and b.panel_code = a.panel_code and b.wave_id <> a.wave_id
			  where a.organisation_id = $1 group by a.wave_id, b.wave_id
			 union all
			 select concat_ws(' ', 'journey', f.question_id, f.wave_id, t.wave_id, f.option_id, t.option_id, count(*))
			   from latest f join latest t on t.question_id = f.question_id and t.panel_code = f.panel_code
			    and t.wave_id <> f.wave_id
			  group by f.question_id, f.wave_id, t.wave_id, f.option_id, t.option_id
			 order by 1`,
			[org.id]
		);
		return rows.map((r) => r.row);
	}

	async function submit(code: string | null, feel: string, language = 'en') {
		const { error } = await engine.server().rpc('submit_response', {
			p_response_id: randomUUID(),
			p_wave_slug: survey.waves.open!.slug,
			p_answers: { feel },
			p_language: language,
			...(code ? { p_panel_code: code } : {})
		});
		expect(error).toBeNull();
	}

	async function staffViews() {
		const client = await engine.signInAs(lead);
		const reach = await client.rpc('reach', { p_survey_id: survey.id });
		const journey = await client.rpc('panel_journey', {
			p_question_id: survey.questions.feel.id,
			p_from_wave_id: survey.waves.closed!.id,
			p_to_wave_id: survey.waves.open!.id
		});
		expect(reach.error).toBeNull();
		expect(journey.error).toBeNull();
		const strip = (v: unknown) => JSON.parse(JSON.stringify(v).replace(/"as_of":"[^"]*"/g, '"as_of":""'));
		return { reach: strip(reach.data), journey: strip(journey.data) };
	}

	beforeAll(async () => {
		org = await engine.createOrganisation();
		survey = await engine.createSurvey(org, { waves: ['closed', 'open'] });
		lead = await engine.createMember(org, 'lead');
		const baseline = await engine.addResponses(survey, survey.waves.closed!, 6, { feel: 'agree' });
		await engine.addResponses(survey, survey.waves.closed!, 2, { feel: 'disagree' });
		// panel codes given after the responses were counted, as an import of codes would
		for (let i = 0; i < 5; i++) {
			await engine.db.query('update app.responses set panel_code = $1 where id = $2', [
				`READ-000${i}`,
				baseline[i]
			]);
		}
		await submit('READ-0000', 'disagree');
		await submit('READ-0001', 'agree', 'cy');
		await submit('READ-0002', 'neither');
		// a second answer of the same code in the same wave: its latest counts
		await submit('READ-0002', 'strongly_agree', 'cy');
		await submit(null, 'agree', 'pl');
	});

	it('agree with a recount from the raw rows after submissions and codes given afterwards', async () => {
		const now = await models();
		expect(now.some((r) => r.startsWith('journey'))).toBe(true);
		expect(now.filter((r) => r.startsWith('pair'))).toHaveLength(2);
		expect(now).toEqual(await recount());
		const { reach, journey } = await staffViews();
		expect(journey.linked).toBe(3);
		expect(reach.panel[0].linked).toBe(3);
		const languages = reach.waves[1].dimensions.find((d: { key: string }) => d.key === 'language');
		expect(languages.groups.map((g: { category: string; n: number }) => [g.category, g.n])).toEqual([
			['cy', 2],
			['en', 2],
			['pl', 1]
		]);
	});

	it('give the same figures after every read model is rebuilt from the raw rows, of one wave or all', async () => {
		const before = await staffViews();
		await engine.db.query('select app.rebuild_counts($1)', [survey.waves.open!.id]);
		expect(await models()).toEqual(await recount());
		expect(await staffViews()).toEqual(before);
		await engine.db.query('delete from app.journey_counts where organisation_id = $1', [org.id]);
		await engine.db.query('delete from app.panel_wave_pairs where organisation_id = $1', [org.id]);
		await engine.db.query('delete from app.wave_language_counts where organisation_id = $1', [org.id]);
		expect(await models()).not.toEqual(await recount());
		await engine.db.query('select app.rebuild_counts()');
		expect(await models()).toEqual(await recount());
		expect(await staffViews()).toEqual(before);
	});

	it('follow a response taken away and deleted, and a code given to another response', async () => {
		await engine.db.query(
			`select app.count_response(r.id, -1) from app.responses r
			  where r.organisation_id = $1 and r.panel_code = 'READ-0001' and r.wave_id = $2`,
			[org.id, survey.waves.open!.id]
		);
		await engine.db.query(
			`delete from app.responses where organisation_id = $1 and panel_code = 'READ-0001' and wave_id = $2`,
			[org.id, survey.waves.open!.id]
		);
		await engine.db.query(
			`update app.responses set panel_code = 'READ-0009' where organisation_id = $1 and panel_code = 'READ-0000'
			   and wave_id = $2`,
			[org.id, survey.waves.closed!.id]
		);
		expect(await models()).toEqual(await recount());
		const { reach, journey } = await staffViews();
		expect(journey.linked).toBe(1);
		expect(reach.panel[0].linked).toBe(1);
	});

	it('lose a deleted wave, and nothing else', async () => {
		await engine.db.query('select app.rebuild_counts()');
		const client = await engine.signInAs(lead);
		const { error } = await client.rpc('delete_wave', {
			p_wave_id: survey.waves.open!.id,
			p_reason: 'Opened by mistake'
		});
		expect(error).toBeNull();
		const now = await models();
		expect(now).toEqual(await recount());
		expect(now.filter((r) => r.startsWith('pair') || r.startsWith('journey'))).toEqual([]);
		expect(now.filter((r) => r.startsWith('language'))).toEqual([`language ${survey.waves.closed!.id} en 8`]);
	});
});
