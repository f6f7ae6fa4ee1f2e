/**
 * Waves answered only through invitation links (20261204000200_invitation_only_waves.sql, issue 12):
 * who may set it (admins, leads and officers, recorded in the audit log), and that the database then
 * refuses, whoever calls it, a draft or a response that did not come through a link: the public address
 * takes no answers, an invitation link still does, and staff still key in paper and phone answers.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import {
	DRAFT_KEY,
	forEachEngine,
	MEMBER_ROLES,
	type Client,
	type MemberRole,
	type Organisation,
	type Survey,
	type User
} from './engines';

forEachEngine('invitation-only waves', (engine) => {
	let org: Organisation;
	let lead: User;
	const clients = {} as Record<MemberRole | 'leadOfOther' | 'outsider', Client>;

	beforeAll(async () => {
		org = await engine.createOrganisation();
		for (const role of MEMBER_ROLES) {
			const member = await engine.createMember(org, role);
			if (role === 'lead') lead = member;
			clients[role] = await engine.signInAs(member);
		}
		clients.leadOfOther = await engine.signInAs(
			await engine.createMember(await engine.createOrganisation(), 'lead')
		);
		clients.outsider = await engine.signInAs(await engine.createUser());
	});

	const setAccess = (c: Client, s: Survey, invitationOnly: boolean) =>
		c.rpc('set_wave_access', { p_wave_id: s.waves.open!.id, p_invitation_only: invitationOnly });

	async function invitationOnly(s: Survey): Promise<boolean> {
		const [row] = await engine.db.query<{ invitation_only: boolean }>(
			'select invitation_only from app.waves where id = $1',
			[s.waves.open!.id]
		);
		return row!.invitation_only;
	}

	const submit = (s: Survey, id = randomUUID()) =>
		engine.server().rpc('submit_response', {
			p_response_id: id,
			p_wave_slug: s.waves.open!.slug,
			p_answers: { feel: 'agree' },
			p_draft_key: DRAFT_KEY
		});

	async function responses(s: Survey): Promise<number> {
		const [row] = await engine.db.query<{ n: number }>(
			'select count(*)::int as n from app.responses where wave_id = $1',
			[s.waves.open!.id]
		);
		return row!.n;
	}

	describe('who may set it', () => {
		it('lets an admin, a lead and an officer set and clear it, each change in the audit log', async () => {
			for (const role of ['admin', 'lead', 'officer'] as const) {
				const s = await engine.createSurvey(org, { waves: ['open'] });
				const on = await setAccess(clients[role], s, true);
				expect({ role, error: on.error, data: on.data }).toEqual({
					role,
					error: null,
					data: { id: s.waves.open!.id, invitation_only: true }
				});
				expect(await invitationOnly(s)).toBe(true);
				// setting it again changes nothing, and logs nothing
				await setAccess(clients[role], s, true);
				await setAccess(clients[role], s, false);
				expect(await invitationOnly(s)).toBe(false);
				const log = await engine.db.query<{ action: string; detail: { invitation_only: boolean } }>(
					'select action, detail from app.audit_log where subject_id = $1 order by at, id',
					[s.waves.open!.id]
				);
				expect(log.map((l) => [l.action, l.detail.invitation_only])).toEqual([
					['wave.access_changed', true],
					['wave.access_changed', false]
				]);
			}
		});

		it('refuses forum, scrutiny, safeguarding, another organisation, an outsider and anon, changing nothing', async () => {
			const s = await engine.createSurvey(org, { waves: ['open'] });
			for (const who of ['forum', 'scrutiny', 'safeguarding', 'leadOfOther', 'outsider'] as const) {
				const { error } = await setAccess(clients[who], s, true);
				expect({ who, hint: error?.hint }).toEqual({ who, hint: 'not_permitted' });
			}
			const anon = await setAccess(engine.anon(), s, true);
			expect(anon.error).not.toBeNull();
			// nor can a lead write the column straight to the table
			await expect(
				engine.queryAs(
					'authenticated',
					lead.id,
					'update app.waves set invitation_only = true where id = $1',
					[s.waves.open!.id]
				)
			).rejects.toThrow(/permission denied/);
			expect(await invitationOnly(s)).toBe(false);
		});

		it('shows the setting to respondents and to the builder', async () => {
			const s = await engine.createSurvey(org, { waves: ['open'] });
			await setAccess(clients.lead, s, true);
			const respondent = await engine.anon().rpc('survey_for_respondent', { p_slug: s.waves.open!.slug });
			expect(
				(respondent.data as unknown as { wave: { invitation_only: boolean } }).wave.invitation_only
			).toBe(true);
			const builder = await clients.officer.rpc('survey_for_builder', { p_survey_id: s.id });
			const waves = (builder.data as unknown as { waves: { id: string; invitation_only: boolean }[] }).waves;
			expect(waves.find((w) => w.id === s.waves.open!.id)?.invitation_only).toBe(true);
		});
	});

	describe('the database takes answers only through a link', () => {
		it('refuses a draft and a response from the public address, and writes nothing', async () => {
			const s = await engine.createSurvey(org, { waves: ['open'] });
			await setAccess(clients.lead, s, true);
			const draft = await engine.server().rpc('save_draft', {
				p_response_id: randomUUID(),
				p_draft_key: DRAFT_KEY,
				p_wave_slug: s.waves.open!.slug,
				p_answers: { feel: 'agree' }
			});
			expect(draft.error?.hint).toBe('invitation_only');
			const sent = await submit(s);
			expect(sent.error?.hint).toBe('invitation_only');
			expect(sent.error?.message).toMatch(/Use the link you were sent/);
			expect(await responses(s)).toBe(0);
			const [drafts] = await engine.db.query<{ n: number }>(
				'select count(*)::int as n from app.respondent_drafts where wave_id = $1',
				[s.waves.open!.id]
			);
			expect(drafts!.n).toBe(0);
		});

		it('takes a response started from an invitation link, once', async () => {
			const s = await engine.createSurvey(org, { waves: ['open'] });
			await setAccess(clients.lead, s, true);
			const made = await clients.officer.rpc('create_invitations', {
				p_wave_id: s.waves.open!.id,
				p_count: 1,
				p_label: 'panel'
			});
			const token = (made.data as unknown as { token: string }[])[0]!.token;
			const id = randomUUID();
			const started = await engine
				.server()
				.rpc('start_invitation', { p_token: token, p_response_id: id, p_draft_key: DRAFT_KEY });
			expect(started.error).toBeNull();
			// the draft saves as the respondent goes on
			const saved = await engine.server().rpc('save_draft', {
				p_response_id: id,
				p_draft_key: DRAFT_KEY,
				p_wave_slug: s.waves.open!.slug,
				p_answers: { feel: 'agree' },
				p_step: 2
			});
			expect(saved.error).toBeNull();
			expect((await submit(s, id)).error).toBeNull();
			expect(await responses(s)).toBe(1);
			// the setting does not leak out of start_invitation's own transaction
			expect((await submit(s)).error?.hint).toBe('invitation_only');
			expect(await responses(s)).toBe(1);
		});

		it('still lets staff key in paper answers; anyone may answer again once it is cleared', async () => {
			const s = await engine.createSurvey(org, { waves: ['open'] });
			await setAccess(clients.lead, s, true);
			const entered = await clients.officer.rpc('enter_response', {
				p_wave_id: s.waves.open!.id,
				p_response_id: randomUUID(),
				p_answers: { feel: 'agree' },
				p_channel: 'paper',
				p_given_on: new Date().toISOString().slice(0, 10)
			});
			expect(entered.error).toBeNull();
			expect(await responses(s)).toBe(1);
			await setAccess(clients.lead, s, false);
			expect((await submit(s)).error).toBeNull();
			expect(await responses(s)).toBe(2);
		});
	});
});
