/**
 * Respondents' limits held by the database (migration 20261202120100_respondent_limits.sql), as an
 * attacker would try them and as a school computer room behind one address would meet them:
 *   - drafts only through the app's server (service_role), never anon or a signed-in member directly;
 *   - 12-character resume codes, grouped in fours, typed any way; old 8-character codes still work;
 *   - wrong resume codes limited per client address with back-off, and no lockout of anyone else;
 *   - submissions, new drafts and saves limited per address (HTTP 429, hint rate_limited);
 *   - a draft's size and number of fields capped however it is sent;
 *   - an anonymous caller cannot name its own address (X-Client-Address is the server's alone);
 *   - a respondent's channel is online or easy read, never one of the staff's channels.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createClient } from '@supabase/supabase-js';
import { describe, expect, it } from 'vitest';
import { clientOptions } from '$lib/server/platform/supabase-options';
import { respondentApi } from '$lib/server/respondent/server-api';
import {
	forEachEngine,
	type Client,
	type Engine,
	type Wave,
	DRAFT_KEY,
	expectBlockedTenMinutes
} from './engines';

const CODE = /^[ABCDEFGHJKMNPQRSTVWXYZ2-9]{4}-[ABCDEFGHJKMNPQRSTVWXYZ2-9]{4}-[ABCDEFGHJKMNPQRSTVWXYZ2-9]{4}$/;

/** A client address of this test's own (the limits' table is shared by the file's tests). */
const address = () => `2001:db8::${randomUUID().slice(0, 4)}:${randomUUID().slice(0, 4)}`;
const hashOf = (a: string) => createHash('sha256').update(a).digest('hex');

interface Draft {
	response_id: string;
	resume_code: string;
	answers: Record<string, unknown>;
}

function save(client: Pick<Client, 'rpc'>, wave: Wave, id: string, answers: Record<string, unknown> = {}) {
	return client.rpc('save_draft', {
		p_response_id: id,
		p_draft_key: DRAFT_KEY,
		p_wave_slug: wave.slug,
		p_answers: answers as never,
		p_step: 1
	});
}

function submit(client: Client, wave: Wave, id = randomUUID()) {
	return client.rpc('submit_response', {
		p_response_id: id,
		p_wave_slug: wave.slug,
		p_answers: { feel: 'agree' },
		p_draft_key: DRAFT_KEY
	});
}

async function openWave(engine: Engine) {
	const org = await engine.createOrganisation();
	const survey = await engine.createSurvey(org);
	return { org, survey, open: survey.waves.open! };
}

/** An anon client that sends these headers with every call, as a browser calling the API directly could. */
function anonWith(engine: Engine, headers: Record<string, string>): Client {
	return createClient(engine.local.url, engine.local.anonKey, {
		...clientOptions(engine.local.fetch),
		global: { fetch: engine.local.fetch, headers },
		auth: { persistSession: false, autoRefreshToken: false }
	});
}

/** Sets an address's count for an action, as if it had made that many calls this window. */
async function setHits(engine: Engine, where: string, action: string, hits: number) {
	await engine.db.query(
		`insert into app.client_limits (address_hash, action, window_start, hits) values ($1, $2, now(), $3)
		 on conflict (address_hash, action) do update set hits = excluded.hits, window_start = now()`,
		[hashOf(where), action, hits]
	);
}

async function countResponses(engine: Engine, waveId: string): Promise<number> {
	const [row] = await engine.db.query<{ n: number }>(
		'select count(*)::int as n from app.responses where wave_id = $1',
		[waveId]
	);
	return row!.n;
}

