/**
 * The embedded database's memory: PostgreSQL's shared buffers at 32 MB (not PGlite's 128 MB) unless
 * PGLITE_SHARED_BUFFERS says otherwise. (The server also opens a new thread once it has made, migrated or
 * seeded its data folder, src/lib/server/platform/backend.ts; how much it holds is measured by
 * `npm run bench`, never asserted here.)
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openPgliteThread } from '../../src/lib/server/platform/db/pglite-thread';
import { pgliteSettings } from '../../src/lib/server/platform/db/pglite-settings';

describe('the embedded database settings', () => {
	const made: string[] = [];
	afterAll(async () => {
		for (const dir of made) await rm(dir, { recursive: true, force: true });
	});

	it('runs a new data folder and an existing one with 32 MB of shared buffers, keeping what was written', async () => {
		const dir = await mkdtemp(path.join(tmpdir(), 'embedded-settings-'));
		made.push(dir);
		const dataDir = path.join(dir, 'pglite');
		const db = await openPgliteThread(dataDir);
		try {
			const [row] = await db.query<{ shared_buffers: string }>('show shared_buffers');
			expect(row?.shared_buffers).toBe('32MB');
			await db.exec('create table kept (n integer); insert into kept values (42)');
		} finally {
			await db.close();
		}
		expect(await readdir(dataDir)).toContain('PG_VERSION');
		const again = await openPgliteThread(dataDir);
		try {
			expect(await again.query('select n from kept')).toEqual([{ n: 42 }]);
			const [row] = await again.query<{ shared_buffers: string }>('show shared_buffers');
			expect(row?.shared_buffers).toBe('32MB');
		} finally {
			await again.close();
		}
	}, 120_000);

	it('takes PGLITE_SHARED_BUFFERS for a larger database, and refuses what is not a size', () => {
		expect(pgliteSettings({})).toEqual(['-c', 'shared_buffers=32MB']);
		expect(pgliteSettings({ PGLITE_SHARED_BUFFERS: '128MB' })).toEqual(['-c', 'shared_buffers=128MB']);
		expect(() => pgliteSettings({ PGLITE_SHARED_BUFFERS: '32MB; drop' })).toThrow(
			'PGLITE_SHARED_BUFFERS must be a size such as 32MB or 1GB, not "32MB; drop".'
		);
	});
});
