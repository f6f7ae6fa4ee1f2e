/**
 * Respondent drafts (api.save_draft, api.load_draft) through supabase-js with the service role key, as
 * the app's server calls them for the respondent's pages (anon may not: see respondent-limits.test.ts):
 * kept and found only by the response id or the resume code, never
 * read from the table, forgotten when they expire and when the response is submitted.
 */
import { createHash, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Queryable } from '../../src/lib/server/platform/db/types';
import { forEachEngine, type Client, type Engine, type Wave, DRAFT_KEY } from './engines';

interface DraftJson {
	status: 'draft';
	response_id: string;
	wave_slug: string;
	resume_code: string;
	answers: Record<string, unknown>;
	step: number;
	easy_read: boolean;
	expires_at: string;
}

async function save(
	client: Client,
	wave: Wave,
	responseId: string,
	answers: Record<string, unknown> = {},
	step = 1,
	easyRead = false
) {
	return client.rpc('save_draft', {
		p_response_id: responseId,
		p_draft_key: DRAFT_KEY,
		p_wave_slug: wave.slug,
		p_answers: answers as never,
		p_step: step,
		p_easy_read: easyRead
	});
}

async function openWave(engine: Engine) {
	const org = await engine.createOrganisation();
	const survey = await engine.createSurvey(org);
	return { survey, open: survey.waves.open!, closed: survey.waves.closed!, future: survey.waves.future! };
}

