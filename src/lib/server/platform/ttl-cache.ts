/**
 * A small in-process cache whose entries live for a few seconds: for answers that are the same for
 * every caller and change rarely (a survey's questions), so that a respondent's many page views
 * do not each ask the database again. Bounded, so unknown keys cannot grow it without limit;
 * null and undefined (nothing found) are never kept, so something made a moment ago is found.
 */
export class TtlCache<V> {
	readonly #entries = new Map<string, { value: V; expires: number }>();
	readonly #ttlMs: number;
	readonly #maxEntries: number;

	constructor(ttlMs: number, maxEntries = 500) {
		this.#ttlMs = ttlMs;
		this.#maxEntries = maxEntries;
	}

	async get(key: string, load: () => Promise<V>, now = Date.now()): Promise<V> {
		const hit = this.#entries.get(key);
		if (hit && hit.expires > now) return hit.value;
		const value = await load();
		if (value === null || value === undefined) return value;
		if (this.#entries.size >= this.#maxEntries) {
			// drop the oldest entry (Map keeps insertion order)
			const oldest = this.#entries.keys().next().value;
			if (oldest !== undefined) this.#entries.delete(oldest);
		}
		this.#entries.delete(key);
		this.#entries.set(key, { value, expires: now + this.#ttlMs });
		return value;
	}

	clear() {
		this.#entries.clear();
	}
}
