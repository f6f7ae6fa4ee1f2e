/**
 * Reading a download's pages several at a time, in order. Keyset paging alone reads one page after
 * another (each page starts after the last response of the page before), which left the database
 * working on one page at a time while the other core waited. Once the ends of the pages are known
 * (api.response_export_bounds), each page lies between two ends and can be asked for at once; the
 * pages are still handed on in the order they were sent, and never more than `ahead` are read
 * before they are wanted, so memory stays flat.
 *
 * The ends are read when the download starts; responses can still arrive while it runs. A page
 * whose range has gained responses since is read on (keyset, within its range) until its end; the
 * responses after the last end are read on until a short page. So every response sent before the
 * download started is in it exactly once, and so is each one sent during it that lands in a range
 * not yet read.
 */

/** A response's place in the order they were sent: [submitted_at, id]. */
export type PageEnd = readonly [submittedAt: string, id: string];

export interface PageReader<P> {
	/** the next page of at most `pageSize` responses after `after` (null: from the start), up to and including `before` (null: to the end) */
	read(after: PageEnd | null, before: PageEnd | null): Promise<P>;
	/** how many responses a page holds */
	count(page: P): number;
	/** the last response of a page that holds any */
	last(page: P): PageEnd | undefined;
}

const same = (a: PageEnd | undefined, b: PageEnd | null) =>
	a !== undefined && b !== null && a[0] === b[0] && a[1] === b[1];

/** The pages between two ends, read on until the range's end (or, for the last range, a short page). */
async function readRange<P>(
	reader: PageReader<P>,
	pageSize: number,
	after: PageEnd | null,
	before: PageEnd | null
): Promise<P[]> {
	const pages: P[] = [];
	for (;;) {
		const page = await reader.read(after, before);
		pages.push(page);
		const last = reader.last(page);
		// a short page, or one that reached its end: the range is read
		if (reader.count(page) < pageSize || !last || same(last, before)) return pages;
		after = last;
	}
}

/**
 * Every page of a download, in order: the ranges between `ends` (and after the last of them) are
 * read up to `ahead` at once, and each range's pages are handed on as soon as it and every range
 * before it are read. Pages with no responses are not handed on.
 */
export async function* pagesInOrder<P>(
	ends: readonly PageEnd[],
	reader: PageReader<P>,
	pageSize: number,
	ahead = 2
): AsyncGenerator<P> {
	const ranges = [
		...ends.map((end, i) => [ends[i - 1] ?? null, end] as const),
		[ends.at(-1) ?? null, null] as const
	];
	const reading: Promise<P[]>[] = [];
	let next = 0;
	const readMore = () => {
		while (reading.length < ahead && next < ranges.length) {
			const [after, before] = ranges[next++]!;
			const range = readRange(reader, pageSize, after, before);
			// a range read ahead that fails while an earlier one is handed on is not an unhandled
			// failure: it is thrown when its turn comes (or dropped if the download stopped first)
			range.catch(() => {});
			reading.push(range);
		}
	};
	readMore();
	while (reading.length > 0) {
		const pages = await reading.shift()!;
		readMore();
		for (const page of pages) if (reader.count(page) > 0) yield page;
	}
}
