/**
 * Cross-classified counts as atoms of the attacker's Knowledge: one atom for each combination of a
 * category of every dimension (an answer, a channel, each about-you dimension with "not stated"), so
 * that any published figure is the sum of the atoms that match it, and every relation between figures
 * (rows, columns, totals, one dimension against another) follows.
 */
import type { Knowledge, Terms } from './audit';

export type Dimensions = Record<string, readonly string[]>;

export class Cross {
	readonly #names: string[] = [];
	readonly #keys: Record<string, string>[] = [];

	/**
	 * The atoms `${prefix}|dim=cat|…` of every combination. `truth` gives the true count of a
	 * combination (0 when it returns undefined), for the model's self-check.
	 */
	constructor(
		readonly knowledge: Knowledge,
		readonly prefix: string,
		readonly dimensions: Dimensions,
		truth?: (key: Record<string, string>) => number | undefined
	) {
		const dims = Object.entries(dimensions);
		const walk = (i: number, key: Record<string, string>) => {
			if (i === dims.length) {
				const name = `${prefix}|${dims.map(([d]) => `${d}=${key[d]}`).join('|')}`;
				knowledge.atom(name, truth ? { truth: truth(key) ?? 0 } : {});
				this.#names.push(name);
				this.#keys.push({ ...key });
				return;
			}
			const [d, categories] = dims[i]!;
			for (const c of categories) walk(i + 1, { ...key, [d]: c });
		};
		walk(0, {});
	}

	/** The sum of the atoms that match every dimension given (a category, or any of a list). */
	cells(match: Record<string, string | readonly string[]> = {}): Terms {
		const terms: Terms = {};
		this.#keys.forEach((key, i) => {
			for (const [d, want] of Object.entries(match)) {
				const v = key[d];
				if (typeof want === 'string' ? v !== want : !want.includes(v!)) return;
			}
			terms[this.#names[i]!] = 1;
		});
		return terms;
	}

	get size(): number {
		return this.#names.length;
	}
}
