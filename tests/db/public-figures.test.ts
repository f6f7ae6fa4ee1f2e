/**
 * Public figures (issue 13): an organisation publishes chosen indicators on a public page. Admins and leads
 * choose; anyone, signed out included, reads a published indicator's figures under the disclosure rule, exactly
 * as forum and scrutiny do, and nothing of an indicator that is not published.
 */
import { beforeAll, expect, it } from 'vitest';
import { forEachEngine, type Client, type Organisation, type Survey, type User } from './engines';

interface Row {
	wave_id: string;
	n: number | null;
	positive: number | null;
	share: number | null;
	suppressed: boolean;
	small_numbers: boolean;
	as_of: string;
}

forEachEngine('public figures', (engine) => {
	let org: Organisation;
	let survey: Survey;
	let lead: Client;
	let admin: Client;
	let forum: Client;
	let members: Record<'officer' | 'scrutiny' | 'safeguarding', User>;

	const publish = (client: Client, questionId: string, on = true) =>
		client.rpc('set_public_indicator', { p_question_id: questionId, p_public: on });
	const trend = async (client: Client, dimension = '_all', category = '_all') => {
		const { data, error } = await client.rpc('indicator_trend', {
			p_question_id: survey.questions.feel.id,
			p_dimension: dimension,
			p_category: category
		});
		expect(error).toBeNull();
		return data as unknown as Row[];
	};

	beforeAll(async () => {
		org = await engine.createOrganisation();
		survey = await engine.createSurvey(org, { waves: ['closed'] });
		lead = await engine.signInAs(await engine.createMember(org, 'lead'));
		admin = await engine.signInAs(await engine.createMember(org, 'admin'));
		forum = await engine.signInAs(await engine.createMember(org, 'forum'));
		members = {
			officer: await engine.createMember(org, 'officer'),
			scrutiny: await engine.createMember(org, 'scrutiny'),
			safeguarding: await engine.createMember(org, 'safeguarding')
		};
		const wave = survey.waves.closed!;
		// 27 positive of 60; 4 in the primary phase (a small group), 56 who did not say
		await engine.addResponses(survey, wave, 23, { feel: 'agree' });
		await engine.addResponses(survey, wave, 4, { feel: 'strongly_agree' }, { phase: 'primary' });
		await engine.addResponses(survey, wave, 33, { feel: 'disagree' });
	});

	it('shows a signed-out reader nothing of an indicator that is not published', async () => {
		expect(await trend(engine.anon())).toEqual([]);
		const { data } = await engine.anon().rpc('public_indicators', { p_organisation_slug: org.slug });
		expect(data).toEqual({ organisation: { name: org.name, slug: org.slug }, indicators: [] });
	});

	it('lets admins and leads publish an indicator and stop, and keeps it in the audit log', async () => {
		expect((await publish(lead, survey.questions.feel.id)).data).toEqual({
			question_id: survey.questions.feel.id,
			public: true
		});
		expect((await publish(admin, survey.questions.feel.id, false)).error).toBeNull();
		expect((await publish(admin, survey.questions.feel.id)).error).toBeNull();
		const log = await engine.db.query<{ action: string }>(
			`select action from app.audit_log where organisation_id = $1 and subject_id = $2 order by id`,
			[org.id, survey.questions.feel.id]
		);
		expect(log.map((r) => r.action)).toEqual([
			'indicator.published',
			'indicator.unpublished',
			'indicator.published'
		]);
		const { data } = await engine.anon().rpc('public_indicators', { p_organisation_slug: org.slug });
		expect((data as { indicators: { key: string; positive: string[] }[] }).indicators).toEqual([
			expect.objectContaining({ key: 'feel', positive: ['Strongly agree', 'Agree'] })
		]);
	});

	it('refuses everyone else, and a question that is not an indicator', async () => {
		for (const role of ['officer', 'scrutiny', 'safeguarding'] as const) {
			const { error } = await publish(await engine.signInAs(members[role]), survey.questions.feel.id, false);
			expect(error?.hint, role).toBe('not_permitted');
		}
		expect((await publish(forum, survey.questions.feel.id, false)).error?.hint).toBe('not_permitted');
		const other = await engine.signInAs(await engine.createMember(await engine.createOrganisation(), 'lead'));
		expect((await publish(other, survey.questions.feel.id, false)).error?.hint).toBe('not_found');
		const anon = await publish(engine.anon(), survey.questions.feel.id, false);
		expect([401, 404]).toContain(anon.status);
		// the comment question has no positive answers
		expect((await publish(lead, survey.questions.comment.id)).error?.hint).toBe('invalid_request');
		// still published after every refusal
		expect((await trend(engine.anon())).length).toBe(1);
	});

	it('gives a signed-out reader exactly what forum gets, never the exact figures staff see', async () => {
		const [staff] = await trend(lead);
		expect(staff).toEqual(expect.objectContaining({ n: 60, positive: 27, suppressed: false }));
		for (const [dimension, category] of [
			['_all', '_all'],
			['phase', 'primary'],
			['phase', '_not_stated']
		] as const) {
			// the same figures (as_of is the moment each was read)
			const figures = (rows: Row[]) => rows.map(({ as_of: _, ...rest }) => rest);
			expect(figures(await trend(engine.anon(), dimension, category))).toEqual(
				figures(await trend(forum, dimension, category))
			);
		}
		// the small group is hidden from them, though staff see it
		const [small] = await trend(engine.anon(), 'phase', 'primary');
		expect(small).toEqual(expect.objectContaining({ positive: null, share: null, suppressed: true }));
		expect((await trend(lead, 'phase', 'primary'))[0]).toEqual(
			expect.objectContaining({ n: 4, positive: 4 })
		);
		// and the group that did not say cannot give it back: everyone less them is hidden too
		const [notStated] = await trend(engine.anon(), 'phase', '_not_stated');
		const [everyone] = await trend(engine.anon());
		expect(notStated!.positive === null || everyone!.positive === null).toBe(true);
	});

	it('stops showing an indicator once it is unpublished', async () => {
		expect((await publish(lead, survey.questions.feel.id, false)).error).toBeNull();
		expect(await trend(engine.anon())).toEqual([]);
	});

	it('keeps the list of published indicators from direct writes by every role', async () => {
		for (const client of [lead, admin, forum]) {
			const { error } = await client
				.schema('app' as never)
				.from('public_indicators')
				.insert({ question_id: survey.questions.feel.id, organisation_id: org.id } as never);
			expect(error).not.toBeNull();
		}
		const { data } = await engine.anon().rpc('public_indicators', { p_organisation_slug: 'no-such-place' });
		expect(data).toBeNull();
	});
});
