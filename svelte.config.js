import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

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
				'style-src': ['self', 'unsafe-inline'],
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
