import { SignJWT } from 'jose';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { JwtKeys } from '../../src/lib/server/platform/embedded/jwt';

const SECRET = 'a-test-secret-of-at-least-thirty-two-characters';

describe('JwtKeys.verify', () => {
	afterEach(() => {
		vi.useRealTimers();
	});

	it('accepts a token again without checking it anew, until it expires', async () => {
		const keys = new JwtKeys(SECRET);
		const token = await keys.sign({ role: 'authenticated', sub: 'u1' }, 60);
		expect((await keys.verify(token))?.sub).toBe('u1');
		expect((await keys.verify(token))?.role).toBe('authenticated');

		// an hour later the remembered token is refused like any expired one
		vi.useFakeTimers({ now: Date.now() + 3_600_000 });
		expect(await keys.verify(token)).toBeNull();
	});

	it('refuses a token signed with another secret, even after a good one was remembered', async () => {
		const keys = new JwtKeys(SECRET);
		const other = new JwtKeys(`${SECRET}-but-another`);
		const good = await keys.sign({ role: 'anon' }, 60);
		const forged = await other.sign({ role: 'service_role' }, 60);
		expect(await keys.verify(good)).not.toBeNull();
		expect(await keys.verify(forged)).toBeNull();
		expect(await keys.verify(forged)).toBeNull();
	});

	it('refuses a token signed with the right secret but no expiry, which would work for ever', async () => {
		const keys = new JwtKeys(SECRET);
		const endless = await new SignJWT({ role: 'service_role' })
			.setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
			.setIssuedAt()
			.sign(new TextEncoder().encode(SECRET));
		expect(await keys.verify(endless)).toBeNull();
		// the same claims with an expiry are accepted: it is the missing expiry that is refused
		const ending = await new SignJWT({ role: 'service_role' })
			.setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
			.setIssuedAt()
			.setExpirationTime('1h')
			.sign(new TextEncoder().encode(SECRET));
		expect((await keys.verify(ending))?.role).toBe('service_role');
	});

	it('refuses a token without a known role', async () => {
		const keys = new JwtKeys(SECRET);
		const token = await keys.sign({ role: 'postgres' as 'anon' }, 60);
		expect(await keys.verify(token)).toBeNull();
	});
});
