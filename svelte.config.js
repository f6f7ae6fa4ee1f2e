import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** The sha256 of the style attribute of SvelteKit's #svelte-announcer (core/sync/write_root.js). */
export const ANNOUNCER_STYLE_HASH = 'sha256-S8qMpvofolR8Mpjy4kQvEm7m1q8clzU4dfDH0AmvZjo=';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: { runes: true },
	kit: {
		// the app's own files compressed once, at build, and served so (src/lib/server/compress.ts does
		// the pages)
		adapter: adapter({ out: 'build', precompress: true }),
		// A page's stylesheets (all small) are put in the page itself: a respondent's page is then one
		// request for the page and one for its script, not four more for styles.
		inlineStyleThreshold: 8192,
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				// No 'unsafe-inline': SvelteKit gives the styles it puts in a page a nonce, the charts carry
				// none of their own ($lib/charts/svg), and the one style attribute left, on SvelteKit's
				// announcer of client-side navigations, is allowed by its hash alone (tests/unit/csp.test.ts
				// holds the hash to the installed SvelteKit).
				'style-src': ['self', 'unsafe-hashes', ANNOUNCER_STYLE_HASH],
				'img-src': ['self', 'data:'],
				'connect-src': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none'],
				'base-uri': ['self'],
				'object-src': ['none']
			}
		}
	}
};

export default config;
