import postgres from 'postgres';
import type { Database, Queryable } from './types';

/** Any PostgreSQL 15+ over a connection string (self-hosted, or the machine's own for tests). */
export async function openPostgres(url: string, options: { max?: number } = {}): Promise<Database> {
	const sql = postgres(url, {
		max: options.max ?? 10,
		onnotice: () => {},
		// keep dates, numbers and json as PostgREST would put them on the wire
		types: { bigint: postgres.BigInt },
		transform: { undefined: null },
		connect_timeout: 5
	});
	// Fail now, with a clear message, if the server cannot be reached.
	await sql`select 1`;
	const wrap = (q: postgres.Sql | postgres.TransactionSql): Queryable => ({
		async query<T>(text: string, params: unknown[] = []) {
			const rows = await q.unsafe(text, params as postgres.ParameterOrJSON<never>[]);
			return rows as unknown as T[];
		},
		async exec(text: string) {
			await q.unsafe(text);
		}
	});
	return {
		engine: 'postgres',
		...wrap(sql),
		transaction: <T>(fn: (tx: Queryable) => Promise<T>) => sql.begin((tx) => fn(wrap(tx))) as Promise<T>,
		// pipelined on the transaction's connection; a failure aborts the rest, and the first is thrown
		batch: (statements) =>
			sql.begin((tx) =>
				Promise.all(
					statements.map((s) => tx.unsafe(s.sql, (s.params ?? []) as postgres.ParameterOrJSON<never>[]))
				)
			) as unknown as Promise<Record<string, unknown>[][]>,
		close: () => sql.end({ timeout: 5 })
	};
}
