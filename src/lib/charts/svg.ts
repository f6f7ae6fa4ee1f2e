/**
 * What every server-rendered chart shares: the document Observable Plot draws into (the browser's, or linkedom
 * on the server), the accessible name and description of the picture, and a serialisation that is the same in
 * every DOM (so that snapshots hold and hydration sees the same string).
 */
import { CHART_CLASS } from './chart-class';

/**
 * linkedom, loaded only where there is no DOM (on the server). It is a dynamic import so that the browser
 * bundle keeps it in a separate chunk that is never downloaded: a static import would add about 120 kB
 * (gzipped) to every page with a chart, because bundlers cannot drop linkedom's module side effects.
 */
const serverDom: typeof import('linkedom') | null =
	typeof document === 'undefined' ? await import('linkedom') : null;

export const SVG_NS = 'http://www.w3.org/2000/svg';

/** The document Plot draws into: the given one, the browser's, or a fresh linkedom one on the server. */
export function chartDocument(given?: Document): Document {
	if (given !== undefined) return given;
	if (typeof globalThis.document !== 'undefined') return globalThis.document;
	if (serverDom === null) throw new Error('A chart needs a document: pass options.document');
	return serverDom.parseHTML('<!doctype html><html><body></body></html>').document as unknown as Document;
}

/**
 * Take out of a chart drawn by Plot everything a page's Content-Security-Policy refuses when its `style-src`
 * has no 'unsafe-inline' (ours has none): Plot's <style> elements (their rules are in app.css, under
 * CHART_CLASS and the class name `plot-chart` that Plot is given) and every style attribute, whose text
 * colour, font size and font family become SVG presentation attributes; the rest (a background, a
 * figure's max-width) is app.css's.
 */
export function withoutInlineStyles(chart: Element): void {
	for (const style of Array.from(chart.querySelectorAll('style'))) style.remove();
	const styled = [chart, ...Array.from(chart.querySelectorAll('[style]'))].filter((e) =>
		e.hasAttribute('style')
	);
	for (const element of styled) {
		const declarations = (element.getAttribute('style') ?? '').split(';');
		element.removeAttribute('style');
		if (element.localName !== 'svg') continue;
		for (const declaration of declarations) {
			const colon = declaration.indexOf(':');
			if (colon < 0) continue;
			const name = declaration.slice(0, colon).trim().toLowerCase();
			const value = declaration.slice(colon + 1).trim();
			if (name === 'color' || name === 'font-family') element.setAttribute(name, value);
			else if (name === 'font-size') element.setAttribute(name, value.replace(/px$/, ''));
		}
	}
}

/**
 * Make a Plot figure an image with a name: `role="img"`, the summary as its aria-label and `<title>`, the
 * description as `<desc>`, colours set as presentation attributes (no style attribute or element: see
 * withoutInlineStyles), and the labels Plot gives its groups removed (inside an image they are not allowed,
 * aria-prohibited-attr, and the image's name and the data table carry the content). Returns the serialised
 * SVG. Its background is white (app.css on a page; the downloads add it, $lib/server/charts/download).
 */
export function finishChart(
	chart: SVGElement | HTMLElement,
	document: Document,
	options: { summary: string; description: string; text: string; fontSize?: number }
): string {
	withoutInlineStyles(chart);
	chart.setAttribute('color', options.text);
	chart.setAttribute('font-size', String(options.fontSize ?? 12));
	chart.setAttribute('class', `${chart.getAttribute('class') ?? ''} ${CHART_CLASS}`.trim());
	const title = document.createElementNS(SVG_NS, 'title');
	title.textContent = options.summary;
	const description = document.createElementNS(SVG_NS, 'desc');
	description.textContent = options.description;
	chart.insertBefore(description, chart.firstChild);
	chart.insertBefore(title, chart.firstChild);
	for (const group of Array.from(chart.querySelectorAll('[aria-label]'))) group.removeAttribute('aria-label');
	chart.setAttribute('role', 'img');
	chart.setAttribute('aria-label', options.summary);
	return serializeSvg(chart);
}

/** Attributes whose values are text for people, never coordinates. */
const TEXT_ATTRIBUTES = new Set(['aria-label', 'aria-description', 'class']);

function roundCoordinates(value: string): string {
	return value.replace(/-?\d+\.\d{3,}/g, (number) => {
		const rounded = Number(Number(number).toFixed(2));
		return String(rounded === 0 ? 0 : rounded);
	});
}

function escapeText(text: string): string {
	return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttribute(text: string): string {
	return escapeText(text).replace(/"/g, '&quot;');
}

/**
 * Serialise an SVG subtree the same way in every DOM: linkedom and browsers differ in attribute order
 * and in self-closing tags. Coordinates are rounded to 2 decimals.
 */
export function serializeSvg(node: Node): string {
	if (node.nodeType === 3) return escapeText(node.nodeValue ?? '');
	if (node.nodeType !== 1) return '';
	const element = node as Element;
	const name = element.localName;
	const attributes = Array.from(element.attributes)
		.map(({ name, value }) => ({ name, value: TEXT_ATTRIBUTES.has(name) ? value : roundCoordinates(value) }))
		.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
		.map(({ name, value }) => ` ${name}="${escapeAttribute(value)}"`)
		.join('');
	const children = Array.from(element.childNodes).map(serializeSvg).join('');
	return `<${name}${attributes}>${children}</${name}>`;
}
