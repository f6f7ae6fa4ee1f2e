/**
 * Panel linking: a respondent's panel code joins their repeat answer to their baseline answer, and
 * api.panel_journey counts who moved from which answer to which, with small numbers suppressed for
 * the forum and scrutiny.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { forEachEngine, type MemberRole, type Organisation, type Survey, type User } from './engines';

interface Cell {
	from_value: string;
	to_value: string;
	n: number | null;
	suppressed: boolean;
}

interface Journey {
	exact: boolean;
	grouped: boolean;
	linked: number | null;
	from_totals: { value: string; label: string; n: number | null }[];
	linked_suppressed: boolean;
	from_wave: { id: string; kind: string };
	to_wave: { id: string; kind: string };
	cells: Cell[];
}

forEachEngine('panel journeys', (engine) => {
	let org: Organisation;
	let other: Organisation;
	let survey: Survey;
	const members = {} as Record<MemberRole, User>;
	let leadOfOther: User;

	/** A baseline response with a panel code, written as an import would (the baseline has closed). */
	async function baseline(code: string | null, feel: string) {
		const [id] = await engine.addResponses(survey, survey.waves.closed!, 1, { feel });
		await engine.db.query('update app.responses set panel_code = $1 where id = $2', [code, id]);
	}

	/** A repeat response sent as a respondent's browser sends it, panel code as typed. */
	async function repeat(code: string | null, feel: string) {
		const { error } = await engine.server().rpc('submit_response', {
			p_response_id: randomUUID(),
			p_wave_slug: survey.waves.open!.slug,
			p_answers: { feel },
			...(code ? { p_panel_code: code } : {})
		});
		expect(error).toBeNull();
	}

	async function journey(user: User, args: Partial<Record<'from' | 'to' | 'question', string>> = {}) {
		const client = await engine.signInAs(user);
		return client.rpc('panel_journey', {
			p_question_id: args.question ?? survey.questions.feel.id,
			p_from_wave_id: args.from ?? survey.waves.closed!.id,
			p_to_wave_id: args.to ?? survey.waves.open!.id
		});
	}

	const cell = (j: Journey, from: string, to: string) =>
		j.cells.find((c) => c.from_value === from && c.to_value === to)!;

	beforeAll(async () => {
		org = await engine.createOrganisation({ minCellSize: 3 });
		other = await engine.createOrganisation();
		survey = await engine.createSurvey(org, { waves: ['closed', 'open'] });
		for (const role of ['admin', 'lead', 'officer', 'forum', 'scrutiny', 'safeguarding'] as const) {
			members[role] = await engine.createMember(org, role);
		}
		leadOfOther = await engine.createMember(other, 'lead');

		// Three people moved from agree to strongly agree; one from disagree to agree; one answered
		// only the baseline, one only the repeat, one gave no code; one answered the repeat twice and
		// the later answer counts.
		for (const code of ['AAAA-1111', 'BBBB-2222', 'CCCC-3333']) {
			await baseline(code, 'agree');
			await repeat(code.toLowerCase(), 'strongly_agree');
		}
		await baseline('DDDD-4444', 'disagree');
		await repeat('dddd 4444', 'agree');
		await baseline('EEEE-5555', 'agree');
		await repeat('FFFF-6666', 'disagree');
		await baseline(null, 'agree');
		await repeat(null, 'agree');
		await baseline('GGGG-7777', 'neither');
		await repeat('GGGG-7777', 'disagree');
		await repeat('GGGG-7777', 'neither');
		// all sent before today: forum and scrutiny see an open wave as it stood at the start of the day
		await engine.db.query(
			`update app.responses set submitted_at = submitted_at - interval '1 day' where wave_id in ($1, $2)`,
			[survey.waves.closed!.id, survey.waves.open!.id]
		);
	});

	describe('linking by panel code', () => {
		it('links each code answered in both waves, counting its latest answer, for every staff role', async () => {
			for (const role of ['admin', 'lead', 'officer', 'safeguarding'] as const) {
				const { data, error } = await journey(members[role]);
				expect(error, role).toBeNull();
				const j = data as unknown as Journey;
				expect(j.linked, role).toBe(5);
				expect(j.from_wave.kind).toBe('baseline');
				expect(j.to_wave.kind).toBe('repeat');
				// every pair of the five agreement options, zeros included
				expect(j.cells).toHaveLength(25);
				expect(cell(j, 'agree', 'strongly_agree')).toEqual(
					expect.objectContaining({ n: 3, suppressed: false })
				);
				expect(cell(j, 'disagree', 'agree').n).toBe(1);
				expect(cell(j, 'neither', 'neither').n).toBe(1);
				expect(cell(j, 'neither', 'disagree').n).toBe(0);
				expect(j.cells.reduce((sum, c) => sum + (c.n ?? 0), 0)).toBe(5);
			}
		});

		it('reads the journey backwards as well', async () => {
			const { data } = await journey(members.lead, {
				from: survey.waves.open!.id,
				to: survey.waves.closed!.id
			});
			const j = data as unknown as Journey;
			expect(cell(j, 'strongly_agree', 'agree').n).toBe(3);
		});
	});

	describe('small numbers', () => {
		it('gives forum and scrutiny positive / not positive, with small numbers and whole rows hidden', async () => {
			for (const role of ['forum', 'scrutiny'] as const) {
				const { data, error } = await journey(members[role]);
				expect(error, role).toBeNull();
				const j = data as unknown as Journey;
				expect(j.grouped).toBe(true);
				expect(j.linked).toBe(5);
				expect(j.from_totals.map((t) => [t.value, t.label])).toEqual([
					['positive', 'Strongly agree or Agree'],
					['not_positive', 'Not strongly agree or agree']
				]);
				expect(j.cells).toHaveLength(4);
				// the three who were positive at the baseline all stayed positive: shown, that tells each one's answer
				expect(cell(j, 'positive', 'positive')).toEqual(
					expect.objectContaining({ n: null, suppressed: true, symbol: '[c]' })
				);
				// one person moved from not positive to positive
				expect(cell(j, 'not_positive', 'positive')).toEqual(
					expect.objectContaining({ n: null, suppressed: true, symbol: '[c]' })
				);
				// no option value of the question leaks out in a restricted journey
				expect(j.cells.some((c) => c.from_value === 'agree' || c.to_value === 'agree')).toBe(false);
			}
		});

		it('refuses forum and scrutiny a journey when no answer counts as positive, and gives staff every answer', async () => {
			const plain = await engine.createSurvey(org, { waves: ['closed', 'open'] });
			await engine.db.query('update app.question_options set is_positive = false where question_id = $1', [
				plain.questions.feel.id
			]);
			const args = {
				question: plain.questions.feel.id,
				from: plain.waves.closed!.id,
				to: plain.waves.open!.id
			};
			const { data, error } = await journey(members.forum, args);
			expect(data).toBeNull();
			expect(error?.hint).toBe('invalid_request');
			expect(error?.message).toMatch(/count as positive/);
			const lead = (await journey(members.lead, args)).data as unknown as Journey;
			expect(lead.cells).toHaveLength(25);
			expect(lead.grouped).toBe(false);
		});

		it('refuses forum and scrutiny a journey of a question some respondents did not answer, and gives staff it', async () => {
			const optional = await engine.createSurvey(org, { waves: ['closed', 'open'] });
			const args = {
				question: optional.questions.feel.id,
				from: optional.waves.closed!.id,
				to: optional.waves.open!.id
			};
			await engine.addResponses(optional, optional.waves.closed!, 12, { feel: 'agree' });
			// one response of the baseline left it unanswered: its tables go to forum for everyone only
			await engine.addResponses(optional, optional.waves.closed!, 1, { services: ['health'] });
			for (const role of ['forum', 'scrutiny'] as const) {
				const { data, error } = await journey(members[role], args);
				expect(data).toBeNull();
				expect(error?.hint).toBe('invalid_request');
				expect(error?.message).toMatch(/everyone in both waves answered/);
			}
			const lead = await journey(members.lead, args);
			expect(lead.error).toBeNull();
			expect((lead.data as unknown as Journey).grouped).toBe(false);
		});

		it('suppresses the number linked itself when it is small', async () => {
			const tiny = await engine.createSurvey(org, { waves: ['closed', 'open'] });
			const [id] = await engine.addResponses(tiny, tiny.waves.closed!, 1, { feel: 'agree' });
			await engine.db.query(`update app.responses set panel_code = 'HHHH-8888' where id = $1`, [id]);
			const [id2] = await engine.addResponses(tiny, tiny.waves.open!, 1, { feel: 'agree' });
			await engine.db.query(`update app.responses set panel_code = 'HHHH-8888' where id = $1`, [id2]);
			await engine.db.query(
				`update app.responses set submitted_at = submitted_at - interval '1 day' where id in ($1, $2)`,
				[id, id2]
			);
			const args = {
				question: tiny.questions.feel.id,
				from: tiny.waves.closed!.id,
				to: tiny.waves.open!.id
			};
			const forum = (await journey(members.forum, args)).data as unknown as Journey;
			expect(forum).toEqual(expect.objectContaining({ linked: null, linked_suppressed: true }));
			const lead = (await journey(members.lead, args)).data as unknown as Journey;
			expect(lead).toEqual(expect.objectContaining({ linked: 1, linked_suppressed: false }));
		});
	});

	describe('who may ask, and what', () => {
		it("refuses another organisation's lead and a user with no membership as if there were no question", async () => {
			const outsider = await engine.createUser();
			for (const user of [leadOfOther, outsider]) {
				const { data, error } = await journey(user);
				expect(data).toBeNull();
				expect(error?.hint).toBe('not_found');
			}
		});

		it('refuses anon', async () => {
			const { data, error } = await engine.anon().rpc('panel_journey', {
				p_question_id: survey.questions.feel.id,
				p_from_wave_id: survey.waves.closed!.id,
				p_to_wave_id: survey.waves.open!.id
			});
			expect(data).toBeNull();
			expect(error?.code).toBe('42501');
		});

		it('refuses a question with many answers, the same wave twice, and a wave of another survey', async () => {
			const elsewhere = await engine.createSurvey(org, { waves: ['open'] });
			for (const args of [
				{ question: survey.questions.services.id },
				{ to: survey.waves.closed!.id },
				{ to: elsewhere.waves.open!.id }
			]) {
				const { error } = await journey(members.lead, args);
				expect(error?.hint, JSON.stringify(args)).toBe('invalid_request');
			}
		});
	});
});
