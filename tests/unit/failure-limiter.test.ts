import { describe, expect, it } from 'vitest';
import { FailureLimiter } from '../../src/lib/server/platform/failure-limiter';

const MINUTE = 60_000;
const T0 = Date.UTC(2026, 10, 30, 14, 0);

describe('FailureLimiter', () => {
	it('lets a key fail up to the limit, then refuses it until its oldest failure leaves the window', () => {
		const limiter = new FailureLimiter(3, 10 * MINUTE);
		limiter.fail('a', T0);
		limiter.fail('a', T0 + MINUTE);
		expect(limiter.blockedUntil('a', T0 + MINUTE)).toBeNull();
		limiter.fail('a', T0 + 2 * MINUTE);
		expect(limiter.blockedUntil('a', T0 + 2 * MINUTE)).toEqual(new Date(T0 + 10 * MINUTE));
		expect(limiter.blockedUntil('a', T0 + 10 * MINUTE - 1)).toEqual(new Date(T0 + 10 * MINUTE));
		// one failure has left the window: one more try
		expect(limiter.blockedUntil('a', T0 + 10 * MINUTE)).toBeNull();
		limiter.fail('a', T0 + 10 * MINUTE);
		expect(limiter.blockedUntil('a', T0 + 10 * MINUTE)).toEqual(new Date(T0 + 11 * MINUTE));
	});

	it('counts each key on its own', () => {
		const limiter = new FailureLimiter(1, MINUTE);
		limiter.fail('a', T0);
		expect(limiter.blockedUntil('a', T0)).not.toBeNull();
		expect(limiter.blockedUntil('b', T0)).toBeNull();
	});

	it('forgets everything after a quiet window', () => {
		const limiter = new FailureLimiter(2, MINUTE);
		limiter.fail('a', T0);
		limiter.fail('a', T0 + 1);
		expect(limiter.blockedUntil('a', T0 + MINUTE + 1)).toBeNull();
	});

	it('keeps at most maxKeys keys, forgetting the one that failed longest ago', () => {
		const limiter = new FailureLimiter(1, MINUTE, 2);
		limiter.fail('a', T0);
		limiter.fail('b', T0 + 1);
		limiter.fail('a', T0 + 2); // a failed again: b is now the oldest
		limiter.fail('c', T0 + 3);
		expect(limiter.blockedUntil('a', T0 + 3)).not.toBeNull();
		expect(limiter.blockedUntil('b', T0 + 3)).toBeNull();
		expect(limiter.blockedUntil('c', T0 + 3)).not.toBeNull();
	});
});
