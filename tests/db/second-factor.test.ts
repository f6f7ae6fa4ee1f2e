/**
 * Two-step sign-in for staff: the local stand-in for Supabase Auth's TOTP factors, through supabase-js's
 * own MFA calls, and the database's rule that a member who has set up a second factor holds no role in
 * a session that has not used it (app.has_role reads the JWT's aal).
 */
import { describe, expect, it } from 'vitest';
import { totpCode } from '$lib/server/platform/totp';
import { forEachEngine, type Client } from './engines';

/** The assurance level written in a session's access token. */
function aalOf(accessToken: string | undefined): string | undefined {
	const payload = JSON.parse(Buffer.from(accessToken!.split('.')[1]!, 'base64url').toString('utf8')) as {
		aal?: string;
	};
	return payload.aal;
}

async function accessToken(client: Client): Promise<string | undefined> {
	return (await client.auth.getSession()).data.session?.access_token;
}

/** Sets up an authenticator app for the signed-in client; its factor id and secret. */
async function enrol(client: Client): Promise<{ id: string; secret: string }> {
	const { data, error } = await client.auth.mfa.enroll({ factorType: 'totp', friendlyName: 'Phone' });
	expect(error).toBeNull();
	return { id: data!.id, secret: data!.totp!.secret };
}

/** Answers a new challenge of the factor with the code; the error, if any. */
async function verify(client: Client, factorId: string, code: string) {
	const challenge = await client.auth.mfa.challenge({ factorId });
	expect(challenge.error).toBeNull();
	const { error } = await client.auth.mfa.verify({ factorId, challengeId: challenge.data!.id, code });
	return error;
}

/** A code of the next 30-second step: accepted (within the window) after the current one was used. */
const nextCode = (secret: string) => totpCode(secret, Date.now() + 30_000);

