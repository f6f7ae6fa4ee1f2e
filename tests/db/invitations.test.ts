/**
 * One-time invitation links (api.create_invitations, api.list_invitations, api.invitation_status,
 * api.start_invitation, and the trigger on app.responses that uses them), through supabase-js as
 * the app calls them: who may make and read them, and that a link takes exactly one response.
 */
import { createHash, randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import {
	forEachEngine,
	type MemberRole,
	type Organisation,
	type Survey,
	type User,
	DRAFT_KEY,
	expectBlockedTenMinutes
} from './engines';

/** A client address of this test's own (the limits' table is shared by the file's tests). */
const address = () => `2001:db8:1::${randomUUID().slice(0, 4)}:${randomUUID().slice(0, 4)}`;
const hashOf = (a: string) => createHash('sha256').update(a).digest('hex');
/** A well-formed token that no link has. */
const unknownToken = () => randomUUID().replaceAll('-', '').slice(0, 22);

interface Made {
	id: string;
	token: string;
	label: string | null;
}

forEachEngine('invitation links', (engine) => {
	let org: Organisation;
	let other: Organisation;
	let survey: Survey;
	const members = {} as Record<MemberRole, User>;
	let leadOfOther: User;

	beforeAll(async () => {
		org = await engine.createOrganisation();
		other = await engine.createOrganisation();
		survey = await engine.createSurvey(org);
		for (const role of ['admin', 'lead', 'officer', 'forum', 'scrutiny', 'safeguarding'] as const) {
			members[role] = await engine.createMember(org, role);
		}
		leadOfOther = await engine.createMember(other, 'lead');
	});

	async function make(user: User, count = 2, label: string | null = 'after annual review') {
		const client = await engine.signInAs(user);
		return client.rpc('create_invitations', {
			p_wave_id: survey.waves.open!.id,
			p_count: count,
			p_label: label as string
		});
	}

	describe('who may make and read them', () => {
		it('lets admins, leads and officers make links, each with an unguessable token', async () => {
			for (const role of ['admin', 'lead', 'officer'] as const) {
				const { data, error } = await make(members[role], 2);
				expect(error, role).toBeNull();
				const made = data as unknown as Made[];
				expect(made).toHaveLength(2);
				for (const m of made) {
					expect(m.token).toMatch(/^[A-Za-z0-9_-]{22}$/);
					expect(m.label).toBe('after annual review');
				}
				expect(made[0]!.token).not.toBe(made[1]!.token);
			}
		});

		it('refuses forum, scrutiny, safeguarding, another organisation and anon, and writes nothing', async () => {
			const [before] = await engine.db.query<{ n: number }>('select count(*)::int as n from app.invitations');
			for (const user of [members.forum, members.scrutiny, members.safeguarding, leadOfOther]) {
				const { error } = await make(user, 1);
				expect(error?.code).toBe('42501');
				expect(error?.hint).toBe('not_permitted');
			}
			const anon = await engine
				.anon()
				.rpc('create_invitations', { p_wave_id: survey.waves.open!.id, p_count: 1, p_label: 'x' });
			expect(anon.error).not.toBeNull();
			const [after] = await engine.db.query<{ n: number }>('select count(*)::int as n from app.invitations');
			expect(after?.n).toBe(before?.n);
		});

		it('refuses a count out of range beside the field', async () => {
			const { error } = await make(members.lead, 0);
			expect(error?.hint).toBe('invalid_invitations');
		});

		it("lists a wave's links to its survey staff only (a link lets anyone answer once); anon cannot list", async () => {
			const args = { p_wave_id: survey.waves.open!.id };
			const lead = await engine.signInAs(members.lead);
			const forum = await engine.signInAs(members.forum);
			const outsider = await engine.signInAs(leadOfOther);
			expect(((await lead.rpc('list_invitations', args)).data as unknown[]).length).toBeGreaterThan(0);
			expect((await forum.rpc('list_invitations', args)).data).toEqual([]);
			expect((await outsider.rpc('list_invitations', args)).data).toEqual([]);
			expect((await engine.anon().rpc('list_invitations', args)).error).not.toBeNull();
			await expect(engine.queryAs('anon', null, 'select * from app.invitations')).rejects.toThrow(
				/permission denied/
			);
			await expect(
				engine.queryAs('authenticated', members.admin.id, `update app.invitations set label = 'x'`)
			).rejects.toThrow(/permission denied/);
		});
	});

	describe('using a link', () => {
		it('takes one response; a second submission with the same link is refused and writes nothing', async () => {
			const [made] = (await make(members.lead, 1)).data as unknown as Made[];
			const token = made!.token;
			// the app's server asks, for the respondent's address
			const server = engine.server(address());
			expect((await server.rpc('invitation_status', { p_token: token })).data).toEqual({
				wave_slug: survey.waves.open!.slug,
				status: 'unused'
			});

			// two tabs start from the same link
			const first = randomUUID();
			const second = randomUUID();
			for (const id of [first, second]) {
				const { error } = await engine
					.server()
					.rpc('start_invitation', { p_token: token, p_response_id: id });
				expect(error).toBeNull();
			}
			const sent = await engine.server().rpc('submit_response', {
				p_response_id: first,
				p_wave_slug: survey.waves.open!.slug,
				p_answers: { feel: 'agree' }
			});
			expect(sent.error).toBeNull();
			const [used] = await engine.db.query<{ response_id: string; used_at: string | null }>(
				'select response_id, used_at from app.invitations where token = $1',
				[token]
			);
			expect(used?.response_id).toBe(first);
			expect(used?.used_at).not.toBeNull();
			expect((await server.rpc('invitation_status', { p_token: token })).data).toMatchObject({
				status: 'used'
			});

			const again = await engine.server().rpc('submit_response', {
				p_response_id: second,
				p_wave_slug: survey.waves.open!.slug,
				p_answers: { feel: 'disagree' }
			});
			expect(again.error?.hint).toBe('invitation_used');
			const [n] = await engine.db.query<{ n: number }>(
				'select count(*)::int as n from app.responses where id = $1',
				[second]
			);
			expect(n?.n).toBe(0);

			// and the used link starts nothing more
			const third = await engine
				.server()
				.rpc('start_invitation', { p_token: token, p_response_id: randomUUID() });
			expect(third.error?.hint).toBe('invitation_used');
		});

		it('starts the draft in the language chosen on the link, and in English for one the survey does not offer', async () => {
			const lead = await engine.signInAs(members.lead);
			const added = await lead.rpc('add_survey_language', {
				p_survey_id: survey.id,
				p_code: 'ur',
				p_name: 'اردو'
			});
			expect(added.error).toBeNull();
			const made = (await make(members.lead, 2)).data as unknown as Made[];
			const started: Record<string, string | null> = {};
			for (const [i, language] of ['ur', 'de'].entries()) {
				const id = randomUUID();
				const { data, error } = await engine.server().rpc('start_invitation', {
					p_token: made[i]!.token,
					p_response_id: id,
					p_easy_read: false,
					p_language: language,
					p_draft_key: DRAFT_KEY
				});
				expect(error).toBeNull();
				expect((data as { language: string | null }).language).toBe(language === 'ur' ? 'ur' : null);
				const loaded = await engine.server().rpc('load_draft', { p_response_id: id, p_draft_key: DRAFT_KEY });
				started[language] = (loaded.data as { language: string | null }).language;
			}
			expect(started).toEqual({ ur: 'ur', de: null });
		});

		it('gives nothing for an unknown or malformed token', async () => {
			const server = engine.server(address());
			for (const p_token of ['A'.repeat(22), "x' or 1=1"]) {
				const { data, error } = await server.rpc('invitation_status', { p_token });
				expect(error).toBeNull();
				expect(data).toBeNull();
			}
			const start = await engine.server().rpc('start_invitation', {
				p_token: 'A'.repeat(22),
				p_response_id: randomUUID()
			});
			expect(start.error?.hint).toBe('not_found');
		});

		it('says closed for a link of a closed wave, and starts nothing', async () => {
			const lead = await engine.signInAs(members.lead);
			const { data } = await lead.rpc('create_invitations', {
				p_wave_id: survey.waves.closed!.id,
				p_count: 1,
				p_label: null as unknown as string
			});
			const [made] = data as unknown as Made[];
			expect(made!.label).toBeNull();
			expect(
				(await engine.server(address()).rpc('invitation_status', { p_token: made!.token })).data
			).toMatchObject({
				status: 'closed'
			});
			const start = await engine
				.server()
				.rpc('start_invitation', { p_token: made!.token, p_response_id: randomUUID() });
			expect(start.error?.hint).toBe('wave_closed');
		});
	});
	describe('asked about through the server alone, unknown links counted per address', () => {
		it('anon and signed-in members cannot ask about a link; the server can', async () => {
			const [made] = (await make(members.lead, 1)).data as unknown as Made[];
			for (const [client, status] of [
				[engine.anon(), 401],
				[await engine.signInAs(members.lead), 403]
			] as const) {
				const asked = await client.rpc('invitation_status', { p_token: made!.token });
				expect(asked.status).toBe(status);
				expect(asked.data).toBeNull();
			}
			await expect(
				engine.queryAs('anon', null, `select api.invitation_status('${made!.token}')`)
			).rejects.toThrow(/permission denied/);
			expect(
				(await engine.server(address()).rpc('invitation_status', { p_token: made!.token })).data
			).toEqual({
				wave_slug: survey.waves.open!.slug,
				status: 'unused'
			});
		});

		it('20 unknown links block that address for 10 minutes, even its own link; another address is answered', async () => {
			const [made] = (await make(members.lead, 1)).data as unknown as Made[];
			const where = address();
			const guesser = engine.server(where);
			for (let i = 0; i < 20; i++) {
				// malformed and well-formed guesses count alike
				const miss = await guesser.rpc('invitation_status', {
					p_token: i % 2 ? unknownToken() : `nonsense ${i}`
				});
				expect(miss.error).toBeNull();
				expect(miss.data).toBeNull();
			}
			const refused = await guesser.rpc('invitation_status', { p_token: made!.token });
			expectBlockedTenMinutes(refused);
			// only a hash of the address is kept
			const rows = await engine.db.query<{ address_hash: string }>(
				`select address_hash from app.client_limits where action = 'invitation_miss' and address_hash = $1`,
				[hashOf(where)]
			);
			expect(rows).toHaveLength(1);

			// no lockout of anyone else, and a respondent's wrong resume codes are a count of their own
			expect(
				(await engine.server(address()).rpc('invitation_status', { p_token: made!.token })).data
			).toMatchObject({
				status: 'unused'
			});
			const [resume] = await engine.db.query<{ n: number }>(
				`select count(*)::int as n from app.client_limits where address_hash = $1 and action = 'resume_miss'`,
				[hashOf(where)]
			);
			expect(resume?.n).toBe(0);
		});

		it('backs off: a second block within a day lasts twice as long', async () => {
			const where = address();
			const guesser = engine.server(where);
			const blockFor = async () => {
				for (let i = 0; i < 20; i++) await guesser.rpc('invitation_status', { p_token: unknownToken() });
				const refused = await guesser.rpc('invitation_status', { p_token: unknownToken() });
				expect(refused.status).toBe(429);
				return Math.round(Number(refused.error?.details) / 60);
			};
			expect(await blockFor()).toBe(10);
			// the block ends, as if its time had passed
			await engine.db.query(
				`update app.client_limits set blocked_until = now() - interval '1 second', window_start = now() - interval '1 second'
				 where address_hash = $1 and action = 'invitation_miss'`,
				[hashOf(where)]
			);
			expect(await blockFor()).toBe(20);
		});

		it('links that are known are never counted, and the server naming no address is not limited', async () => {
			const made = (await make(members.lead, 1)).data as unknown as Made[];
			const where = address();
			const respondent = engine.server(where);
			for (let i = 0; i < 25; i++) {
				expect((await respondent.rpc('invitation_status', { p_token: made[0]!.token })).status).toBe(200);
			}
			const counted = await engine.db.query(
				`select 1 from app.client_limits where address_hash = $1 and action = 'invitation_miss'`,
				[hashOf(where)]
			);
			expect(counted).toHaveLength(0);
			const tools = engine.server('');
			for (let i = 0; i < 25; i++) {
				const asked = await tools.rpc('invitation_status', { p_token: unknownToken() });
				expect(asked.status).toBe(200);
				expect(asked.data).toBeNull();
			}
		});
	});
});
