import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { searchSymbols, symbolById, SYMBOL_ID, SYMBOLS } from '$lib/symbols';

describe('the shipped symbols', () => {
	it('has an image and a name for every symbol, and ids in the database form', () => {
		expect(SYMBOLS.length).toBeGreaterThan(150);
		for (const s of SYMBOLS) {
			expect(s.id).toMatch(SYMBOL_ID);
			expect(s.name).not.toBe('');
			expect(existsSync(`static/symbols/openmoji/${s.id}.svg`)).toBe(true);
		}
		expect(new Set(SYMBOLS.map((s) => s.id)).size).toBe(SYMBOLS.length);
	});

	it('includes the faces the three-faces question uses', () => {
		expect(symbolById('1F600')?.name).toBe('grinning face');
		expect(symbolById('1F610')?.name).toBe('neutral face');
		expect(symbolById('1F641')?.name).toBe('slightly frowning face');
		expect(symbolById('nope')).toBeUndefined();
		expect(symbolById(null)).toBeUndefined();
	});
});

describe('searchSymbols', () => {
	it('finds by a word of the name first, whatever the case', () => {
		const found = searchSymbols('BUS', 10);
		expect(found[0]?.name).toBe('bus');
		expect(found.map((s) => s.name)).toContain('bus stop');
	});

	it('finds by tag', () => {
		const names = searchSymbols('happy', 50).map((s) => s.name);
		expect(names).toContain('grinning face');
	});

	it('needs every word to match', () => {
		const found = searchSymbols('face crying', 10).map((s) => s.name);
		expect(found).toContain('crying face');
		expect(found).not.toContain('grinning face');
	});

	it('finds by the start of a word, and keeps to the limit', () => {
		expect(searchSymbols('wheel', 5).some((s) => s.name.includes('wheelchair'))).toBe(true);
		expect(searchSymbols('face', 3)).toHaveLength(3);
	});

	it('finds nothing for an empty query or an unknown word', () => {
		expect(searchSymbols('', 10)).toEqual([]);
		expect(searchSymbols('   ', 10)).toEqual([]);
		expect(searchSymbols('zzzyyqx', 10)).toEqual([]);
	});
});
