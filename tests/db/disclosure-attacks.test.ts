/**
 * The five attacks of issue 10, tried as a forum member or a councillor would, through the API Supabase
 * exposes: each worked on the code before disclosure control and must not work now. An attacker here adds
 * and subtracts everything the role can fetch (tests/db/disclosure-helpers.ts: boundsOf); the full
 * linear-programme audit lives in tests/db/disclosure/.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { boundsOf, pinned, respond, type Relation } from './disclosure-helpers';
import { forEachEngine, type Client, type Organisation, type Survey, type User } from './engines';

interface TrendRow {
	wave_id: string;
	n: number | null;
	positive: number | null;
	suppressed: boolean;
	rounded_to?: number;
}

interface TableCell {
	value: string;
	count: number | null;
	symbol: string | null;
}
interface TableRow {
	dimension: string;
	category: string;
	n: number | null;
	n_symbol: string | null;
	cells: TableCell[];
}
interface Table {
	grouped: boolean;
	options: { value: string; answers: string[] }[];
	rows: TableRow[];
	rounded_to: number;
	rule: { threshold: number };
}

interface JourneyFigure {
	value: string;
	n: number | null;
}
interface Journey {
	linked: number | null;
	grouped?: boolean;
	rounded_to?: number;
	rule?: unknown;
	from_totals?: JourneyFigure[];
	to_totals?: JourneyFigure[];
	cells: { from_value: string; to_value: string; n: number | null }[];
}

const RESTRICTED = ['forum', 'scrutiny'] as const;

/** Every sum a reader of one published table knows (CONTRACT.md, section 1). */
function tableRelations(table: Table): Relation[] {
	const relations: Relation[] = [];
	const name = (r: TableRow, what: string) => `${r.dimension}/${r.category}/${what}`;
	const everyone = table.rows.find((r) => r.dimension === '_all')!;
	const dimensions = [...new Set(table.rows.map((r) => r.dimension))].filter((d) => d !== '_all');
	for (const d of dimensions) {
		const rows = table.rows.filter((r) => r.dimension === d);
		relations.push({
			parts: rows.map((r) => r.n),
			names: rows.map((r) => name(r, 'n')),
			total: everyone.n,
			totalName: name(everyone, 'n')
		});
		everyone.cells.forEach((cell, o) => {
			relations.push({
				parts: rows.map((r) => r.cells[o]!.count),
				names: rows.map((r) => name(r, r.cells[o]!.value)),
				total: cell.count,
				totalName: name(everyone, cell.value)
			});
		});
	}
	for (const r of table.rows) {
		relations.push({
			parts: r.cells.map((c) => c.count),
			names: r.cells.map((c) => name(r, c.value)),
			total: r.n,
			totalName: name(r, 'n')
		});
	}
	return relations;
}

/** Every sum a reader of a panel journey knows (CONTRACT.md, section 3). */
function journeyRelations(j: Journey): Relation[] {
	const values = [...new Set(j.cells.map((c) => c.from_value))];
	const cell = (f: string, t: string) => j.cells.find((c) => c.from_value === f && c.to_value === t)!.n;
	const relations: Relation[] = [];
	for (const f of values) {
		relations.push({
			parts: values.map((t) => cell(f, t)),
			names: values.map((t) => `${f}>${t}`),
			total: j.from_totals?.find((x) => x.value === f)?.n ?? null,
			totalName: `from ${f}`
		});
	}
	for (const t of values) {
		relations.push({
			parts: values.map((f) => cell(f, t)),
			names: values.map((f) => `${f}>${t}`),
			total: j.to_totals?.find((x) => x.value === t)?.n ?? null,
			totalName: `to ${t}`
		});
	}
	relations.push({
		parts: j.cells.map((c) => c.n),
		names: j.cells.map((c) => `${c.from_value}>${c.to_value}`),
		total: j.linked,
		totalName: 'linked'
	});
	if (j.from_totals) {
		relations.push({
			parts: j.from_totals.map((x) => x.n),
			names: j.from_totals.map((x) => `from ${x.value}`),
			total: j.linked,
			totalName: 'linked'
		});
	}
	if (j.to_totals) {
		relations.push({
			parts: j.to_totals.map((x) => x.n),
			names: j.to_totals.map((x) => `to ${x.value}`),
			total: j.linked,
			totalName: 'linked'
		});
	}
	return relations;
}

