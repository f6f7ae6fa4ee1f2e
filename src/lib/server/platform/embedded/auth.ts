import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import type { Database, Queryable } from '../db/types';
import { json, readJson } from './http';
import { bearer, type Claims, type JwtKeys } from './jwt';
import { FailureLimiter } from '../failure-limiter';
import { retryAfterSeconds, SignInLimits } from '../sign-in-limits';
import { SESSION_SECONDS } from '../supabase-options';
import { newTotpSecret, qrSvg, totpStep, totpUri } from '../totp';

/**
 * The part of Supabase Auth (GoTrue) the app uses: password sign-in, refresh, the current user and
 * sign-out. Users live in auth.users with bcrypt hashes (pgcrypto), as on Supabase, so the same
 * rows sign in on both.
 *
 * Password sign-in checks a bcrypt hash every time, a dummy one (cost 10, as new passwords get)
 * when no account has the address, so the time it takes does not tell whether an account exists;
 * and wrong passwords are limited per account and per client address (../sign-in-limits.ts; the
 * address is the first of X-Forwarded-For when the caller sends one), answered 429 with
 * Retry-After as Supabase Auth answers its own rate limits.
 *
 * Second factors, as Supabase Auth's MFA API has them (POST /factors, /factors/:id/challenge,
 * /factors/:id/verify, DELETE /factors/:id): an authenticator app's six-digit code (TOTP). A session
 * that has verified one is marked aal2 in its tokens, refreshed tokens included; the database reads the
 * mark (app.has_role). Each code is accepted once, a challenge lasts five minutes, and wrong codes are
 * limited per factor.
 */

export const ACCESS_TOKEN_SECONDS = 3600;
/**
 * A refresh token presented again within this many seconds of being replaced (two requests of one
 * page refreshing at once) gets the session's current token, as Supabase Auth's reuse interval does;
 * later, it was stolen or replayed, and the whole session is ended.
 */
export const REFRESH_REUSE_SECONDS = 10;
/** How long a second-factor challenge may be answered, as Supabase Auth's default. */
export const CHALLENGE_SECONDS = 300;
/** Wrong codes for one factor before it is refused for a while (an attacker who has the password). */
export const WRONG_CODES_PER_FACTOR = 5;
export const WRONG_CODES_WINDOW_MS = 15 * 60_000;

type Aal = 'aal1' | 'aal2';

interface FactorRow {
	id: string;
	friendly_name: string | null;
	factor_type: string;
	status: 'unverified' | 'verified';
	created_at: string | Date;
	updated_at: string | Date;
}

interface UserRow {
	id: string;
	aud: string | null;
	role: string | null;
	email: string;
	raw_app_meta_data: Record<string, unknown> | null;
	raw_user_meta_data: Record<string, unknown> | null;
	created_at: string | Date;
	updated_at: string | Date | null;
	last_sign_in_at: string | Date | null;
	email_confirmed_at: string | Date | null;
}

const USER_COLUMNS = `id, aud, role, email, raw_app_meta_data, raw_user_meta_data, created_at, updated_at,
	last_sign_in_at, email_confirmed_at`;

function iso(value: string | Date | null): string | null {
	if (value === null) return null;
	return value instanceof Date ? value.toISOString() : new Date(value).toISOString();
}

function factorJson(f: FactorRow) {
	return {
		id: f.id,
		friendly_name: f.friendly_name ?? undefined,
		factor_type: f.factor_type,
		status: f.status,
		created_at: iso(f.created_at),
		updated_at: iso(f.updated_at)
	};
}

function userJson(u: UserRow, factors: FactorRow[] = []) {
	return {
		id: u.id,
		aud: u.aud ?? 'authenticated',
		role: u.role ?? 'authenticated',
		email: u.email,
		email_confirmed_at: iso(u.email_confirmed_at),
		last_sign_in_at: iso(u.last_sign_in_at),
		app_metadata: { provider: 'email', providers: ['email'], ...(u.raw_app_meta_data ?? {}) },
		user_metadata: u.raw_user_meta_data ?? {},
		identities: [],
		factors: factors.map(factorJson),
		created_at: iso(u.created_at),
		updated_at: iso(u.updated_at)
	};
}

