import { existsSync } from 'node:fs';
import path from 'node:path';
import { secureDataFolder } from '../platform/data-folder';
import { migrate } from '../platform/db/migrate';
import { openPglite } from '../platform/db/pglite';
import { openPostgres } from '../platform/db/postgres';
import type { Database } from '../platform/db/types';

/**
 * The database the backup and restore scripts work on, as the server would find it: DATABASE_URL, or
 * else the embedded database in DATA_DIR (default .data/), which only one process may have open: the
 * server must be stopped. A restore into the embedded database first brings it to the migration this
 * code is at, as the server's start would (a new data folder included); a database at DATABASE_URL is
 * left as it is (on Supabase, `supabase db push` applies the migrations).
 */
export async function openForScript(
	env: NodeJS.ProcessEnv,
	options: { migrateEmbedded: boolean }
): Promise<{ db: Database; where: string; close(): Promise<void> }> {
	if (env.DATABASE_URL) {
		const db = await openPostgres(env.DATABASE_URL, { max: 1 });
		return { db, where: 'the database at DATABASE_URL', close: () => db.close() };
	}
	const dataDir = path.resolve(env.DATA_DIR ?? '.data');
	if (!options.migrateEmbedded && !existsSync(path.join(dataDir, 'pglite')))
		throw new Error(`There is no embedded database in ${dataDir}: set DATA_DIR, or DATABASE_URL.`);
	const db = await openPglite(path.join(dataDir, 'pglite'));
	if (options.migrateEmbedded) await migrate(db);
	return {
		db,
		where: `the embedded database in ${dataDir}`,
		async close() {
			await db.close();
			await secureDataFolder(dataDir);
		}
	};
}