forEachEngine('disclosure control: the attacks of issue 10', (engine) => {
	let org: Organisation;
	const clients = {} as Record<'forum' | 'scrutiny' | 'lead', Client>;
	const users = {} as Record<'forum' | 'scrutiny' | 'lead', User>;

	async function trend(client: Client, questionId: string, dimension = '_all', category = '_all') {
		const { data, error } = await client.rpc('indicator_trend', {
			p_question_id: questionId,
			p_dimension: dimension,
			p_category: category
		});
		expect(error).toBeNull();
		return data as unknown as TrendRow[];
	}

	beforeAll(async () => {
		org = await engine.createOrganisation();
		for (const role of ['forum', 'scrutiny', 'lead'] as const) {
			users[role] = await engine.createMember(org, role);
			clients[role] = await engine.signInAs(users[role]);
		}
	});

	describe('1. a hidden count by subtraction across channels', () => {
		let survey: Survey;
		beforeAll(async () => {
			survey = await engine.createSurvey(org, { waves: ['closed'] });
			const wave = survey.waves.closed!;
			await respond(engine, survey, wave, 40, 'agree', { channel: 'online' });
			await respond(engine, survey, wave, 20, 'disagree', { channel: 'online' });
			await respond(engine, survey, wave, 11, 'agree', { channel: 'easy_read' });
			await respond(engine, survey, wave, 10, 'disagree', { channel: 'easy_read' });
			await respond(engine, survey, wave, 14, 'agree', { channel: 'paper' });
			await respond(engine, survey, wave, 12, 'neither', { channel: 'paper' });
			await respond(engine, survey, wave, 4, 'agree', { channel: 'phone' });
			await respond(engine, survey, wave, 10, 'disagree', { channel: 'phone' });
		});

		it('no channel’s positives can be worked out from everyone’s minus the other channels', async () => {
			const channels = ['online', 'easy_read', 'paper', 'phone'];
			for (const role of RESTRICTED) {
				const [all] = await trend(clients[role], survey.questions.feel.id);
				const rows = await Promise.all(
					channels.map(async (c) => (await trend(clients[role], survey.questions.feel.id, 'channel', c))[0]!)
				);
				// the phone's 4 positives are hidden ...
				expect(rows[3]!.positive, role).toBeNull();
				// ... and cannot be had as 69 − 40 − 11 − 14
				const bounds = boundsOf(
					[
						{ parts: rows.map((r) => r.positive), names: channels, total: all!.positive, totalName: 'all' },
						{
							parts: rows.map((r) => r.n),
							names: channels.map((c) => `n ${c}`),
							total: all!.n,
							totalName: 'n'
						}
					],
					0,
					200
				);
				expect({ role, pinned: pinned(bounds) }).toEqual({ role, pinned: [] });
			}
		});

		it('no hidden cell of the whole published table can be worked out from its rows, columns and totals', async () => {
			for (const role of RESTRICTED) {
				const { data, error } = await clients[role].rpc('published_table', {
					p_question_id: survey.questions.feel.id,
					p_wave_id: survey.waves.closed!.id
				});
				expect(error).toBeNull();
				const table = data as unknown as Table;
				// positive or not by group: the indicator's split
				expect(table.options.map((o) => o.value)).toEqual(['positive', 'not_positive']);
				const phone = table.rows.find((r) => r.dimension === 'channel' && r.category === 'phone')!;
				expect(phone.cells.find((c) => c.value === 'positive')).toEqual(
					expect.objectContaining({ count: null, symbol: '[c]' })
				);
				expect({ role, pinned: pinned(boundsOf(tableRelations(table), 0, 200)) }).toEqual({
					role,
					pinned: []
				});
			}
		});

		it('still gives staff the exact figures', async () => {
			const [phone] = await trend(clients.lead, survey.questions.feel.id, 'channel', 'phone');
			expect(phone).toMatchObject({ n: 14, positive: 4, suppressed: false, small_numbers: true });
		});
	});

	describe('2. groups of one shown with their answer split', () => {
		let survey: Survey;
		beforeAll(async () => {
			survey = await engine.createSurvey(org, { waves: ['closed'] });
			const wave = survey.waves.closed!;
			await respond(engine, survey, wave, 20, 'agree', {
				about: { ethnicity: 'white_british', gender: 'girl_woman' }
			});
			await respond(engine, survey, wave, 15, 'disagree', {
				about: { ethnicity: 'white_british', gender: 'boy_man' }
			});
			// a single family of one ethnicity, and one respondent of another gender
			await respond(engine, survey, wave, 1, 'strongly_disagree', { about: { ethnicity: 'white_roma' } });
			await respond(engine, survey, wave, 1, 'strongly_agree', { about: { gender: 'another' } });
		});

		it('hides the size of a group of one, and its answers', async () => {
			for (const role of RESTRICTED) {
				for (const [dimension, category] of [
					['ethnicity', 'white_roma'],
					['gender', 'another']
				] as const) {
					const [row] = await trend(clients[role], survey.questions.feel.id, dimension, category);
					expect({ role, category, n: row!.n, positive: row!.positive }).toEqual({
						role,
						category,
						n: null,
						positive: null
					});
				}
				const { data } = await clients[role].rpc('published_table', {
					p_question_id: survey.questions.feel.id,
					p_wave_id: survey.waves.closed!.id
				});
				const table = data as unknown as Table;
				const roma = table.rows.find((r) => r.category === 'white_roma')!;
				expect(roma.n_symbol).toBe('[c]');
				// its answer is one of at least two hidden ones, its own among them
				expect(roma.cells.filter((c) => c.count === null).length).toBeGreaterThanOrEqual(2);
				expect(roma.cells.find((c) => c.value === 'not_positive')!.count).toBeNull();
				expect(roma.cells.filter((c) => c.count === null).every((c) => c.symbol === '[c]')).toBe(true);
				expect({ role, pinned: pinned(boundsOf(tableRelations(table), 0, 100)) }).toEqual({
					role,
					pinned: []
				});
			}
		});

		it('never shows a group all of one answer', async () => {
			const { data } = await clients.forum.rpc('published_table', {
				p_question_id: survey.questions.feel.id,
				p_wave_id: survey.waves.closed!.id
			});
			const table = data as unknown as Table;
			for (const row of table.rows) {
				if (row.n === null || row.n === 0) continue;
				expect(
					row.cells.filter((c) => c.count === row.n).map((c) => `${row.category}/${c.value}`),
					`${row.dimension}/${row.category}`
				).toEqual([]);
			}
		});
	});

	describe('3. panel_journey: 12 linked people and one cell of 10', () => {
		let survey: Survey;
		beforeAll(async () => {
			survey = await engine.createSurvey(org, { waves: ['closed', 'open'] });
			const codes = Array.from({ length: 12 }, (_, i) => `PANL-${String(i).padStart(4, '0')}`);
			const { closed, open } = survey.waves as Required<Survey['waves']>;
			await respond(engine, survey, closed, 11, 'agree', { panelCodes: codes.slice(0, 11), daysAgo: 2 });
			await respond(engine, survey, closed, 1, 'neither', { panelCodes: codes.slice(11), daysAgo: 2 });
			// the repeat answers were sent yesterday
			await respond(engine, survey, open, 10, 'agree', { panelCodes: codes.slice(0, 10), daysAgo: 1 });
			await respond(engine, survey, open, 1, 'disagree', { panelCodes: codes.slice(10, 11), daysAgo: 1 });
			await respond(engine, survey, open, 1, 'agree', { panelCodes: codes.slice(11), daysAgo: 1 });
		});

		it('leaves no hidden cell worked out from the linked total, the margins and the other cells', async () => {
			for (const role of RESTRICTED) {
				const { data, error } = await clients[role].rpc('panel_journey', {
					p_question_id: survey.questions.feel.id,
					p_from_wave_id: survey.waves.closed!.id,
					p_to_wave_id: survey.waves.open!.id
				});
				expect(error).toBeNull();
				const j = data as unknown as Journey;
				// Before issue 10 a hidden cell was documented as a count from 1 up; now it may be any count.
				const lowest = j.rule === undefined ? 1 : 0;
				expect({ role, pinned: pinned(boundsOf(journeyRelations(j), lowest, 12, j.rounded_to)) }).toEqual({
					role,
					pinned: []
				});
				// restricted readers get positive / not positive, and the two people who changed are hidden
				expect(j.grouped).toBe(true);
				expect(j.from_totals?.map((t) => t.value)).toEqual(['positive', 'not_positive']);
				for (const [from, to] of [
					['positive', 'not_positive'],
					['not_positive', 'positive']
				]) {
					const moved = j.cells.find((c) => c.from_value === from && c.to_value === to)!;
					expect({ role, from, to, n: moved.n }).toEqual({ role, from, to, n: null });
				}
			}
		});

		it('gives staff the exact journey', async () => {
			const { data } = await clients.lead.rpc('panel_journey', {
				p_question_id: survey.questions.feel.id,
				p_from_wave_id: survey.waves.closed!.id,
				p_to_wave_id: survey.waves.open!.id
			});
			const j = data as unknown as Journey;
			expect(j.linked).toBe(12);
			expect(j.cells.find((c) => c.from_value === 'agree' && c.to_value === 'disagree')!.n).toBe(1);
		});
	});

	describe('4. twenty anonymous responses lift a group over the threshold', () => {
		let survey: Survey;
		beforeAll(async () => {
			survey = await engine.createSurvey(org, { waves: ['open'] });
			const wave = survey.waves.open!;
			await respond(engine, survey, wave, 20, 'agree', { about: { phase: 'primary' } });
			await respond(engine, survey, wave, 10, 'disagree', { about: { phase: 'primary' } });
			await respond(engine, survey, wave, 4, 'agree', { about: { phase: 'early_years' } });
		});

		async function earlyYears(role: 'forum' | 'scrutiny') {
			return (await trend(clients[role], survey.questions.feel.id, 'phase', 'early_years'))[0]!;
		}

		/** What the attacker learns of the 4 from a reading after adding 20 positives of their own. */
		function learnt(row: TrendRow): number[] {
			if (row.positive === null) return [];
			const base = row.rounded_to ?? 1;
			const half = Math.floor(base / 2);
			const candidates: number[] = [];
			for (let x = row.positive - half; x <= row.positive + Math.ceil(base / 2) - 1; x++) {
				if (x - 20 >= 0) candidates.push(x - 20);
			}
			return candidates;
		}

		it('cannot subtract them to find the hidden figure, on the day or the next', async () => {
			const before = await earlyYears('forum');
			expect(before.positive).toBeNull();
			for (let i = 0; i < 20; i++) {
				const { error } = await engine.server().rpc('submit_response', {
					p_response_id: randomUUID(),
					p_wave_slug: survey.waves.open!.slug,
					p_answers: { feel: 'agree' },
					p_about: { phase: 'early_years' }
				});
				expect(error).toBeNull();
			}
			for (const role of RESTRICTED) {
				const sameDay = await earlyYears(role);
				expect({ role, n: sameDay.n, positive: sameDay.positive }).toEqual({
					role,
					n: before.n,
					positive: before.positive
				});
			}
			// the next day, a new snapshot holds the 20
			await engine.db.query(`update app.count_snapshot_days set taken_on = taken_on - 1 where wave_id = $1`, [
				survey.waves.open!.id
			]);
			for (const role of RESTRICTED) {
				const nextDay = await earlyYears(role);
				const candidates = learnt(nextDay);
				expect({ role, pinned: candidates.length === 1 }).toEqual({ role, pinned: false });
			}
			// staff see the 24 at once
			const [lead] = await trend(clients.lead, survey.questions.feel.id, 'phase', 'early_years');
			expect(lead!.positive).toBe(24);
		});
	});

	describe('5. the raw running counts under row-level security', () => {
		let survey: Survey;
		beforeAll(async () => {
			survey = await engine.createSurvey(org, { waves: ['closed'] });
			await respond(engine, survey, survey.waves.closed!, 3, 'agree', { about: { phase: 'primary' } });
		});

		it('are not readable by forum or scrutiny, and are by the lead', async () => {
			const sql = `select (select count(*)::int from app.wave_group_counts where wave_id = $1)
			                  + (select count(*)::int from app.question_counts where wave_id = $1)
			                  + (select count(*)::int from app.option_counts where wave_id = $1) as rows`;
			for (const role of RESTRICTED) {
				const [row] = await engine.queryAs<{ rows: number }>('authenticated', users[role].id, sql, [
					survey.waves.closed!.id
				]);
				expect({ role, rows: row!.rows }).toEqual({ role, rows: 0 });
			}
			const [lead] = await engine.queryAs<{ rows: number }>('authenticated', users.lead.id, sql, [
				survey.waves.closed!.id
			]);
			expect(lead!.rows).toBeGreaterThan(0);
		});

		it('nor through the survey page’s figures: a small wave is [c], the answers per question and language are not given', async () => {
			const builderOf = async (client: Client) => {
				const { data, error } = await client.rpc('survey_for_builder', { p_survey_id: survey.id });
				expect(error).toBeNull();
				return data as unknown as {
					waves: { responses: number | null; responses_symbol: string | null; responses_small: boolean }[];
					questions: { key: string; answers: number | null }[];
				};
			};
			for (const role of RESTRICTED) {
				const seen = await builderOf(clients[role]);
				expect({ role, wave: seen.waves[0], answers: seen.questions.map((q) => q.answers) }).toEqual({
					role,
					wave: { ...seen.waves[0], responses: null, responses_symbol: '[c]', responses_small: false },
					answers: seen.questions.map(() => null)
				});
			}
			const lead = await builderOf(clients.lead);
			expect(lead.waves[0]).toMatchObject({ responses: 3, responses_symbol: null, responses_small: true });
			expect(lead.questions.find((q) => q.key === 'feel')?.answers).toBe(3);
		});

		it('nor are the open waves’ snapshots, by anyone through the API roles', async () => {
			for (const table of ['app.count_snapshots', 'app.count_snapshot_days']) {
				await expect(
					engine.queryAs('authenticated', users.lead.id, `select * from ${table}`)
				).rejects.toThrow(/permission denied/);
			}
		});
	});

	describe('6. two questions read together: every answer by every group would show two groups to be the same people', () => {
		let survey: Survey;
		beforeAll(async () => {
			// the audit's first cross-question leak, in the fixture's questions: the 13 who answered alone are
			// exactly those who did not give their gender, and everyone else gave the other answers
			survey = await engine.createSurvey(org, { waves: ['closed'] });
			const wave = survey.waves.closed!;
			await respond(engine, survey, wave, 7, 'strongly_agree', { services: ['health'] });
			await respond(engine, survey, wave, 6, 'agree', { services: ['health', 'education'] });
			await respond(engine, survey, wave, 1, 'disagree', {
				about: { gender: 'girl_woman' },
				channel: 'paper',
				services: ['social_care']
			});
			await respond(engine, survey, wave, 10, 'strongly_disagree', {
				about: { gender: 'girl_woman', support: 'sen_support' },
				channel: 'paper',
				services: ['health']
			});
			await respond(engine, survey, wave, 3, 'neither', {
				about: { gender: 'prefer_not_to_say', support: 'ehcp' },
				channel: 'phone',
				services: ['education']
			});
		});

		const tableOf = async (client: Client, questionId: string) => {
			const { data, error } = await client.rpc('published_table', {
				p_question_id: questionId,
				p_wave_id: survey.waves.closed!.id
			});
			expect(error).toBeNull();
			return data as unknown as Table;
		};

		it('gives forum and scrutiny positive or not by group, and never a zero beside a group it could describe', async () => {
			for (const role of RESTRICTED) {
				const table = await tableOf(clients[role], survey.questions.feel.id);
				expect(table.grouped).toBe(true);
				expect(table.options.map((o) => [o.value, o.answers])).toEqual([
					['positive', ['strongly_agree', 'agree']],
					['not_positive', ['neither', 'disagree', 'strongly_disagree']]
				]);
				// with the answers split five ways the channel "online" (all 13 positive) and "gender not stated"
				// (the same 13) showed zeros in the same columns; here a group with a shown size never shows a 0
				for (const row of table.rows.filter((r) => r.n !== null && r.n > 0))
					expect(
						{
							role,
							row: `${row.dimension}/${row.category}`,
							zeros: row.cells.filter((c) => c.count === 0).length
						},
						JSON.stringify(row)
					).toEqual({ role, row: `${row.dimension}/${row.category}`, zeros: 0 });
				expect({ role, pinned: pinned(boundsOf(tableRelations(table), 0, 100)) }).toEqual({
					role,
					pinned: []
				});
			}
			// staff still get every answer by every group
			const lead = await tableOf(clients.lead, survey.questions.feel.id);
			expect(lead.grouped).toBe(false);
			expect(lead.options.map((o) => o.value)).toEqual([
				'strongly_agree',
				'agree',
				'neither',
				'disagree',
				'strongly_disagree'
			]);
			expect(lead.rows.find((r) => r.dimension === 'gender' && r.category === '_not_stated')?.n).toBe(13);
		});

		it('gives a question with several answers to tick for everyone only, and withholds its groups', async () => {
			for (const role of RESTRICTED) {
				const table = await tableOf(clients[role], survey.questions.services.id);
				expect(table.grouped).toBe(false);
				expect(table.rows.map((r) => r.dimension)).toEqual(['_all']);
				expect(table.rows[0]!.n).toBe(27);
				const [row] = await trend(clients[role], survey.questions.services.id, 'gender', 'girl_woman');
				expect(row).toMatchObject({ n: null, positive: null, suppressed: true, n_suppressed: true });
			}
			const lead = await tableOf(clients.lead, survey.questions.services.id);
			expect(lead.rows.filter((r) => r.dimension === 'gender').map((r) => [r.category, r.n])).toEqual([
				['girl_woman', 11],
				['prefer_not_to_say', 3],
				['_not_stated', 13]
			]);
		});
	});
});
