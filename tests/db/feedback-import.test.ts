/**
 * Feedback from a file (api.import_feedback): all or none, every problem of every row named; about-you
 * details checked (also on api.add_feedback); a worrying row goes to the safeguarding queue and nowhere
 * else; one audit entry. Each role tried, allowed and denied.
 */
import { expect, it } from 'vitest';
import { forEachEngine, type Client, type Organisation } from './engines';

forEachEngine('feedback import', (engine) => {
	const today = () => new Date().toISOString().slice(0, 10);
	const count = async (org: Organisation) =>
		(
			await engine.db.query<{ n: number }>(
				'select count(*)::int as n from app.feedback where organisation_id = $1',
				[org.id]
			)
		)[0]!.n;
	const row = (text: string, extra: Record<string, unknown> = {}) => ({
		channel: 'youth_cabinet',
		given_on: today(),
		text,
		...extra
	});
	async function member(org: Organisation, role: Parameters<typeof engine.createMember>[1]): Promise<Client> {
		return engine.signInAs(await engine.createMember(org, role));
	}

	it('lets admins, leads and officers add a file of feedback, and no one else', async () => {
		const org = await engine.createOrganisation();
		const other = await engine.createOrganisation();
		for (const role of ['admin', 'lead', 'officer'] as const) {
			const { data, error } = await (
				await member(org, role)
			).rpc('import_feedback', {
				p_organisation_id: org.id,
				p_rows: [row(`From the ${role}`)]
			});
			expect(error, role).toBeNull();
			expect(data).toEqual({ added: 1, held: 0 });
		}
		for (const role of ['forum', 'scrutiny', 'safeguarding'] as const) {
			const { error } = await (
				await member(org, role)
			).rpc('import_feedback', {
				p_organisation_id: org.id,
				p_rows: [row('x')]
			});
			expect(error?.hint, role).toBe('not_permitted');
		}
		const stranger = await (
			await member(other, 'lead')
		).rpc('import_feedback', {
			p_organisation_id: org.id,
			p_rows: [row('x')]
		});
		expect(stranger.error?.hint).toBe('not_permitted');
		const anon = await engine
			.anon()
			.rpc('import_feedback', { p_organisation_id: org.id, p_rows: [row('x')] });
		expect(anon.error).not.toBeNull();
		expect(await count(org)).toBe(3);
	});

	it('adds none when any row is bad, and names every problem of every row', async () => {
		const org = await engine.createOrganisation();
		const lead = await member(org, 'lead');
		const { error } = await lead.rpc('import_feedback', {
			p_organisation_id: org.id,
			p_rows: [
				row('A good one'),
				row('', { channel: 'carrier_pigeon', given_on: '2999-01-01' }),
				row('Another good one', { given_on: '14/03/2026' }),
				row('About me', { about: { phase: 'university', favourite_colour: 'blue' } })
			]
		});
		expect(error?.hint).toBe('invalid_feedback');
		const detail = JSON.parse(error!.details) as { rows: { row: number; field: string; message: string }[] };
		expect(detail.rows.map((r) => [r.row, r.field]).sort()).toEqual(
			[
				[2, 'channel'],
				[2, 'given_on'],
				[2, 'text'],
				[3, 'given_on'],
				[4, 'about.favourite_colour'],
				[4, 'about.phase']
			].sort()
		);
		const message = (r: number, f: string) => detail.rows.find((x) => x.row === r && x.field === f)!.message;
		expect(message(2, 'channel')).toMatch(/“carrier_pigeon” is not a way feedback is given here/);
		expect(message(2, 'given_on')).toBe('The date cannot be in the future.');
		expect(message(3, 'given_on')).toBe('Write the date as YYYY-MM-DD, like 2026-03-14.');
		expect(message(4, 'about.phase')).toMatch(/“university” is not one of the answers to/);
		expect(await count(org)).toBe(0);

		const empty = await lead.rpc('import_feedback', { p_organisation_id: org.id, p_rows: [] });
		expect(empty.error?.hint).toBe('invalid_feedback');
		const many = await lead.rpc('import_feedback', {
			p_organisation_id: org.id,
			p_rows: Array.from({ length: 5001 }, (_, i) => row(`Row ${i}`))
		});
		expect(JSON.parse(many.error!.details).rows[0].message).toMatch(/at most 5,000/);
		expect(await count(org)).toBe(0);
	});

	it("keeps the about-you details, refusing another organisation's own answers", async () => {
		const org = await engine.createOrganisation();
		const other = await engine.createOrganisation();
		await engine.db.query(
			`insert into app.about_categories (organisation_id, dimension, code, label, position)
			 values ($1, 'area', 'their_town', 'Their town', 1)`,
			[other.id]
		);
		const officer = await member(org, 'officer');
		const theirs = await officer.rpc('import_feedback', {
			p_organisation_id: org.id,
			p_rows: [row('From their town', { about: { area: 'their_town' } })]
		});
		expect(theirs.error?.hint).toBe('invalid_feedback');
		const ok = await officer.rpc('import_feedback', {
			p_organisation_id: org.id,
			p_rows: [row('From a primary school', { about: { phase: 'primary' } })]
		});
		expect(ok.error).toBeNull();
		const [item] = await engine.db.query<{ about: Record<string, string> }>(
			'select about from app.feedback where organisation_id = $1',
			[org.id]
		);
		expect(item!.about).toEqual({ phase: 'primary' });
		// one at a time, the same checks
		const single = await officer.rpc('add_feedback', {
			p_organisation_id: org.id,
			p_channel: 'event',
			p_given_on: today(),
			p_text: 'x',
			p_about: { phase: 'university' }
		});
		expect(single.error?.hint).toBe('invalid_feedback');
		expect(JSON.parse(single.error!.details)).toHaveProperty('about.phase');
		// the choices the forms offer
		const { data: choices } = await officer.rpc('about_choices', { p_organisation_id: org.id });
		const phase = (choices as { key: string; categories: { code: string }[] }[]).find(
			(d) => d.key === 'phase'
		);
		expect(phase?.categories.map((c) => c.code)).toContain('primary');
		const area = (choices as { key: string; categories: { code: string }[] }[]).find((d) => d.key === 'area');
		expect(area?.categories.map((c) => c.code)).not.toContain('their_town');
		const forum = await (await member(org, 'forum')).rpc('about_choices', { p_organisation_id: org.id });
		expect(forum.error?.hint).toBe('not_permitted');
	});

	it('sends a worrying row to the safeguarding queue only, and keeps one audit entry', async () => {
		const org = await engine.createOrganisation();
		const lead = await member(org, 'lead');
		const safeguarding = await member(org, 'safeguarding');
		const admin = await member(org, 'admin');
		const { data, error } = await lead.rpc('import_feedback', {
			p_organisation_id: org.id,
			p_rows: [row('More clubs in the holidays'), row('One boy said he is scared to go home')]
		});
		expect(error).toBeNull();
		expect(data).toEqual({ added: 2, held: 1 });
		const { data: inbox } = await lead.rpc('feedback_inbox', { p_organisation_id: org.id });
		expect((inbox as { items: { text: string }[] }).items.map((i) => i.text)).toEqual([
			'More clubs in the holidays'
		]);
		const { data: queue } = await safeguarding.rpc('safeguarding_queue', { p_organisation_id: org.id });
		expect((queue as { items: { text: string }[] }).items.map((i) => i.text)).toEqual([
			'One boy said he is scared to go home'
		]);
		const { data: log } = await admin.rpc('audit_log', { p_organisation_id: org.id });
		const entries = (log as { action: string; detail: unknown }[]).filter(
			(e) => e.action === 'feedback.imported'
		);
		expect(entries).toEqual([expect.objectContaining({ detail: { added: 2, held: 1 } })]);
	});
});
