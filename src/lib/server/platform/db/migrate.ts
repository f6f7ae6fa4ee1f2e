import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Database } from './types';

export interface MigrationResult {
	/** Versions applied by this call, oldest first. */
	applied: string[];
	/** The newest version now in the database. */
	version: string | null;
}

const MIGRATION_FILE = /^(\d{14})_([a-z0-9_]+)\.sql$/;

/** The folder that holds config.toml, compat/ and migrations/. */
export function supabaseDir(): string {
	return process.env.SUPABASE_DIR ?? path.resolve('supabase');
}

/**
 * Brings a database that is not Supabase up to date: the compatibility bootstrap (roles, the auth
 * schema), then each migration not yet recorded in supabase_migrations.schema_migrations, each in
 * its own transaction, recorded as the Supabase CLI records it.
 */
export async function migrate(db: Database, dir = supabaseDir()): Promise<MigrationResult> {
	const bootstrap = await readFile(path.join(dir, 'compat', 'bootstrap.sql'), 'utf8');
	await db.exec(bootstrap);

	const files = (await readdir(path.join(dir, 'migrations'))).filter((f) => MIGRATION_FILE.test(f)).sort();
	const done = new Set(
		(await db.query<{ version: string }>('select version from supabase_migrations.schema_migrations')).map(
			(r) => r.version
		)
	);
	const applied: string[] = [];
	for (const file of files) {
		const [, version, name] = MIGRATION_FILE.exec(file)!;
		if (done.has(version!)) continue;
		const text = await readFile(path.join(dir, 'migrations', file), 'utf8');
		await db.transaction(async (tx) => {
			await tx.exec(text);
			await tx.query('insert into supabase_migrations.schema_migrations (version, name) values ($1, $2)', [
				version,
				name
			]);
		});
		applied.push(version!);
	}
	const [row] = await db.query<{ version: string | null }>(
		'select max(version) as version from supabase_migrations.schema_migrations'
	);
	return { applied, version: row?.version ?? null };
}
