/**
 * A several-answer indicator counts people, not ticks (issue 13): someone who ticks two positive answers is one
 * positive person. Before, an indicator with two positive options counted both ticks (75% where the truth is
 * 50%), and a wave where ticks outnumbered people gave a share over 1, which the dashboard refused with a 500.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { trendPoint } from '$lib/indicators/types';
import { forEachEngine, type Client, type Organisation, type Survey } from './engines';

interface Row {
	wave_id: string;
	n: number | null;
	positive: number | null;
	share: number | null;
	suppressed: boolean;
	small_numbers: boolean;
	people_unknown: boolean;
}

forEachEngine('several-answer indicators count people', (engine) => {
	let org: Organisation;
	let lead: Client;
	let forum: Client;
	let scrutiny: Client;

	async function trend(client: Client, survey: Survey, dimension = '_all', category = '_all') {
		const { data, error } = await client.rpc('indicator_trend', {
			p_question_id: survey.questions.services.id,
			p_dimension: dimension,
			p_category: category
		});
		expect(error).toBeNull();
		// the dashboard reads the rows through this schema: a share over 1 used to fail it (HTTP 500)
		for (const row of data ?? []) trendPoint.parse(row);
		return data as unknown as Row[];
	}
	const closedRow = (rows: Row[], survey: Survey) => rows.find((r) => r.wave_id === survey.waves.closed!.id)!;

	/** health and education count as positive; social care does not */
	async function surveyWithTwoPositive(): Promise<Survey> {
		const survey = await engine.createSurvey(org, { waves: ['closed'] });
		await engine.db.query(
			`update app.question_options set is_positive = (value in ('health', 'education')) where question_id = $1`,
			[survey.questions.services.id]
		);
		return survey;
	}

	beforeAll(async () => {
		org = await engine.createOrganisation();
		lead = await engine.signInAs(await engine.createMember(org, 'lead'));
		forum = await engine.signInAs(await engine.createMember(org, 'forum'));
		scrutiny = await engine.signInAs(await engine.createMember(org, 'scrutiny'));
	});

	describe('two answers that count as positive', () => {
		let survey: Survey;
		beforeAll(async () => {
			survey = await surveyWithTwoPositive();
			const wave = survey.waves.closed!;
			// 12 tick both positive answers, 3 tick one, 15 tick neither: 15 of 30 positive (ticks: 27)
			await engine.addResponses(
				survey,
				wave,
				12,
				{ services: ['health', 'education'] },
				{ phase: 'primary' }
			);
			await engine.addResponses(survey, wave, 3, { services: ['health'] });
			await engine.addResponses(survey, wave, 15, { services: ['social_care'] });
		});

		it('gives staff the people, once each', async () => {
			expect(closedRow(await trend(lead, survey), survey)).toEqual(
				expect.objectContaining({ n: 30, positive: 15, share: 0.5, suppressed: false, people_unknown: false })
			);
			// a group: the 12 who ticked both are all positive, once each
			expect(closedRow(await trend(lead, survey, 'phase', 'primary'), survey)).toEqual(
				expect.objectContaining({ n: 12, positive: 12, share: 1 })
			);
		});

		it('gives forum and scrutiny the same people under the rule, for everyone only', async () => {
			for (const client of [forum, scrutiny]) {
				expect(closedRow(await trend(client, survey), survey)).toEqual(
					expect.objectContaining({ n: 30, positive: 15, share: 0.5, suppressed: false })
				);
				// the question's table is published for everyone only: no group
				expect(closedRow(await trend(client, survey, 'phase', 'primary'), survey)).toEqual(
					expect.objectContaining({ positive: null, share: null, suppressed: true })
				);
			}
		});

		it('gives the table behind the groups its people, by group for staff and for everyone to forum', async () => {
			type Table = {
				rows: { dimension: string; category: string; n: number | null; people_positive: number | null }[];
			};
			const table = async (client: Client) => {
				const { data, error } = await client.rpc('published_table', {
					p_question_id: survey.questions.services.id,
					p_wave_id: survey.waves.closed!.id
				});
				expect(error).toBeNull();
				return (data as unknown as Table).rows.map((r) => [r.dimension, r.category, r.n, r.people_positive]);
			};
			expect(await table(lead)).toEqual(
				expect.arrayContaining([
					['_all', '_all', 30, 15],
					['phase', 'primary', 12, 12],
					['phase', '_not_stated', 18, 3]
				])
			);
			expect(await table(forum)).toEqual([['_all', '_all', 30, 15]]);
		});

		it('recounts when an answer stops or starts counting as positive', async () => {
			const q = survey.questions.services.id;
			await engine.db.query(
				`update app.question_options set is_positive = false where question_id = $1 and value = 'health'`,
				[q]
			);
			expect(closedRow(await trend(lead, survey), survey)).toEqual(
				expect.objectContaining({ n: 30, positive: 12 })
			);
			await engine.db.query(
				`update app.question_options set is_positive = true where question_id = $1 and value = 'social_care'`,
				[q]
			);
			expect(closedRow(await trend(lead, survey), survey)).toEqual(
				expect.objectContaining({ n: 30, positive: 27 })
			);
			await engine.db.query(
				`update app.question_options set is_positive = (value in ('health', 'education')) where question_id = $1`,
				[q]
			);
			expect(closedRow(await trend(lead, survey), survey)).toEqual(
				expect.objectContaining({ n: 30, positive: 15 })
			);
		});

		it('keeps the running count equal to a rebuild from the raw answers', async () => {
			const positives = () =>
				engine.db.query<{ dimension: string; category: string; n: number; positive: number }>(
					`select dimension, category, n, positive from app.question_counts
					  where wave_id = $1 and question_id = $2 order by dimension, category`,
					[survey.waves.closed!.id, survey.questions.services.id]
				);
			const running = await positives();
			expect(running).toContainEqual({ dimension: '_all', category: '_all', n: 30, positive: 15 });
			await engine.db.query('select app.rebuild_counts($1)', [survey.waves.closed!.id]);
			expect(await positives()).toEqual(running);
		});
	});

	it('never gives a share over 1 when ticks outnumber people', async () => {
		const survey = await surveyWithTwoPositive();
		await engine.addResponses(survey, survey.waves.closed!, 2, { services: ['health', 'education'] });
		expect(closedRow(await trend(lead, survey), survey)).toEqual(
			expect.objectContaining({ n: 2, positive: 2, share: 1, small_numbers: true })
		);
	});

	it('hides from forum the positive people, or the others, when fewer than the threshold', async () => {
		const few = await surveyWithTwoPositive();
		// 8 positive people (ticks: 16), 22 not
		await engine.addResponses(few, few.waves.closed!, 8, { services: ['health', 'education'] });
		await engine.addResponses(few, few.waves.closed!, 22, { services: ['social_care'] });
		expect(closedRow(await trend(forum, few), few)).toEqual(
			expect.objectContaining({ n: 30, positive: null, share: null, suppressed: true })
		);
		// staff see it, marked as a small number only when it is one
		expect(closedRow(await trend(lead, few), few)).toEqual(
			expect.objectContaining({ n: 30, positive: 8, small_numbers: true })
		);

		const most = await surveyWithTwoPositive();
		// 26 positive, 4 not: the 4 would follow from the n
		await engine.addResponses(most, most.waves.closed!, 26, { services: ['education'] });
		await engine.addResponses(most, most.waves.closed!, 4, { services: ['social_care'] });
		const row = closedRow(await trend(forum, most), most);
		expect(row).toEqual(expect.objectContaining({ positive: null, share: null, suppressed: true }));
		// nothing else forum reads gives the hidden count back: the published table has no positive column
		const { data: table } = await forum.rpc('published_table', {
			p_question_id: most.questions.services.id,
			p_wave_id: most.waves.closed!.id
		});
		const cells = (table as { rows: { cells: { value: string; count: number | null }[] }[] }).rows[0]!.cells;
		expect(cells.find((c) => c.value === 'social_care')!.count).toBeNull();
	});

	it('says so when imported totals give the ticks of several positive answers, not people', async () => {
		const survey = await surveyWithTwoPositive();
		const { error } = await lead.rpc('import_aggregate', {
			p_survey_id: survey.id,
			p_wave: {
				label: 'Spring 2019',
				kind: 'repeat',
				opens_at: '2019-01-01',
				closes_at: '2019-02-01',
				slug: `s-${survey.slug}`
			},
			p_counts: [
				{ n: 40 },
				{ question_key: 'services', n: 40 },
				{ question_key: 'services', option_value: 'health', n: 20 },
				{ question_key: 'services', option_value: 'education', n: 15 },
				{ question_key: 'services', option_value: 'social_care', n: 12 }
			]
		});
		expect(error).toBeNull();
		const rows = await trend(lead, survey);
		const imported = rows.find((r) => r.wave_id !== survey.waves.closed!.id)!;
		expect(imported).toEqual(
			expect.objectContaining({ n: 40, positive: null, share: null, people_unknown: true })
		);

		// with one positive answer its ticks are its people
		await engine.db.query(
			`update app.question_options set is_positive = false where question_id = $1 and value = 'education'`,
			[survey.questions.services.id]
		);
		const again = (await trend(lead, survey)).find((r) => r.wave_id !== survey.waves.closed!.id)!;
		expect(again).toEqual(
			expect.objectContaining({ n: 40, positive: 20, share: 0.5, people_unknown: false })
		);
	});
});
