/**
 * Pages and other text the server makes, sent gzip-compressed to a browser that accepts it (issue
 * 12: "the HTML is sent uncompressed"). A respondent's page shrinks to about a quarter; on a phone
 * with a weak signal that is the difference that counts. The app's own files (scripts, styles,
 * fonts) are compressed once, when it is built (adapter-node's precompress), and served as such.
 *
 * Left as they are: downloads (a file of responses is streamed as it is read, and a spreadsheet is
 * already a zip), responses that are already encoded or have no body, and anything not text.
 */
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

/** The response, gzip-compressed when the request accepts it and it is text worth compressing. */
export function compressed(request: Request, response: Response): Response {
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
	return new Response(response.body.pipeThrough(new CompressionStream('gzip')), {
		status: response.status,
		statusText: response.statusText,
		headers
	});
}
