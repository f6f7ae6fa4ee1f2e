import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';

/**
 * Time-based one-time codes (RFC 6238) as authenticator apps make them: six digits, a new code every 30
 * seconds, HMAC-SHA1, the secret shown once as base32 and as a QR code of its otpauth:// address. The
 * local stand-in for Supabase Auth keeps the secret; on Supabase, Supabase Auth does the same.
 */
export const TOTP_PERIOD_SECONDS = 30;
/** A code of the step before or after the current one is accepted too: clocks drift, people type slowly. */
export const TOTP_WINDOW = 1;

function totp(secretBase32: string, label = '', issuer = ''): TOTP {
	return new TOTP({
		issuer,
		label,
		algorithm: 'SHA1',
		digits: 6,
		period: TOTP_PERIOD_SECONDS,
		secret: Secret.fromBase32(secretBase32)
	});
}

/** A new secret (160 bits, as RFC 4226 advises), in base32. */
export function newTotpSecret(): string {
	return new Secret({ size: 20 }).base32;
}

/** The otpauth:// address an authenticator app reads from the QR code. */
export function totpUri(secretBase32: string, label: string, issuer: string): string {
	return totp(secretBase32, label, issuer).toString();
}

/** The code for the time given (tests; and what an authenticator app shows). */
export function totpCode(secretBase32: string, at = Date.now()): string {
	return totp(secretBase32).generate({ timestamp: at });
}

/**
 * The 30-second step whose code `code` is, within the window around `at`, or null when it is no code of
 * this secret now. Callers keep the last step accepted and refuse a step not after it (a code used once
 * is never accepted again).
 */
export function totpStep(secretBase32: string, code: string, at = Date.now()): number | null {
	const token = code.replace(/\s+/g, '');
	if (!/^\d{6}$/.test(token)) return null;
	const delta = totp(secretBase32).validate({ token, timestamp: at, window: TOTP_WINDOW });
	return delta === null ? null : Math.floor(at / 1000 / TOTP_PERIOD_SECONDS) + delta;
}

/** The QR code of an otpauth:// address as an SVG image (black on white, with its quiet zone). */
export function qrSvg(uri: string): Promise<string> {
	return QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 4 });
}
