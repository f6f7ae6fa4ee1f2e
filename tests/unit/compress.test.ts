/**
 * Compressed pages (src/lib/server/compress.ts): text the server makes is sent gzip-compressed to a
 * client that accepts it, and reads back unchanged; downloads, what is not text, what is already
 * encoded and a client that refuses gzip get the response as it was.
 */
import { describe, expect, it } from 'vitest';
import { acceptsGzip, compressed } from '$lib/server/compress';

const PAGE = `<!doctype html><html lang="en"><body>${'<p>Tell us how it is going.</p>'.repeat(200)}</body></html>`;

function page(headers: Record<string, string> = {}, body: string | null = PAGE) {
	return new Response(body, {
		status: 200,
		headers: { 'content-type': 'text/html; charset=utf-8', ...headers }
	});
}
const asking = (encoding: string | null, method = 'GET') =>
	new Request('http://localhost/s/survey', {
		method,
		headers: encoding ? { 'accept-encoding': encoding } : {}
	});

async function gunzip(response: Response): Promise<string> {
	return new Response(response.body!.pipeThrough(new DecompressionStream('gzip'))).text();
}

describe('acceptsGzip', () => {
	it('reads Accept-Encoding as browsers send it, with q=0 a refusal', () => {
		expect(acceptsGzip('gzip, deflate, br, zstd')).toBe(true);
		expect(acceptsGzip('br;q=1.0, gzip;q=0.8, *;q=0.1')).toBe(true);
		expect(acceptsGzip('*')).toBe(true);
		expect(acceptsGzip('gzip;q=0, br')).toBe(false);
		expect(acceptsGzip('*;q=0')).toBe(false);
		expect(acceptsGzip('identity')).toBe(false);
		expect(acceptsGzip('')).toBe(false);
		expect(acceptsGzip(null)).toBe(false);
	});
});

describe('compressed', () => {
	it('sends a page gzip-compressed, much smaller, and it reads back the same', async () => {
		const out = await compressed(asking('gzip, br'), page({ 'content-length': String(PAGE.length) }));
		expect(out.headers.get('content-encoding')).toBe('gzip');
		expect(out.headers.get('vary')).toContain('Accept-Encoding');
		expect(out.headers.get('content-type')).toBe('text/html; charset=utf-8');
		const bytes = new Uint8Array(await out.clone().arrayBuffer());
		expect(bytes.length).toBeLessThan(PAGE.length / 4);
		// the page's own length replaced by the compressed one's
		expect(out.headers.get('content-length')).toBe(String(bytes.length));
		expect(await gunzip(out)).toBe(PAGE);
	});

	it('starts a body that is still arriving without waiting for its end, and it reads back whole', async () => {
		const encoder = new TextEncoder();
		let finish = () => {};
		const rest = new Promise<void>((resolve) => (finish = resolve));
		const streamed = new ReadableStream<Uint8Array>({
			async start(controller) {
				controller.enqueue(encoder.encode('<!doctype html><p>The page so far.</p>'));
				await rest;
				controller.enqueue(encoder.encode('<p>Data that came later.</p>'));
				controller.close();
			}
		});
		const response = new Response(streamed, { headers: { 'content-type': 'text/html' } });
		const out = await compressed(asking('gzip'), response);
		// answered while the rest has not come: no length can be known yet
		expect(out.headers.get('content-encoding')).toBe('gzip');
		expect(out.headers.get('content-length')).toBeNull();
		finish();
		expect(await gunzip(out)).toBe('<!doctype html><p>The page so far.</p><p>Data that came later.</p>');
	});

	it('compresses a large text as it streams, and it reads back the same', async () => {
		const large = `<table>${'<tr><td>A row of a long table of figures</td></tr>'.repeat(12000)}</table>`;
		expect(large.length).toBeGreaterThan(256 * 1024);
		const out = await compressed(asking('gzip'), page({}, large));
		expect(out.headers.get('content-encoding')).toBe('gzip');
		expect(out.headers.get('content-length')).toBeNull();
		expect(await gunzip(out)).toBe(large);
	});

	it('leaves alone a client that refuses gzip, a HEAD, a download, what is not text and what is encoded', async () => {
		for (const [why, request, response] of [
			['no gzip', asking('identity'), page()],
			['HEAD', asking('gzip', 'HEAD'), page()],
			['a download', asking('gzip'), page({ 'content-disposition': 'attachment; filename="r.csv"' })],
			[
				'a spreadsheet',
				asking('gzip'),
				page({ 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' })
			],
			['a font', asking('gzip'), page({ 'content-type': 'font/woff2' })],
			['already encoded', asking('gzip'), page({ 'content-encoding': 'br' })],
			['no body', asking('gzip'), page({}, null)]
		] as const) {
			const out = await compressed(request, response);
			expect(out.headers.get('content-encoding'), why).toBe(response.headers.get('content-encoding'));
			if (why !== 'no body' && why !== 'HEAD') expect(await out.text(), why).toBe(PAGE);
		}
	});
});
