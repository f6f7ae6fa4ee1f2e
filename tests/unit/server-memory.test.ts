/**
 * How `npm start` (and the bench, and the end-to-end server) run the server's Node: the memory
 * settings measured in bench/run.js (scripts/lib/run.js: serverMemory).
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { serverMemory } from '../../scripts/lib/run.js';

describe('serverMemory', () => {
	it('limits the heap to 256 MB and the young generation to 4 MB a half, with two allocator arenas that give memory back', () => {
		const { args, env } = serverMemory({ PORT: '3000' });
		expect(args).toEqual(['--max-semi-space-size=4', '--max-old-space-size=256']);
		expect(env).toEqual({
			PORT: '3000',
			MALLOC_ARENA_MAX: '2',
			MALLOC_MMAP_THRESHOLD_: '131072',
			MALLOC_TRIM_THRESHOLD_: '131072'
		});
	});

	it('takes SERVER_MAX_HEAP_MB, and keeps an allocator setting given', () => {
		const { args, env } = serverMemory({
			SERVER_MAX_HEAP_MB: '512',
			MALLOC_ARENA_MAX: '4',
			MALLOC_MMAP_THRESHOLD_: '1048576'
		});
		expect(args).toContain('--max-old-space-size=512');
		expect(env.MALLOC_ARENA_MAX).toBe('4');
		expect(env.MALLOC_MMAP_THRESHOLD_).toBe('1048576');
	});

	it('refuses a heap limit that is not a number of megabytes, or too small to run', () => {
		for (const bad of ['big', '-1', '0', '32', '256MB', '1e9']) {
			expect(() => serverMemory({ SERVER_MAX_HEAP_MB: bad }), bad).toThrow(/SERVER_MAX_HEAP_MB must be/);
		}
	});

	it('is what a Node started with it runs under', () => {
		const { args, env } = serverMemory({ ...process.env, SERVER_MAX_HEAP_MB: '300' });
		const run = spawnSync(
			process.execPath,
			[...args, '-e', 'console.log(require("v8").getHeapStatistics().heap_size_limit)'],
			{ env, encoding: 'utf8' }
		);
		const limit = Number(run.stdout.trim()) / 2 ** 20;
		// the old generation's 300 MB and the young generation's few
		expect(limit).toBeGreaterThanOrEqual(300);
		expect(limit).toBeLessThan(330);
	});
});
