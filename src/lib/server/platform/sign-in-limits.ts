import { FailureLimiter } from './failure-limiter';

/**
 * Wrong passwords, limited per account and per client address, each over 15 minutes:
 *  - 10 for one account (its address, lower-cased), whether the account exists or not, so the
 *    limit says nothing about which addresses have accounts;
 *  - 30 from one client address across all accounts, so trying many accounts gains nothing.
 * A limited sign-in is refused before its password is checked, with when to try again (a 429 with
 * Retry-After). Failures are forgotten only as they age: signing in does not clear them.
 *
 * Used twice: by the sign-in form (in front of any backend, Supabase included) and by the embedded
 * stand-in for Supabase Auth (src/lib/server/platform/embedded/auth.ts), which holds its own
 * counts. In memory, per process (the limits on respondents live in the database instead: see
 * supabase/migrations/20261202120100_respondent_limits.sql).
 */
export const SIGN_IN_WINDOW_MS = 15 * 60_000;
export const SIGN_IN_FAILURES_PER_ACCOUNT = 10;
export const SIGN_IN_FAILURES_PER_ADDRESS = 30;

export class SignInLimits {
	readonly #perAccount = new FailureLimiter(SIGN_IN_FAILURES_PER_ACCOUNT, SIGN_IN_WINDOW_MS);
	readonly #perAddress = new FailureLimiter(SIGN_IN_FAILURES_PER_ADDRESS, SIGN_IN_WINDOW_MS);

	#keys(email: string, address: string | null) {
		const keys: [FailureLimiter, string][] = [[this.#perAccount, email.trim().toLowerCase()]];
		if (address) keys.push([this.#perAddress, address]);
		return keys;
	}

	/** When this account, or this address, may try again; null when it may now. */
	blockedUntil(email: string, address: string | null, now = Date.now()): Date | null {
		let until: Date | null = null;
		for (const [limiter, key] of this.#keys(email, address)) {
			const blocked = limiter.blockedUntil(key, now);
			if (blocked && (!until || blocked > until)) until = blocked;
		}
		return until;
	}

	/** Counts one wrong password (or unknown address) for the account and the client address. */
	failed(email: string, address: string | null, now = Date.now()): void {
		for (const [limiter, key] of this.#keys(email, address)) limiter.fail(key, now);
	}

	/** Forgets every failure (tests). */
	clear(): void {
		this.#perAccount.clear();
		this.#perAddress.clear();
	}
}

/** Whole seconds until `until`, at least 1: the value of a Retry-After header. */
export function retryAfterSeconds(until: Date, now = Date.now()): number {
	return Math.max(1, Math.ceil((until.getTime() - now) / 1000));
}
