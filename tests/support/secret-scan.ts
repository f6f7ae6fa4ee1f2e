/**
 * What a secret looks like in text a browser receives (issue 12: "the built client bundle holds no
 * secret"). Used by tests/e2e/secrets.spec.ts on the built client files and on served pages, and
 * tested on planted secrets in tests/unit/secret-scan.test.ts.
 *
 * Found: a private key block; a JSON Web Token whose role is service_role (a service key bypasses
 * row-level security) or that carries no role at all; the names of server-only settings with a value
 * beside them; and any of the known secret values given (the running server's JWT secret, the demo
 * passwords, the environment's keys).
 */
const PEM = /-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----/g;
const JWT = /eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{16,}/g;
const SERVER_SETTING =
	/\b(SUPABASE_SERVICE_ROLE_KEY|JWT_SECRET|DATABASE_URL|SMTP_URL)\b\s*["']?\s*[:=]\s*["'`][^"'`\s]{8,}/g;

export interface Finding {
	kind: 'private key' | 'service token' | 'token without a role' | 'server setting' | 'known secret';
	/** a short excerpt, never the whole secret */
	excerpt: string;
}

function excerpt(s: string): string {
	return s.length <= 12 ? s : `${s.slice(0, 12)}…`;
}

function roleOf(token: string): string | null | undefined {
	try {
		const payload = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as {
			role?: unknown;
		};
		return typeof payload.role === 'string' ? payload.role : null;
	} catch {
		return undefined; // not a token after all
	}
}

export function findSecrets(text: string, known: readonly string[] = []): Finding[] {
	const found: Finding[] = [];
	for (const m of text.matchAll(PEM)) found.push({ kind: 'private key', excerpt: m[0] });
	for (const m of text.matchAll(JWT)) {
		const role = roleOf(m[0]);
		if (role === 'service_role') found.push({ kind: 'service token', excerpt: excerpt(m[0]) });
		else if (role === null) found.push({ kind: 'token without a role', excerpt: excerpt(m[0]) });
	}
	for (const m of text.matchAll(SERVER_SETTING)) found.push({ kind: 'server setting', excerpt: m[1]! });
	for (const secret of known) {
		// short values (a port, "true") would match anything
		if (secret.length >= 8 && text.includes(secret)) {
			found.push({ kind: 'known secret', excerpt: excerpt(secret) });
		}
	}
	return found;
}
