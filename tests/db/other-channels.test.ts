/**
 * Other channels: api.enter_response (paper, event, phone, focus group), api.import_responses (CSV rows,
 * dry run, all or none) and api.import_aggregate (historic totals that anchor the trend).
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
	forEachEngine,
	parseDetails,
	suffix,
	type Client,
	type Engine,
	type MemberRole,
	type Organisation,
	type Survey,
	type Wave
} from './engines';

interface World {
	org: Organisation;
	survey: Survey;
	closed: Wave;
	open: Wave;
	lead: Client;
}

async function world(engine: Engine): Promise<World> {
	const org = await engine.createOrganisation();
	const survey = await engine.createSurvey(org);
	const lead = await engine.signInAs(await engine.createMember(org, 'lead'));
	return { org, survey, closed: survey.waves.closed!, open: survey.waves.open!, lead };
}

const ANSWERS = { feel: 'agree', services: ['health'], comment: 'On paper', age: 9 };

function enter(client: Client, wave: Wave, args: Record<string, unknown> = {}) {
	return client.rpc('enter_response', {
		p_wave_id: wave.id,
		p_response_id: randomUUID(),
		p_answers: ANSWERS,
		p_channel: 'paper',
		p_given_on: '2024-03-27',
		...args
	});
}

/** Good rows for the closed wave (10 January to 1 July 2024). */
function goodRows(): Record<string, string>[] {
	return [
		{ feel: 'agree', services: 'health;education', comment: 'Fine', age: '7', given_on: '2024-02-01' },
		{
			feel: 'strongly_agree',
			services: '',
			comment: '<b>bold</b>',
			age: '',
			given_on: '15/03/2024',
			about_phase: 'primary',
			channel: 'event'
		},
		{ feel: 'disagree', services: 'social_care', comment: '', age: '12', given_on: '2024-06-30' }
	];
}

/** The running counts a rebuild gives for the wave, computed in a transaction that is rolled back. */
async function rebuiltCounts(engine: Engine, waveId: string) {
	let rebuilt: Awaited<ReturnType<Engine['countsOf']>> = [];
	await engine.db
		.transaction(async (tx) => {
			await tx.query('select app.rebuild_counts($1)', [waveId]);
			rebuilt = await tx.query(
				`select 'wave_group_counts' as table, null::text as question_id, null::text as option_id, dimension, category, n
				   from app.wave_group_counts where wave_id = $1
				 union all
				 select 'question_counts', question_id::text, null, dimension, category, n
				   from app.question_counts where wave_id = $1
				 union all
				 select 'option_counts', question_id::text, option_id::text, dimension, category, n
				   from app.option_counts where wave_id = $1
				 order by 1, 2, 3, 4, 5`,
				[waveId]
			);
			throw new Error('rollback');
		})
		.catch((e: unknown) => {
			if (!(e instanceof Error && e.message === 'rollback')) throw e;
		});
	return rebuilt;
}

