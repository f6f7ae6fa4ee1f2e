import { expect, test } from '@playwright/test';

/**
 * Pages reach a browser compressed (src/lib/server/compress.ts), and the app's own scripts were
 * compressed when it was built (adapter-node's precompress): what a respondent on a weak phone
 * signal waits for is a quarter of the page.
 */
test('a respondent page and its script arrive compressed, and read the same', async ({ request }) => {
	const page = await request.get('/s/ehc-journey', { headers: { 'accept-encoding': 'gzip' } });
	expect(page.status()).toBe(200);
	expect(page.headers()['content-encoding']).toBe('gzip');
	expect(page.headers()['vary']).toContain('Accept-Encoding');
	const html = await page.text();
	expect(html).toContain('Your experience of the EHC plan process');

	const script =
		/<script[^>]+src="([^"]+\.js)"|import\("([^"]+\.js)"\)|href="([^"]+\/_app\/immutable\/[^"]+\.js)"/.exec(
			html
		);
	expect(script, 'the page names a script').not.toBeNull();
	const src = new URL(script!.slice(1).find(Boolean)!, page.url()).pathname;
	const file = await request.get(src, { headers: { 'accept-encoding': 'br, gzip' } });
	expect(file.status()).toBe(200);
	expect(['br', 'gzip']).toContain(file.headers()['content-encoding']);

	// a client that takes no compression gets the page as it is
	const plain = await request.get('/s/ehc-journey', { headers: { 'accept-encoding': 'identity' } });
	expect(plain.headers()['content-encoding']).toBeUndefined();
	expect(await plain.text()).toContain('Your experience of the EHC plan process');
});
