import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Database, Queryable } from '../db/types';
import { json, readJson } from './http';
import { bearer, type JwtKeys } from './jwt';
import { retryAfterSeconds, SignInLimits } from '../sign-in-limits';
import { SESSION_SECONDS } from '../supabase-options';

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
 */

export const ACCESS_TOKEN_SECONDS = 3600;
/**
 * A refresh token presented again within this many seconds of being replaced (two requests of one
 * page refreshing at once) gets the session's current token, as Supabase Auth's reuse interval does;
 * later, it was stolen or replayed, and the whole session is ended.
 */
export const REFRESH_REUSE_SECONDS = 10;

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

function userJson(u: UserRow) {
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

/** The client's address as the caller passes it on (X-Forwarded-For's first entry), if it does. */
function forwardedAddress(request: Request): string | null {
	const first = request.headers.get('x-forwarded-for')?.split(',')[0]?.trim();
	return first ? first : null;
}

export class AuthHandler {
	readonly #db: Database;
	readonly #keys: JwtKeys;
	readonly limits = new SignInLimits();
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
			const [old] = await tx.query<{ user_id: string; session_id: string }>(
				`update auth.refresh_tokens set revoked = true, revoked_at = now()
				  where token = $1 and not revoked and created_at > now() - make_interval(secs => $2)
				  returning user_id, session_id`,
				[token, SESSION_SECONDS]
			);
			if (old) {
				const user = await userOf(tx, old.user_id);
				// the new token is stored in the same transaction, so the session is never without one
				return user ? this.#session(user, old.session_id, tx) : null;
			}
			const [used] = await tx.query<{ user_id: string; session_id: string; recent: boolean | null }>(
				`select user_id, session_id, revoked_at > now() - make_interval(secs => $2) as recent
				   from auth.refresh_tokens where token = $1 and revoked`,
				[token, REFRESH_REUSE_SECONDS]
			);
			if (!used) return null;
			if (used.recent) {
				// two requests refreshing at once: the later one gets the token the first one made
				const [live] = await tx.query<{ token: string }>(
					`select token from auth.refresh_tokens where session_id = $1 and not revoked order by id desc limit 1`,
					[used.session_id]
				);
				const user = live ? await userOf(tx, used.user_id) : undefined;
				if (live && user) return this.#session(user, used.session_id, tx, live.token);
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
		current?: string
	): Promise<Response> {
		const refreshToken = current ?? randomBytes(24).toString('base64url');
		if (!current)
			await db.query('insert into auth.refresh_tokens (token, user_id, session_id) values ($1, $2, $3)', [
				refreshToken,
				user.id,
				sessionId
			]);
		const accessToken = await this.#keys.sign(
			{
				role: 'authenticated',
				aud: 'authenticated',
				sub: user.id,
				email: user.email,
				session_id: sessionId,
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
			user: userJson(user)
		});
	}

	async #user(request: Request): Promise<Response> {
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
		return json(userJson(user));
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
