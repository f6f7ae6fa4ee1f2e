// Database.batch (src/lib/server/platform/db/types.ts), which every API call runs on: the statements in
// order in one transaction, sent together. The same on PGlite in the process, PGlite in its thread (as
// the server runs it) and PostgreSQL 15.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPgliteThread } from '$lib/server/platform/db/pglite-thread';
import type { Database } from '$lib/server/platform/db/types';
import { freshPglite, freshPostgres, type Opened } from './engines';

const SKIP_POSTGRES = process.env.SKIP_POSTGRES === '1';

const engines: [string, () => Promise<Opened>][] = [
	['PGlite', freshPglite],
	[
		'PGlite in its thread',
		async () => {
			const db = await openPgliteThread();
			return { db, dispose: () => db.close() };
		}
	],
	...(SKIP_POSTGRES
		? []
		: ([['PostgreSQL 15', () => freshPostgres('batch')]] as [string, () => Promise<Opened>][]))
];

for (const [name, open] of engines) {
	describe(`batch on ${name}`, () => {
		let opened: Opened;
		let db: Database;
		beforeAll(async () => {
			opened = await open();
			db = opened.db;
			await db.exec(`
				create table t (id int primary key, note text);
				create function boom() returns void language plpgsql as $$
				begin raise exception 'Not allowed.' using hint = 'not_permitted', errcode = '42501'; end $$;
			`);
		});
		afterAll(async () => {
			await opened.dispose();
		});

		it("runs the statements in order in one transaction, and answers each one's rows", async () => {
			const results = await db.batch([
				{ sql: 'select txid_current()::text as tx' },
				{ sql: "select set_config('app.note', $1, true)", params: ['from the first'] },
				{ sql: "insert into t values (1, current_setting('app.note')) returning id, note" },
				{ sql: 'select count(*)::int as n, txid_current()::text as tx from t' }
			]);
			expect(results).toHaveLength(4);
			// a setting local to the transaction is seen by the statements after it
			expect(results[2]).toEqual([{ id: 1, note: 'from the first' }]);
			// one transaction from the first statement to the last
			expect(results[3]).toEqual([{ n: 1, tx: results[0]?.[0]?.tx }]);
			// and is gone once it has committed
			const [after] = await db.query<{ note: string | null }>(
				"select current_setting('app.note', true) as note"
			);
			expect(after?.note ?? '').toBe('');
		});

		it("rolls back all of it at the first statement that fails, throwing that statement's error", async () => {
			const error = await db
				.batch([
					{ sql: "insert into t values (2, 'dropped')" },
					{ sql: 'select boom()' },
					{ sql: "insert into t values (3, 'never run')" }
				])
				.catch((e: unknown) => e);
			expect(error).toBeInstanceOf(Error);
			expect(error).toMatchObject({ message: 'Not allowed.', code: '42501', hint: 'not_permitted' });
			const rows = await db.query<{ id: number }>('select id from t order by id');
			expect(rows.map((r) => r.id)).toEqual([1]);
		});

		it('keeps a read-only transaction read-only', async () => {
			const error = await db
				.batch([{ sql: 'set transaction read only' }, { sql: "insert into t values (4, 'written')" }])
				.catch((e: unknown) => e);
			expect(error).toMatchObject({ code: '25006' });
			expect(await db.query('select id from t where id = 4')).toEqual([]);
		});
	});
}