async function userOf(db: Queryable, id: string): Promise<UserRow | undefined> {
	const [user] = await db.query<UserRow>(`select ${USER_COLUMNS} from auth.users where id = $1`, [id]);
	return user;
}

function authError(status: number, code: string, message: string, headers: Record<string, string> = {}) {
	return json({ code: status, error_code: code, msg: message }, status, headers);
}

function sameText(a: string, b: string): boolean {
	const x = Buffer.from(a);
	const y = Buffer.from(b);
	return x.length === y.length && timingSafeEqual(x, y);
}

/** An address PostgreSQL's inet takes, or null. */
function validAddress(address: string | null): string | null {
	return address && isIP(address) ? address : null;
}

/** The client's address as the caller passes it on (X-Forwarded-For's first entry), if it does. */
function forwardedAddress(request: Request): string | null {
	const first = request.headers.get('x-forwarded-for')?.split(',')[0]?.trim();
	return first ? first : null;
}

export class AuthHandler {
	readonly #db: Database;
	readonly #keys: JwtKeys;
	readonly limits = new SignInLimits();
	readonly wrongCodes = new FailureLimiter(WRONG_CODES_PER_FACTOR, WRONG_CODES_WINDOW_MS);
	/** A bcrypt hash of a random secret, checked when no account has the address given. */
	#dummyHash: Promise<string> | null = null;

	constructor(db: Database, keys: JwtKeys) {
		this.#db = db;
		this.#keys = keys;
	}

	async handle(request: Request, route: string): Promise<Response> {
		const url = new URL(request.url);
		if (route === 'token' && request.method === 'POST') {
			const grant = url.searchParams.get('grant_type');
			const body = await readJson(request);
			if (!body) return authError(400, 'validation_failed', 'The request body is not JSON.');
			if (grant === 'password') return this.#password(body, forwardedAddress(request));
			if (grant === 'refresh_token') return this.#refresh(body);
			return authError(400, 'validation_failed', 'Unsupported grant type.');
		}
		if (route === 'user' && request.method === 'GET') return this.#user(request);
		if (route === 'logout' && request.method === 'POST')
			return this.#logout(request, url.searchParams.get('scope'));
		if (route.startsWith('factors')) return this.#factors(request, route);
		return authError(404, 'not_found', 'Not found.');
	}

