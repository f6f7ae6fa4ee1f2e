// The embedded database in a thread of its own (src/lib/server/platform/db/pglite-thread.ts), as the server
// runs it: the same answers, errors and transactions as PGlite in the process.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPgliteThread } from '../../src/lib/server/platform/db/pglite-thread';
import type { Database } from '../../src/lib/server/platform/db/types';

let db: Database;

beforeAll(async () => {
	db = await openPgliteThread();
	await db.exec(`
		create table t (id int primary key, note text, at timestamptz, doc jsonb);
		create function boom() returns void language plpgsql as $$
		begin raise exception 'Not allowed.' using hint = 'not_permitted', detail = '{"x":1}', errcode = '42501'; end $$;
	`);
});
afterAll(async () => {
	await db.close();
});

describe('PGlite in a worker thread', () => {
	it('answers a query with parameters, with dates and JSON as PGlite gives them', async () => {
		await db.query('insert into t values ($1, $2, $3, $4)', [
			1,
			'one',
			'2026-11-30T12:00:00Z',
			{ a: [1, 2] }
		]);
		const [row] = await db.query<{ id: number; note: string; at: Date; doc: unknown }>(
			'select * from t where id = $1',
			[1]
		);
		expect(row).toEqual({ id: 1, note: 'one', at: new Date('2026-11-30T12:00:00Z'), doc: { a: [1, 2] } });
		expect(db.engine).toBe('pglite');
	});

	it("passes on the database's error: message, SQLSTATE code, hint and detail", async () => {
		const error = await db.query('select boom()').catch((e: unknown) => e);
		expect(error).toBeInstanceOf(Error);
		expect(error).toMatchObject({
			message: 'Not allowed.',
			code: '42501',
			hint: 'not_permitted',
			detail: '{"x":1}'
		});
	});

	it('commits a transaction that resolves, and rolls back one that throws, passing its error on', async () => {
		await db.transaction(async (tx) => {
			await tx.query('insert into t (id, note) values (2, $1)', ['kept']);
		});
		const thrown = new Error('changed my mind');
		await expect(
			db.transaction(async (tx) => {
				await tx.query('insert into t (id, note) values (3, $1)', ['dropped']);
				throw thrown;
			})
		).rejects.toBe(thrown);
		const rows = await db.query<{ id: number }>('select id from t where id in (2, 3) order by id');
		expect(rows.map((r) => r.id)).toEqual([2]);
	});

	it("keeps a transaction's work from others until it commits, and runs their queries after", async () => {
		let release!: () => void;
		const held = new Promise<void>((r) => (release = r));
		const open = db.transaction(async (tx) => {
			await tx.query("insert into t (id, note) values (4, 'inside')");
			await held;
			await tx.query("update t set note = 'committed' where id = 4");
		});
		// asked while the transaction is open: answered once it has committed
		const outside = db.query<{ note: string }>('select note from t where id = 4');
		await new Promise((r) => setTimeout(r, 50));
		release();
		await open;
		expect(await outside).toEqual([{ note: 'committed' }]);
	});

	it('refuses everything after it is closed', async () => {
		const other = await openPgliteThread();
		await other.close();
		await expect(other.query('select 1')).rejects.toThrow(/database thread stopped/);
	});
});
