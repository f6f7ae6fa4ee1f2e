/**
 * Limits on failures, counted in a sliding window: after `limit` failures within `windowMs` a key
 * is refused until the oldest of them is older than the window.
 *
 * In memory, in this process: right for the one adapter-node process this app runs as. Counts start
 * again when the server restarts, and several processes would each keep their own. Run more than
 * one and these limits belong in the database (or a shared store) instead. Bounded: past `maxKeys`
 * keys the oldest is forgotten, so made-up keys cannot grow it without limit (the one key "everyone"
 * below is never forgotten that way).
 */
export class FailureLimiter {
	readonly limit: number;
	readonly windowMs: number;
	readonly #maxKeys: number;
	/** key -> times of its recent failures, oldest first, at most `limit` of them */
	readonly #failures = new Map<string, number[]>();

	constructor(limit: number, windowMs: number, maxKeys = 10_000) {
		this.limit = limit;
		this.windowMs = windowMs;
		this.#maxKeys = maxKeys;
	}

	#recent(key: string, now: number): number[] {
		const times = (this.#failures.get(key) ?? []).filter((t) => t > now - this.windowMs);
		if (times.length === 0) this.#failures.delete(key);
		else this.#failures.set(key, times);
		return times;
	}

	/** When the key may try again, or null when it may now. */
	blockedUntil(key: string, now = Date.now()): Date | null {
		const times = this.#recent(key, now);
		return times.length >= this.limit ? new Date(times[0]! + this.windowMs) : null;
	}

	/** Counts one failure of the key. */
	fail(key: string, now = Date.now()): void {
		const times = this.#recent(key, now);
		times.push(now);
		// only the last `limit` failures decide when the key may try again
		if (times.length > this.limit) times.splice(0, times.length - this.limit);
		this.#failures.delete(key); // re-inserted last: Map order is the order keys last failed
		this.#failures.set(key, times);
		while (this.#failures.size > this.#maxKeys) {
			const oldest = this.#failures.keys().next().value;
			if (oldest === undefined) break;
			this.#failures.delete(oldest);
		}
	}

	/** Forgets every failure (tests). */
	clear(): void {
		this.#failures.clear();
	}
}
