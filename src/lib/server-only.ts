/**
 * What a page's load gives its server-side rendering and never sends to the browser. SvelteKit
 * serialises every load's data into the page for hydration, even where a page has none (the
 * respondent's pages: csr = false); for a survey's questions, options and translations that cost
 * more than rendering the page. Wrapped in ServerOnly, a value is rendered from as it is, and the
 * `transport` hook (src/hooks.ts) sends an empty placeholder in its place.
 */
export class ServerOnly<T> {
	constructor(readonly value: T) {}
}
