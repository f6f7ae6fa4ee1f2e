/**
 * The representation chart of one dimension as SVG text, drawn on the server so it shows without JavaScript
 * and prints: for each group, its label on a line of its own (so the bars use the whole width of a phone),
 * then two bars: the share of respondents (dark, solid, with its 95% interval as a whisker) and the share of
 * the population (light, outlined). Dark against light, solid against outlined, survives colour blindness and
 * greyscale print; every number is also in the table beside it. A hidden group has no bar, only "[c] hidden".
 */
import { formatPercent } from '$lib/analytics/format';
import type { DimensionView } from './view';

export const REPRESENTATION_COLOURS = {
	respondents: '#0b3c5d',
	population: '#d9d9d9',
	outline: '#595959',
	text: '#1a1a1a',
	under: '#8a1c1c'
} as const;

function escape(text: string): string {
	return text.replace(
		/[&<>"']/g,
		(c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!
	);
}

const r2 = (v: number) => Math.round(v * 100) / 100;

/** The chart of one dimension; `id` makes its title's id unique on the page. */
export function representationChartSvg(
	view: DimensionView,
	id: string,
	populationName = 'Population'
): string {
	const width = 360;
	const left = 8;
	const right = 112;
	const plot = width - left - right;
	const rowHeight = 58;
	const top = 30;
	const height = top + view.rows.length * rowHeight + 8;
	const max = Math.max(
		0.1,
		...view.rows.flatMap((r) => [r.interval?.upper ?? 0, r.share ?? 0, r.populationShare ?? 0])
	);
	const scale = (v: number) => left + (Math.min(v, max) / max) * plot;
	const parts: string[] = [];
	parts.push(
		`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${id}-title" class="representation-chart" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif">`,
		`<title id="${id}-title">${escape(view.summary)}</title>`,
		// legend
		`<rect x="${left}" y="6" width="14" height="10" fill="${REPRESENTATION_COLOURS.respondents}"/>`,
		`<text x="${left + 18}" y="15" font-size="11" fill="${REPRESENTATION_COLOURS.text}">Respondents</text>`,
		`<rect x="${left + 110}" y="6" width="14" height="10" fill="${REPRESENTATION_COLOURS.population}" stroke="${REPRESENTATION_COLOURS.outline}"/>`,
		`<text x="${left + 128}" y="15" font-size="11" fill="${REPRESENTATION_COLOURS.text}">${escape(populationName)}</text>`
	);
	view.rows.forEach((row, i) => {
		const y = top + i * rowHeight;
		const mark =
			row.verdict === 'under' ? ' (under-represented)' : row.verdict === 'over' ? ' (over-represented)' : '';
		parts.push(
			`<text x="${left}" y="${y + 12}" font-size="12" font-weight="${mark ? 'bold' : 'normal'}" fill="${row.verdict === 'under' ? REPRESENTATION_COLOURS.under : REPRESENTATION_COLOURS.text}">${escape(row.label + mark)}</text>`
		);
		const by = y + 18;
		if (row.hidden) {
			parts.push(
				`<text x="${left}" y="${by + 11}" font-size="11" fill="${REPRESENTATION_COLOURS.text}">[c] hidden</text>`
			);
		} else if (row.share !== null && row.respondents !== null) {
			parts.push(
				`<rect x="${left}" y="${by}" width="${r2(scale(row.share) - left)}" height="12" fill="${REPRESENTATION_COLOURS.respondents}"/>`
			);
			if (row.interval) {
				const l = scale(row.interval.lower);
				const u = scale(row.interval.upper);
				// a light halo under the whisker, so that it shows over the dark bar as well as beside it
				parts.push(
					`<line x1="${r2(l)}" x2="${r2(u)}" y1="${by + 6}" y2="${by + 6}" stroke="#ffffff" stroke-width="4"/>`,
					`<line x1="${r2(l)}" x2="${r2(u)}" y1="${by + 6}" y2="${by + 6}" stroke="${REPRESENTATION_COLOURS.text}" stroke-width="1.5"/>`,
					`<line x1="${r2(l)}" x2="${r2(l)}" y1="${by + 2}" y2="${by + 10}" stroke="${REPRESENTATION_COLOURS.text}" stroke-width="1.5"/>`,
					`<line x1="${r2(u)}" x2="${r2(u)}" y1="${by + 2}" y2="${by + 10}" stroke="${REPRESENTATION_COLOURS.text}" stroke-width="1.5"/>`
				);
			}
			parts.push(
				`<text x="${r2(Math.max(scale(row.interval?.upper ?? row.share), scale(row.share)) + 4)}" y="${by + 10}" font-size="11" fill="${REPRESENTATION_COLOURS.text}">${formatPercent(row.share)} (${row.respondents} of ${view.compared})</text>`
			);
		} else {
			parts.push(
				`<text x="${left}" y="${by + 10}" font-size="11" fill="${REPRESENTATION_COLOURS.text}">no respondents to compare</text>`
			);
		}
		const py = by + 16;
		if (row.populationShare !== null && row.population !== null) {
			parts.push(
				`<rect x="${left}" y="${py}" width="${r2(Math.max(0.5, scale(row.populationShare) - left))}" height="12" fill="${REPRESENTATION_COLOURS.population}" stroke="${REPRESENTATION_COLOURS.outline}" stroke-width="1"/>`,
				`<text x="${r2(scale(row.populationShare) + 4)}" y="${py + 10}" font-size="11" fill="${REPRESENTATION_COLOURS.text}">${formatPercent(row.populationShare)} (${row.population} of ${view.populationCompared})</text>`
			);
		} else {
			parts.push(
				`<text x="${left}" y="${py + 10}" font-size="11" fill="${REPRESENTATION_COLOURS.text}">no population figure</text>`
			);
		}
	});
	parts.push('</svg>');
	return parts.join('');
}
