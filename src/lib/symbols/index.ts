/**
 * The symbols the app ships: a curated set of OpenMoji (CC BY-SA 4.0, see static/symbols/LICENSE.md),
 * copied by scripts/symbols.ts. Each is served at /symbols/openmoji/<id>.svg; its id is OpenMoji's
 * hexcode, like 1F600.
 */
import data from './openmoji.json';

export type AppSymbol = { id: string; name: string; tags: string[] };

export const SYMBOLS: readonly AppSymbol[] = data;

/** The form of a symbol id: upper-case hexcodes joined by hyphens, as the database checks. */
export const SYMBOL_ID = /^[0-9A-F]{4,5}(-[0-9A-F]{4,5})*$/;

const byId = new Map(SYMBOLS.map((s) => [s.id, s]));

/** The symbol with this id, or undefined when the app does not ship it. */
export function symbolById(id: string | null | undefined): AppSymbol | undefined {
	return id ? byId.get(id) : undefined;
}

/** The address of a symbol's image. */
export const symbolSrc = (id: string) => `/symbols/openmoji/${id}.svg`;

const wordsOf = (s: string): string[] => s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

/**
 * Symbols matching every word of the query, in their name or tags, best first: a word that is a
 * whole word of the name ranks above one that starts a word of the name, then a whole tag, then the
 * start of a tag, then anywhere. Case does not matter. An empty query finds nothing.
 */
export function searchSymbols(query: string, limit = 24): AppSymbol[] {
	const terms = wordsOf(query);
	if (terms.length === 0 || limit <= 0) return [];
	const scored: { s: AppSymbol; score: number; order: number }[] = [];
	SYMBOLS.forEach((s, order) => {
		const name = wordsOf(s.name);
		const tags = s.tags.flatMap(wordsOf);
		let score = 0;
		for (const t of terms) {
			let best = 0;
			if (name.includes(t)) best = 100;
			else if (name.some((w) => w.startsWith(t))) best = 60;
			else if (tags.includes(t)) best = 40;
			else if (tags.some((w) => w.startsWith(t))) best = 20;
			else if (name.some((w) => w.includes(t)) || tags.some((w) => w.includes(t))) best = 5;
			if (best === 0) return;
			score += best;
		}
		// a short name that matches is closer to what was asked for
		score -= name.length;
		scored.push({ s, score, order });
	});
	scored.sort((a, b) => b.score - a.score || a.order - b.order);
	return scored.slice(0, limit).map((x) => x.s);
}