forEachEngine('second factor', (engine) => {
	async function memberWithSurvey() {
		const org = await engine.createOrganisation();
		const survey = await engine.createSurvey(org, { waves: ['open'] });
		const user = await engine.createMember(org, 'lead');
		return { org, survey, user };
	}

	async function surveysSeen(client: Client, organisationId: string): Promise<number> {
		const { data, error } = await client.rpc('list_surveys', { p_organisation_id: organisationId });
		expect(error).toBeNull();
		return (data as unknown[]).length;
	}

	describe('setting up an authenticator app', () => {
		it('gives a secret, its otpauth address and a QR code, and changes nothing until a code confirms it', async () => {
			const { org, user } = await memberWithSurvey();
			const client = await engine.signInAs(user);
			const { data, error } = await client.auth.mfa.enroll({ factorType: 'totp', friendlyName: 'Phone' });
			expect(error).toBeNull();
			expect(data!.totp!.secret).toMatch(/^[A-Z2-7]{32}$/);
			expect(data!.totp!.uri).toContain(`secret=${data!.totp!.secret}`);
			expect(data!.totp!.uri).toContain(encodeURIComponent(user.email));
			expect(data!.totp!.qr_code).toMatch(/^data:image\/svg\+xml;utf-8,<svg/);
			// not yet confirmed: the password alone still does everything
			expect(await surveysSeen(await engine.signInAs(user), org.id)).toBe(1);
			const factors = await client.auth.mfa.listFactors();
			expect(factors.data!.all.map((f) => f.status)).toEqual(['unverified']);
			expect(factors.data!.totp).toEqual([]);
		});

		it('confirms with the right code: the session becomes aal2 and stays so when refreshed', async () => {
			const { org, user } = await memberWithSurvey();
			const client = await engine.signInAs(user);
			const factor = await enrol(client);
			expect(aalOf(await accessToken(client))).toBe('aal1');
			expect(await verify(client, factor.id, totpCode(factor.secret))).toBeNull();
			expect(aalOf(await accessToken(client))).toBe('aal2');
			const level = await client.auth.mfa.getAuthenticatorAssuranceLevel();
			expect(level.data).toMatchObject({ currentLevel: 'aal2', nextLevel: 'aal2' });
			expect(await surveysSeen(client, org.id)).toBe(1);
			const refreshed = await client.auth.refreshSession();
			expect(refreshed.error).toBeNull();
			expect(aalOf(refreshed.data.session?.access_token)).toBe('aal2');
			expect(await surveysSeen(client, org.id)).toBe(1);
		});

		it('refuses a wrong code, a code already used, and a challenge of someone else’s factor', async () => {
			const { user } = await memberWithSurvey();
			const client = await engine.signInAs(user);
			const factor = await enrol(client);
			const code = totpCode(factor.secret);
			const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
			expect((await verify(client, factor.id, wrong))?.code).toBe('mfa_verification_failed');
			expect((await verify(client, factor.id, 'abc'))?.code).toBe('mfa_verification_failed');
			expect(aalOf(await accessToken(client))).toBe('aal1');
			expect(await verify(client, factor.id, code)).toBeNull();
			// the same code again, in another session: used once, never again
			const again = await engine.signInAs(user);
			expect((await verify(again, factor.id, code))?.code).toBe('mfa_verification_failed');
			expect(aalOf(await accessToken(again))).toBe('aal1');
			// another member cannot challenge it
			const { user: other } = await memberWithSurvey();
			const theirs = await engine.signInAs(other);
			const challenge = await theirs.auth.mfa.challenge({ factorId: factor.id });
			expect(challenge.error?.status).toBe(404);
		});

		it('refuses every code, the right one too, after five wrong ones (429)', async () => {
			const { user } = await memberWithSurvey();
			const client = await engine.signInAs(user);
			const factor = await enrol(client);
			const code = totpCode(factor.secret);
			const wrong = String((Number(code) + 7) % 1_000_000).padStart(6, '0');
			for (let i = 0; i < 5; i++) expect(await verify(client, factor.id, wrong)).not.toBeNull();
			const blocked = await verify(client, factor.id, code);
			expect(blocked?.status).toBe(429);
			expect(aalOf(await accessToken(client))).toBe('aal1');
		});
	});

	describe('signing in once it is set up', () => {
		it('gives a password-only session no role at all, in the database, until the code is given', async () => {
			const { org, survey, user } = await memberWithSurvey();
			const first = await engine.signInAs(user);
			const factor = await enrol(first);
			expect(await verify(first, factor.id, totpCode(factor.secret))).toBeNull();

			const client = await engine.signInAs(user);
			expect(aalOf(await accessToken(client))).toBe('aal1');
			const level = await client.auth.mfa.getAuthenticatorAssuranceLevel();
			expect(level.data).toMatchObject({ currentLevel: 'aal1', nextLevel: 'aal2' });
			expect(await surveysSeen(client, org.id)).toBe(0);
			expect((await client.rpc('my_memberships')).data).toEqual([]);
			const publish = () =>
				client.rpc('set_public_indicator', { p_question_id: survey.questions.feel.id, p_public: true });
			expect((await publish()).error?.hint).toBe('not_found');

			expect(await verify(client, factor.id, nextCode(factor.secret))).toBeNull();
			expect(await surveysSeen(client, org.id)).toBe(1);
			expect((await publish()).error).toBeNull();
		});

		it('reads the JWT’s aal in app.has_role, as PostgREST passes the claims', async () => {
			const { org, user } = await memberWithSurvey();
			const client = await engine.signInAs(user);
			const factor = await enrol(client);
			const hasRole = async (aal?: string) => {
				const [row] = await engine.asRole('authenticated', null, async (tx) => {
					const claims = {
						role: 'authenticated',
						sub: user.id,
						aud: 'authenticated',
						...(aal ? { aal } : {})
					};
					await tx.query(`select set_config('request.jwt.claims', $1, true)`, [JSON.stringify(claims)]);
					return tx.query<{ ok: boolean }>('select app.has_role($1) as ok', [org.id]);
				});
				return row!.ok;
			};
			// an unconfirmed factor asks nothing more
			expect(await hasRole('aal1')).toBe(true);
			expect(await verify(client, factor.id, totpCode(factor.secret))).toBeNull();
			expect(await hasRole('aal1')).toBe(false);
			expect(await hasRole()).toBe(false);
			expect(await hasRole('aal2')).toBe(true);
		});

		it('removes the factor only from a session that used it; then the password alone is enough again', async () => {
			const { org, user } = await memberWithSurvey();
			const setUp = await engine.signInAs(user);
			const factor = await enrol(setUp);
			expect(await verify(setUp, factor.id, totpCode(factor.secret))).toBeNull();

			const passwordOnly = await engine.signInAs(user);
			const refused = await passwordOnly.auth.mfa.unenroll({ factorId: factor.id });
			expect(refused.error?.code).toBe('insufficient_aal');
			const another = await passwordOnly.auth.mfa.enroll({ factorType: 'totp' });
			expect(another.error?.code).toBe('insufficient_aal');

			const removed = await setUp.auth.mfa.unenroll({ factorId: factor.id });
			expect(removed.error).toBeNull();
			expect(await surveysSeen(await engine.signInAs(user), org.id)).toBe(1);
		});
	});
});
