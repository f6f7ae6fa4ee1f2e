/**
 * For tests that compare what the functions give before a migration and after it: a copy of supabase/
 * holding only some of the migrations, to migrate a database up to a given day, and the before-and-after
 * itself.
 */
import { copyFile, mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { expect } from 'vitest';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { migrate, supabaseDir } from '../../src/lib/server/platform/db/migrate';
import type { Database } from '../../src/lib/server/platform/db/types';
import { seedDemoOnce } from '../../src/lib/server/demo/seed';

/** A copy of supabase/ (in root/name) with only the migrations whose version `keep` accepts. */
export async function migrationsUpTo(root: string, name: string, keep: (version: string) => boolean) {
	const dir = path.join(root, name);
	await mkdir(path.join(dir, 'compat'), { recursive: true });
	await mkdir(path.join(dir, 'migrations'));
	await copyFile(
		path.join(supabaseDir(), 'compat', 'bootstrap.sql'),
		path.join(dir, 'compat', 'bootstrap.sql')
	);
	for (const file of await readdir(path.join(supabaseDir(), 'migrations'))) {
		if (keep(file.slice(0, 14)))
			await copyFile(path.join(supabaseDir(), 'migrations', file), path.join(dir, 'migrations', file));
	}
	return dir;
}

/**
 * What a migration must not change, taken on both sides of it: the database (fresh) is migrated up to just
 * before `version` and the demo area seeded; `prepare` sets up what both takes need; `take` is run, the
 * migration (and only it) applied, and `take` run again. Both takes come back for the test to compare.
 */
export async function acrossMigration<C>(
	db: Database,
	version: string,
	prepare: (db: Database) => Promise<C>,
	take: (db: Database, context: C) => Promise<Map<string, string>>
): Promise<{ before: Map<string, string>; after: Map<string, string> }> {
	const root = await mkdtemp(path.join(tmpdir(), `across-${version}-`));
	try {
		await migrate(db, await migrationsUpTo(root, 'before', (v) => v < version));
		await seedDemoOnce(db);
		const context = await prepare(db);
		const before = await take(db, context);
		const { applied } = await migrate(db, await migrationsUpTo(root, 'through', (v) => v <= version));
		if (applied.length !== 1 || applied[0] !== version)
			throw new Error(`expected to apply ${version} alone, applied ${applied.join(', ') || 'nothing'}`);
		return { before, after: await take(db, context) };
	} finally {
		await rm(root, { recursive: true, force: true });
	}
}

/** Both takes the same, key for key and byte for byte (a difference names its key). */
export function expectUnchanged(before: Map<string, string>, after: Map<string, string>): void {
	expect(after.size).toBe(before.size);
	for (const [key, value] of before) expect(after.get(key), key).toBe(value);
}