forEachEngine('respondent limits', (engine) => {
	describe('drafts only through the server', () => {
		it('anon and signed-in members cannot call load_draft or save_draft; the server can', async () => {
			const { org, open } = await openWave(engine);
			const id = randomUUID();
			const saved = await save(engine.server(), open, id, { feel: 'agree' });
			expect(saved.error).toBeNull();
			const code = (saved.data as unknown as Draft).resume_code;

			const anon = engine.anon();
			const lead = await engine.signInAs(await engine.createMember(org, 'lead'));
			for (const [client, status] of [
				[anon, 401],
				[lead, 403]
			] as const) {
				const byCode = await client.rpc('load_draft', { p_resume_code: code, p_draft_key: DRAFT_KEY });
				expect(byCode.status).toBe(status);
				expect(byCode.data).toBeNull();
				const byId = await client.rpc('load_draft', { p_response_id: id, p_draft_key: DRAFT_KEY });
				expect(byId.status).toBe(status);
				expect(byId.data).toBeNull();
				expect((await save(client, open, randomUUID())).status).toBe(status);
			}
			const found = await engine.server().rpc('load_draft', { p_resume_code: code, p_draft_key: DRAFT_KEY });
			expect(found.data).toMatchObject({ response_id: id, answers: { feel: 'agree' } });
		});
	});

	describe("the app server's client", () => {
		it("calls as the server, with the respondent's address: its wrong codes block that address only", async () => {
			const { open } = await openWave(engine);
			const where = address();
			const local = engine.local;
			// one server, as in the app: its client is shared, and each caller's address stays its own
			const server = { url: local.url, serviceRoleKey: local.serviceRoleKey, fetch: local.fetch };
			const api = respondentApi(server, where);
			const draft = (await save(api, open, randomUUID())).data as unknown as Draft;
			expect(draft.resume_code).toMatch(CODE);
			for (let i = 0; i < 20; i++)
				await api.rpc('load_draft', { p_resume_code: 'ZZZZ-ZZZZ-ZZZZ', p_draft_key: DRAFT_KEY });
			const [row] = await engine.db.query<{ blocked: boolean }>(
				`select blocked_until > now() as blocked from app.client_limits where address_hash = $1 and action = 'resume_miss'`,
				[hashOf(where)]
			);
			expect(row?.blocked).toBe(true);
			expect(
				(await api.rpc('load_draft', { p_resume_code: draft.resume_code, p_draft_key: DRAFT_KEY })).status
			).toBe(429);
			const elsewhere = respondentApi(server, address());
			expect(
				(await elsewhere.rpc('load_draft', { p_resume_code: draft.resume_code, p_draft_key: DRAFT_KEY })).data
			).toMatchObject({
				resume_code: draft.resume_code
			});
		});
	});

	describe('resume codes', () => {
		it('are 12 characters without look-alikes, in groups of four, typed any way', async () => {
			const { open } = await openWave(engine);
			const server = engine.server(address());
			const codes = new Set<string>();
			for (let i = 0; i < 20; i++) {
				const draft = (await save(server, open, randomUUID())).data as unknown as Draft;
				expect(draft.resume_code).toMatch(CODE);
				codes.add(draft.resume_code);
			}
			expect(codes.size).toBe(20);
			const [code] = [...codes];
			const typed = ` ${code!.replaceAll('-', ' ').toLowerCase()} `;
			expect(
				(await server.rpc('load_draft', { p_resume_code: typed, p_draft_key: DRAFT_KEY })).data
			).toMatchObject({
				resume_code: code
			});
		});

		it('an 8-character code of a draft kept before still finds it', async () => {
			const { open } = await openWave(engine);
			const id = randomUUID();
			await save(engine.server(), open, id, { feel: 'agree' });
			await engine.db.query(
				`update app.respondent_drafts set resume_code = 'K7QP2MXA' where response_id = $1`,
				[id]
			);
			const found = await engine
				.server(address())
				.rpc('load_draft', { p_resume_code: 'k7qp-2mxa', p_draft_key: DRAFT_KEY });
			expect(found.data).toMatchObject({ response_id: id, resume_code: 'K7QP-2MXA' });
		});

		it('20 wrong codes block that address for 10 minutes, even its right code; another address resumes', async () => {
			const { open } = await openWave(engine);
			const mine = (await save(engine.server(), open, randomUUID())).data as unknown as Draft;
			const guesser = engine.server(address());
			for (let i = 0; i < 20; i++) {
				const miss = await guesser.rpc('load_draft', {
					p_resume_code: 'ZZZZ-ZZZZ-ZZZZ',
					p_draft_key: DRAFT_KEY
				});
				expect(miss.error).toBeNull();
				expect(miss.data).toBeNull();
			}
			const refused = await guesser.rpc('load_draft', {
				p_resume_code: mine.resume_code,
				p_draft_key: DRAFT_KEY
			});
			expectBlockedTenMinutes(refused);

			// no lockout of anyone else: the respondent at their own address resumes at once
			const respondent = engine.server(address());
			expect(
				(await respondent.rpc('load_draft', { p_resume_code: mine.resume_code, p_draft_key: DRAFT_KEY })).data
			).toMatchObject({
				response_id: mine.response_id
			});
			// and a response id (what the server keeps in the address) is not limited
			expect(
				(await guesser.rpc('load_draft', { p_response_id: mine.response_id, p_draft_key: DRAFT_KEY })).data
			).toMatchObject({
				response_id: mine.response_id
			});
		});

		it('backs off: each further block within a day lasts twice as long', async () => {
			const where = address();
			const guesser = engine.server(where);
			const blockFor = async () => {
				for (let i = 0; i < 20; i++)
					await guesser.rpc('load_draft', { p_resume_code: 'ZZZZ-ZZZZ-ZZZZ', p_draft_key: DRAFT_KEY });
				const refused = await guesser.rpc('load_draft', {
					p_resume_code: 'ZZZZ-ZZZZ-ZZZZ',
					p_draft_key: DRAFT_KEY
				});
				expect(refused.status).toBe(429);
				return Math.round(Number(refused.error?.details) / 60);
			};
			/** the block ends: as if its time had passed */
			const endBlock = () =>
				engine.db.query(
					`update app.client_limits set blocked_until = now() - interval '1 second', window_start = now() - interval '1 second'
					 where address_hash = $1 and action = 'resume_miss'`,
					[hashOf(where)]
				);
			expect(await blockFor()).toBe(10);
			await endBlock();
			// after a block, a mistyped code or two are still only "not found"
			expect(
				(await guesser.rpc('load_draft', { p_resume_code: 'ZZZZ-ZZZZ-ZZZZ', p_draft_key: DRAFT_KEY })).status
			).toBe(200);
			expect(await blockFor()).toBe(20);
			await endBlock();
			expect(await blockFor()).toBe(40);
		});

		it('malformed codes count as wrong ones (nothing is learnt from the form of a guess)', async () => {
			const guesser = engine.server(address());
			for (let i = 0; i < 20; i++)
				await guesser.rpc('load_draft', { p_resume_code: `nonsense ${i}`, p_draft_key: DRAFT_KEY });
			expect(
				(await guesser.rpc('load_draft', { p_resume_code: 'ZZZZ-ZZZZ-ZZZZ', p_draft_key: DRAFT_KEY })).status
			).toBe(429);
		});
	});

	describe('submissions and drafts per address', () => {
		it('a class of 30 behind one address saves page by page and sends, with no refusal', async () => {
			const { open } = await openWave(engine);
			const school = engine.server(address());
			for (let pupil = 0; pupil < 30; pupil++) {
				const id = randomUUID();
				for (let page = 0; page < 8; page++) {
					const saved = await save(school, open, id, { feel: 'agree', comment: `page ${page}` });
					expect(saved.error).toBeNull();
				}
				expect((await submit(school, open, id)).error).toBeNull();
			}
			expect(await countResponses(engine, open.id)).toBe(30);
		});

		it('the 301st submission in an hour from one address is refused with 429 and writes nothing', async () => {
			const { open } = await openWave(engine);
			const where = address();
			await setHits(engine, where, 'submit', 300);
			const refused = await submit(engine.server(where), open);
			expect(refused.status).toBe(429);
			expect(refused.error?.hint).toBe('rate_limited');
			expect(Number(refused.error?.details)).toBeGreaterThan(3500);
			expect(await countResponses(engine, open.id)).toBe(0);
			// another address is not held back
			expect((await submit(engine.server(address()), open)).error).toBeNull();
			expect(await countResponses(engine, open.id)).toBe(1);
		});

		it('refuses a submission or an invitation sent to the API directly, by anon or by a member of any role, whatever the headers', async () => {
			const { org, open } = await openWave(engine);
			const invitation = (
				await (
					await engine.signInAs(await engine.createMember(org, 'lead'))
				).rpc('create_invitations', {
					p_wave_id: open.id,
					p_count: 1
				})
			).data as unknown as { token: string }[];
			const callers: [string, Client, number][] = [
				['anon', engine.anon(), 401],
				// a client writes X-Forwarded-For itself, and only the server may name X-Client-Address
				[
					'anon naming addresses',
					anonWith(engine, { 'x-forwarded-for': address(), 'x-client-address': address() }),
					401
				]
			];
			for (const role of ['scrutiny', 'officer', 'lead', 'admin'] as const) {
				callers.push([role, await engine.signInAs(await engine.createMember(org, role)), 403]);
			}
			const other = await engine.createOrganisation();
			callers.push([
				"another organisation's lead",
				await engine.signInAs(await engine.createMember(other, 'lead')),
				403
			]);
			for (const [who, client, status] of callers) {
				for (const channel of ['online', 'paper', 'focus_group']) {
					const refused = await client.rpc('submit_response', {
						p_response_id: randomUUID(),
						p_wave_slug: open.slug,
						p_answers: { feel: 'agree' },
						p_channel: channel,
						p_panel_code: 'ZZZZ-ZZZZ'
					});
					expect(refused.status, `${who}, ${channel}`).toBe(status);
					expect(refused.error?.code, `${who}, ${channel}`).toBe('42501');
				}
				const started = await client.rpc('start_invitation', {
					p_token: invitation[0]!.token,
					p_response_id: randomUUID()
				});
				expect(started.status, who).toBe(status);
			}
			expect(await countResponses(engine, open.id)).toBe(0);
			const [drafts] = await engine.db.query<{ n: number }>(
				'select count(*)::int as n from app.respondent_drafts where wave_id = $1',
				[open.id]
			);
			expect(drafts?.n).toBe(0);
			// the server, for a respondent, still can
			expect((await submit(engine.server(address()), open)).error).toBeNull();
		});

		it('staff entering responses are not counted against an address', async () => {
			const { org, open } = await openWave(engine);
			const lead = await engine.signInAs(await engine.createMember(org, 'lead'));
			const before = await engine.db.query('select 1 from app.client_limits');
			const entered = await lead.rpc('enter_response', {
				p_wave_id: open.id,
				p_response_id: randomUUID(),
				p_answers: { feel: 'agree' },
				p_channel: 'paper',
				p_given_on: new Date().toISOString().slice(0, 10)
			});
			expect(entered.error).toBeNull();
			expect(await engine.db.query('select 1 from app.client_limits')).toHaveLength(before.length);
		});

		it('new drafts: the 301st in an hour from one address is refused; saving one already made is not', async () => {
			const { open } = await openWave(engine);
			const where = address();
			const server = engine.server(where);
			const id = randomUUID();
			expect((await save(server, open, id)).error).toBeNull();
			await setHits(engine, where, 'draft_new', 300);
			const refused = await save(server, open, randomUUID());
			expect(refused.status).toBe(429);
			expect(refused.error?.hint).toBe('rate_limited');
			expect((await save(server, open, id, { feel: 'agree' })).error).toBeNull();
		});

		it('saves: the 3,001st in an hour from one address is refused and keeps nothing', async () => {
			const { open } = await openWave(engine);
			const where = address();
			const server = engine.server(where);
			const id = randomUUID();
			expect((await save(server, open, id, { feel: 'agree' })).error).toBeNull();
			await setHits(engine, where, 'draft_save', 3000);
			const refused = await save(server, open, id, { feel: 'disagree' });
			expect(refused.status).toBe(429);
			const kept = await engine
				.server(address())
				.rpc('load_draft', { p_response_id: id, p_draft_key: DRAFT_KEY });
			expect(kept.data).toMatchObject({ answers: { feel: 'agree' } });
		});
	});

	describe("a respondent's channel", () => {
		it('is online or easy read: paper, phone, event, focus group and import are refused to the server for a respondent', async () => {
			const { open } = await openWave(engine);
			for (const [client, status] of [[engine.server(address()), 403]] as const) {
				for (const channel of ['paper', 'phone', 'event', 'focus_group', 'import']) {
					const refused = await client.rpc('submit_response', {
						p_response_id: randomUUID(),
						p_wave_slug: open.slug,
						p_answers: { feel: 'agree' },
						p_channel: channel
					});
					expect(refused.status).toBe(status);
					expect(refused.error?.hint).toBe('not_permitted');
					expect(refused.error?.message).toMatch(/entered by staff/);
				}
			}
			expect(await countResponses(engine, open.id)).toBe(0);
			const id = randomUUID();
			const easy = await engine.server(address()).rpc('submit_response', {
				p_response_id: id,
				p_wave_slug: open.slug,
				p_answers: { feel: 'agree' },
				p_channel: 'easy_read'
			});
			expect(easy.error).toBeNull();
			const [row] = await engine.db.query<{ channel: string }>(
				'select channel::text from app.responses where id = $1',
				[id]
			);
			expect(row?.channel).toBe('easy_read');
		});
	});

	describe("a draft's fields and size", () => {
		it("keeps only the survey's own fields, within their limits, and nothing of a refused save", async () => {
			const { survey, open } = await openWave(engine);
			await engine.db.query(`update app.surveys set about_dimensions = '{phase}' where id = $1`, [survey.id]);
			const server = engine.server(address());
			const id = randomUUID();
			const good = {
				feel: 'agree',
				services: ['health', 'education'],
				comment: 'x'.repeat(20),
				age: 'seven',
				'about.phase': 'primary',
				assistance: 'helped',
				panel_code: 'ABCD-1234',
				// not answered yet
				'about.gender': ''
			};
			expect((await save(server, open, id, good)).error).toBeNull();
			const refused: [Record<string, unknown>, RegExp][] = [
				[{ f0: 'x' }, /no question f0/],
				[{ 'about.gender': 'girl' }, /no such about-you answer/],
				[{ 'about.phase': 'university' }, /no such about-you answer/],
				[{ comment: 'x'.repeat(21) }, /longer than it may be/],
				[{ age: 'x'.repeat(101) }, /longer than it may be/],
				[{ feel: 'fine' }, /not among its choices/],
				[{ feel: ['agree'] }, /is text/],
				[{ services: ['health', 'health'] }, /not among its choices/],
				[{ services: ['transport'] }, /not among its choices/],
				[{ services: 'health' }, /list of its choices/],
				[{ assistance: 'robot' }, /who gave the answers/],
				[{ panel_code: 'x'.repeat(21) }, /at most 20 characters/]
			];
			for (const [answers, message] of refused) {
				const { error, status } = await save(server, open, id, answers);
				expect(status, JSON.stringify(answers)).toBe(400);
				expect(error?.hint).toBe('invalid_request');
				expect(error?.message).toMatch(message);
			}
			// a new draft with a bad field is not kept at all
			const fresh = randomUUID();
			expect((await save(server, open, fresh, { feel: 'agree', nonsense: 'x' })).error?.hint).toBe(
				'invalid_request'
			);
			expect(
				(await server.rpc('load_draft', { p_response_id: fresh, p_draft_key: DRAFT_KEY })).data
			).toBeNull();
			// what was kept before is untouched
			const kept = (await server.rpc('load_draft', { p_response_id: id, p_draft_key: DRAFT_KEY }))
				.data as unknown as Draft;
			expect(kept.answers).toEqual(good);

			// an answer kept before its question changed stays, and the rest can still be saved
			await engine.db.query(`update app.questions set max_length = 5 where id = $1`, [
				survey.questions.comment.id
			]);
			expect((await save(server, open, id, { feel: 'disagree' })).error).toBeNull();
			expect((await save(server, open, id, { comment: 'x'.repeat(6) })).error?.hint).toBe('invalid_request');
		});

		it('refuses more than 100,000 bytes in all, however they are sent', async () => {
			const { org, survey, open } = await openWave(engine);
			for (let i = 0; i < 12; i++) {
				await engine.db.query(
					`insert into app.questions (organisation_id, survey_id, key, position, kind, prompt, max_length)
					 values ($1, $2, $3, $4, 'free_text', 'Tell us more', 10000)`,
					[org.id, survey.id, `long${i}`, 10 + i]
				);
			}
			const server = engine.server(address());
			const id = randomUUID();
			for (let i = 0; i < 9; i++) {
				expect((await save(server, open, id, { [`long${i}`]: 'x'.repeat(10_000) })).error).toBeNull();
			}
			const tooLong = await save(server, open, id, { long9: 'x'.repeat(10_000), long10: 'x'.repeat(10_000) });
			expect(tooLong.status).toBe(400);
			expect(tooLong.error?.message).toMatch(/too long to keep/);
			const kept = (await server.rpc('load_draft', { p_response_id: id, p_draft_key: DRAFT_KEY }))
				.data as unknown as Draft;
			expect(Object.keys(kept.answers)).toHaveLength(9);
		});
	});

	describe('the counts themselves', () => {
		it('keep a hash of the address, never the address; anon and members cannot read or write them', async () => {
			const where = address();
			await engine
				.server(where)
				.rpc('load_draft', { p_resume_code: 'ZZZZ-ZZZZ-ZZZZ', p_draft_key: DRAFT_KEY });
			const rows = await engine.db.query<{ address_hash: string }>(
				`select address_hash from app.client_limits where address_hash = $1`,
				[hashOf(where)]
			);
			expect(rows).toHaveLength(1);
			const [rls] = await engine.db.query<{ rls: boolean }>(
				`select relrowsecurity as rls from pg_class where oid = 'app.client_limits'::regclass`
			);
			expect(rls?.rls).toBe(true);
			const { org } = await openWave(engine);
			const lead = await engine.createMember(org, 'admin');
			for (const [role, user] of [
				['anon', null],
				['authenticated', lead.id]
			] as const) {
				await expect(engine.queryAs(role, user, 'select * from app.client_limits')).rejects.toThrow(
					/permission denied/
				);
				await expect(engine.queryAs(role, user, 'delete from app.client_limits')).rejects.toThrow(
					/permission denied/
				);
				await expect(engine.queryAs(role, user, `select app.count_call('submit')`)).rejects.toThrow(
					/permission denied/
				);
			}
		});
	});
});