	#dummy(): Promise<string> {
		this.#dummyHash ??= this.#db
			.query<{ hash: string }>(`select extensions.crypt($1, extensions.gen_salt('bf', 10)) as hash`, [
				randomBytes(24).toString('base64url')
			])
			.then(([row]) => row!.hash);
		return this.#dummyHash;
	}

	async #password(body: Record<string, unknown>, address: string | null): Promise<Response> {
		const email = typeof body.email === 'string' ? body.email.trim() : '';
		const password = typeof body.password === 'string' ? body.password : '';
		if (!email || !password) {
			return authError(400, 'validation_failed', 'Enter an email address and a password.');
		}
		const until = this.limits.blockedUntil(email, address);
		if (until) {
			return authError(429, 'over_request_rate_limit', 'Too many sign-in attempts. Try again later.', {
				'retry-after': String(retryAfterSeconds(until))
			});
		}
		// The hash is computed whether or not the address has an account (against a dummy if not),
		// and returned, so that no short-circuit in the query can skip it; compared here.
		const [check] = await this.#db.query<{ id: string | null; stored: string | null; hash: string }>(
			`select u.id, u.encrypted_password as stored,
			        extensions.crypt($2, coalesce(u.encrypted_password, $3)) as hash
			   from (select 1) as one
			   left join lateral (select id, encrypted_password from auth.users
			                       where lower(email) = lower($1) order by created_at limit 1) as u on true`,
			[email, password, await this.#dummy()]
		);
		const ok = Boolean(check?.id && check.stored && sameText(check.stored, check.hash));
		const [user] = ok
			? await this.#db.query<UserRow>(
					`update auth.users set last_sign_in_at = now() where id = $1 returning ${USER_COLUMNS}`,
					[check!.id]
				)
			: [];
		// One answer for a wrong email and a wrong password alike: no hint which part was wrong.
		if (!user) {
			this.limits.failed(email, address);
			return authError(400, 'invalid_credentials', 'Invalid login credentials');
		}
		// Expired refresh tokens serve no one: cleared at each sign-in (Supabase Auth keeps and cleans up
		// its own). A replaced one is kept until then, so that its reuse is recognised.
		await this.#db.query(
			`delete from auth.refresh_tokens where created_at <= now() - make_interval(secs => $1)`,
			[SESSION_SECONDS]
		);
		return this.#session(user, randomUUID());
	}

	async #refresh(body: Record<string, unknown>): Promise<Response> {
		const token = typeof body.refresh_token === 'string' ? body.refresh_token : '';
		const answer = await this.#db.transaction(async (tx) => {
			const [old] = await tx.query<{ user_id: string; session_id: string; aal: Aal }>(
				`update auth.refresh_tokens set revoked = true, revoked_at = now()
				  where token = $1 and not revoked and created_at > now() - make_interval(secs => $2)
				  returning user_id, session_id, aal`,
				[token, SESSION_SECONDS]
			);
			if (old) {
				const user = await userOf(tx, old.user_id);
				// the new token is stored in the same transaction, so the session is never without one;
				// it keeps the session's assurance level
				return user ? this.#session(user, old.session_id, tx, undefined, old.aal) : null;
			}
			const [used] = await tx.query<{ user_id: string; session_id: string; recent: boolean | null }>(
				`select user_id, session_id, revoked_at > now() - make_interval(secs => $2) as recent
				   from auth.refresh_tokens where token = $1 and revoked`,
				[token, REFRESH_REUSE_SECONDS]
			);
			if (!used) return null;
			if (used.recent) {
				// two requests refreshing at once: the later one gets the token the first one made
				const [live] = await tx.query<{ token: string; aal: Aal }>(
					`select token, aal from auth.refresh_tokens where session_id = $1 and not revoked order by id desc limit 1`,
					[used.session_id]
				);
				const user = live ? await userOf(tx, used.user_id) : undefined;
				if (live && user) return this.#session(user, used.session_id, tx, live.token, live.aal);
			}
			// a replaced token presented again: whoever holds it is not the session's owner, or the
			// owner's copy was taken; either way the session ends, for both
			await tx.query(
				`update auth.refresh_tokens set revoked = true, revoked_at = coalesce(revoked_at, now())
				  where session_id = $1`,
				[used.session_id]
			);
			return authError(400, 'refresh_token_already_used', 'Invalid Refresh Token: Already Used');
		});
		return (
			answer ?? authError(400, 'refresh_token_not_found', 'Invalid Refresh Token: Refresh Token Not Found')
		);
	}

	/** A session's answer: a new access token, and a new refresh token unless the current one is given. */
	async #session(
		user: UserRow,
		sessionId: string,
		db: Queryable = this.#db,
		current?: string,
		aal: Aal = 'aal1'
	): Promise<Response> {
		const refreshToken = current ?? randomBytes(24).toString('base64url');
		if (!current)
			await db.query(
				'insert into auth.refresh_tokens (token, user_id, session_id, aal) values ($1, $2, $3, $4)',
				[refreshToken, user.id, sessionId, aal]
			);
		const now = Math.floor(Date.now() / 1000);
		const accessToken = await this.#keys.sign(
			{
				role: 'authenticated',
				aud: 'authenticated',
				sub: user.id,
				email: user.email,
				session_id: sessionId,
				aal,
				amr:
					aal === 'aal2'
						? [
								{ method: 'totp', timestamp: now },
								{ method: 'password', timestamp: now }
							]
						: [{ method: 'password', timestamp: now }],
				app_metadata: userJson(user).app_metadata,
				user_metadata: user.raw_user_meta_data ?? {}
			},
			ACCESS_TOKEN_SECONDS
		);
		return json({
			access_token: accessToken,
			token_type: 'bearer',
			expires_in: ACCESS_TOKEN_SECONDS,
			expires_at: Math.floor(Date.now() / 1000) + ACCESS_TOKEN_SECONDS,
			refresh_token: refreshToken,
			user: userJson(user, await this.#factorsOf(db, user.id))
		});
	}

	/** The signed-in caller of a live session, or the answer that refuses the request. */
	async #caller(request: Request): Promise<{ claims: Claims; user: UserRow } | Response> {
		const claims = await this.#keys.verify(bearer(request.headers.get('authorization')));
		if (!claims || claims.role !== 'authenticated' || !claims.sub) {
			return authError(403, 'bad_jwt', 'invalid JWT: unable to parse or verify signature, token is expired');
		}
		// A signed-out session's access token stops working at once, not when it expires.
		const [user] = await this.#db.query<UserRow>(
			`select ${USER_COLUMNS} from auth.users u
			  where u.id = $1
			    and exists (select 1 from auth.refresh_tokens t where t.session_id = $2 and not t.revoked)`,
			[claims.sub, claims.session_id ?? '00000000-0000-0000-0000-000000000000']
		);
		if (!user)
			return authError(403, 'session_not_found', 'Session from session_id claim in JWT does not exist');
		return { claims, user };
	}

	#factorsOf(db: Queryable, userId: string): Promise<FactorRow[]> {
		return db.query<FactorRow>(
			`select id, friendly_name, factor_type, status, created_at, updated_at
			   from auth.mfa_factors where user_id = $1 order by created_at`,
			[userId]
		);
	}

	async #user(request: Request): Promise<Response> {
		const caller = await this.#caller(request);
		if (caller instanceof Response) return caller;
		return json(userJson(caller.user, await this.#factorsOf(this.#db, caller.user.id)));
	}

	async #factors(request: Request, route: string): Promise<Response> {
		const caller = await this.#caller(request);
		if (caller instanceof Response) return caller;
		if (route === 'factors' && request.method === 'POST') return this.#enroll(request, caller);
		const m = /^factors\/([^/]+)(?:\/(challenge|verify))?$/.exec(route);
		const id = m?.[1] ?? '';
		if (!/^[0-9a-f-]{36}$/i.test(id)) return authError(404, 'mfa_factor_not_found', 'Factor not found');
		const [factor] = await this.#db.query<FactorRow & { secret: string; last_step: string | null }>(
			`select id, friendly_name, factor_type, status, created_at, updated_at, secret, last_step
			   from auth.mfa_factors where id = $1 and user_id = $2`,
			[id, caller.user.id]
		);
		if (!factor) return authError(404, 'mfa_factor_not_found', 'Factor not found');
		if (m?.[2] === 'challenge' && request.method === 'POST') return this.#challenge(request, factor);
		if (m?.[2] === 'verify' && request.method === 'POST') return this.#verify(request, caller, factor);
		if (!m?.[2] && request.method === 'DELETE') {
			// as Supabase Auth: a verified factor is removed only from a session that has used one
			if (factor.status === 'verified' && caller.claims.aal !== 'aal2') {
				return authError(403, 'insufficient_aal', 'AAL2 required to unenroll verified factor');
			}
			await this.#db.query('delete from auth.mfa_factors where id = $1', [factor.id]);
			return json({ id: factor.id });
		}
		return authError(404, 'not_found', 'Not found.');
	}

	async #enroll(request: Request, caller: { claims: Claims; user: UserRow }): Promise<Response> {
		const body = await readJson(request);
		if (!body) return authError(400, 'validation_failed', 'The request body is not JSON.');
		if (body.factor_type !== 'totp') {
			return authError(422, 'validation_failed', 'Only authenticator app (totp) factors are offered here.');
		}
		const factors = await this.#factorsOf(this.#db, caller.user.id);
		// as Supabase Auth: someone who has a second factor adds another only from a session that used it
		if (factors.some((f) => f.status === 'verified') && caller.claims.aal !== 'aal2') {
			return authError(403, 'insufficient_aal', 'AAL2 required to enroll a new factor');
		}
		const friendly = typeof body.friendly_name === 'string' ? body.friendly_name.trim().slice(0, 100) : '';
		const issuer = typeof body.issuer === 'string' && body.issuer.trim() ? body.issuer.trim() : 'localhost';
		const secret = newTotpSecret();
		// one set-up at a time: an earlier one never finished is replaced
		await this.#db.query(`delete from auth.mfa_factors where user_id = $1 and status = 'unverified'`, [
			caller.user.id
		]);
		const [factor] = await this.#db.query<FactorRow>(
			`insert into auth.mfa_factors (user_id, friendly_name, secret) values ($1, $2, $3)
			 returning id, friendly_name, factor_type, status, created_at, updated_at`,
			[caller.user.id, friendly || null, secret]
		);
		const uri = totpUri(secret, caller.user.email, issuer);
		return json({
			id: factor!.id,
			type: 'totp',
			friendly_name: factor!.friendly_name ?? undefined,
			totp: { qr_code: await qrSvg(uri), secret, uri }
		});
	}

	async #challenge(request: Request, factor: FactorRow): Promise<Response> {
		const [challenge] = await this.#db.query<{ id: string; created_at: string | Date }>(
			`insert into auth.mfa_challenges (factor_id, ip_address) values ($1, $2::inet)
			 returning id, created_at`,
			[factor.id, validAddress(forwardedAddress(request))]
		);
		await this.#db.query('update auth.mfa_factors set last_challenged_at = now() where id = $1', [factor.id]);
		const created = new Date(iso(challenge!.created_at)!).getTime() / 1000;
		return json({ id: challenge!.id, type: 'totp', expires_at: Math.floor(created) + CHALLENGE_SECONDS });
	}

	async #verify(
		request: Request,
		caller: { claims: Claims; user: UserRow },
		factor: FactorRow & { secret: string; last_step: string | null }
	): Promise<Response> {
		const body = await readJson(request);
		if (!body) return authError(400, 'validation_failed', 'The request body is not JSON.');
		const code = typeof body.code === 'string' ? body.code : '';
		const challengeId = typeof body.challenge_id === 'string' ? body.challenge_id : '';
		const until = this.wrongCodes.blockedUntil(factor.id);
		if (until) {
			return authError(429, 'over_request_rate_limit', 'Too many wrong codes. Try again later.', {
				'retry-after': String(retryAfterSeconds(until))
			});
		}
		const [challenge] = /^[0-9a-f-]{36}$/i.test(challengeId)
			? await this.#db.query<{ id: string }>(
					`select id from auth.mfa_challenges
					  where id = $1 and factor_id = $2 and verified_at is null
					    and created_at > now() - make_interval(secs => $3)`,
					[challengeId, factor.id, CHALLENGE_SECONDS]
				)
			: [];
		if (!challenge) {
			return authError(
				422,
				'mfa_challenge_expired',
				'The challenge has expired or was used: ask for a new one.'
			);
		}
		const step = totpStep(factor.secret, code);
		if (step === null || (factor.last_step !== null && step <= Number(factor.last_step))) {
			this.wrongCodes.fail(factor.id);
			return authError(422, 'mfa_verification_failed', 'Invalid TOTP code entered');
		}
		const sessionId = caller.claims.session_id!;
		return this.#db.transaction(async (tx) => {
			// the step is stored only if no other request took it first: a code is accepted once
			const [taken] = await tx.query<{ id: string }>(
				`update auth.mfa_factors set status = 'verified', last_step = $2, updated_at = now()
				  where id = $1 and (last_step is null or last_step < $2) returning id`,
				[factor.id, step]
			);
			if (!taken) return authError(422, 'mfa_verification_failed', 'Invalid TOTP code entered');
			await tx.query('update auth.mfa_challenges set verified_at = now() where id = $1', [challenge.id]);
			// the session's earlier tokens end; it goes on at aal2 with a new one
			await tx.query(
				`update auth.refresh_tokens set revoked = true, revoked_at = now() where session_id = $1 and not revoked`,
				[sessionId]
			);
			return this.#session(caller.user, sessionId, tx, undefined, 'aal2');
		});
	}

	async #logout(request: Request, scope: string | null): Promise<Response> {
		const claims = await this.#keys.verify(bearer(request.headers.get('authorization')));
		if (claims?.sub) {
			if (scope === 'global') {
				await this.#db.query('update auth.refresh_tokens set revoked = true where user_id = $1', [
					claims.sub
				]);
			} else if (scope === 'others') {
				await this.#db.query(
					'update auth.refresh_tokens set revoked = true where user_id = $1 and session_id <> $2',
					[claims.sub, claims.session_id]
				);
			} else {
				await this.#db.query('update auth.refresh_tokens set revoked = true where session_id = $1', [
					claims.session_id
				]);
			}
		}
		return new Response(null, { status: 204 });
	}
}
