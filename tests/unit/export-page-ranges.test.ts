/**
 * Reading a download's pages several at once (src/lib/server/exports/page-ranges.ts): whatever the
 * page size, the number read at once and the responses sent while the download runs, every
 * response there when it started comes out exactly once and in the order they were sent, never
 * more than `ahead` pages are read at once, and a failed read fails the download instead of
 * leaving a gap or an unhandled failure behind.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { pagesInOrder, type PageEnd, type PageReader } from '$lib/server/exports/page-ranges';

const before = (a: PageEnd, b: PageEnd) => a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);
const key = (n: number, id = 'a'): PageEnd => [String(n).padStart(6, '0'), id];

/** What the database does: the responses in order, and the ends of the full pages. */
function table(keys: PageEnd[]) {
	// (submitted_at, id) is unique: an id is sent once
	const rows = [...new Map(keys.map((k) => [k.join(), k])).values()].sort((a, b) =>
		before(a, b) ? -1 : before(b, a) ? 1 : 0
	);
	return {
		rows,
		ends: (size: number) => rows.filter((_, i) => (i + 1) % size === 0),
		page: (after: PageEnd | null, upTo: PageEnd | null, size: number) =>
			rows.filter((r) => (!after || before(after, r)) && (!upTo || !before(upTo, r))).slice(0, size),
		insert(k: PageEnd) {
			if (rows.some((r) => r[0] === k[0] && r[1] === k[1])) return;
			rows.push(k);
			rows.sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0));
		}
	};
}

type Page = PageEnd[];

function readerOf(
	db: ReturnType<typeof table>,
	size: number,
	onRead: (n: number) => void = () => {}
): PageReader<Page> & { most: number; reads: number } {
	let reading = 0;
	const r = {
		most: 0,
		reads: 0,
		async read(after: PageEnd | null, upTo: PageEnd | null) {
			reading++;
			r.most = Math.max(r.most, reading);
			onRead(r.reads++);
			// answers come back in any order: the later read may be the quicker one
			await new Promise((ok) => setTimeout(ok, Math.random() * 3));
			reading--;
			return db.page(after, upTo, size);
		},
		count: (p: Page) => p.length,
		last: (p: Page) => p.at(-1)
	};
	return r;
}

async function readAll(gen: AsyncGenerator<Page>): Promise<PageEnd[]> {
	const out: PageEnd[] = [];
	for await (const page of gen) out.push(...page);
	return out;
}

describe('pagesInOrder', () => {
	it('hands on every response once, in order, with at most `ahead` pages read at once, one read a page', async () => {
		const db = table(Array.from({ length: 23 }, (_, i) => key(i % 7, `id${i}`)));
		const reader = readerOf(db, 5);
		const read = await readAll(pagesInOrder(db.ends(5), reader, 5, 2));
		expect(read).toEqual(db.rows);
		expect(reader.most).toBe(2);
		// 4 full pages and the 3 after them: 5 reads, not one more per page
		expect(reader.reads).toBe(5);
	});

	it('reads a single page when there are no ends, and hands on nothing when there are no responses', async () => {
		const empty = table([]);
		const none = readerOf(empty, 5);
		expect(await readAll(pagesInOrder([], none, 5))).toEqual([]);
		expect(none.reads).toBe(1);
		const few = table([key(1), key(2)]);
		expect(await readAll(pagesInOrder([], readerOf(few, 5), 5))).toEqual(few.rows);
	});

	it('whatever the sizes and the responses sent during the download: those sent before it, each once, in order', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.array(fc.tuple(fc.nat(40), fc.constantFrom('a', 'b', 'c')), { maxLength: 60 }),
				fc.integer({ min: 1, max: 7 }),
				fc.integer({ min: 1, max: 4 }),
				fc.array(fc.tuple(fc.nat(12), fc.nat(45), fc.constantFrom('d', 'e')), { maxLength: 10 }),
				async (keys, size, ahead, arrivals) => {
					const db = table(keys.map(([n, id]) => key(n, id)));
					const there = [...db.rows];
					// responses that arrive just before the nth read, anywhere in the order
					const reader = readerOf(db, size, (n) => {
						for (const [at, k, id] of arrivals) if (at === n) db.insert(key(k, id));
					});
					const read = await readAll(pagesInOrder(db.ends(size), reader, size, ahead));
					for (let i = 1; i < read.length; i++) expect(before(read[i - 1]!, read[i]!)).toBe(true);
					const got = new Set(read.map((k) => k.join()));
					for (const k of there) expect(got.has(k.join())).toBe(true);
					expect(reader.most).toBeLessThanOrEqual(ahead);
				}
			),
			{ numRuns: 150 }
		);
	});

	it('a range that gained responses since the ends were read is read on to its end', async () => {
		const db = table(Array.from({ length: 10 }, (_, i) => key(i * 10)));
		const ends = db.ends(4); // 30 and 70
		db.insert(key(5));
		db.insert(key(15));
		db.insert(key(45));
		const read = await readAll(pagesInOrder(ends, readerOf(db, 4), 4, 2));
		expect(read.map((k) => Number(k[0]))).toEqual([0, 5, 10, 15, 20, 30, 40, 45, 50, 60, 70, 80, 90]);
	});

	it('a failed read fails the download, even when it was read ahead; nothing is left unhandled', async () => {
		const unhandled: unknown[] = [];
		const note = (e: unknown) => unhandled.push(e);
		process.on('unhandledRejection', note);
		try {
			const db = table(Array.from({ length: 12 }, (_, i) => key(i)));
			const reader = readerOf(db, 4);
			const failing: PageReader<Page> = {
				...reader,
				// the third page fails at once, while the first is still being read
				read: (after, upTo) =>
					after && after[0] === key(7)[0]
						? Promise.reject(new Error('connection lost'))
						: reader.read(after, upTo)
			};
			const read: PageEnd[] = [];
			await expect(
				(async () => {
					for await (const page of pagesInOrder(db.ends(4), failing, 4, 3)) read.push(...page);
				})()
			).rejects.toThrow('connection lost');
			// the pages before the failure were handed on, nothing after it
			expect(read).toEqual(db.rows.slice(0, 8));

			// a download stopped early while a later read fails
			for await (const page of pagesInOrder(db.ends(4), failing, 4, 3)) {
				expect(page).toHaveLength(4);
				break;
			}
			await new Promise((ok) => setTimeout(ok, 20));
			expect(unhandled).toEqual([]);
		} finally {
			process.off('unhandledRejection', note);
		}
	});
});
