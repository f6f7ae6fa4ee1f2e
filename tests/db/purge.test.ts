/**
 * The scheduled purge (api.purge_expired): a draft past its expiry, or of a wave closed more than a week
 * ago, is gone with what it held; a draft that can still be resumed stays; the counts of an address not
 * seen for a day go unless it is blocked. Only the app's server may run it.
 */
import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { forEachEngine, DRAFT_KEY } from './engines';

forEachEngine('scheduled purge', (engine) => {
	async function draft(waveSlug: string) {
		const id = randomUUID();
		const { error } = await engine.server().rpc('save_draft', {
			p_response_id: id,
			p_draft_key: DRAFT_KEY,
			p_wave_slug: waveSlug,
			p_answers: { feel: 'agree' },
			p_step: 1
		});
		expect(error).toBeNull();
		return id;
	}
	const drafts = async (ids: string[]) =>
		(
			await engine.db.query<{ response_id: string }>(
				'select response_id from app.respondent_drafts where response_id = any($1::uuid[])',
				[ids]
			)
		)
			.map((r) => r.response_id)
			.sort();

	it('only the server runs it', async () => {
		const org = await engine.createOrganisation();
		const admin = await engine.signInAs(await engine.createMember(org, 'admin'));
		for (const client of [engine.anon(), admin]) {
			const { error } = await client.rpc('purge_expired');
			expect(error).not.toBeNull();
		}
		expect((await engine.server().rpc('purge_expired')).error).toBeNull();
	});

	it('deletes expired drafts and those of a wave closed a week ago, and forgets idle addresses', async () => {
		const org = await engine.createOrganisation();
		const live = await engine.createSurvey(org, { waves: ['open'] });
		const closing = await engine.createSurvey(org, { waves: ['open'] });
		const [kept, expired, ofClosed] = [
			await draft(live.waves.open!.slug),
			await draft(live.waves.open!.slug),
			await draft(closing.waves.open!.slug)
		];
		await engine.db.query(
			`update app.respondent_drafts set expires_at = now() - interval '1 minute' where response_id = $1`,
			[expired]
		);
		// closed eight days ago
		await engine.db.query(
			`update app.waves set opens_at = now() - interval '40 days', closes_at = now() - interval '8 days'
			 where id = $1`,
			[closing.waves.open!.id]
		);
		const idle = 'a'.repeat(64);
		const blocked = 'b'.repeat(64);
		const recent = 'c'.repeat(64);
		await engine.db.query(
			`insert into app.client_limits (address_hash, action, window_start, hits, blocked_until, updated_at) values
			   ($1, 'resume_miss', now() - interval '2 days', 3, null, now() - interval '2 days'),
			   ($2, 'resume_miss', now() - interval '2 days', 30, now() + interval '1 hour', now() - interval '2 days'),
			   ($3, 'resume_miss', now(), 1, null, now())`,
			[idle, blocked, recent]
		);

		const { data, error } = await engine.server().rpc('purge_expired');
		expect(error).toBeNull();
		expect(data).toMatchObject({ closed_wave_drafts: 1 });
		expect((data as { expired_drafts: number }).expired_drafts).toBeGreaterThanOrEqual(1);
		expect(await drafts([kept, expired, ofClosed])).toEqual([kept]);
		const left = await engine.db.query<{ address_hash: string }>(
			'select address_hash from app.client_limits where address_hash = any($1) order by address_hash',
			[[idle, blocked, recent]]
		);
		expect(left.map((r) => r.address_hash)).toEqual([blocked, recent]);
		// what is left can still be resumed
		const { data: resumed } = await engine
			.server()
			.rpc('load_draft', { p_response_id: kept, p_draft_key: DRAFT_KEY });
		expect(resumed).toMatchObject({ answers: { feel: 'agree' } });
	});

	it('keeps the drafts of a wave closed less than a week ago, for staff who reopen it', async () => {
		const org = await engine.createOrganisation();
		const survey = await engine.createSurvey(org, { waves: ['open'] });
		const id = await draft(survey.waves.open!.slug);
		await engine.db.query(
			`update app.waves set opens_at = now() - interval '40 days', closes_at = now() - interval '2 days'
			 where id = $1`,
			[survey.waves.open!.id]
		);
		await engine.server().rpc('purge_expired');
		expect(await drafts([id])).toEqual([id]);
	});
});
