/**
 * The overview as one picture for a board paper: every indicator's small multiple, grouped under its strategy
 * priority as on the page, each with its label, its direction of travel and where it stands against its
 * target, under a title, the "as at" time and the page's summary sentence. One picture rather than one per
 * indicator, because a paper sets the whole set on a page and reads across it.
 *
 * Self-contained SVG: each small multiple is the trend chart the page draws (`trendChartSvg`), placed as a
 * nested <svg>; the text is in the sans-serif family, which resvg draws with the machine's fonts for the PNG.
 * Pure: the overview in, SVG text out.
 */
import { formatDate } from '$lib/analytics/format';
import type { Overview, OverviewCard } from './overview';
import { trendChartSvg, TREND_COLOURS } from './trend';

const WIDTH = 640;
const MARGIN = 16;
const GAP = 16;
const COLUMN = (WIDTH - 2 * MARGIN - GAP) / 2;
/** The small multiple's own coordinates, as the page draws it (readable when shrunk to a phone's width). */
const CHART = { width: 280, height: 220 };
const CHART_HEIGHT = Math.round((CHART.height * COLUMN) / CHART.width);

function escapeXml(text: string): string {
	return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Words broken into lines of at most `width` characters (a longer word has a line of its own). */
export function wrapWords(text: string, width: number): string[] {
	const lines: string[] = [];
	let line = '';
	for (const word of text.split(/\s+/).filter(Boolean)) {
		if (line !== '' && line.length + 1 + word.length > width) {
			lines.push(line);
			line = word;
		} else line = line === '' ? word : `${line} ${word}`;
	}
	if (line !== '') lines.push(line);
	return lines;
}

/** Lines of text from `y` (the first baseline), `leading` apart. */
function textLines(
	lines: readonly string[],
	x: number,
	y: number,
	options: { size: number; leading: number; weight?: number; fill?: string }
): string {
	return lines
		.map(
			(line, i) =>
				`<text x="${x}" y="${y + i * options.leading}" font-size="${options.size}"${options.weight ? ` font-weight="${options.weight}"` : ''} fill="${options.fill ?? TREND_COLOURS.text}">${escapeXml(line)}</text>`
		)
		.join('');
}

/** The small multiple of a card, as the overview page draws it. */
export function cardChartSvg(card: OverviewCard): string {
	return trendChartSvg(card.rows, {
		title: card.definition.label,
		indicatorLabel: `answered “${card.definition.positive.join('” or “')}”`,
		width: CHART.width,
		height: CHART.height,
		verdict: { higherIsBetter: card.definition.higher_is_better }
	});
}

/** A chart's SVG placed at (x, y) inside another, at `width` × `height`. */
function placed(svg: string, x: number, y: number, width: number, height: number): string {
	return svg.replace(/^<svg([^>]*)>/, (_, attributes: string) => {
		const rest = attributes.replace(/\s(?:width|height|x|y)="[^"]*"/g, '');
		return `<svg${rest} x="${x}" y="${y}" width="${width}" height="${height}">`;
	});
}

interface Block {
	height: number;
	draw: (x: number, y: number) => string;
}

function cardBlock(card: OverviewCard): Block {
	const label = wrapWords(card.definition.label, 36);
	const survey = wrapWords(`From “${card.definition.survey_title}”`, 42);
	const direction = wrapWords(`Direction of travel: ${card.directionText}`, 38);
	const target = wrapWords(card.targetText, 42);
	const top = label.length * 18 + survey.length * 15 + 6;
	const bottom = 6 + (direction.length + target.length) * 15;
	return {
		height: top + CHART_HEIGHT + bottom,
		draw: (x, y) =>
			textLines(label, x, y + 14, { size: 14, leading: 18, weight: 600 }) +
			textLines(survey, x, y + label.length * 18 + 12, {
				size: 12,
				leading: 15,
				fill: TREND_COLOURS.muted
			}) +
			placed(cardChartSvg(card), x, y + top, COLUMN, CHART_HEIGHT) +
			textLines(direction, x, y + top + CHART_HEIGHT + 16, { size: 12, leading: 15, weight: 600 }) +
			textLines(target, x, y + top + CHART_HEIGHT + 16 + direction.length * 15, { size: 12, leading: 15 })
	};
}

/**
 * The overview as one SVG: title, organisation, "as at", the summary sentence, then each priority's heading
 * and its indicators two to a row.
 */
export function overviewPictureSvg(
	overview: Overview,
	options: { organisation: string; asOf: string; survey?: string | null }
): string {
	const parts: string[] = [];
	let y = MARGIN;
	const title = wrapWords(
		`Overview of indicators: ${options.organisation}${options.survey ? `, “${options.survey}”` : ''}`,
		56
	);
	parts.push(textLines(title, MARGIN, y + 18, { size: 20, leading: 24, weight: 700 }));
	y += title.length * 24 + 4;
	const asOf = new Date(options.asOf);
	const when = Number.isNaN(asOf.getTime())
		? ''
		: `As at ${formatDate(asOf)}, ${asOf.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/London' })}. Each indicator is compared with its own baseline wave.`;
	const summary = wrapWords(overview.summary, 84);
	const note = wrapWords(overview.holmNote, 90);
	parts.push(textLines([when], MARGIN, y + 14, { size: 12, leading: 15, fill: TREND_COLOURS.muted }));
	y += 20;
	parts.push(textLines(summary, MARGIN, y + 14, { size: 13, leading: 17, weight: 600 }));
	y += summary.length * 17 + 2;
	parts.push(textLines(note, MARGIN, y + 13, { size: 11, leading: 14, fill: TREND_COLOURS.muted }));
	y += note.length * 14 + 12;

	for (const group of overview.groups) {
		const heading = wrapWords(group.title, 52);
		y += 8;
		parts.push(
			`<line x1="${MARGIN}" x2="${WIDTH - MARGIN}" y1="${y}" y2="${y}" stroke="${TREND_COLOURS.muted}" stroke-width="1"/>`
		);
		parts.push(textLines(heading, MARGIN, y + 24, { size: 17, leading: 21, weight: 700 }));
		y += heading.length * 21 + 16;
		const blocks = group.cards.map(cardBlock);
		for (let i = 0; i < blocks.length; i += 2) {
			const row = blocks.slice(i, i + 2);
			row.forEach((block, j) => parts.push(block.draw(MARGIN + j * (COLUMN + GAP), y)));
			y += Math.max(...row.map((b) => b.height)) + GAP;
		}
	}
	if (overview.groups.length === 0)
		parts.push(
			textLines(['There are no current indicators to show.'], MARGIN, y + 16, {
				size: 14,
				leading: 18,
				fill: TREND_COLOURS.muted
			})
		);
	const height = Math.ceil(y + MARGIN);
	const name = `Overview of indicators: ${options.organisation}`;
	return (
		`<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" ` +
		`role="img" aria-label="${escapeXml(overview.summary)}" font-family="system-ui, sans-serif" ` +
		`style="background:white;color:${TREND_COLOURS.text}">` +
		`<title>${escapeXml(overview.summary)}</title>` +
		`<desc>${escapeXml(`${name}: each indicator's share positive per wave with its 95% interval, grouped by strategy priority.`)}</desc>` +
		`<rect width="${WIDTH}" height="${height}" fill="white"/>` +
		parts.join('') +
		'</svg>'
	);
}
