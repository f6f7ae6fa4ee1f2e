/**
 * Pages and other text the server makes, sent gzip-compressed to a browser that accepts it (issue
 * 12: "the HTML is sent uncompressed"). A respondent's page shrinks to about a quarter; on a phone
 * with a weak signal that is the difference that counts. The app's own files (scripts, styles,
 * fonts) are compressed once, when it is built (adapter-node's precompress), and served as such.
 *
 * Left as they are: downloads (a file of responses is streamed as it is read, and a spreadsheet is
 * already a zip), responses that are already encoded or have no body, and anything not text.
 */
import { gzipSync } from 'node:zlib';

const TEXT =
	/^(text\/(html|css|plain|csv|xml)|application\/(json|javascript|atom\+xml|xml)|image\/svg\+xml)\b/i;

/** Whether the request's Accept-Encoding allows gzip (a q of 0 refuses it; "*" stands for it). */
export function acceptsGzip(header: string | null): boolean {
	let gzip: number | null = null;
	let star: number | null = null;
	for (const part of (header ?? '').split(',')) {
		const [name = '', ...params] = part.trim().toLowerCase().split(';');
		const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)).find(Boolean);
		const weight = q ? Number(q[1]) : 1;
		if (name === 'gzip' || name === 'x-gzip') gzip = weight;
		else if (name === '*') star = weight;
	}
	return (gzip ?? star ?? 0) > 0;
}

type Bytes = Uint8Array<ArrayBuffer>;

/**
 * zlib's level for a page compressed whole. Measured on a respondent's welcome page (13.6 KB of HTML),
 * one call each: level 6 (zlib's default) 214 µs and 4,833 bytes, level 4 157 µs and 4,894 bytes.
 * A quarter less of the server's busiest thread for a page 1% larger.
 */
export const PAGE_LEVEL = 4;

/** A body read whole up to this size is compressed at once; past it, as it streams. */
const WHOLE_LIMIT = 256 * 1024;

/**
 * The response, gzip-compressed when the request accepts it and it is text worth compressing.
 *
 * A page SvelteKit rendered whole (every page that does not stream data) is one piece of text whose
 * end follows at once: it is compressed in one call of zlib and sent with its length. Through a
 * CompressionStream it cost six times the CPU (web streams' overhead on a 20 KB page, more than
 * the compression itself), and a third of the surveys a second on the bench. A body still arriving
 * (streamed data, a large text) is compressed as it streams: the response starts without waiting for
 * the rest.
 */
export async function compressed(request: Request, response: Response): Promise<Response> {
	if (!response.body || request.method === 'HEAD' || response.headers.has('content-encoding'))
		return response;
	if (/^\s*attachment/i.test(response.headers.get('content-disposition') ?? '')) return response;
	if (!TEXT.test(response.headers.get('content-type') ?? '')) return response;
	// a cache in between keeps the two forms apart
	response.headers.append('vary', 'Accept-Encoding');
	if (!acceptsGzip(request.headers.get('accept-encoding'))) return response;
	const headers = new Headers(response.headers);
	headers.set('content-encoding', 'gzip');
	headers.delete('content-length');
	const init = { status: response.status, statusText: response.statusText, headers };

	// What is there already: a body made from a string is all there within this turn of the event loop.
	const reader = response.body.getReader();
	const read: Bytes[] = [];
	let size = 0;
	for (;;) {
		const next = reader.read();
		const got = await Promise.race([next, new Promise<null>((resolve) => setImmediate(resolve, null))]);
		if (got === null || (!got.done && size + got.value.byteLength > WHOLE_LIMIT)) {
			// still arriving, or large: compressed as it streams, from what was read so far
			const rest = got === null ? next : Promise.resolve(got);
			return new Response(continued(read, rest, reader).pipeThrough(new CompressionStream('gzip')), init);
		}
		if (got.done) break;
		read.push(got.value);
		size += got.value.byteLength;
	}
	const body = gzipSync(Buffer.concat(read, size), { level: PAGE_LEVEL });
	headers.set('content-length', String(body.byteLength));
	return new Response(body, init);
}

/** A stream of the parts already read, then the pending read, then the rest of the reader. */
function continued(
	read: Bytes[],
	pending: Promise<ReadableStreamReadResult<Bytes>>,
	reader: ReadableStreamDefaultReader<Bytes>
): ReadableStream<Bytes> {
	let first: Promise<ReadableStreamReadResult<Bytes>> | null = pending;
	return new ReadableStream<Bytes>({
		start(controller) {
			for (const part of read) controller.enqueue(part);
		},
		async pull(controller) {
			const got = await (first ?? reader.read());
			first = null;
			if (got.done) controller.close();
			else controller.enqueue(got.value);
		},
		cancel(reason) {
			return reader.cancel(reason);
		}
	});
}
