import { PGlite } from '@electric-sql/pglite';
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto';
import { pgliteSettings } from './pglite-settings';
import type { Database, Queryable } from './types';

/**
 * PGlite (PostgreSQL in WebAssembly) in this process. `dataDir` keeps the data across restarts;
 * without it the database lives in memory (tests).
 */
export async function openPglite(dataDir?: string): Promise<Database> {
	const pg = await PGlite.create({
		dataDir,
		extensions: { pgcrypto },
		startParams: [...PGlite.defaultStartParams, ...pgliteSettings()]
	});
	const wrap = (q: Pick<PGlite, 'query' | 'exec'>): Queryable => ({
		async query<T>(sql: string, params: unknown[] = []) {
			const result = await q.query<T>(sql, params);
			return result.rows;
		},
		async exec(sql: string) {
			await q.exec(sql);
		}
	});
	const base = wrap(pg);
	return {
		engine: 'pglite',
		...base,
		transaction: (fn) => pg.transaction((tx) => fn(wrap(tx))),
		batch: (statements) =>
			pg.transaction(async (tx) => {
				const out: Record<string, unknown>[][] = [];
				for (const s of statements) out.push((await tx.query<Record<string, unknown>>(s.sql, s.params)).rows);
				return out;
			}),
		close: () => pg.close()
	};
}
