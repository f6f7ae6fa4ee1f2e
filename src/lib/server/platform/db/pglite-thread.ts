import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { pgliteSettings } from './pglite-settings';
import type { Database, Queryable } from './types';

/**
 * PGlite in a worker thread of this process. The same engine, migrations and data folder as
 * openPglite (./pglite.ts), but the database's work runs beside the server's page rendering instead
 * of taking turns with it on one thread, so the embedded mode uses a second core. Queries and
 * transactions cross to the thread as messages; PGlite runs one statement at a time, and a query
 * sent while another request's transaction is open waits for it, as in one process.
 *
 * The thread's code is a CommonJS script given to the Worker as text, loading PGlite by its absolute
 * path: nothing for the bundler to move, and it works from the build, from `vite dev` and in tests.
 */
const THREAD = `
const { parentPort, workerData } = require('node:worker_threads');
const { PGlite } = require(workerData.pglite);
const { pgcrypto } = require(workerData.pgcrypto);
let pg = null;
const open = new Map();
const reply = (id, ok, value) => parentPort.postMessage({ id, ok, value });
const failure = (e) => {
	const out = { message: String((e && e.message) || e) };
	for (const k of ['code', 'detail', 'hint', 'severity', 'where', 'position', 'schema', 'table', 'column', 'constraint']) {
		if (e && typeof e[k] === 'string') out[k] = e[k];
	}
	return out;
};
parentPort.on('message', async (m) => {
	try {
		if (m.op === 'open') {
			pg = await PGlite.create({
				dataDir: m.dataDir,
				extensions: { pgcrypto },
				startParams: [...PGlite.defaultStartParams, ...m.settings]
			});
			reply(m.id, true, null);
		} else if (m.op === 'query') {
			const q = m.tx ? open.get(m.tx).tx : pg;
			reply(m.id, true, (await q.query(m.sql, m.params)).rows);
		} else if (m.op === 'exec') {
			const q = m.tx ? open.get(m.tx).tx : pg;
			await q.exec(m.sql);
			reply(m.id, true, null);
		} else if (m.op === 'begin') {
			// the transaction stays open until 'end' says commit or roll back
			pg.transaction(
				(tx) =>
					new Promise((resolve, reject) => {
						open.set(m.tx, { tx, resolve, reject });
						reply(m.id, true, null);
					})
			).then(
				() => { open.delete(m.tx); parentPort.postMessage({ end: m.tx, ok: true }); },
				(e) => { open.delete(m.tx); parentPort.postMessage({ end: m.tx, ok: false, value: failure(e) }); }
			);
		} else if (m.op === 'end') {
			const t = open.get(m.tx);
			if (m.commit) t.resolve(); else t.reject(new Error('rolled back'));
			reply(m.id, true, null);
		} else if (m.op === 'batch') {
			// the statements in order in one transaction: one message each way
			const rows = await pg.transaction(async (tx) => {
				const out = [];
				for (const s of m.statements) out.push((await tx.query(s.sql, s.params)).rows);
				return out;
			});
			reply(m.id, true, rows);
		} else if (m.op === 'close') {
			if (pg) await pg.close();
			reply(m.id, true, null);
		}
	} catch (e) {
		reply(m.id, false, failure(e));
	}
});
`;

interface Reply {
	id?: number;
	end?: number;
	ok: boolean;
	value: unknown;
}

/** An error from the thread as PostgreSQL reported it: message, code, detail, hint. */
function asError(value: unknown): Error {
	const fields = (value ?? {}) as Record<string, string>;
	return Object.assign(new Error(fields.message ?? 'database error'), fields);
}

export async function openPgliteThread(dataDir?: string): Promise<Database> {
	const require = createRequire(import.meta.url);
	const worker = new Worker(THREAD, {
		eval: true,
		workerData: {
			pglite: require.resolve('@electric-sql/pglite'),
			pgcrypto: require.resolve('@electric-sql/pglite/contrib/pgcrypto')
		}
	});
	let next = 1;
	const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
	const ending = new Map<number, { resolve: () => void; reject: (e: Error) => void }>();
	let broken: Error | null = null;

	worker.on('message', (m: Reply) => {
		if (m.end !== undefined) {
			const t = ending.get(m.end);
			ending.delete(m.end);
			if (m.ok) t?.resolve();
			else t?.reject(asError(m.value));
			return;
		}
		const p = pending.get(m.id!);
		pending.delete(m.id!);
		if (m.ok) p?.resolve(m.value);
		else p?.reject(asError(m.value));
	});
	const fail = (error: Error) => {
		broken = error;
		for (const p of [...pending.values(), ...ending.values()]) p.reject(error);
		pending.clear();
		ending.clear();
	};
	worker.on('error', fail);
	worker.on('exit', (code) => fail(new Error(`the database thread stopped (exit code ${code})`)));

	const send = <T>(message: Record<string, unknown>): Promise<T> => {
		if (broken) return Promise.reject(broken);
		const id = next++;
		return new Promise<T>((resolve, reject) => {
			pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
			worker.postMessage({ ...message, id });
		});
	};
	const on = (tx: number | null): Queryable => ({
		query: <T>(sql: string, params: unknown[] = []) => send<T[]>({ op: 'query', sql, params, tx }),
		exec: async (sql: string) => {
			await send({ op: 'exec', sql, tx });
		}
	});

	try {
		await send({ op: 'open', dataDir, settings: pgliteSettings() });
	} catch (error) {
		await worker.terminate();
		throw error;
	}
	return {
		engine: 'pglite',
		...on(null),
		async transaction(fn) {
			const tx = next++;
			const ended = new Promise<void>((resolve, reject) => ending.set(tx, { resolve, reject }));
			try {
				await send({ op: 'begin', tx });
			} catch (error) {
				ending.delete(tx);
				throw error;
			}
			let result;
			try {
				result = await fn(on(tx));
			} catch (error) {
				await send({ op: 'end', tx, commit: false });
				await ended.catch(() => {});
				throw error;
			}
			await send({ op: 'end', tx, commit: true });
			await ended;
			return result;
		},
		batch: (statements) => send<Record<string, unknown>[][]>({ op: 'batch', statements }),
		async close() {
			try {
				await send({ op: 'close' });
			} finally {
				await worker.terminate();
			}
		}
	};
}
