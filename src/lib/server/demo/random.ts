/**
 * Deterministic pseudo-random numbers (mulberry32), seeded from a string: the demo data is the
 * same on every machine and every engine, so a figure quoted in a demo script stays true.
 * Each part of the story draws from its own named stream, so changing one part leaves the
 * others as they were.
 */

/** cyrb53-style 32-bit hash of a string, for seeding. */
function hashSeed(text: string): number {
	let h1 = 0xdeadbeef;
	let h2 = 0x41c6ce57;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		h1 = Math.imul(h1 ^ c, 2654435761);
		h2 = Math.imul(h2 ^ c, 1597334677);
	}
	h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
	return h1 >>> 0;
}

/** Letters and digits that cannot be mistaken for each other when read aloud or handwritten. */
const PANEL_CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export class Random {
	#state: number;

	constructor(seed: string) {
		this.#state = hashSeed(seed);
	}

	/** A number in [0, 1). */
	next(): number {
		this.#state = (this.#state + 0x6d2b79f5) | 0;
		let t = this.#state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	}

	/** An integer in [0, n). */
	int(n: number): number {
		return Math.floor(this.next() * n);
	}

	chance(p: number): boolean {
		return this.next() < p;
	}

	pick<T>(items: readonly T[]): T {
		const item = items[this.int(items.length)];
		if (item === undefined) throw new Error('Cannot pick from an empty list.');
		return item;
	}

	/** One key, with probability proportional to its weight. */
	weighted<K extends string>(weights: Readonly<Record<K, number>>): K {
		const entries = Object.entries(weights) as [K, number][];
		const total = entries.reduce((sum, [, w]) => sum + w, 0);
		let r = this.next() * total;
		for (const [key, w] of entries) {
			r -= w;
			if (r < 0) return key;
		}
		const last = entries[entries.length - 1];
		if (!last) throw new Error('Cannot choose from no weights.');
		return last[0];
	}

	/** Standard normal (Box-Muller). */
	normal(): number {
		const u = 1 - this.next();
		const v = this.next();
		return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
	}

	/** A shuffled copy (Fisher-Yates). */
	shuffled<T>(items: readonly T[]): T[] {
		const copy = [...items];
		for (let i = copy.length - 1; i > 0; i--) {
			const j = this.int(i + 1);
			[copy[i], copy[j]] = [copy[j]!, copy[i]!];
		}
		return copy;
	}

	/** A version 4 UUID made from this stream. */
	uuid(): string {
		const hex: string[] = [];
		for (let i = 0; i < 16; i++) {
			let byte = this.int(256);
			if (i === 6) byte = (byte & 0x0f) | 0x40;
			if (i === 8) byte = (byte & 0x3f) | 0x80;
			hex.push(byte.toString(16).padStart(2, '0'));
		}
		const s = hex.join('');
		return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
	}

	/** A panel code as printed on a paper invitation, like K7QP-2MXA. */
	panelCode(): string {
		let code = '';
		for (let i = 0; i < 8; i++) code += this.pick([...PANEL_CODE_ALPHABET]);
		return `${code.slice(0, 4)}-${code.slice(4)}`;
	}
}
