import { FailureLimiter } from '../platform/failure-limiter';

export { FailureLimiter };

/**
 * Resume codes (api.load_draft) are 8 characters from 30 (no look-alikes): 30^8 = 656,100,000,000
 * codes, about 39 bits. A code works while its draft does (30 days after the last answer), so a
 * guess hits only if it names one of the drafts alive at that moment.
 *
 * Wrong codes are limited three ways, each over 10 minutes:
 *   - 10 from one client address for one survey: the limit a respondent who mistypes meets;
 *   - 30 from one client address across all surveys, so moving between survey links gains nothing;
 *   - 100 from everyone together: the ceiling when guesses come from many addresses.
 *
 * At the ceiling that is 14,400 guesses a day, 5.3 million a year. With 10,000 drafts alive at once
 * (far more than a local area has) a guess hits one of them with chance 10,000 / 30^8 = 1.5e-8:
 * about one hit in 12 years of guessing flat out, by every attacker together. One address alone
 * (4,320 a day) would take about 40 years; finding one particular draft at the ceiling would take
 * 30^8 / 2 / 14,400 = 22.8 million days. The price: someone who guesses at the ceiling stops
 * everyone resuming for up to 10 minutes; they can always start again, and this process says so.
 *
 * The client address is event.getClientAddress(): behind a reverse proxy, set adapter-node's
 * ADDRESS_HEADER (and XFF_DEPTH), or every respondent shares the proxy's address.
 */
const WINDOW_MS = 10 * 60_000;
const perSurvey = new FailureLimiter(10, WINDOW_MS);
const perAddress = new FailureLimiter(30, WINDOW_MS);
const everyone = new FailureLimiter(100, WINDOW_MS, 1);

const keys = (address: string, survey: string) =>
	[
		[perSurvey, `${address} ${survey}`],
		[perAddress, address],
		[everyone, 'everyone']
	] as const;

/** When this address may try a resume code for this survey again, or null when it may now. */
export function resumeBlockedUntil(address: string, survey: string, now = Date.now()): Date | null {
	let until: Date | null = null;
	for (const [limiter, key] of keys(address, survey)) {
		const blocked = limiter.blockedUntil(key, now);
		if (blocked && (!until || blocked > until)) until = blocked;
	}
	return until;
}

/** Counts a resume code that found no answers. */
export function resumeFailed(address: string, survey: string, now = Date.now()): void {
	for (const [limiter, key] of keys(address, survey)) limiter.fail(key, now);
}

/** Forgets every wrong code (tests). */
export function resetResumeLimits(): void {
	for (const limiter of [perSurvey, perAddress, everyone]) limiter.clear();
}
