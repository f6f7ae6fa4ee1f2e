/**
 * The local stand-in for Supabase Auth through supabase-js: password sign-in, the current user,
 * sign-out and refresh-token rotation.
 */
import { describe, expect, it } from 'vitest';
import { forEachEngine, suffix } from './engines';

forEachEngine('auth', (engine) => {
	describe('password sign-in', () => {
		it('signs in with the right password and gives a session for that user', async () => {
			const user = await engine.createUser();
			const client = engine.anon();
			const { data, error } = await client.auth.signInWithPassword({
				email: user.email,
				password: user.password
			});
			expect(error).toBeNull();
			expect(data.user).toMatchObject({
				id: user.id,
				email: user.email,
				role: 'authenticated',
				aud: 'authenticated'
			});
			expect(data.session).toMatchObject({ token_type: 'bearer', expires_in: 3600 });
			expect(data.session?.access_token).toBeTruthy();
			expect(data.session?.refresh_token).toBeTruthy();
			const [row] = await engine.db.query<{ last_sign_in_at: Date | null }>(
				'select last_sign_in_at from auth.users where id = $1',
				[user.id]
			);
			expect(row?.last_sign_in_at).not.toBeNull();
		});

		it('ignores the case of the email address', async () => {
			const user = await engine.createUser(`Mixed.Case-${suffix()}@Example.org`);
			const { error } = await engine
				.anon()
				.auth.signInWithPassword({ email: user.email.toUpperCase(), password: user.password });
			expect(error).toBeNull();
		});

		it('gives a wrong password and an unknown email the same answer', async () => {
			const user = await engine.createUser();
			const wrongPassword = await engine
				.anon()
				.auth.signInWithPassword({ email: user.email, password: `${user.password}x` });
			const unknownEmail = await engine
				.anon()
				.auth.signInWithPassword({ email: `nobody-${suffix()}@example.org`, password: user.password });
			for (const { data, error } of [wrongPassword, unknownEmail]) {
				expect(data.session).toBeNull();
				expect(data.user).toBeNull();
				expect(error?.message).toBe('Invalid login credentials');
				expect(error?.status).toBe(400);
				expect(error?.code).toBe('invalid_credentials');
			}
		});

		it('runs the signed-in client’s calls as that user', async () => {
			const org = await engine.createOrganisation();
			const user = await engine.createMember(org, 'officer');
			const { data, error } = await (await engine.signInAs(user)).rpc('my_memberships');
			expect(error).toBeNull();
			expect(data).toEqual([
				{ organisation_id: org.id, organisation_slug: org.slug, organisation_name: org.name, role: 'officer' }
			]);
		});
	});

	describe('the current user', () => {
		it('is returned for a valid access token', async () => {
			const user = await engine.createUser();
			const client = await engine.signInAs(user);
			const { data, error } = await client.auth.getUser();
			expect(error).toBeNull();
			expect(data.user).toMatchObject({ id: user.id, email: user.email });
		});

		it('is refused for an access token whose session was signed out', async () => {
			const user = await engine.createUser();
			const client = await engine.signInAs(user);
			const { data: before } = await client.auth.getSession();
			const accessToken = before.session!.access_token;
			const refreshToken = before.session!.refresh_token;

			expect((await client.auth.signOut()).error).toBeNull();

			const { data, error } = await engine.anon().auth.getUser(accessToken);
			expect(data.user).toBeNull();
			// the session is gone (GoTrue's session_not_found, which supabase-js reports as a missing session)
			expect(error?.name).toBe('AuthSessionMissingError');
			const refreshed = await engine.anon().auth.refreshSession({ refresh_token: refreshToken });
			expect(refreshed.data.session).toBeNull();
			expect(refreshed.error?.message).toMatch(/Invalid Refresh Token/);
		});

		it('survives signing out elsewhere with scope local, and not with scope global', async () => {
			const user = await engine.createUser();
			const here = await engine.signInAs(user);
			const there = await engine.signInAs(user);
			const tokenHere = (await here.auth.getSession()).data.session!.access_token;
			const tokenThere = (await there.auth.getSession()).data.session!.access_token;

			await there.auth.signOut({ scope: 'local' });
			expect((await engine.anon().auth.getUser(tokenHere)).data.user?.id).toBe(user.id);
			expect((await engine.anon().auth.getUser(tokenThere)).data.user).toBeNull();

			const third = await engine.signInAs(user);
			await third.auth.signOut({ scope: 'global' });
			expect((await engine.anon().auth.getUser(tokenHere)).data.user).toBeNull();
		});
	});

	describe("an ended session's access token, replayed against the API", () => {
		/** A lead of a new organisation, signed in; their access token and a client that only replays it. */
		async function signedInLead() {
			const org = await engine.createOrganisation();
			const user = await engine.createMember(org, 'lead');
			const client = await engine.signInAs(user);
			const session = (await client.auth.getSession()).data.session!;
			return { org, user, client, session, replayed: engine.withAccessToken(session.access_token) };
		}
		const LEAD_ROLE = (org: { id: string }) => [
			expect.objectContaining({ organisation_id: org.id, role: 'lead' })
		];
		async function createSurvey(client: ReturnType<typeof engine.anon>, orgId: string) {
			return client.rpc('create_survey', {
				p_organisation_id: orgId,
				p_title: `Replayed ${suffix()}`,
				p_audience: 'parent_carers'
			});
		}

		it('gives no role and no write once its session was signed out', async () => {
			const { org, client, replayed } = await signedInLead();
			// live, the token is the lead's
			expect((await replayed.rpc('my_memberships')).data).toEqual(LEAD_ROLE(org));
			expect((await createSurvey(replayed, org.id)).error).toBeNull();

			expect((await client.auth.signOut()).error).toBeNull();

			const memberships = await replayed.rpc('my_memberships');
			expect(memberships.error).toBeNull();
			expect(memberships.data).toEqual([]);
			const refused = await createSurvey(replayed, org.id);
			expect(refused.status).toBe(403);
			const [row] = await engine.db.query<{ n: number }>(
				`select count(*)::int as n from app.surveys where organisation_id = $1 and title like 'Replayed %'`,
				[org.id]
			);
			expect(row?.n).toBe(1); // the one made while the session was live
		});

		it('gives no role once the session ended by a replayed refresh token, and leaves other sessions be', async () => {
			const { org, user, session, replayed } = await signedInLead();
			const elsewhere = await engine.signInAs(user);
			const otherToken = (await elsewhere.auth.getSession()).data.session!.access_token;
			await engine.anon().auth.refreshSession({ refresh_token: session.refresh_token });
			await engine.db.query(
				`update auth.refresh_tokens set revoked_at = now() - interval '1 minute' where token = $1`,
				[session.refresh_token]
			);
			const replay = await engine.anon().auth.refreshSession({ refresh_token: session.refresh_token });
			expect(replay.error?.message).toBe('Invalid Refresh Token: Already Used');

			expect((await replayed.rpc('my_memberships')).data).toEqual([]);
			expect((await engine.withAccessToken(otherToken).rpc('my_memberships')).data).toEqual(LEAD_ROLE(org));
		});

		it('keeps working after another session signs out locally, and not after one signs out everywhere', async () => {
			const { org, user, replayed } = await signedInLead();
			await (await engine.signInAs(user)).auth.signOut({ scope: 'local' });
			expect((await replayed.rpc('my_memberships')).data).toEqual(LEAD_ROLE(org));
			await (await engine.signInAs(user)).auth.signOut({ scope: 'global' });
			expect((await replayed.rpc('my_memberships')).data).toEqual([]);
		});
	});

	describe('refresh tokens', () => {
		it('rotate: a refresh gives new tokens that work, and the old refresh token only leads to them', async () => {
			const user = await engine.createUser();
			const client = await engine.signInAs(user);
			const first = (await client.auth.getSession()).data.session!;

			const { data, error } = await client.auth.refreshSession();
			expect(error).toBeNull();
			const second = data.session!;
			expect(second.refresh_token).not.toBe(first.refresh_token);
			expect(second.user.id).toBe(user.id);
			expect((await engine.anon().auth.getUser(second.access_token)).data.user?.id).toBe(user.id);
			// the same session: the access token from before the refresh still names a live session
			expect((await engine.anon().auth.getUser(first.access_token)).data.user?.id).toBe(user.id);

			// presented again at once (another request of the same page), the old token gets the new one
			const replay = await engine.anon().auth.refreshSession({ refresh_token: first.refresh_token });
			expect(replay.data.session?.refresh_token).toBe(second.refresh_token);

			const [row] = await engine.db.query<{ live: number }>(
				'select count(*)::int as live from auth.refresh_tokens where user_id = $1 and not revoked',
				[user.id]
			);
			expect(row?.live).toBe(1);
		});

		it('gives two refreshes at once with the same token the same new session, as Supabase Auth does', async () => {
			const user = await engine.createUser();
			const client = await engine.signInAs(user);
			const { refresh_token } = (await client.auth.getSession()).data.session!;
			const results = await Promise.all([
				engine.anon().auth.refreshSession({ refresh_token }),
				engine.anon().auth.refreshSession({ refresh_token })
			]);
			expect(results.map((r) => r.error)).toEqual([null, null]);
			const [a, b] = results.map((r) => r.data.session!);
			expect(a!.refresh_token).not.toBe(refresh_token);
			expect(b!.refresh_token).toBe(a!.refresh_token);
			// and the new token goes on working
			const next = await engine.anon().auth.refreshSession({ refresh_token: a!.refresh_token });
			expect(next.error).toBeNull();
		});

		it('ends the whole session when a replaced refresh token comes back later (stolen or replayed)', async () => {
			const user = await engine.createUser();
			const client = await engine.signInAs(user);
			const stolen = (await client.auth.getSession()).data.session!;
			const { data } = await engine.anon().auth.refreshSession({ refresh_token: stolen.refresh_token });
			const owner = data.session!;
			// another session of the same person, elsewhere, is not touched
			const elsewhere = (await (await engine.signInAs(user)).auth.getSession()).data.session!;
			// a minute later the old token is presented again
			await engine.db.query(
				`update auth.refresh_tokens set revoked_at = now() - interval '1 minute' where token = $1`,
				[stolen.refresh_token]
			);
			const replay = await engine.anon().auth.refreshSession({ refresh_token: stolen.refresh_token });
			expect(replay.data.session).toBeNull();
			expect(replay.error?.message).toBe('Invalid Refresh Token: Already Used');
			// the owner's current tokens no longer work either: the session is over
			const after = await engine.anon().auth.refreshSession({ refresh_token: owner.refresh_token });
			expect(after.data.session).toBeNull();
			expect((await engine.anon().auth.getUser(owner.access_token)).data.user).toBeNull();
			// the other session goes on
			expect((await engine.anon().auth.getUser(elsewhere.access_token)).data.user?.id).toBe(user.id);
			const other = await engine.anon().auth.refreshSession({ refresh_token: elsewhere.refresh_token });
			expect(other.error).toBeNull();
		});

		it('refuses a refresh token of a session signed out, and one unused for a week', async () => {
			const user = await engine.createUser();
			const client = await engine.signInAs(user);
			const { refresh_token } = (await client.auth.getSession()).data.session!;
			await client.auth.signOut();
			const afterSignOut = await engine.anon().auth.refreshSession({ refresh_token });
			expect(afterSignOut.data.session).toBeNull();

			const idle = await engine.signInAs(user);
			const old = (await idle.auth.getSession()).data.session!;
			await engine.db.query(
				`update auth.refresh_tokens set created_at = now() - interval '7 days 1 minute' where token = $1`,
				[old.refresh_token]
			);
			const stale = await engine.anon().auth.refreshSession({ refresh_token: old.refresh_token });
			expect(stale.data.session).toBeNull();
			expect(stale.error?.message).toBe('Invalid Refresh Token: Refresh Token Not Found');
		});

		it('purges refresh tokens older than a week at the next sign-in, and keeps replaced ones until then', async () => {
			const user = await engine.createUser();
			const client = await engine.signInAs(user);
			const { data } = await client.auth.getSession();
			await engine.anon().auth.refreshSession({ refresh_token: data.session!.refresh_token });
			await engine.db.query(
				`insert into auth.refresh_tokens (token, user_id, session_id, created_at)
				 values ($1, $2, gen_random_uuid(), now() - interval '8 days')`,
				[`old-${suffix()}`, user.id]
			);
			const tokens = () =>
				engine.db.query<{ revoked: boolean; old: boolean }>(
					`select revoked, created_at <= now() - interval '7 days' as old
					   from auth.refresh_tokens where user_id = $1 order by id`,
					[user.id]
				);
			expect(await tokens()).toHaveLength(3);
			await engine.signInAs(user);
			// the replaced token (kept, so that its reuse is recognised), the refreshed session's live
			// token and the new one stay; the expired one is gone
			expect(await tokens()).toEqual([
				{ revoked: true, old: false },
				{ revoked: false, old: false },
				{ revoked: false, old: false }
			]);
		});

		it('refuses a refresh token that was never issued', async () => {
			const { data, error } = await engine
				.anon()
				.auth.refreshSession({ refresh_token: `made-up-${suffix()}` });
			expect(data.session).toBeNull();
			expect(error?.message).toBe('Invalid Refresh Token: Refresh Token Not Found');
		});
	});

	describe('limits on wrong passwords, and no hint which addresses have accounts', () => {
		/** A sign-in posted to the stand-in as a client would, optionally from a given address. */
		const post = (email: string, password: string, address?: string) =>
			engine.local.fetch(`${engine.local.url}/auth/v1/token?grant_type=password`, {
				method: 'POST',
				headers: {
					apikey: engine.local.anonKey,
					'content-type': 'application/json',
					...(address ? { 'x-forwarded-for': `${address}, 10.0.0.1` } : {})
				},
				body: JSON.stringify({ email, password })
			});

		it('refuses an account after 10 wrong passwords with 429 and Retry-After, even the right one', async () => {
			const user = await engine.createUser();
			for (let i = 0; i < 10; i++) expect((await post(user.email, `wrong-${i}`)).status).toBe(400);
			const limited = await post(user.email.toUpperCase(), user.password);
			expect(limited.status).toBe(429);
			expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(800);
			expect(await limited.json()).toMatchObject({ error_code: 'over_request_rate_limit' });
			// supabase-js reads it as a rate limit too
			const { error } = await engine.anon().auth.signInWithPassword(user);
			expect(error?.status).toBe(429);
			// another account is not affected
			const other = await engine.createUser();
			expect((await post(other.email, other.password)).status).toBe(200);
			// an address without an account is limited the same way
			const nobody = `nobody-${suffix()}@example.org`;
			for (let i = 0; i < 10; i++) expect((await post(nobody, `wrong-${i}`)).status).toBe(400);
			expect((await post(nobody, 'wrong')).status).toBe(429);
		});

		it('refuses a client address after 30 wrong passwords across accounts', async () => {
			const address = `192.0.2.${Math.floor(Math.random() * 250) + 1}`;
			for (let i = 0; i < 30; i++) {
				expect((await post(`guess-${i}-${suffix()}@example.org`, 'wrong', address)).status).toBe(400);
			}
			const user = await engine.createUser();
			expect((await post(user.email, user.password, address)).status).toBe(429);
			// from another address the same account signs in
			expect((await post(user.email, user.password, '198.51.100.7')).status).toBe(200);
		});

		it('takes as long for an unknown address as for a wrong password, checking a bcrypt hash of cost 10 either way', async () => {
			const email = `cost-${suffix()}@example.org`;
			await engine.db.query(
				`insert into auth.users (email, encrypted_password, email_confirmed_at)
				 values ($1, extensions.crypt('the-password', extensions.gen_salt('bf', 10)), now())`,
				[email]
			);
			const time = async (address: string) => {
				const started = performance.now();
				expect((await post(address, 'not-the-password')).status).toBe(400);
				return performance.now() - started;
			};
			await time(`warm-${suffix()}@example.org`);
			const known: number[] = [];
			const unknown: number[] = [];
			for (let i = 0; i < 5; i++) {
				known.push(await time(email));
				unknown.push(await time(`nobody-${suffix()}@example.org`));
			}
			const median = (xs: number[]) => xs.sort((a, b) => a - b)[2]!;
			// before the dummy hash an unknown address answered in a third of the time
			expect(median(unknown) / median(known)).toBeGreaterThan(0.6);
		});
	});
});
