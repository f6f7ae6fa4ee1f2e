/**
 * The signed-in members' API through supabase-js, each call with the member's own session:
 * my_memberships, list_surveys, indicator_trend and set_wave_dates.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
	forEachEngine,
	MEMBER_ROLES,
	parseDetails,
	suffix,
	type Client,
	type Engine,
	type MemberRole,
	type Organisation,
	type Survey,
	type User
} from './engines';

interface TrendRow {
	wave_id: string;
	wave_label: string;
	wave_kind: string;
	opens_at: string;
	closes_at: string;
	n: number;
	positive: number | null;
	share: number | null;
	suppressed: boolean;
}

interface ListedSurvey {
	id: string;
	slug: string;
	title: string;
	waves: {
		id: string;
		slug: string;
		kind: string;
		status: string;
		responses: number | null;
		responses_symbol: string | null;
		responses_small: boolean;
	}[];
	indicators: { id: string; key: string; priority: string | null; positive: string[] }[];
}

/** An organisation with a member of each role, one outsider, and a lead of another organisation. */
async function people(engine: Engine, minCellSize = 10) {
	const org = await engine.createOrganisation({ minCellSize });
	const members = {} as Record<MemberRole, User>;
	for (const role of MEMBER_ROLES) members[role] = await engine.createMember(org, role);
	const other = await engine.createOrganisation();
	const leadOfOther = await engine.createMember(other, 'lead');
	const outsider = await engine.createUser();
	return { org, members, other, leadOfOther, outsider };
}

