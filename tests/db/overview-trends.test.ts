/**
 * The overview in one call (issue 13, speed at scale): api.overview_trends gives every current indicator's
 * trend at once, each the very rows api.indicator_trend gives the same reader. Staff get them from the running
 * counts (a faster path than the indicator's whole table), so the test compares the two row by row on
 * indicators with small numbers, several answers and an open wave; forum and scrutiny get api.indicator_trend's
 * own rows, so a figure the trend hides stays hidden, and an attacker who reads both cannot work it out.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { trendPoint, type TrendPoint } from '$lib/indicators/types';
import { forEachEngine, type Client, type Organisation, type Survey, type User } from './engines';

interface Overview {
	question_id: string;
	trend: TrendPoint[];
}

/** A trend without its as_of (the moment of the call, which differs from call to call for staff). */
const timeless = (rows: TrendPoint[]) => rows.map(({ as_of: _asOf, ...rest }) => rest);

forEachEngine('the overview in one call', (engine) => {
	let org: Organisation;
	let survey: Survey;
	let other: Survey;
	let retired: Survey;
	let lead: User;
	const clients: Record<string, Client> = {};

	async function overview(client: Client, surveyId?: string): Promise<Overview[]> {
		const { data, error } = await client.rpc('overview_trends', {
			p_organisation_id: org.id,
			...(surveyId ? { p_survey_id: surveyId } : {})
		});
		expect(error).toBeNull();
		const rows = data as unknown as Overview[];
		// the page reads each trend through the schema indicator_trend's rows have
		for (const o of rows) for (const r of o.trend) trendPoint.parse(r);
		return rows;
	}

	async function trendOf(client: Client, questionId: string): Promise<TrendPoint[]> {
		const { data, error } = await client.rpc('indicator_trend', { p_question_id: questionId });
		expect(error).toBeNull();
		return data as unknown as TrendPoint[];
	}

	beforeAll(async () => {
		org = await engine.createOrganisation({ minCellSize: 10 });
		lead = await engine.createMember(org, 'lead');
		for (const role of ['lead', 'officer', 'forum', 'scrutiny'] as const)
			clients[role] = await engine.signInAs(role === 'lead' ? lead : await engine.createMember(org, role));

		survey = await engine.createSurvey(org);
		// the several-answer question is an indicator too: health counts as positive
		await engine.db.query(
			`update app.question_options set is_positive = (value = 'health') where question_id = $1`,
			[survey.questions.services.id]
		);
		// the closed wave: 25 agree, 3 disagree (a small count the forum may not see, nor work out from n)
		await engine.addResponses(survey, survey.waves.closed!, 25, { feel: 'agree', services: ['health'] });
		await engine.addResponses(survey, survey.waves.closed!, 3, {
			feel: 'disagree',
			services: ['education', 'social_care']
		});
		// the open wave: few so far
		await engine.addResponses(survey, survey.waves.open!, 4, {
			feel: 'strongly_agree',
			services: ['health']
		});

		other = await engine.createSurvey(org, { waves: ['closed'] });
		await engine.addResponses(other, other.waves.closed!, 12, { feel: 'neither' });

		retired = await engine.createSurvey(org, { waves: ['closed'] });
		await engine.db.query(
			`insert into app.indicators (organisation_id, question_id, label, retired_at) values ($1, $2, 'Retired', now())`,
			[org.id, retired.questions.feel.id]
		);
	});

	it('gives every current indicator of the organisation, of one survey when asked, never a retired one', async () => {
		const all = await overview(clients.lead!);
		const ids = all.map((o) => o.question_id);
		expect(ids).toEqual(
			expect.arrayContaining([
				survey.questions.feel.id,
				survey.questions.services.id,
				other.questions.feel.id
			])
		);
		// a question without positive answers, or retired, is no indicator of the overview
		expect(ids).not.toContain(survey.questions.comment.id);
		expect(ids).not.toContain(retired.questions.feel.id);
		expect((await overview(clients.lead!, other.id)).map((o) => o.question_id)).toEqual([
			other.questions.feel.id
		]);
	});

	for (const role of ['lead', 'officer', 'forum', 'scrutiny']) {
		it(`gives ${role} the rows indicator_trend gives them, indicator by indicator`, async () => {
			const client = clients[role]!;
			const all = await overview(client);
			expect(all.length).toBeGreaterThanOrEqual(3);
			for (const o of all) {
				expect(timeless(o.trend), `${role}, question ${o.question_id}`).toEqual(
					timeless(await trendOf(client, o.question_id))
				);
			}
		});
	}

	it('shows staff the exact figures, small numbers marked', async () => {
		const [feel] = (await overview(clients.lead!, survey.id)).filter(
			(o) => o.question_id === survey.questions.feel.id
		);
		const closed = feel!.trend.find((r) => r.wave_id === survey.waves.closed!.id)!;
		expect([closed.n, closed.positive, closed.share]).toEqual([28, 25, 0.8929]);
		expect(closed.small_numbers).toBe(true); // 3 disagree
		const services = (await overview(clients.lead!, survey.id)).find(
			(o) => o.question_id === survey.questions.services.id
		)!;
		// several answers count people: 25 ticked health
		expect(services.trend.find((r) => r.wave_id === survey.waves.closed!.id)!.positive).toBe(25);
		const open = feel!.trend.find((r) => r.wave_id === survey.waves.open!.id)!;
		expect([open.n, open.positive]).toEqual([4, 4]);
	});

	for (const role of ['forum', 'scrutiny']) {
		it(`hides from ${role} what the trend hides, and nothing in it works a hidden figure out`, async () => {
			const client = clients[role]!;
			const feel = (await overview(client, survey.id)).find(
				(o) => o.question_id === survey.questions.feel.id
			)!;
			const closed = feel.trend.find((r) => r.wave_id === survey.waves.closed!.id)!;
			// 3 who did not agree are too few to show: the positive count would give them away from n
			expect(closed.suppressed).toBe(true);
			expect(closed.positive).toBeNull();
			expect(closed.share).toBeNull();
			// The attacker: everything this reader can fetch about the wave, every number in it. The hidden
			// figures (25 positive, 3 not) are none of them, and no shown n less a shown count gives them.
			const fetched = [
				feel,
				await trendOf(client, survey.questions.feel.id),
				(
					await client.rpc('published_table', {
						p_question_id: survey.questions.feel.id,
						p_wave_id: survey.waves.closed!.id
					})
				).data
			];
			const numbers = new Set<number>();
			const collect = (x: unknown, key = ''): void => {
				if (typeof x === 'number' && !['threshold', 'rounding_base', 'rounded_to'].includes(key))
					numbers.add(x);
				else if (Array.isArray(x)) x.forEach((v) => collect(v));
				else if (x && typeof x === 'object') for (const [k, v] of Object.entries(x)) collect(v, k);
			};
			collect(fetched);
			const ns = [...numbers];
			for (const secret of [25, 3]) {
				expect(ns, `${role} sees ${secret}`).not.toContain(secret);
				for (const a of ns) expect(ns.includes(a - secret), `${role}: ${a} - x = ${secret}`).toBe(false);
			}
			// the small open wave is hidden too
			const open = feel.trend.find((r) => r.wave_id === survey.waves.open!.id)!;
			expect(open.positive).toBeNull();
		});
	}

	it('gives a member of another organisation nothing, and refuses anyone signed out', async () => {
		const stranger = await engine.signInAs(
			await engine.createMember(await engine.createOrganisation(), 'lead')
		);
		expect(await overview(stranger)).toEqual([]);
		const { data, error } = await engine.anon().rpc('overview_trends', { p_organisation_id: org.id });
		expect(data).toBeNull();
		expect(error).not.toBeNull();
	});

	describe('on a lead the numbers cross-check with the raw answers', () => {
		it('n and positive of every wave are what the answers say', async () => {
			const rows = await engine.db.query<{ wave_id: string; n: number; positive: number }>(
				`select r.wave_id, count(*)::int as n, count(*) filter (where o.is_positive)::int as positive
				 from app.answers a join app.responses r on r.id = a.response_id
				 join app.question_options o on o.id = a.option_id
				 where a.question_id = $1 group by r.wave_id`,
				[survey.questions.feel.id]
			);
			const feel = (await overview(clients.lead!)).find((o) => o.question_id === survey.questions.feel.id)!;
			for (const r of rows) {
				const row = feel.trend.find((t) => t.wave_id === r.wave_id)!;
				expect([row.n, row.positive]).toEqual([r.n, r.positive]);
			}
		});
	});
});