forEachEngine('other channels', (engine) => {
	describe('who may add responses', () => {
		it('lets admin, lead and officer of the organisation enter and import; refuses the others, writing nothing', async () => {
			const { org, survey, closed } = await world(engine);
			const allowed: MemberRole[] = ['admin', 'lead', 'officer'];
			for (const role of ['admin', 'lead', 'officer', 'forum', 'scrutiny', 'safeguarding'] as const) {
				const client = await engine.signInAs(await engine.createMember(org, role));
				const entered = await enter(client, closed);
				const imported = await client.rpc('import_responses', {
					p_wave_id: closed.id,
					p_rows: goodRows(),
					p_dry_run: false
				});
				if (allowed.includes(role)) {
					expect({ role, error: entered.error, imported: imported.error }).toEqual({
						role,
						error: null,
						imported: null
					});
				} else {
					expect({ role, status: entered.status, hint: entered.error?.hint }).toEqual({
						role,
						status: 403,
						hint: 'not_permitted'
					});
					expect({ role, status: imported.status }).toEqual({ role, status: 403 });
				}
			}
			expect((await engine.tally(closed.id)).responses).toBe(3 * (1 + 3));
			void survey;
		});

		it("refuses another organisation's lead, a user with no membership and anon", async () => {
			const { closed, survey } = await world(engine);
			const other = await engine.createOrganisation();
			const stranger = await engine.signInAs(await engine.createMember(other, 'lead'));
			const nobody = await engine.signInAs(await engine.createUser());
			for (const client of [stranger, nobody]) {
				expect((await enter(client, closed)).error?.hint).toBe('not_permitted');
				const imported = await client.rpc('import_responses', { p_wave_id: closed.id, p_rows: goodRows() });
				expect(imported.error?.hint).toBe('not_permitted');
				const aggregate = await client.rpc('import_aggregate', {
					p_survey_id: survey.id,
					p_wave: { label: 'x', kind: 'repeat', opens_at: '2019-01-01', closes_at: '2019-02-01', slug: 'x' },
					p_counts: [{ n: 1 }]
				});
				expect(aggregate.error?.hint).toBe('not_permitted');
				const choices = await client.rpc('import_choices', { p_organisation_id: survey.organisationId });
				expect(choices.data).toEqual([]);
			}
			for (const fn of [
				'enter_response',
				'import_responses',
				'import_aggregate',
				'import_choices'
			] as const) {
				const { status } = await engine.anon().rpc(fn, {} as never);
				expect([401, 404]).toContain(status);
			}
			const anon = await enter(engine.anon(), closed);
			expect(anon.status).toBe(401);
			expect(await engine.tally(closed.id)).toEqual({ responses: 0, answers: 0 });
		});
	});

	describe('enter_response', () => {
		it('records a paper response to a closed wave with its channel and the day it was given', async () => {
			const { closed, lead } = await world(engine);
			const id = randomUUID();
			const { data, error } = await enter(lead, closed, {
				p_response_id: id,
				p_channel: 'focus_group',
				p_assistance: 'helped',
				p_about: { phase: 'secondary' }
			});
			expect(error).toBeNull();
			expect(data).toEqual({ response_id: id, duplicate: false });
			const [row] = await engine.db.query<{ channel: string; day: string; assistance: string }>(
				`select channel::text, to_char(submitted_at at time zone 'Europe/London', 'YYYY-MM-DD') as day,
				        assistance::text from app.responses where id = $1`,
				[id]
			);
			expect(row).toEqual({ channel: 'focus_group', day: '2024-03-27', assistance: 'helped' });
			expect(await engine.countsOf(closed.id)).toEqual(await rebuiltCounts(engine, closed.id));
			// the same form sent again is the same response
			expect((await enter(lead, closed, { p_response_id: id })).data).toEqual({
				response_id: id,
				duplicate: true
			});
			expect((await engine.tally(closed.id)).responses).toBe(1);
		});

		it('refuses a day outside the wave, in the future or missing, beside the date field', async () => {
			const { closed, open, lead } = await world(engine);
			const cases: [Wave, string | null, RegExp][] = [
				[closed, '2024-01-09', /between 10 January 2024 and 1 July 2024/],
				[closed, '2024-07-02', /between 10 January 2024 and 1 July 2024/],
				[open, '2099-01-01', /cannot be in the future/],
				[closed, null, /Enter the date/]
			];
			for (const [wave, day, message] of cases) {
				const { error } = await enter(lead, wave, { p_given_on: day });
				expect(error?.hint).toBe('invalid_answers');
				expect(parseDetails(error?.details).given_on).toMatch(message);
			}
			// the edges are inside
			expect((await enter(lead, closed, { p_given_on: '2024-01-10' })).error).toBeNull();
			expect((await enter(lead, closed, { p_given_on: '2024-07-01' })).error).toBeNull();
			expect((await engine.tally(closed.id)).responses).toBe(2);
		});

		it('checks the answers with the same rules as submit_response, and only staff channels', async () => {
			const { closed, lead } = await world(engine);
			const { error } = await enter(lead, closed, {
				p_answers: { feel: 'maybe', comment: 'x'.repeat(21), age: 40 },
				p_about: { phase: 'university' },
				p_channel: 'online'
			});
			expect(error?.hint).toBe('invalid_answers');
			expect(parseDetails(error?.details)).toEqual({
				feel: 'Choose one of the answers given.',
				comment: 'Keep your answer to 20 characters or fewer. It has 21.',
				age: 'Enter a number from 0 to 25.',
				'about.phase': 'Choose one of the answers given.',
				channel: 'Choose how the answers were given: on paper, at an event, by phone or in a focus group.'
			});
			expect(await engine.tally(closed.id)).toEqual({ responses: 0, answers: 0 });
		});
	});

	describe('import_responses', () => {
		it('dry run: reports every bad row with its reasons, and writes nothing', async () => {
			const { closed, lead } = await world(engine);
			const rows = [
				...goodRows(),
				{ feel: 'maybe', services: 'health;dentist', given_on: '2023-12-01', comment: 'x'.repeat(30) },
				{ feel: '', given_on: '31/02/2024', about_phase: 'college', channel: 'pigeon' }
			];
			const { data, error } = await lead.rpc('import_responses', {
				p_wave_id: closed.id,
				p_rows: rows,
				p_dry_run: true
			});
			expect(error).toBeNull();
			expect(data).toEqual({
				dry_run: true,
				rows: 5,
				valid: 3,
				already_imported: 0,
				written: 0,
				file_errors: [],
				bad_rows: [
					{
						row: 4,
						errors: {
							feel: '“maybe” is not one of its answers. Use one of: strongly_agree, agree, neither, disagree, strongly_disagree.',
							services:
								'“health;dentist” is not one of its answers. Use one of: health, education, social_care (several separated by ;).',
							comment: 'Keep your answer to 20 characters or fewer. It has 30.',
							given_on: 'The date must be between 10 January 2024 and 1 July 2024, when this wave ran.'
						}
					},
					{
						row: 5,
						errors: {
							feel: 'This question must be answered, and the cell is empty.',
							about_phase:
								'“college” is not a category of phase. Use one of: early_years, primary, secondary, post_16, prefer_not_to_say.',
							channel:
								'Write one of: paper, event, phone, focus_group, online, easy_read, import; or leave it empty.',
							given_on: '“31/02/2024” is not a date. Write it as 2024-03-27 or 27/03/2024.'
						}
					}
				]
			});
			expect(await engine.tally(closed.id)).toEqual({ responses: 0, answers: 0 });
			expect(await engine.countsOf(closed.id)).toEqual([]);
		});

		it('reports wrong and missing columns for the whole file', async () => {
			const { closed, lead } = await world(engine);
			const { data } = await lead.rpc('import_responses', {
				p_wave_id: closed.id,
				p_rows: [{ feeling: 'agree', about_shoe_size: '9', date: '2024-02-01' }]
			});
			expect(data).toMatchObject({
				file_errors: [
					'These columns are not questions of this survey or known columns: about_shoe_size, date, feeling. Check the spelling against the list of columns below.',
					'These columns are missing: feel, given_on.'
				],
				bad_rows: [],
				valid: 0
			});
		});

		it('a real run with one bad row writes nothing, and says why', async () => {
			const { closed, lead } = await world(engine);
			const { data, error, status } = await lead.rpc('import_responses', {
				p_wave_id: closed.id,
				p_rows: [...goodRows(), { feel: 'agree', given_on: 'yesterday' }, ...goodRows()],
				p_dry_run: false
			});
			expect(data).toBeNull();
			expect(status).toBe(400);
			expect(error?.hint).toBe('invalid_rows');
			expect(error?.message).toBe('Nothing was imported: 1 of 7 rows need attention.');
			expect(parseDetails(error?.details)).toMatchObject({
				written: 0,
				bad_rows: [{ row: 4, errors: { given_on: expect.stringMatching(/is not a date/) } }]
			});
			expect(await engine.tally(closed.id)).toEqual({ responses: 0, answers: 0 });
			expect(await engine.countsOf(closed.id)).toEqual([]);
		});

		it('a good import writes every row, keeps markup as text, and keeps the running counts right', async () => {
			const { closed, lead, survey } = await world(engine);
			await engine.addResponses(survey, closed, 2, { feel: 'agree' }, { phase: 'primary' });
			const { data, error } = await lead.rpc('import_responses', {
				p_wave_id: closed.id,
				p_rows: goodRows(),
				p_dry_run: false
			});
			expect(error).toBeNull();
			expect(data).toMatchObject({ dry_run: false, rows: 3, valid: 3, written: 3, bad_rows: [] });
			expect(await engine.tally(closed.id)).toEqual({ responses: 5, answers: 2 + 10 });
			const rows = await engine.db.query<{ channel: string; day: string; about: unknown }>(
				`select channel::text, to_char(submitted_at at time zone 'Europe/London', 'YYYY-MM-DD') as day, about
				   from app.responses where wave_id = $1 and channel <> 'online' order by submitted_at`,
				[closed.id]
			);
			expect(rows).toEqual([
				{ channel: 'import', day: '2024-02-01', about: {} },
				{ channel: 'event', day: '2024-03-15', about: { phase: 'primary' } },
				{ channel: 'import', day: '2024-06-30', about: {} }
			]);
			const [markup] = await engine.db.query<{ text_value: string }>(
				`select text_value from app.answers where question_id = $1 and text_value like '<%'`,
				[survey.questions.comment.id]
			);
			expect(markup?.text_value).toBe('<b>bold</b>');
			expect(await engine.countsOf(closed.id)).toEqual(await rebuiltCounts(engine, closed.id));
			const [all] = await engine.db.query<{ n: number }>(
				`select n from app.wave_group_counts where wave_id = $1 and dimension = '_all'`,
				[closed.id]
			);
			expect(all?.n).toBe(5);
		});

		it('skips rows already imported when the file has response ids, and refuses a repeated id', async () => {
			const { closed, lead } = await world(engine);
			const rows = goodRows().map((r) => ({ ...r, response_id: randomUUID() }));
			const first = await lead.rpc('import_responses', {
				p_wave_id: closed.id,
				p_rows: rows,
				p_dry_run: false
			});
			expect(first.data).toMatchObject({ written: 3 });
			const again = await lead.rpc('import_responses', {
				p_wave_id: closed.id,
				p_rows: rows,
				p_dry_run: false
			});
			expect(again.data).toMatchObject({ written: 0, already_imported: 3 });
			const twice = await lead.rpc('import_responses', {
				p_wave_id: closed.id,
				p_rows: [
					{ ...rows[0]!, response_id: rows[0]!.response_id.replace(/./, 'f') },
					{ ...rows[1]!, response_id: rows[0]!.response_id.replace(/./, 'f') }
				]
			});
			expect(twice.data).toMatchObject({
				bad_rows: [{ row: 2, errors: { response_id: 'Another row of the file has the same response_id.' } }]
			});
			expect((await engine.tally(closed.id)).responses).toBe(3);
		});

		it('refuses an aggregated wave', async () => {
			const { survey, lead } = await world(engine);
			const { data } = await lead.rpc('import_aggregate', {
				p_survey_id: survey.id,
				p_wave: aggregateWave(),
				p_counts: [{ n: 10 }]
			});
			const wave = { id: (data as { wave_id: string }).wave_id } as Wave;
			expect((await enter(lead, wave)).error?.hint).toBe('aggregate_wave');
			expect(
				(await lead.rpc('import_responses', { p_wave_id: wave.id, p_rows: goodRows() })).error?.hint
			).toBe('aggregate_wave');
		});
	});

	describe('import_aggregate', () => {
		it('creates a historic baseline whose counts indicator_trend reads with the later waves', async () => {
			const org = await engine.createOrganisation();
			const survey = await engine.createSurvey(org, { waves: ['open'] });
			const lead = await engine.signInAs(await engine.createMember(org, 'lead'));
			const q = survey.questions;
			// 40 of 100 positive in 2019; 6 of 10 in the open wave
			const { data, error } = await lead.rpc('import_aggregate', {
				p_survey_id: survey.id,
				p_wave: aggregateWave({ kind: 'baseline', label: 'Baseline 2019 (previous tool)' }),
				p_counts: [
					{ n: 100 },
					{ dimension: 'phase', category: 'primary', n: 30 },
					// how many answered each question is given: it is the denominator
					{ question_key: 'feel', n: 95 },
					{ question_key: 'feel', option_value: 'strongly_agree', n: 10 },
					{ question_key: 'feel', option_value: 'agree', n: '30' },
					{ question_key: 'feel', option_value: 'neither', n: 20 },
					{ question_key: 'feel', option_value: 'disagree', n: 25 },
					{ question_key: 'feel', option_value: 'strongly_disagree', n: 10 },
					{ question_key: 'feel', dimension: 'phase', category: 'primary', n: 9 },
					{ question_key: 'feel', option_value: 'agree', dimension: 'phase', category: 'primary', n: 9 },
					{ question_key: 'services', n: 100 },
					{ question_key: 'services', option_value: 'health', n: 70 },
					{ question_key: 'comment', n: 12 }
				]
			});
			expect(error).toBeNull();
			const waveId = (data as { wave_id: string }).wave_id;
			expect(data).toMatchObject({ respondents: 100, counts: 13, reconstructed: 0 });
			await engine.addResponses(survey, survey.waves.open!, 6, { feel: 'agree' });
			await engine.addResponses(survey, survey.waves.open!, 4, { feel: 'disagree' });

			const trend = await lead.rpc('indicator_trend', { p_question_id: q.feel.id });
			expect(trend.error).toBeNull();
			expect(
				(trend.data as { wave_kind: string; n: number; positive: number; share: number }[]).map((t) => ({
					kind: t.wave_kind,
					n: t.n,
					positive: t.positive,
					share: Number(t.share)
				}))
			).toEqual([
				{ kind: 'baseline', n: 95, positive: 40, share: 0.4211 },
				{ kind: 'repeat', n: 10, positive: 6, share: 0.6 }
			]);
			const group = await lead.rpc('indicator_trend', {
				p_question_id: q.feel.id,
				p_dimension: 'phase',
				p_category: 'primary'
			});
			expect((group.data as { n: number; positive: number }[])[0]).toMatchObject({ n: 9, positive: 9 });
			const [counts] = await engine.db.query<{ services: number; comment: number }>(
				`select (select n from app.question_counts where wave_id = $1 and question_id = $2 and dimension = '_all') as services,
				        (select n from app.question_counts where wave_id = $1 and question_id = $3 and dimension = '_all') as comment`,
				[waveId, q.services.id, q.comment.id]
			);
			expect(counts).toEqual({ services: 100, comment: 12 });

			// a rebuild leaves the imported totals alone
			const before = await engine.countsOf(waveId);
			await engine.db.query('select app.rebuild_counts()');
			expect(await engine.countsOf(waveId)).toEqual(before);
			await engine.db.query('select app.rebuild_counts($1)', [waveId]);
			expect(await engine.countsOf(waveId)).toEqual(before);

			const [wave] = await engine.db.query<{ source: string; kind: string }>(
				`select source, kind::text from app.waves where id = $1`,
				[waveId]
			);
			expect(wave).toEqual({ source: 'aggregate', kind: 'baseline' });
		});

		it('refuses bad counts and a bad wave, naming each, and writes nothing', async () => {
			const { survey, lead } = await world(engine);
			const { error } = await lead.rpc('import_aggregate', {
				p_survey_id: survey.id,
				p_wave: {
					label: '',
					kind: 'baseline',
					opens_at: '2019-05-01',
					closes_at: '2019-04-01',
					slug: 'Bad Slug'
				},
				p_counts: [
					{ n: 50 },
					{ question_key: 'feel', option_value: 'agree', n: 60 },
					{ question_key: 'feel', option_value: 'maybe', n: 1 },
					{ question_key: 'mood', option_value: 'agree', n: 1 },
					{ question_key: 'feel', option_value: 'neither', n: -2 },
					{ question_key: 'feel', option_value: 'disagree', n: 1.5 },
					{ dimension: 'phase', category: 'university', n: 3 }
				]
			});
			expect(error?.hint).toBe('invalid_aggregate');
			const details = parseDetails(error?.details) as {
				fields: Record<string, string>;
				rows: { row: number; message: string }[];
			};
			// an earlier baseline moves the survey's baseline (tests/db/historic-totals.test.ts)
			expect(Object.keys(details.fields).sort()).toEqual(['closes_at', 'label', 'slug']);
			expect(details.rows.map((r) => r.row)).toEqual([3, 4, 5, 6, 7]);
			expect(details.rows[0]!.message).toMatch(/“maybe” is not an answer to feel/);

			// counts that do not add up
			const more = await lead.rpc('import_aggregate', {
				p_survey_id: survey.id,
				p_wave: aggregateWave(),
				p_counts: [
					{ n: 50 },
					{ question_key: 'feel', option_value: 'agree', n: 60 },
					{ question_key: 'services', option_value: 'health', n: 20 },
					{ question_key: 'services', n: 10 },
					{ question_key: 'feel', option_value: 'agree', dimension: 'phase', category: 'primary', n: 1 }
				]
			});
			const rows = (parseDetails(more.error?.details) as { rows: { row: number; message: string }[] }).rows;
			expect(rows.map((r) => [r.row, r.message.replace(/\. .*/, '.')])).toEqual([
				[5, 'Give the number of respondents in phase primary: a row with no question_key.'],
				[2, 'Give how many answered feel: a row with question_key feel, no option_value, and n.'],
				[
					5,
					'Give how many answered feel in phase primary: a row with question_key feel, dimension phase, category primary, no option_value, and n.'
				]
			]);
			const sums = await lead.rpc('import_aggregate', {
				p_survey_id: survey.id,
				p_wave: aggregateWave(),
				p_counts: [
					{ n: 50 },
					{ question_key: 'feel', option_value: 'agree', n: 60 },
					{ question_key: 'services', option_value: 'health', n: 20 },
					{ question_key: 'services', n: 10 },
					{ question_key: 'feel', n: 60 }
				]
			});
			expect((parseDetails(sums.error?.details) as { rows: unknown[] }).rows).toEqual([
				{ row: 2, message: 'More people answered feel (60) than there were respondents (50).' },
				{ row: 3, message: 'An answer to services has more people than answered the question (10).' }
			]);
			const [n] = await engine.db.query<{ n: number }>(
				`select count(*)::int as n from app.waves where survey_id = $1`,
				[survey.id]
			);
			expect(n?.n).toBe(3);
		});
	});
});

function aggregateWave(extra: Record<string, string> = {}) {
	return {
		label: 'Survey 2019',
		kind: 'repeat',
		opens_at: '2019-03-01T00:00:00Z',
		closes_at: '2019-04-01T00:00:00Z',
		slug: `historic-${suffix()}`,
		...extra
	};
}
