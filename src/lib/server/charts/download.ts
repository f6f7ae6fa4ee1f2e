/**
 * Downloads of a chart's data and picture: CSV (the chart's data table), SVG (the picture as drawn on the
 * page) and PNG (the same picture made on the server with resvg, for slides and papers that take no SVG).
 * Every download is named, never cached by a shared cache, and carries the "as at" time in its data.
 */
import { Resvg } from '@resvg/resvg-js';
import { error } from '@sveltejs/kit';
import { stringify } from 'csv-stringify/sync';

export type ChartFormat = 'csv' | 'svg' | 'png';
export const CHART_FORMATS: readonly ChartFormat[] = ['csv', 'svg', 'png'];

function headers(type: string, filename: string): HeadersInit {
	return {
		'content-type': type,
		'content-disposition': `attachment; filename="${filename.replace(/[^a-z0-9._-]+/gi, '-')}"`,
		'cache-control': 'private, no-store',
		'x-content-type-options': 'nosniff'
	};
}

/** A CSV of rows (the first is the header), with a byte-order mark so that Excel reads it as UTF-8. */
export function csvDownload(
	rows: readonly (readonly (string | number | null)[])[],
	filename: string
): Response {
	const text = stringify(rows.map((row) => row.map((cell) => (cell === null ? '' : cell))));
	return new Response(`\uFEFF${text}`, { headers: headers('text/csv; charset=utf-8', filename) });
}

/** The SVG as a file of its own (with its XML namespace, which inline SVG does without). */
export function svgDownload(svg: string, filename: string): Response {
	return new Response(standalone(svg), { headers: headers('image/svg+xml; charset=utf-8', filename) });
}

/** The SVG drawn to a PNG at twice its width, on white, with the machine's fonts. */
export function pngDownload(svg: string, filename: string): Response {
	const png = svgToPng(svg);
	return new Response(new Uint8Array(png), { headers: headers('image/png', filename) });
}

export function svgToPng(svg: string): Buffer {
	const width = Number(/<svg[^>]*\swidth="(\d+(?:\.\d+)?)"/.exec(svg)?.[1] ?? 640);
	const resvg = new Resvg(standalone(svg), {
		background: 'white',
		fitTo: { mode: 'width', value: Math.round(width * 2) },
		font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' }
	});
	return resvg.render().asPng();
}

/**
 * The SVG as a file of its own: with its XML namespace (which inline SVG does without) and, since a file
 * has no page's stylesheet, the white background and the text's spacing that app.css gives it on a page
 * (a file is never under the page's Content-Security-Policy).
 */
function standalone(svg: string): string {
	const named = /^<svg[^>]*\sxmlns=/.test(svg)
		? svg
		: svg.replace(/^<svg/, '<svg xmlns="http://www.w3.org/2000/svg"');
	if (/^<svg[^>]*\sstyle=/.test(named)) return named;
	return named
		.replace(/^<svg/, '<svg style="background:white"')
		.replace(/^(<svg[^>]*>)/, '$1<style>text,tspan{white-space:pre}</style>');
}

/** A chart's picture in the format asked for (svg or png), or 400 for any other. */
export function pictureDownload(svg: string, format: string | null, name: string): Response {
	if (format === 'svg') return svgDownload(svg, `${name}.svg`);
	if (format === 'png') return pngDownload(svg, `${name}.png`);
	return new Response('Choose svg or png.', {
		status: 400,
		headers: { 'content-type': 'text/plain; charset=utf-8' }
	});
}

/** What a chart view gives its downloads: a file name (no extension), its table, its picture if it has one. */
export interface ViewFigures {
	name: string;
	rows: readonly (readonly (string | number | null)[])[];
	svg: string | null;
	/** why there is no picture, when `svg` is null */
	noPicture?: string;
}

/**
 * A chart view's download endpoint: `?format=csv|svg|png` (CSV by default), for a signed-in member only, of
 * the figures `build` makes for the same URL as the page (it may answer 404 itself, with the reason, when a
 * filter names nothing or there is nothing to download).
 */
export async function viewDownload(
	locals: Pick<App.Locals, 'safeGetSession'>,
	url: URL,
	build: () => Promise<ViewFigures>
): Promise<Response> {
	const format = url.searchParams.get('format') ?? 'csv';
	if (!(CHART_FORMATS as readonly string[]).includes(format)) error(400, 'Choose csv, svg or png.');
	const { user } = await locals.safeGetSession();
	if (!user) error(401, 'Sign in to download figures.');
	const figures = await build();
	if (format === 'csv') return csvDownload(figures.rows, `${figures.name}.csv`);
	if (!figures.svg) error(404, figures.noPicture ?? 'There is no picture to download.');
	return pictureDownload(figures.svg, format, figures.name);
}
