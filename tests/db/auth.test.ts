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

	describe('refresh tokens', () => {
		it('rotate: a refresh gives new tokens that work, and the old refresh token is refused', async () => {
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

			const replay = await engine.anon().auth.refreshSession({ refresh_token: first.refresh_token });
			expect(replay.data.session).toBeNull();
			expect(replay.error?.message).toBe('Invalid Refresh Token: Refresh Token Not Found');

			const [row] = await engine.db.query<{ live: number }>(
				'select count(*)::int as live from auth.refresh_tokens where user_id = $1 and not revoked',
				[user.id]
			);
			expect(row?.live).toBe(1);
		});

		it('lets only one of two refreshes at once with the same token succeed', async () => {
			const user = await engine.createUser();
			const client = await engine.signInAs(user);
			const { refresh_token } = (await client.auth.getSession()).data.session!;
			const results = await Promise.all([
				engine.anon().auth.refreshSession({ refresh_token }),
				engine.anon().auth.refreshSession({ refresh_token })
			]);
			expect(results.map((r) => r.data.session !== null).sort()).toEqual([false, true]);
		});

		it('refuses a refresh token that was never issued', async () => {
			const { data, error } = await engine
				.anon()
				.auth.refreshSession({ refresh_token: `made-up-${suffix()}` });
			expect(data.session).toBeNull();
			expect(error?.message).toBe('Invalid Refresh Token: Refresh Token Not Found');
		});
	});
});
