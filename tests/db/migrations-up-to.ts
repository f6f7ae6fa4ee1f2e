/**
 * For tests that compare what the functions give before a migration and after it: a copy of supabase/
 * holding only some of the migrations, to migrate a database up to a given day.
 */
import { copyFile, mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import { supabaseDir } from '../../src/lib/server/platform/db/migrate';

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
