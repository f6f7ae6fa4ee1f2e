/**
 * Where to go after signing in: only a path on this site, never an open redirect to another host.
 * The target is parsed as a URL against the app's own origin, as a browser would parse the
 * `Location` header (which drops tabs and newlines and reads `\` as `/`), and kept only when it
 * lands on that same origin. The answer is re-serialised from the parsed URL, so it is always a
 * percent-encoded path that is safe in a header.
 */
export function safeRedirect(target: string | null | undefined, origin: string, fallback = '/home'): string {
	if (!target || !target.startsWith('/')) return fallback;
	let url: URL;
	try {
		url = new URL(target, origin);
	} catch {
		return fallback;
	}
	if (url.origin !== new URL(origin).origin) return fallback;
	if (url.protocol !== 'http:' && url.protocol !== 'https:') return fallback;
	const path = url.pathname + url.search + url.hash;
	// A path that still starts with two slashes would read as another host to a lax parser.
	if (!path.startsWith('/') || path.startsWith('//') || path.startsWith('/\\')) return fallback;
	return path;
}
