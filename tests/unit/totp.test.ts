import { describe, expect, it } from 'vitest';
import { newTotpSecret, totpCode, totpStep, totpUri } from '$lib/server/platform/totp';
import { needsSecondStep } from '$lib/server/members/second-step';

// RFC 6238, appendix B: the secret "12345678901234567890" (ASCII), HMAC-SHA1, 8 digits; six are the last six.
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

describe('authenticator codes (TOTP)', () => {
	it('match the published test values of RFC 6238', () => {
		expect(totpCode(RFC_SECRET, 59_000)).toBe('287082');
		expect(totpCode(RFC_SECRET, 1_111_111_109_000)).toBe('081804');
		expect(totpCode(RFC_SECRET, 1_234_567_890_000)).toBe('005924');
		expect(totpCode(RFC_SECRET, 2_000_000_000_000)).toBe('279037');
	});

	it('accept the step before and after, and nothing further or malformed', () => {
		const at = 1_111_111_109_000;
		const step = Math.floor(at / 30_000);
		expect(totpStep(RFC_SECRET, totpCode(RFC_SECRET, at), at)).toBe(step);
		expect(totpStep(RFC_SECRET, totpCode(RFC_SECRET, at - 30_000), at)).toBe(step - 1);
		expect(totpStep(RFC_SECRET, totpCode(RFC_SECRET, at + 30_000), at)).toBe(step + 1);
		expect(totpStep(RFC_SECRET, totpCode(RFC_SECRET, at + 60_000), at)).toBeNull();
		expect(totpStep(RFC_SECRET, '081 804', at)).toBe(step);
		for (const bad of ['', '08180', '0818045', 'abcdef', '08180a'])
			expect(totpStep(RFC_SECRET, bad, at)).toBeNull();
	});

	it('makes 160-bit secrets and an otpauth address an app reads', () => {
		const secret = newTotpSecret();
		expect(secret).toMatch(/^[A-Z2-7]{32}$/);
		expect(newTotpSecret()).not.toBe(secret);
		const uri = new URL(totpUri(secret, 'lead@example.org', 'Co-production Impact'));
		expect(uri.protocol).toBe('otpauth:');
		expect(uri.searchParams.get('secret')).toBe(secret);
		expect(uri.searchParams.get('issuer')).toBe('Co-production Impact');
		expect(uri.searchParams.get('period')).toBe('30');
		expect(uri.searchParams.get('digits')).toBe('6');
	});
});

describe('whether a session still needs the second step', () => {
	const token = (aal: string) => `x.${Buffer.from(JSON.stringify({ aal })).toString('base64url')}.y`;
	const withFactor = { factors: [{ status: 'verified' }] } as never;
	const unconfirmed = { factors: [{ status: 'unverified' }] } as never;
	it('asks only an account with a confirmed factor, in a session below aal2', () => {
		expect(needsSecondStep({ access_token: token('aal1') }, withFactor)).toBe(true);
		expect(needsSecondStep({ access_token: 'not a token' }, withFactor)).toBe(true);
		expect(needsSecondStep(null, withFactor)).toBe(true);
		expect(needsSecondStep({ access_token: token('aal2') }, withFactor)).toBe(false);
		expect(needsSecondStep({ access_token: token('aal1') }, unconfirmed)).toBe(false);
		expect(needsSecondStep({ access_token: token('aal1') }, { factors: undefined })).toBe(false);
	});
});
