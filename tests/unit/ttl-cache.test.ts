import { describe, expect, it } from 'vitest';
import { TtlCache } from '../../src/lib/server/platform/ttl-cache';

describe('TtlCache', () => {
	it('answers from memory until the entry expires, then loads again', async () => {
		const cache = new TtlCache<number>(1000);
		let loads = 0;
		const load = async () => ++loads;
		expect(await cache.get('a', load, 0)).toBe(1);
		expect(await cache.get('a', load, 999)).toBe(1);
		expect(await cache.get('a', load, 1000)).toBe(2);
		expect(loads).toBe(2);
	});

	it('never keeps "nothing found"', async () => {
		const cache = new TtlCache<string | null>(60_000);
		let loads = 0;
		const load = async () => {
			loads++;
			return null;
		};
		await cache.get('x', load, 0);
		await cache.get('x', load, 1);
		expect(loads).toBe(2);
	});

	it('keeps at most maxEntries, dropping the oldest', async () => {
		const cache = new TtlCache<string>(60_000, 2);
		let loads = 0;
		const load = (v: string) => async () => {
			loads++;
			return v;
		};
		await cache.get('a', load('a'), 0);
		await cache.get('b', load('b'), 0);
		await cache.get('c', load('c'), 0);
		await cache.get('b', load('b'), 1);
		expect(loads).toBe(3);
		await cache.get('a', load('a'), 1);
		expect(loads).toBe(4);
	});
});
