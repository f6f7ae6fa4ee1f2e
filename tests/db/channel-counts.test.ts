/**
 * How the answers were given, analysable later: the channel and the assistance of each response are
 * groups of the running counts, like an about-you dimension, and indicator_trend splits by them.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, expect, it } from 'vitest';
import { forEachEngine, type Organisation, type Survey, type User } from './engines';

interface TrendRow {
	wave_id: string;
	n: number;
	positive: number | null;
}

forEachEngine('counts by channel and assistance', (engine) => {
	let org: Organisation;
	let survey: Survey;
	let lead: User;

	async function submitOnline(feel: string, extra: Record<string, unknown> = {}) {
		const { error } = await engine.server().rpc('submit_response', {
			p_response_id: randomUUID(),
			p_wave_slug: survey.waves.open!.slug,
			p_answers: { feel },
			...extra
		});
		expect(error).toBeNull();
	}

	async function groups(dimension: string) {
		return engine.db.query<{ category: string; n: number }>(
			`select category, n from app.wave_group_counts where wave_id = $1 and dimension = $2 order by category`,
			[survey.waves.open!.id, dimension]
		);
	}

	beforeAll(async () => {
		org = await engine.createOrganisation();
		survey = await engine.createSurvey(org, { waves: ['open'] });
		lead = await engine.createMember(org, 'lead');

		await submitOnline('agree', { p_assistance: 'own' });
		await submitOnline('disagree', { p_assistance: 'helped' });
		await submitOnline('strongly_agree', { p_channel: 'easy_read', p_assistance: 'helped' });
		await submitOnline('agree');
		const client = await engine.signInAs(lead);
		const today = new Date().toISOString().slice(0, 10);
		for (const feel of ['agree', 'disagree']) {
			const { error } = await client.rpc('enter_response', {
				p_response_id: randomUUID(),
				p_wave_id: survey.waves.open!.id,
				p_answers: { feel },
				p_channel: 'paper',
				p_assistance: 'on_behalf',
				p_given_on: today
			});
			expect(error).toBeNull();
		}
	});

	it('counts every response once in its channel', async () => {
		expect(await groups('channel')).toEqual([
			{ category: 'easy_read', n: 1 },
			{ category: 'online', n: 3 },
			{ category: 'paper', n: 2 }
		]);
	});

	it('counts how the answers were given, leaving out those who did not say', async () => {
		expect(await groups('assistance')).toEqual([
			{ category: 'helped', n: 2 },
			{ category: 'on_behalf', n: 2 },
			{ category: 'own', n: 1 }
		]);
	});

	it('splits an indicator by channel and by assistance', async () => {
		const client = await engine.signInAs(lead);
		const trend = async (dimension: string, category: string) => {
			const { data, error } = await client.rpc('indicator_trend', {
				p_question_id: survey.questions.feel.id,
				p_dimension: dimension,
				p_category: category
			});
			expect(error).toBeNull();
			return (data as unknown as TrendRow[]).find((r) => r.wave_id === survey.waves.open!.id)!;
		};
		expect(await trend('channel', 'paper')).toEqual(expect.objectContaining({ n: 2, positive: 1 }));
		expect(await trend('channel', 'online')).toEqual(expect.objectContaining({ n: 3, positive: 2 }));
		expect(await trend('assistance', 'helped')).toEqual(expect.objectContaining({ n: 2, positive: 1 }));
	});

	it('keeps the running counts equal to a rebuild from the raw answers', async () => {
		const snapshot = () => engine.countsOf(survey.waves.open!.id);
		const running = await snapshot();
		await engine.db.query('select app.rebuild_counts($1)', [survey.waves.open!.id]);
		expect(await snapshot()).toEqual(running);
		expect(running.some((r) => r.dimension === 'channel')).toBe(true);
	});
});