forEachEngine('member API', (engine) => {
	describe('my_memberships', () => {
		it("lists the caller's organisations and roles, by organisation name then role", async () => {
			const beta = await engine.createOrganisation({ name: `Beta ${suffix()}` });
			const alpha = await engine.createOrganisation({ name: `Alpha ${suffix()}` });
			const user = await engine.createUser();
			await engine.addMember(beta, user, 'officer');
			await engine.addMember(alpha, user, 'forum');
			await engine.addMember(alpha, user, 'lead');
			await engine.createMember(alpha, 'admin');

			const { data, error } = await (await engine.signInAs(user)).rpc('my_memberships');
			expect(error).toBeNull();
			const row = (o: Organisation, role: MemberRole) => ({
				organisation_id: o.id,
				organisation_slug: o.slug,
				organisation_name: o.name,
				role
			});
			expect(data).toEqual([row(alpha, 'lead'), row(alpha, 'forum'), row(beta, 'officer')]);
		});

		it('gives a user with no memberships an empty list', async () => {
			const { data, error } = await (await engine.signInAs(await engine.createUser())).rpc('my_memberships');
			expect(error).toBeNull();
			expect(data).toEqual([]);
		});

		it('is refused to anon', async () => {
			const { error, status } = await engine.anon().rpc('my_memberships');
			expect(status).toBe(401);
			expect(error?.code).toBe('42501');
		});
	});

	describe('list_surveys', () => {
		let org: Organisation;
		let survey: Survey;
		let priority: string;
		let p: Awaited<ReturnType<typeof people>>;

		beforeAll(async () => {
			p = await people(engine);
			org = p.org;
			priority = await engine.createPriority(org, 'Children and families are heard');
			survey = await engine.createSurvey(org, { title: 'B survey', priorityId: priority });
			await engine.createSurvey(org, { title: 'A survey', waves: [] });
			await engine.createSurvey(p.other, { title: 'Elsewhere' });
			await engine.addResponses(survey, survey.waves.closed!, 4, { feel: 'agree' });
			await engine.addResponses(survey, survey.waves.open!, 2, { feel: 'disagree' });
		});

		it("gives every member the organisation's surveys with waves, response numbers and indicators", async () => {
			for (const role of MEMBER_ROLES) {
				const { data, error } = await (
					await engine.signInAs(p.members[role])
				).rpc('list_surveys', {
					p_organisation_id: org.id
				});
				expect(error).toBeNull();
				const list = data as ListedSurvey[];
				expect(
					list.map((s) => s.title),
					role
				).toEqual(['A survey', 'B survey']);
				const b = list[1]!;
				// 4 and 2 responses are small numbers: exact for staff, hidden ([c]) for forum and scrutiny
				const staff = !['forum', 'scrutiny'].includes(role);
				expect(b.waves.map((w) => [w.slug, w.kind, w.status, w.responses, w.responses_symbol])).toEqual([
					[survey.waves.closed!.slug, 'baseline', 'closed', staff ? 4 : null, staff ? null : '[c]'],
					[survey.waves.open!.slug, 'repeat', 'open', staff ? 2 : null, staff ? null : '[c]'],
					[survey.waves.future!.slug, 'repeat', 'not_yet_open', 0, null]
				]);
				expect(b.waves.map((w) => w.responses_small)).toEqual(
					staff ? [true, true, false] : [false, false, false]
				);
				expect(b.indicators).toEqual([
					{
						id: survey.questions.feel.id,
						key: 'feel',
						prompt: 'I feel listened to.',
						kind: 'agreement_5',
						priority: 'Children and families are heard',
						positive: ['Strongly agree', 'Agree'],
						// everyone is asked it
						conditions: null,
						condition_questions: []
					}
				]);
				expect(list[0]?.waves).toEqual([]);
				expect(list[0]?.indicators.map((i) => [i.key, i.priority])).toEqual([['feel', null]]);
			}
		});

		it('gives a member of another organisation, and a non-member, an empty list', async () => {
			for (const user of [p.leadOfOther, p.outsider]) {
				const { data, error } = await (
					await engine.signInAs(user)
				).rpc('list_surveys', { p_organisation_id: org.id });
				expect(error).toBeNull();
				expect(data).toEqual([]);
			}
		});

		it('is refused to anon', async () => {
			const { status, data } = await engine.anon().rpc('list_surveys', { p_organisation_id: org.id });
			expect(status).toBe(401);
			expect(data).toBeNull();
		});
	});

	describe('indicator_trend', () => {
		let p: Awaited<ReturnType<typeof people>>;
		let survey: Survey;
		const clients = {} as Record<MemberRole | 'leadOfOther' | 'outsider', Client>;

		beforeAll(async () => {
			p = await people(engine, 10);
			survey = await engine.createSurvey(p.org);
			const { closed, open } = survey.waves as Required<Survey['waves']>;
			// closed: 12 answers, 11 positive: one not positive is below 10, a small count
			await engine.addResponses(survey, closed, 6, { feel: 'strongly_agree' }, { phase: 'primary' });
			await engine.addResponses(survey, closed, 5, { feel: 'agree' }, { phase: 'secondary' });
			await engine.addResponses(survey, closed, 1, { feel: 'disagree' }, { phase: 'secondary' });
			// open: 25 answers, 15 positive and 10 not: nothing small overall
			await engine.addResponses(survey, open, 15, { feel: 'agree' }, { phase: 'primary' });
			await engine.addResponses(survey, open, 10, { feel: 'neither' }, { phase: 'secondary' });
			// a response that skipped the question counts towards the wave, not towards n
			await engine.addResponses(survey, open, 1, { services: ['health'] }, { phase: 'primary' });
			for (const role of MEMBER_ROLES) clients[role] = await engine.signInAs(p.members[role]);
			clients.leadOfOther = await engine.signInAs(p.leadOfOther);
			clients.outsider = await engine.signInAs(p.outsider);
		});

		async function trend(client: Client, dimension?: string, category?: string) {
			const args: Record<string, string> = { p_question_id: survey.questions.feel.id };
			if (dimension) args.p_dimension = dimension;
			if (category) args.p_category = category;
			const { data, error } = await client.rpc('indicator_trend', args);
			expect(error).toBeNull();
			return (data as TrendRow[]).map((r) => ({
				wave_id: r.wave_id,
				n: r.n,
				positive: r.positive,
				share: r.share,
				suppressed: r.suppressed
			}));
		}

		it('gives survey staff the share positive of each wave, with n, every count shown', async () => {
			const { closed, open, future } = survey.waves as Required<Survey['waves']>;
			const expected = [
				{ wave_id: closed.id, n: 12, positive: 11, share: 0.9167, suppressed: false },
				{ wave_id: open.id, n: 25, positive: 15, share: 0.6, suppressed: false },
				{ wave_id: future.id, n: 0, positive: 0, share: null, suppressed: false }
			];
			for (const role of ['admin', 'lead', 'officer', 'safeguarding'] as const) {
				expect({ role, rows: await trend(clients[role]) }).toEqual({ role, rows: expected });
			}
		});

		it('labels each wave and orders them by opening date', async () => {
			const { data } = await clients.lead.rpc('indicator_trend', { p_question_id: survey.questions.feel.id });
			const rows = data as TrendRow[];
			expect(rows.map((r) => [r.wave_label, r.wave_kind])).toEqual([
				['Wave closed', 'baseline'],
				['Wave open', 'repeat'],
				['Wave future', 'repeat']
			]);
			expect(new Date(rows[0]!.opens_at)).toEqual(survey.waves.closed!.opensAt);
		});

		it('suppresses small counts for forum and scrutiny: positive and share null, suppressed true', async () => {
			const { closed, open, future } = survey.waves as Required<Survey['waves']>;
			for (const role of ['forum', 'scrutiny'] as const) {
				expect({ role, rows: await trend(clients[role]) }).toEqual({
					role,
					rows: [
						{ wave_id: closed.id, n: 12, positive: null, share: null, suppressed: true },
						{ wave_id: open.id, n: 25, positive: 15, share: 0.6, suppressed: false },
						{ wave_id: future.id, n: 0, positive: 0, share: null, suppressed: false }
					]
				});
			}
		});

		it('reads one about-you group, suppressing it for forum when it is small', async () => {
			const { closed, open } = survey.waves as Required<Survey['waves']>;
			const forLead = await trend(clients.lead, 'phase', 'primary');
			expect(forLead.slice(0, 2)).toEqual([
				{ wave_id: closed.id, n: 6, positive: 6, share: 1, suppressed: false },
				{ wave_id: open.id, n: 15, positive: 15, share: 1, suppressed: false }
			]);
			const forForum = await trend(clients.forum, 'phase', 'primary');
			// a group of 6 is itself a small number (issue 10): its size is hidden too; and one response of the
			// open wave left the question unanswered, so it is published to forum for everyone only (groups withheld)
			expect(forForum.slice(0, 2)).toEqual([
				{ wave_id: closed.id, n: null, positive: null, share: null, suppressed: true },
				{ wave_id: open.id, n: null, positive: null, share: null, suppressed: true }
			]);
		});

		it("uses the organisation's own rule", async () => {
			const rule = (kind: string, threshold: number) =>
				engine.db.query(
					`insert into app.disclosure_rules (organisation_id, kind, threshold, rounding_base) values ($1, $2, $3, 1)`,
					[p.org.id, kind, threshold]
				);
			await rule('custom', 3);
			try {
				// the primary phase group of 6 is not small under 3, though everyone in it was positive
				const rows = await trend(clients.scrutiny, 'phase', 'primary');
				expect(rows[0]).toMatchObject({ n: 6, positive: null, suppressed: true });
			} finally {
				await rule('under_10', 10);
			}
			expect((await trend(clients.scrutiny, 'phase', 'primary'))[0]).toMatchObject({ n: null });
		});

		it('gives a member of another organisation and a non-member no rows', async () => {
			expect(await trend(clients.leadOfOther)).toEqual([]);
			expect(await trend(clients.outsider)).toEqual([]);
		});

		it('gives anon nothing of an indicator its organisation does not publish', async () => {
			// anon may call it for the public page (tests/db/public-figures.test.ts), and gets no row of this one
			const { status, data } = await engine
				.anon()
				.rpc('indicator_trend', { p_question_id: survey.questions.feel.id });
			expect(status).toBe(200);
			expect(data).toEqual([]);
		});
	});

	describe('set_wave_dates', () => {
		const opensAt = () => new Date(Date.now() - 3_600_000);
		const closesAt = () => new Date(Date.now() + 7 * 86_400_000);

		async function datesOf(waveId: string) {
			const [row] = await engine.db.query<{ opens_at: Date; closes_at: Date }>(
				'select opens_at, closes_at from app.waves where id = $1',
				[waveId]
			);
			return { opensAt: new Date(row!.opens_at).getTime(), closesAt: new Date(row!.closes_at).getTime() };
		}

		function call(client: Client, waveId: string, opens: Date, closes: Date) {
			return client.rpc('set_wave_dates', {
				p_wave_id: waveId,
				p_opens_at: opens.toISOString(),
				p_closes_at: closes.toISOString()
			});
		}

		it('lets a lead, an admin or an officer of the organisation reopen a closed wave', async () => {
			const p = await people(engine);
			for (const role of ['lead', 'admin', 'officer'] as const) {
				const survey = await engine.createSurvey(p.org);
				const wave = survey.waves.closed!;
				const [opens, closes] = [opensAt(), closesAt()];
				const { data, error } = await call(await engine.signInAs(p.members[role]), wave.id, opens, closes);
				expect(error).toBeNull();
				const result = data as { id: string; opens_at: string; closes_at: string; status: string };
				expect({ role, id: result.id, status: result.status }).toEqual({ role, id: wave.id, status: 'open' });
				expect(new Date(result.opens_at)).toEqual(opens);
				expect(new Date(result.closes_at)).toEqual(closes);
				expect(await datesOf(wave.id)).toEqual({ opensAt: opens.getTime(), closesAt: closes.getTime() });
			}
		});

		it('refuses forum, scrutiny and safeguarding, and changes nothing', async () => {
			const p = await people(engine);
			const survey = await engine.createSurvey(p.org);
			const wave = survey.waves.closed!;
			const before = await datesOf(wave.id);
			for (const role of ['forum', 'scrutiny', 'safeguarding'] as const) {
				const { data, error, status } = await call(
					await engine.signInAs(p.members[role]),
					wave.id,
					opensAt(),
					closesAt()
				);
				expect({ role, data, status, code: error?.code, hint: error?.hint }).toEqual({
					role,
					data: null,
					status: 403,
					code: '42501',
					hint: 'not_permitted'
				});
			}
			expect(await datesOf(wave.id)).toEqual(before);
		});

		it('refuses a lead of another organisation and a non-member, and changes nothing', async () => {
			const p = await people(engine);
			const survey = await engine.createSurvey(p.org);
			const wave = survey.waves.closed!;
			const before = await datesOf(wave.id);
			for (const user of [p.leadOfOther, p.outsider]) {
				const { error, status } = await call(await engine.signInAs(user), wave.id, opensAt(), closesAt());
				expect(status).toBe(403);
				expect(error?.hint).toBe('not_permitted');
			}
			expect(await datesOf(wave.id)).toEqual(before);
		});

		it('is refused to anon', async () => {
			const p = await people(engine);
			const survey = await engine.createSurvey(p.org);
			const { status } = await call(engine.anon(), survey.waves.closed!.id, opensAt(), closesAt());
			expect(status).toBe(401);
		});

		it('refuses a closing date on or before the opening date, naming the field', async () => {
			const p = await people(engine);
			const survey = await engine.createSurvey(p.org);
			const wave = survey.waves.open!;
			const before = await datesOf(wave.id);
			const lead = await engine.signInAs(p.members.lead);
			const opens = opensAt();
			for (const closes of [new Date(opens.getTime() - 86_400_000), opens]) {
				const { data, error, status } = await call(lead, wave.id, opens, closes);
				expect(data).toBeNull();
				expect(status).toBe(400);
				expect(error).toMatchObject({
					hint: 'invalid_dates',
					message: 'The closing date must be after the opening date.'
				});
				expect(parseDetails(error?.details)).toEqual({
					closes_at: 'The closing date must be after the opening date.'
				});
			}
			const { error } = await lead.rpc('set_wave_dates', {
				p_wave_id: wave.id,
				p_opens_at: opens.toISOString(),
				p_closes_at: null
			});
			expect(error?.hint).toBe('invalid_dates');
			expect(await datesOf(wave.id)).toEqual(before);
		});

		it('opens a wave to respondents at once', async () => {
			const p = await people(engine);
			const survey = await engine.createSurvey(p.org);
			const future = survey.waves.future!;
			const lead = await engine.signInAs(p.members.lead);
			expect((await call(lead, future.id, opensAt(), closesAt())).error).toBeNull();
			const { data } = await engine.anon().rpc('survey_for_respondent', { p_slug: future.slug });
			expect((data as { wave: { status: string } }).wave.status).toBe('open');
		});
	});
});
