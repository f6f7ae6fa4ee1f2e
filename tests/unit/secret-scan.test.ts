import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { findSecrets } from '../support/secret-scan';

function token(payload: object): string {
	const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
	const body = `${part({ alg: 'HS256', typ: 'JWT' })}.${part(payload)}`;
	return `${body}.${createHmac('sha256', 'k').update(body).digest('base64url')}`;
}

describe('the secret scan of what browsers receive', () => {
	it('finds a service key, a private key, a server setting with its value and a known secret', () => {
		const service = token({ role: 'service_role', iss: 'supabase' });
		const bundle = [
			`const k="${service}";`,
			'-----BEGIN PRIVATE KEY-----\nMIIE',
			'env={SUPABASE_SERVICE_ROLE_KEY:"abcdefghijkl"}',
			'password="xSLNOVhWX-Hbrnbs"'
		].join('\n');
		expect(findSecrets(bundle, ['xSLNOVhWX-Hbrnbs']).map((f) => f.kind)).toEqual([
			'private key',
			'service token',
			'server setting',
			'known secret'
		]);
		// an excerpt only: the report never repeats the secret
		expect(findSecrets(service)[0]!.excerpt).toBe(`${service.slice(0, 12)}…`);
	});

	it('leaves alone an anon key, the names of settings in prose and short values', () => {
		const anon = token({ role: 'anon', iss: 'supabase' });
		const page = `<script>const key="${anon}"</script><p>Set SUPABASE_SERVICE_ROLE_KEY on the server.</p>`;
		expect(findSecrets(page, ['true', '5432'])).toEqual([]);
	});

	it('finds a token that carries no role', () => {
		expect(findSecrets(`t=${token({ sub: 'x'.repeat(12) })}`).map((f) => f.kind)).toEqual([
			'token without a role'
		]);
	});
});
