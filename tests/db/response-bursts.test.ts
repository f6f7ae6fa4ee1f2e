/**
 * A burst of answers is visible to staff (api.response_bursts, 20261207100300_response_bursts.sql):
 * an hour with at least 30 answers online and at least five times a wave's usual rate is listed;
 * 29 are not, nor answers keyed in by staff, nor an hour that is only the usual rate of a busy wave;
 * only the staff who read the responses may ask.
 */
import { beforeAll, expect, it } from 'vitest';
import { call, type Client as ApiClient } from '$lib/server/api';
import { forEachEngine, type Organisation, type Survey } from './engines';

forEachEngine('bursts of answers (api.response_bursts)', (engine) => {
	let org: Organisation;
	let lead: ApiClient;

	beforeAll(async () => {
		org = await engine.createOrganisation();
		lead = (await engine.signInAs(await engine.createMember(org, 'lead'))) as unknown as ApiClient;
	});

	/** Responses sent `hoursAgo` hours ago, by `channel`. */
	async function sent(survey: Survey, count: number, hoursAgo: number, channel = 'online') {
		const ids = await engine.addResponses(survey, survey.waves.open!, count, { feel: 'agree' });
		await engine.db.query(
			`update app.responses set submitted_at = date_trunc('hour', now()) - make_interval(hours => $2) + interval '10 minutes',
			        channel = $3::app.response_channel
			  where id = any($1::uuid[])`,
			[ids, hoursAgo, channel]
		);
	}

	it(`${engine.label} lists an hour of 30 answers online in a wave that usually gets one an hour, and not 29`, async () => {
		const survey = await engine.createSurvey(org);
		await sent(survey, 30, 3);
		await sent(survey, 29, 6);
		const bursts = await call(lead, 'response_bursts', { p_survey_id: survey.id });
		expect(bursts).toHaveLength(1);
		const [burst] = bursts;
		expect(burst).toMatchObject({ wave_id: survey.waves.open!.id, wave_label: 'Wave open', responses: 30 });
		// 59 answers over the hours the wave has been open, begun ones counted: a day and a moment, 25
		expect(burst!.usual).toBe(Math.round((59 / 25) * 10) / 10);
		const hour = new Date(burst!.hour);
		expect(hour.getUTCMinutes()).toBe(0);
		expect(Date.now() - hour.getTime()).toBeGreaterThan(3 * 3_600_000 - 1);
	});

	it(`${engine.label} leaves out answers keyed in by staff, and an hour that is only a busy wave's usual`, async () => {
		const keyed = await engine.createSurvey(org);
		await sent(keyed, 40, 2, 'paper');
		expect(await call(lead, 'response_bursts', { p_survey_id: keyed.id })).toEqual([]);

		const busy = await engine.createSurvey(org);
		// 40 an hour, every hour of the day it has been open: that is its usual
		for (let h = 0; h < 24; h++) await sent(busy, 40, h);
		expect(await call(lead, 'response_bursts', { p_survey_id: busy.id })).toEqual([]);
	});

	it(`${engine.label} answers only the staff who read the responses`, async () => {
		const survey = await engine.createSurvey(org);
		await sent(survey, 30, 1);
		for (const role of ['admin', 'officer', 'safeguarding'] as const) {
			const client = (await engine.signInAs(await engine.createMember(org, role))) as unknown as ApiClient;
			expect(await call(client, 'response_bursts', { p_survey_id: survey.id }), role).toHaveLength(1);
		}
		const other = await engine.signInAs(await engine.createMember(await engine.createOrganisation(), 'lead'));
		for (const [who, client] of [
			['forum', await engine.signInAs(await engine.createMember(org, 'forum'))],
			['scrutiny', await engine.signInAs(await engine.createMember(org, 'scrutiny'))],
			['a lead elsewhere', other]
		] as const) {
			const { data, error } = await client.rpc('response_bursts', { p_survey_id: survey.id });
			expect(data, who).toBeNull();
			expect(error?.code, who).toBe('42501');
		}
		const { data, error } = await engine.anon().rpc('response_bursts', { p_survey_id: survey.id });
		expect(data).toBeNull();
		expect(error?.code).toBe('42501');
	});
});