forEachEngine('respondent drafts', (engine) => {
	describe('saving and loading', () => {
		it('keeps answers page by page under the response id, with a resume code', async () => {
			const { open } = await openWave(engine);
			const server = engine.server();
			const id = randomUUID();

			const first = await save(server, open, id, { feel: 'agree' }, 2, true);
			expect(first.error).toBeNull();
			const draft = first.data as unknown as DraftJson;
			expect(draft).toMatchObject({
				status: 'draft',
				response_id: id,
				wave_slug: open.slug,
				answers: { feel: 'agree' },
				step: 2,
				easy_read: true
			});
			expect(draft.resume_code).toMatch(
				/^[ABCDEFGHJKMNPQRSTVWXYZ2-9]{4}-[ABCDEFGHJKMNPQRSTVWXYZ2-9]{4}-[ABCDEFGHJKMNPQRSTVWXYZ2-9]{4}$/
			);

			// a later page adds to what was kept; the code stays the same
			const second = await save(server, open, id, { services: ['health'], comment: '<b>hi</b>' }, 3);
			expect(second.error).toBeNull();
			expect((second.data as unknown as DraftJson).resume_code).toBe(draft.resume_code);

			const byId = await server.rpc('load_draft', { p_response_id: id, p_draft_key: DRAFT_KEY });
			expect(byId.error).toBeNull();
			expect(byId.data).toMatchObject({
				answers: { feel: 'agree', services: ['health'], comment: '<b>hi</b>' },
				step: 3,
				easy_read: false
			});

			// typed by a person: lower case, without the dash
			const typed = draft.resume_code.replaceAll('-', ' ').toLowerCase();
			const byCode = await server.rpc('load_draft', { p_resume_code: typed, p_draft_key: DRAFT_KEY });
			expect(byCode.error).toBeNull();
			expect(byCode.data).toMatchObject({ response_id: id, step: 3 });
		});

		it('finds nothing for an unknown id or code, and needs exactly one of them', async () => {
			const server = engine.server();
			expect(
				(await server.rpc('load_draft', { p_response_id: randomUUID(), p_draft_key: DRAFT_KEY })).data
			).toBeNull();
			expect(
				(await server.rpc('load_draft', { p_resume_code: 'ZZZZ-ZZZZ', p_draft_key: DRAFT_KEY })).data
			).toBeNull();
			expect(
				(await server.rpc('load_draft', { p_resume_code: "' or true --", p_draft_key: DRAFT_KEY })).data
			).toBeNull();
			const neither = await server.rpc('load_draft', {});
			expect(neither.error?.hint).toBe('invalid_request');
		});

		it('refuses a wave that is closed or not yet open, and answers that are not form values', async () => {
			const { open, closed, future } = await openWave(engine);
			const server = engine.server();
			expect((await save(server, closed, randomUUID())).error?.hint).toBe('wave_closed');
			expect((await save(server, future, randomUUID())).error?.hint).toBe('wave_not_open');
			expect((await save(server, open, randomUUID(), { feel: { nested: true } })).error?.hint).toBe(
				'invalid_request'
			);
			expect((await save(server, open, randomUUID(), { 'Bad Key': 'x' })).error?.hint).toBe(
				'invalid_request'
			);
			expect((await save(server, open, randomUUID(), { comment: 'x'.repeat(100_001) })).error?.hint).toBe(
				'invalid_request'
			);
		});

		it('keeps a draft to the wave it was started in', async () => {
			const { open } = await openWave(engine);
			const other = (await openWave(engine)).open;
			const id = randomUUID();
			expect((await save(engine.server(), open, id)).error).toBeNull();
			expect((await save(engine.server(), other, id)).error?.hint).toBe('wrong_wave');
		});
	});

	describe('privacy', () => {
		it('anon and signed-in members cannot read or write the drafts table', async () => {
			const { open, survey } = await openWave(engine);
			await save(engine.server(), open, randomUUID(), { feel: 'agree' });
			await expect(engine.queryAs('anon', null, 'select * from app.respondent_drafts')).rejects.toThrow(
				/permission denied/
			);
			const lead = await engine.createMember({ id: survey.organisationId, slug: '', name: '' }, 'lead');
			await expect(
				engine.queryAs('authenticated', lead.id, 'select * from app.respondent_drafts')
			).rejects.toThrow(/permission denied/);
			await expect(engine.queryAs('anon', null, `delete from app.respondent_drafts`)).rejects.toThrow(
				/permission denied/
			);
		});

		it('row-level security is on for the drafts table', async () => {
			const [row] = await engine.db.query<{ rls: boolean }>(
				`select relrowsecurity as rls from pg_class where oid = 'app.respondent_drafts'::regclass`
			);
			expect(row?.rls).toBe(true);
		});
	});

	// Two first saves of one response at the same moment (two tabs, a double press) meet at the draft's
	// primary key. Only PostgreSQL can race them, on two connections; PGlite runs one call at a time.
	describe.skipIf(engine.name === 'pglite')('two first saves of a response at the same moment', () => {
		const OTHER_KEY = 'another-draft-key-0123456789';

		/** api.save_draft as the server calls it, in the transaction given (from the address given). */
		async function saveIn(tx: Queryable, wave: Wave, id: string, draft: Record<string, unknown>) {
			await tx.query(
				`select set_config('role', 'service_role', true), set_config('request.jwt.claims', $1, true),
				        set_config('request.headers', $2, true)`,
				[JSON.stringify({ role: 'service_role' }), JSON.stringify({ 'x-client-address': draft.address })]
			);
			const [row] = await tx.query<{ draft: DraftJson }>(
				`select api.save_draft(p_response_id => $1::text::uuid, p_wave_slug => $2::text, p_answers => $3::text::jsonb,
				        p_step => $4, p_easy_read => $5, p_draft_key => $6) as draft`,
				[id, wave.slug, JSON.stringify(draft.answers), draft.step, draft.easyRead, draft.key]
			);
			return row!.draft;
		}

		/** The second save, started while the first holds its new draft uncommitted, and waiting on it. */
		async function race(wave: Wave, id: string, second: Record<string, unknown>) {
			let waiting: Promise<DraftJson> | undefined;
			await engine.db.transaction(async (tx) => {
				await saveIn(tx, wave, id, {
					address: '203.0.113.20',
					answers: { feel: 'agree' },
					step: 1,
					easyRead: false,
					key: DRAFT_KEY
				});
				waiting = engine.db.transaction((other) => saveIn(other, wave, id, second));
				waiting.catch(() => {}); // read below
				for (let i = 0; ; i++) {
					const [{ n }] = (await engine.db.query<{ n: number }>(
						`select count(*)::int as n from pg_stat_activity
						  where datname = current_database() and wait_event_type = 'Lock'`
					)) as [{ n: number }];
					if (n > 0) break;
					if (i > 200) throw new Error('the second save never waited for the first');
					await new Promise((resolve) => setTimeout(resolve, 25));
				}
			});
			return waiting!;
		}

		it('the second changes the draft as any later save does: its answers, its page and easy read', async () => {
			const { open } = await openWave(engine);
			const id = randomUUID();
			const second = await race(open, id, {
				address: '203.0.113.21',
				answers: { comment: 'second' },
				step: 2,
				easyRead: true,
				key: DRAFT_KEY
			});
			expect(second).toMatchObject({
				answers: { feel: 'agree', comment: 'second' },
				step: 2,
				easy_read: true
			});
			const kept = await engine.server().rpc('load_draft', { p_response_id: id, p_draft_key: DRAFT_KEY });
			expect(kept.data).toMatchObject({
				answers: { feel: 'agree', comment: 'second' },
				step: 2,
				easy_read: true,
				resume_code: second.resume_code
			});
		});

		it('the second, under another key, is refused and changes nothing', async () => {
			const { open } = await openWave(engine);
			const id = randomUUID();
			const refused = race(open, id, {
				address: '203.0.113.22',
				answers: { comment: 'not mine' },
				step: 2,
				easyRead: true,
				key: OTHER_KEY
			});
			await expect(refused).rejects.toMatchObject({ message: expect.stringMatching(/only from the pages/) });
			const kept = await engine.server().rpc('load_draft', { p_response_id: id, p_draft_key: DRAFT_KEY });
			expect(kept.data).toMatchObject({ answers: { feel: 'agree' }, step: 1, easy_read: false });
		});
	});

	describe("a draft's key: its address alone opens nothing", () => {
		const OTHER_KEY = 'another-draft-key-0123456789';

		it('reads a draft by its response id only with its key, and never shows the answers without it', async () => {
			const { open } = await openWave(engine);
			const server = engine.server();
			const id = randomUUID();
			expect((await save(server, open, id, { feel: 'agree', comment: 'private' }, 2)).error).toBeNull();

			for (const key of [undefined, OTHER_KEY]) {
				const { data, error } = await server.rpc('load_draft', {
					p_response_id: id,
					...(key ? { p_draft_key: key } : {})
				});
				expect(error).toBeNull();
				expect(data).toEqual({ status: 'locked', response_id: id });
			}
			const opened = await server.rpc('load_draft', { p_response_id: id, p_draft_key: DRAFT_KEY });
			expect(opened.data).toMatchObject({ status: 'draft', answers: { comment: 'private' }, step: 2 });
		});

		it('changes a draft only with its key, and keeps nothing of a save without it', async () => {
			const { open } = await openWave(engine);
			const server = engine.server();
			const id = randomUUID();
			await save(server, open, id, { feel: 'agree' });
			for (const key of [null, OTHER_KEY]) {
				const refused = await server.rpc('save_draft', {
					p_response_id: id,
					p_wave_slug: open.slug,
					p_answers: { feel: 'disagree', comment: 'not mine' },
					...(key ? { p_draft_key: key } : {})
				});
				expect(refused.error?.hint).toBe('draft_locked');
			}
			const kept = await server.rpc('load_draft', { p_response_id: id, p_draft_key: DRAFT_KEY });
			expect((kept.data as unknown as DraftJson).answers).toEqual({ feel: 'agree' });
		});

		it('sends the response of a draft only with its key', async () => {
			const { open } = await openWave(engine);
			const server = engine.server();
			const id = randomUUID();
			await save(server, open, id, { feel: 'agree' });
			const send = (key?: string) =>
				engine.server().rpc('submit_response', {
					p_response_id: id,
					p_wave_slug: open.slug,
					p_answers: { feel: 'strongly_disagree' },
					...(key ? { p_draft_key: key } : {})
				});
			expect((await send()).error?.hint).toBe('draft_locked');
			expect((await send(OTHER_KEY)).error?.hint).toBe('draft_locked');
			const [none] = await engine.db.query<{ n: number }>(
				'select count(*)::int as n from app.responses where id = $1',
				[id]
			);
			expect(none!.n).toBe(0);
			expect((await send(DRAFT_KEY)).error).toBeNull();
		});

		it('a resume code moves the draft to a new key: the old one no longer opens or changes it', async () => {
			const { open } = await openWave(engine);
			const server = engine.server();
			const id = randomUUID();
			const saved = (await save(server, open, id, { feel: 'agree' })).data as unknown as DraftJson;

			// a code alone, without a new key to keep the draft under, is not enough
			const keyless = await server.rpc('load_draft', { p_resume_code: saved.resume_code });
			expect(keyless.error?.hint).toBe('invalid_request');

			const resumed = await server.rpc('load_draft', {
				p_resume_code: saved.resume_code,
				p_draft_key: OTHER_KEY
			});
			expect(resumed.data).toMatchObject({ response_id: id, answers: { feel: 'agree' } });
			expect((await server.rpc('load_draft', { p_response_id: id, p_draft_key: DRAFT_KEY })).data).toEqual({
				status: 'locked',
				response_id: id
			});
			expect((await save(server, open, id, { feel: 'disagree' })).error?.hint).toBe('draft_locked');
			expect(
				(await server.rpc('load_draft', { p_response_id: id, p_draft_key: OTHER_KEY })).data
			).toMatchObject({ status: 'draft', answers: { feel: 'agree' } });
		});

		it('keeps only a hash of the key, and refuses a key the server would not make', async () => {
			const { open } = await openWave(engine);
			const server = engine.server();
			const id = randomUUID();
			await save(server, open, id, { feel: 'agree' });
			const rows = await engine.db.query<{ row: string }>(
				'select to_jsonb(d)::text as row from app.respondent_drafts d where response_id = $1',
				[id]
			);
			expect(rows[0]!.row).not.toContain(DRAFT_KEY);
			expect(rows[0]!.row).toContain(createHash('sha256').update(DRAFT_KEY).digest('hex'));

			for (const bad of ['short', "x' or true --x' or true --x", 'é'.repeat(30), 'a'.repeat(129)]) {
				const refused = await server.rpc('save_draft', {
					p_response_id: randomUUID(),
					p_wave_slug: open.slug,
					p_draft_key: bad
				});
				expect(refused.error?.hint, bad).toBe('invalid_request');
			}
		});

		it('a draft kept before keys is found by its resume code alone, which gives it one; never by its address', async () => {
			const { open } = await openWave(engine);
			const server = engine.server();
			const id = randomUUID();
			const saved = (await save(server, open, id, { feel: 'agree' })).data as unknown as DraftJson;
			await engine.db.query('update app.respondent_drafts set key_hash = null where response_id = $1', [id]);
			expect((await server.rpc('load_draft', { p_response_id: id })).data).toEqual({
				status: 'locked',
				response_id: id
			});
			await server.rpc('load_draft', { p_resume_code: saved.resume_code, p_draft_key: OTHER_KEY });
			expect(
				(await server.rpc('load_draft', { p_response_id: id, p_draft_key: OTHER_KEY })).data
			).toMatchObject({ status: 'draft', answers: { feel: 'agree' } });
		});
	});

	describe('endings', () => {
		it('an expired draft is not returned, and saving again starts afresh', async () => {
			const { open } = await openWave(engine);
			const server = engine.server();
			const id = randomUUID();
			const saved = (await save(server, open, id, { feel: 'agree' })).data as unknown as DraftJson;
			await engine.db.query(
				`update app.respondent_drafts set expires_at = now() - interval '1 second' where response_id = $1`,
				[id]
			);
			expect((await server.rpc('load_draft', { p_response_id: id, p_draft_key: DRAFT_KEY })).data).toBeNull();
			expect(
				(await server.rpc('load_draft', { p_resume_code: saved.resume_code, p_draft_key: DRAFT_KEY })).data
			).toBeNull();

			const again = (await save(server, open, id, { comment: 'new' })).data as unknown as DraftJson;
			expect(again.answers).toEqual({ comment: 'new' });
		});

		it('submitting the response deletes its draft, and the id cannot be saved again', async () => {
			const { open } = await openWave(engine);
			const server = engine.server();
			const id = randomUUID();
			const saved = (await save(server, open, id, { feel: 'agree' })).data as unknown as DraftJson;

			const submitted = await server.rpc('submit_response', {
				p_response_id: id,
				p_wave_slug: open.slug,
				p_answers: { feel: 'agree' },
				p_draft_key: DRAFT_KEY
			});
			expect(submitted.error).toBeNull();

			const [left] = await engine.db.query<{ n: number }>(
				'select count(*)::int as n from app.respondent_drafts where response_id = $1',
				[id]
			);
			expect(left?.n).toBe(0);
			expect((await server.rpc('load_draft', { p_response_id: id, p_draft_key: DRAFT_KEY })).data).toEqual({
				status: 'submitted',
				response_id: id
			});
			expect(
				(await server.rpc('load_draft', { p_resume_code: saved.resume_code, p_draft_key: DRAFT_KEY })).data
			).toBeNull();
			expect((await save(server, open, id, { feel: 'disagree' })).error?.hint).toBe('already_submitted');
		});
	});
});
