/**
 * The local stand-in for PostgREST: what it answers to tokens it should not trust, to functions
 * it does not have, and api.health, the one call every deployment makes.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { createClient } from '@supabase/supabase-js';
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { supabaseDir } from '$lib/server/platform/db/migrate';
import { clientOptions } from '$lib/server/platform/supabase-options';
import { DRAFT_KEY, forEachEngine, suffix, type Engine } from './engines';

async function token(secret: string, claims: Record<string, unknown>, expiresIn = 3600): Promise<string> {
	const now = Math.floor(Date.now() / 1000);
	return new SignJWT(claims)
		.setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
		.setIssuedAt(now)
		.setExpirationTime(now + expiresIn)
		.sign(new TextEncoder().encode(secret));
}

/** A supabase-js client that presents the given key, as the server or a browser presents one. */
function clientWithKey(engine: Engine, key: string) {
	return createClient(engine.local.url, key, {
		...clientOptions(engine.local.fetch),
		auth: { persistSession: false, autoRefreshToken: false }
	});
}

forEachEngine('local API', (engine) => {
	describe('health', () => {
		it('answers anon with the newest migration and the database time', async () => {
			const versions = (await readdir(path.join(supabaseDir(), 'migrations')))
				.map((f) => /^(\d{14})_/.exec(f)?.[1])
				.filter((v): v is string => Boolean(v))
				.sort();
			const { data, error, status } = await engine.anon().rpc('health');
			expect(error).toBeNull();
			expect(status).toBe(200);
			const health = data as { migration: string; database_time: string };
			expect(health.migration).toBe(versions.at(-1));
			expect(Math.abs(new Date(health.database_time).getTime() - Date.now())).toBeLessThan(60_000);
		});

		it('answers a GET as well as a POST', async () => {
			const { data, error } = await engine.anon().rpc('health', {}, { get: true });
			expect(error).toBeNull();
			expect(data).toMatchObject({ migration: expect.stringMatching(/^\d{14}$/) });
		});
	});

	describe('functions', () => {
		it('answers an unknown function with 404 PGRST202', async () => {
			const { data, error, status } = await engine.anon().rpc(`no_such_function_${suffix()}`);
			expect(data).toBeNull();
			expect(status).toBe(404);
			expect(error?.code).toBe('PGRST202');
		});

		it('answers a known function called with arguments it does not take with 404 PGRST202', async () => {
			const { status, error } = await engine.anon().rpc('survey_for_respondent', { p_slug: 'x', p_extra: 1 });
			expect(status).toBe(404);
			expect(error?.code).toBe('PGRST202');
		});

		it('answers a name that is not an identifier with 404 PGRST202', async () => {
			const { status, error } = await engine.anon().rpc('health"(); select 1; --');
			expect(status).toBe(404);
			expect(error?.code).toBe('PGRST202');
		});

		it('serves no schema but api', async () => {
			const { status, error } = await engine.anon().schema('app').rpc('rebuild_counts');
			expect(status).toBe(406);
			expect(error?.code).toBe('PGRST106');
		});

		it('runs a GET read-only', async () => {
			const org = await engine.createOrganisation();
			const lead = await engine.createMember(org, 'lead');
			const survey = await engine.createSurvey(org);
			const { status, error } = await (
				await engine.signInAs(lead)
			).rpc(
				'set_wave_dates',
				{
					p_wave_id: survey.waves.open!.id,
					p_opens_at: '2024-01-01T00:00:00Z',
					p_closes_at: '2024-02-01T00:00:00Z'
				},
				{ get: true }
			);
			expect(status).toBe(405);
			expect(error?.code).toBe('25006');
		});
	});

	describe('what cannot be read', () => {
		it('answers a function name whose percent-encoding is not UTF-8 with 400, never a thrown error', async () => {
			const request = (method: string) =>
				new Request(`${engine.local.url}/rest/v1/rpc/%E0%A4`, {
					method,
					headers: { apikey: engine.local.anonKey, 'content-type': 'application/json' },
					body: method === 'POST' ? '{}' : undefined
				});
			for (const method of ['POST', 'GET']) {
				const res = await engine.local.handle(request(method));
				expect(res.status).toBe(400);
				expect(await res.json()).toMatchObject({ code: 'PGRST100', message: expect.any(String) });
			}
		});

		// what src/lib/server/api.ts call() turns into a 400 saying so, should a NUL reach the database:
		// the same SQLSTATE from PGlite as from PostgreSQL, answered with 400 as PostgREST answers it
		it('refuses a NUL character in a text argument (22021) and in a jsonb one (22P05) with 400', async () => {
			const text = await engine.anon().rpc('survey_for_respondent', { p_slug: 'a\u0000b' });
			expect([text.status, text.error?.code]).toEqual([400, '22021']);
			const org = await engine.createOrganisation();
			const survey = await engine.createSurvey(org);
			const jsonb = await engine.server().rpc('save_draft', {
				p_response_id: crypto.randomUUID(),
				p_wave_slug: survey.waves.open!.slug,
				p_answers: { what_would_help: 'a\u0000b' },
				p_draft_key: DRAFT_KEY
			});
			expect([jsonb.status, jsonb.error?.code]).toEqual([400, '22P05']);
		});
	});

	describe('tokens', () => {
		it('refuses a JWT signed with another secret with 401', async () => {
			const org = await engine.createOrganisation();
			const lead = await engine.createMember(org, 'lead');
			const forged = await token(`another-secret-${'x'.repeat(40)}`, {
				role: 'authenticated',
				aud: 'authenticated',
				sub: lead.id
			});
			const { data, error, status } = await clientWithKey(engine, forged).rpc('my_memberships');
			expect(data).toBeNull();
			expect(status).toBe(401);
			expect(error?.code).toBe('PGRST301');
			// and Auth will not take it for a user either
			expect((await engine.anon().auth.getUser(forged)).data.user).toBeNull();
		});

		it('refuses a forged anon key with 401, even for anon functions', async () => {
			const forged = await token(`another-secret-${'x'.repeat(40)}`, { role: 'anon' });
			const { status, error } = await clientWithKey(engine, forged).rpc('health');
			expect(status).toBe(401);
			expect(error?.code).toBe('PGRST301');
		});

		it('refuses an expired JWT with 401', async () => {
			const expired = await token(engine.jwtSecret, { role: 'anon' }, -60);
			const { status } = await clientWithKey(engine, expired).rpc('health');
			expect(status).toBe(401);
		});

		it('refuses a correctly signed JWT for a role that is not an API role', async () => {
			for (const role of ['postgres', 'supabase_admin', 'authenticator', '']) {
				const bad = await token(engine.jwtSecret, { role });
				const { status } = await clientWithKey(engine, bad).rpc('health');
				expect({ role, status }).toEqual({ role, status: 401 });
			}
		});

		it('accepts a JWT signed with the right secret for an API role', async () => {
			const org = await engine.createOrganisation();
			const officer = await engine.createMember(org, 'officer');
			const good = await token(engine.jwtSecret, {
				role: 'authenticated',
				aud: 'authenticated',
				sub: officer.id
			});
			const { data, error } = await clientWithKey(engine, good).rpc('my_memberships');
			expect(error).toBeNull();
			expect(data).toEqual([
				{ organisation_id: org.id, organisation_slug: org.slug, organisation_name: org.name, role: 'officer' }
			]);
		});
	});
});
