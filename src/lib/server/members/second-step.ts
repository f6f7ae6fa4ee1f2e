import type { AuthError, Session, User } from '@supabase/supabase-js';
import { decodeJwt } from 'jose';
import { qrSvg } from '$lib/server/platform/totp';

/**
 * Two-step sign-in for staff (an authenticator app's six-digit code after the password), through Supabase
 * Auth's MFA API, which the local stand-in answers too. The database holds the rule (app.has_role: a member
 * with a second factor holds no role in a session that has not used it); these helpers send people to the
 * code page instead of showing them empty pages.
 */

/** The name an authenticator app shows for the account. */
export const AUTHENTICATOR_ISSUER = 'Co-production Impact';

/** Whether the account has a confirmed second factor. */
export function hasSecondFactor(user: Pick<User, 'factors'>): boolean {
	return (user.factors ?? []).some((f) => f.status === 'verified');
}

/** The assurance level the session's access token was given: aal2 once a second factor was used. */
export function sessionLevel(session: Pick<Session, 'access_token'>): string | null {
	try {
		const { aal } = decodeJwt(session.access_token);
		return typeof aal === 'string' ? aal : null;
	} catch {
		return null;
	}
}

/** Whether the account has a second factor this session has not yet used. */
export function needsSecondStep(
	session: Pick<Session, 'access_token'> | null,
	user: Pick<User, 'factors'>
): boolean {
	return hasSecondFactor(user) && (!session || sessionLevel(session) !== 'aal2');
}

/** Where the code is asked for, then on to `target`. */
export function codePage(target: string): string {
	return `/sign-in/code?redirectTo=${encodeURIComponent(target)}`;
}

/** The words for a refused code, beside the field. */
export function codeProblem(error: AuthError): string {
	if (error.status === 429) return 'Too many wrong codes. Wait 15 minutes and try again.';
	if (error.code === 'mfa_challenge_expired')
		return 'That took too long. Enter the newest code from your app.';
	return 'That code is not right, or it has been used already. Enter the newest code from your app.';
}

/** Checks the code against the account's confirmed authenticator app; the problem, or null when it is right. */
export async function verifyCode(
	supabase: { auth: Pick<App.Locals['supabase']['auth'], 'mfa'> },
	code: string,
	factorId?: string
): Promise<string | null> {
	let id = factorId;
	if (!id) {
		const { data, error } = await supabase.auth.mfa.listFactors();
		if (error) return 'Your session has ended. Sign in again.';
		id = data.totp[0]?.id;
		if (!id) return 'This account has no authenticator app set up.';
	}
	const { error } = await supabase.auth.mfa.challengeAndVerify({ factorId: id, code });
	return error ? codeProblem(error) : null;
}

/** What an authenticator app needs to be set up: the QR code (an SVG made here) and the secret to type. */
export interface AuthenticatorSetUp {
	factorId: string;
	secret: string;
	uri: string;
	qr: string;
}

/** The QR code of a set-up's otpauth:// address; only such addresses are drawn. */
export async function setUpPicture(
	factorId: string,
	secret: string,
	uri: string
): Promise<AuthenticatorSetUp | null> {
	if (!/^otpauth:\/\/totp\//.test(uri) || !/^[A-Z2-7]+=*$/.test(secret)) return null;
	return { factorId, secret, uri, qr: await qrSvg(uri) };
}
