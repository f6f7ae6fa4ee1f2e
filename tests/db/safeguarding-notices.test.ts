/**
 * Safeguarding notices (api.safeguarding_notices_due): the app's server alone learns which
 * organisations have new flags, how many, and whom to tell; never what. One notice per quiet period:
 * flags arriving in it wait for the next one and are counted there.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, expect, it } from 'vitest';
import { forEachEngine, type Organisation, type Survey, type User } from './engines';

interface Due {
	organisation_id: string;
	organisation_name: string;
	new_items: number;
	recipients: string[];
}

forEachEngine('safeguarding notices', (engine) => {
	let org: Organisation;
	let other: Organisation;
	let survey: Survey;
	let otherSurvey: Survey;
	let lead: User;
	let safeguarding: User;
	let theirs: User;

	async function disclose(s: Survey, comment: string) {
		const { error } = await engine.server().rpc('submit_response', {
			p_response_id: randomUUID(),
			p_wave_slug: s.waves.open!.slug,
			p_answers: { feel: 'agree', comment }
		});
		expect(error).toBeNull();
	}
	async function due(quiet = 15): Promise<Due[]> {
		const { data, error } = await engine.server().rpc('safeguarding_notices_due', { p_quiet_minutes: quiet });
		expect(error).toBeNull();
		// other test files' organisations share the database: only ours
		return (data as unknown as Due[]).filter((d) => [org.id, other.id].includes(d.organisation_id));
	}

	beforeAll(async () => {
		org = await engine.createOrganisation();
		other = await engine.createOrganisation();
		survey = await engine.createSurvey(org, { waves: ['open'] });
		otherSurvey = await engine.createSurvey(other, { waves: ['open'] });
		lead = await engine.createMember(org, 'lead');
		safeguarding = await engine.createMember(org, 'safeguarding');
		theirs = await engine.createMember(other, 'safeguarding');
		// flags from before this test: announced already, so that the counts below are this test's
		await due(0);
	});

	it('is for the app server only', async () => {
		expect((await engine.anon().rpc('safeguarding_notices_due', {})).error).not.toBeNull();
		const third = await engine.createOrganisation();
		for (const role of ['admin', 'lead', 'officer', 'forum', 'scrutiny', 'safeguarding'] as const) {
			const client = await engine.signInAs(await engine.createMember(third, role));
			const { error } = await client.rpc('safeguarding_notices_due', {});
			expect(error, role).not.toBeNull();
		}
		const bad = await engine.server().rpc('safeguarding_notices_due', { p_quiet_minutes: -1 });
		expect(bad.error?.hint).toBe('invalid_request');
	});

	it('names the organisation, the count and the safeguarding members, never the item', async () => {
		await disclose(survey, 'My dad hits me');
		const [notice, ...more] = await due();
		expect(more).toEqual([]);
		expect(notice).toEqual({
			organisation_id: org.id,
			organisation_name: expect.any(String),
			new_items: 1,
			recipients: [safeguarding.email]
		});
		expect(notice!.recipients).not.toContain(lead.email);
		// the words of the disclosure, not a hex id that happens to hold "dad"
		expect(JSON.stringify(notice)).not.toMatch(/\bhits\b|\bdad\b/i);
		// told once
		expect(await due(0)).toEqual([]);
	});

	it('waits out the quiet period, then counts everything that came in it', async () => {
		await disclose(survey, 'i dont feel safe');
		await disclose(survey, 'My dad hits me again');
		// the notice above was just sent: nothing for fifteen minutes
		expect(await due(15)).toEqual([]);
		const [notice] = await due(0);
		expect(notice).toMatchObject({ organisation_id: org.id, new_items: 2 });
	});

	it('keeps organisations apart', async () => {
		await disclose(otherSurvey, 'i dont feel safe');
		const notices = await due(0);
		expect(notices).toEqual([
			expect.objectContaining({ organisation_id: other.id, new_items: 1, recipients: [theirs.email] })
		]);
	});

	it('leaves out a flag closed before it was announced', async () => {
		await disclose(survey, 'My dad hits me!');
		await engine.db.query(
			`update app.safeguarding_flags set closed_at = now(), action = 'no_concern'
			 where organisation_id = $1 and closed_at is null`,
			[org.id]
		);
		expect(await due(0)).toEqual([]);
	});
});
