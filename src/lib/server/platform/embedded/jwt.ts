import { SignJWT, jwtVerify, type JWTPayload } from 'jose';

export type ApiRole = 'anon' | 'authenticated' | 'service_role';
export const API_ROLES: readonly ApiRole[] = ['anon', 'authenticated', 'service_role'];

export interface Claims extends JWTPayload {
	role: ApiRole;
	sub?: string;
	email?: string;
	session_id?: string;
	aud?: string;
	/** the session's assurance level: aal1 after a password, aal2 once a second factor was used too */
	aal?: 'aal1' | 'aal2';
	amr?: { method: string; timestamp: number }[];
	app_metadata?: Record<string, unknown>;
	user_metadata?: Record<string, unknown>;
}

/** HS256 tokens, as Supabase signs them with the project's JWT secret. */
/** How many verified tokens are remembered (see JwtKeys.verify). */
const VERIFIED_CACHE_SIZE = 1_000;

export class JwtKeys {
	readonly #key: Uint8Array;
	/** token -> its claims, for tokens already verified; each is checked against its expiry on use */
	readonly #verified = new Map<string, Claims>();

	constructor(secret: string) {
		if (secret.length < 32) throw new Error('The JWT secret must be at least 32 characters long.');
		this.#key = new TextEncoder().encode(secret);
	}

	sign(claims: Claims, expiresInSeconds: number): Promise<string> {
		const now = Math.floor(Date.now() / 1000);
		return new SignJWT({ ...claims })
			.setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
			.setIssuer('co-production-impact')
			.setIssuedAt(now)
			.setExpirationTime(now + expiresInSeconds)
			.sign(this.#key);
	}

	/** The claims of a valid token, or null for a missing, forged, expired, endless or role-less one. */
	async verify(token: string | null | undefined): Promise<Claims | null> {
		if (!token) return null;
		// The same few tokens (the anon key above all) come with every call: an HMAC check each time
		// was a twentieth of a respondent page's time. A remembered token still expires on time.
		const known = this.#verified.get(token);
		if (known) {
			if (known.exp! > Date.now() / 1000) return known;
			this.#verified.delete(token);
			return null;
		}
		try {
			// a token without an expiry would work for ever: refused, as every token made here has one
			const { payload } = await jwtVerify(token, this.#key, {
				algorithms: ['HS256'],
				requiredClaims: ['exp']
			});
			if (typeof payload.role !== 'string' || !API_ROLES.includes(payload.role as ApiRole)) return null;
			if (this.#verified.size >= VERIFIED_CACHE_SIZE) this.#verified.clear();
			this.#verified.set(token, payload as Claims);
			return payload as Claims;
		} catch {
			return null;
		}
	}
}

export function bearer(header: string | null): string | null {
	const m = /^Bearer\s+(.+)$/i.exec(header ?? '');
	return m ? m[1]!.trim() : null;
}
