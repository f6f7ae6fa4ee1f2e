/**
 * The server hands the C allocator's free memory back to the system every few seconds
 * (src/lib/server/platform/memory-trim.ts): what it does to a process's memory, how often, and the
 * setting that changes it.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { StartupError } from '../../src/lib/server/platform/backend';
import {
	glibcTrim,
	startMemoryTrim,
	trimSeconds,
	TRIM_EVERY_SECONDS
} from '../../src/lib/server/platform/memory-trim';

const glibc = process.platform === 'linux' && (await glibcTrim()) !== null;

/**
 * A Node that leaves its C heap as a server's is left: many small buffers, one in sixteen still in
 * use, the rest freed between them. Its resident memory before and after, with `trim` true only
 * when it calls glibcTrim in between.
 */
function fragmentedProcess(trim: boolean): { before: number; after: number } {
	const dir = mkdtempSync(path.join(tmpdir(), 'trim-'));
	try {
		const script = path.join(dir, 'fragment.mts');
		writeFileSync(
			script,
			`import { glibcTrim } from ${JSON.stringify(fileURLToPath(new URL('../../src/lib/server/platform/memory-trim.ts', import.meta.url)))};
const rss = () => process.memoryUsage().rss / 2 ** 20;
let all = [];
for (let i = 0; i < 60000; i++) all.push(Buffer.allocUnsafeSlow(1024 + (i % 5) * 512).fill(1));
const kept = all.filter((_, i) => i % 16 === 0);
all = [];
gc();
await new Promise((r) => setTimeout(r, 50));
gc();
const before = rss();
if (${trim}) await (await glibcTrim())();
console.log(JSON.stringify({ before, after: rss(), kept: kept.length }));
`
		);
		const run = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', script], { encoding: 'utf8' });
		if (run.status !== 0) throw new Error(run.stderr);
		return JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}') as { before: number; after: number };
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

describe('giving free memory back', () => {
	it.runIf(glibc)(
		'hands back the free pages between blocks still in use, which stay with the process without it',
		() => {
			// about 110 MB allocated, 7 MB of it kept
			const untrimmed = fragmentedProcess(false);
			expect(untrimmed.before - untrimmed.after).toBeLessThan(10);
			const trimmed = fragmentedProcess(true);
			expect(trimmed.before).toBeGreaterThan(150);
			expect(trimmed.before - trimmed.after).toBeGreaterThan(60);
		},
		60_000
	);
});

describe('MEMORY_TRIM_SECONDS', () => {
	it('is every two seconds unless set, 0 turns it off', () => {
		expect(TRIM_EVERY_SECONDS).toBe(2);
		expect(trimSeconds({})).toBe(2);
		expect(trimSeconds({ MEMORY_TRIM_SECONDS: '' })).toBe(2);
		expect(trimSeconds({ MEMORY_TRIM_SECONDS: '0' })).toBe(0);
		expect(trimSeconds({ MEMORY_TRIM_SECONDS: ' 30 ' })).toBe(30);
		expect(trimSeconds({ MEMORY_TRIM_SECONDS: '3600' })).toBe(3600);
	});

	it('refuses what is not a whole number of seconds up to an hour, naming the setting', () => {
		for (const bad of ['two', '-1', '1.5', '3601', '2s', '99999']) {
			expect(() => trimSeconds({ MEMORY_TRIM_SECONDS: bad }), bad).toThrow(
				`MEMORY_TRIM_SECONDS must be a whole number of seconds from 0 (off) to 3600, not "${bad}".`
			);
			// the server prints a startup error's message alone, and stops
			expect(() => trimSeconds({ MEMORY_TRIM_SECONDS: bad }), bad).toThrow(StartupError);
		}
	});
});

describe('startMemoryTrim', () => {
	beforeEach(() => {
		vi.useFakeTimers();
	});
	afterEach(() => {
		vi.useRealTimers();
	});

	it('trims at each interval until stopped', async () => {
		const trim = vi.fn(async () => true);
		const job = await startMemoryTrim(2, async () => trim);
		expect(job).not.toBeNull();
		await vi.advanceTimersByTimeAsync(7000);
		expect(trim).toHaveBeenCalledTimes(3);
		job?.stop();
		await vi.advanceTimersByTimeAsync(10_000);
		expect(trim).toHaveBeenCalledTimes(3);
	});

	it('does nothing when turned off (without loading the C library), or where there is no glibc', async () => {
		const load = vi.fn(async () => async () => true);
		expect(await startMemoryTrim(0, load)).toBeNull();
		expect(load).not.toHaveBeenCalled();
		expect(await startMemoryTrim(2, async () => null)).toBeNull();
	});
});
