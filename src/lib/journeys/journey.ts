/**
 * Journeys: how the same people (linked by a panel code) moved from each answer at one wave to each answer
 * at another (api.panel_journey, which applies the disclosure rule: a hidden count is null with '[c]').
 * Pure functions: the paired counts McNemar's test and the paired interval read, the one-sentence
 * summary, the transition table, the flow chart as SVG (drawn on the server with d3-sankey, so it works
 * without JavaScript) and the CSV rows.
 */
import { sankey, sankeyJustify, sankeyLinkHorizontal, type SankeyLink, type SankeyNode } from 'd3-sankey';
import { formatCount } from '$lib/analytics/format';
import type { PairedCounts } from '$lib/analytics/proportion';
import { comparePaired, type PairedVerdict } from '$lib/analytics/paired';
import { HIDDEN_SYMBOL } from '$lib/disclosure/schema';
import type { PanelJourney } from '$lib/indicators/types';
import { CHART_CLASS } from '$lib/charts/chart-class';

/** Dark blue for people who stayed, orange for those who moved (Okabe–Ito; both ≥ 3:1 on white). */
export const JOURNEY_COLOURS = {
	text: '#1a1a1a',
	node: '#1d4e89',
	stayed: '#1d4e89',
	moved: '#b35900',
	hidden: '#595959'
} as const;

/**
 * Whether an answer counts as positive: restricted readers' categories are 'positive' and 'not_positive';
 * staff's are the question's answers, matched by label against the indicator's positive answers (as
 * api.list_surveys gives them).
 */
function isPositive(
	journey: PanelJourney,
	value: string,
	label: string,
	positive: readonly string[]
): boolean {
	return journey.grouped ? value === 'positive' : positive.includes(label);
}

/**
 * The 2×2 table a paired test reads: positive both times, only at the first wave, only at the second,
 * neither. Null when a cell it needs is hidden (the test is then not run, and the page says why), or when
 * no answer counts as positive.
 */
export function pairedCounts(journey: PanelJourney, positive: readonly string[]): PairedCounts | null {
	if (!journey.grouped && positive.length === 0) return null;
	const counts: PairedCounts = { both: 0, baselineOnly: 0, repeatOnly: 0, neither: 0 };
	for (const cell of journey.cells) {
		if (cell.n === null) return null;
		const before = isPositive(journey, cell.from_value, cell.from_label, positive);
		const after = isPositive(journey, cell.to_value, cell.to_label, positive);
		const key = before && after ? 'both' : before ? 'baselineOnly' : after ? 'repeatOnly' : 'neither';
		counts[key] += cell.n;
	}
	return counts;
}

export type JourneyAnalysis =
	| { kind: 'hidden'; words: string }
	| { kind: 'no positive'; words: string }
	| { kind: 'verdict'; counts: PairedCounts; verdict: PairedVerdict; words: string };

/**
 * The paired analysis of a journey, or the true reason there is none. Rounded figures (forum and
 * scrutiny) are still whole numbers of people; the methods note says they are rounded.
 */
export function analyseJourney(
	journey: PanelJourney,
	positive: readonly string[],
	options: { open?: boolean; higherIsBetter?: boolean } = {}
): JourneyAnalysis {
	if (!journey.grouped && positive.length === 0)
		return {
			kind: 'no positive',
			words: 'No answer to this question counts as positive, so there is no change in a share to test.'
		};
	const counts = pairedCounts(journey, positive);
	if (counts === null)
		return {
			kind: 'hidden',
			words:
				'Some of these figures are hidden under the disclosure rule, so the change for the same people is not tested here.'
		};
	const verdict = comparePaired(counts, options);
	return { kind: 'verdict', counts, verdict, words: verdict.words };
}

function plural(n: number, one: string, many: string): string {
	return `${formatCount(n)} ${n === 1 ? one : many}`;
}

/** A count in the table: the number, or '[c]' when hidden. */
export function countText(n: number | null): string {
	return n === null ? HIDDEN_SYMBOL : formatCount(n);
}

/**
 * One plain sentence, true for what is shown: how many people answered both times and how many of them
 * gave the same answer; never a figure that is hidden.
 */
export function journeySummary(journey: PanelJourney): string {
	const between = `between ${journey.from_wave.label} and ${journey.to_wave.label}`;
	if (journey.linked === null)
		return `The number of people who answered both ${between} is hidden under the disclosure rule, because it is small.`;
	if (journey.linked === 0)
		return `No one answered this question both ${between} with the same panel code, so there is no journey to show.`;
	const same = journey.cells.filter((c) => c.from_value === c.to_value);
	const people = plural(journey.linked, 'person', 'people');
	if (same.some((c) => c.n === null))
		return `${people} answered both ${between}; some of the figures are hidden under the disclosure rule.`;
	const stayed = same.reduce((sum, c) => sum + (c.n ?? 0), 0);
	return `${people} answered both ${between}: ${formatCount(stayed)} gave the same answer both times and ${formatCount(
		Math.max(0, journey.linked - stayed)
	)} changed their answer.`;
}

export interface TransitionRow {
	label: string;
	cells: { to: string; text: string; hidden: boolean; small: boolean }[];
	total: { text: string; hidden: boolean; small: boolean };
}

/** The transition table: a row per answer at the first wave, a column per answer at the second. */
export function transitionRows(journey: PanelJourney): TransitionRow[] {
	return journey.from_totals.map((from) => ({
		label: from.label,
		cells: journey.to_totals.map((to) => {
			const cell = journey.cells.find((c) => c.from_value === from.value && c.to_value === to.value);
			return {
				to: to.label,
				text: countText(cell?.n ?? null),
				hidden: cell?.n === null || cell === undefined,
				small: cell?.small ?? false
			};
		}),
		total: { text: countText(from.n), hidden: from.n === null, small: from.small }
	}));
}

/** The CSV of the journey: a row per pair of answers, hidden counts as '[c]'. */
export function journeyCsvRows(journey: PanelJourney, question: string): string[][] {
	const safe = (s: string) => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);
	return [
		[
			'question',
			'from_wave',
			'to_wave',
			'answer_at_from_wave',
			'answer_at_to_wave',
			'people',
			'as_at',
			'rounded_to'
		],
		...journey.cells.map((c) => [
			safe(question),
			safe(journey.from_wave.label),
			safe(journey.to_wave.label),
			safe(c.from_label),
			safe(c.to_label),
			countText(c.n),
			journey.as_of,
			String(journey.rounded_to)
		])
	];
}

function escapeText(text: string): string {
	return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function shorten(text: string, max: number): string {
	const flat = text.replace(/\s+/g, ' ').trim();
	return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}

const round = (n: number) => Math.round(n * 100) / 100;

interface JNode {
	key: string;
	label: string;
	side: 'from' | 'to';
}
interface JLink {
	source: string;
	target: string;
	value: number;
	hidden: boolean;
	moved: boolean;
	people: number | null;
}

/**
 * The journey as a flow chart (SVG text): the answers at the first wave on the left, at the second on the
 * right, a band per pair of answers as wide as its number of people; a band of people who changed their
 * answer is orange, one who stayed blue; a hidden band is thin, grey and dashed, labelled
 * '[c]', its width meaning nothing. Bands of nobody are left out. Deterministic (no random ids).
 */
export function journeyChartSvg(journey: PanelJourney, width = 400): string {
	const summary = journeySummary(journey);
	const rows = Math.max(journey.from_totals.length, journey.to_totals.length, 1);
	const height = Math.max(220, 56 * rows + 60);
	const head =
		`<svg xmlns="http://www.w3.org/2000/svg" class="journey-chart ${CHART_CLASS}" role="img" aria-label="${escapeText(summary).replace(/"/g, '&quot;')}"` +
		` viewBox="0 0 ${width} ${height}" width="${width}" height="${height}"` +
		` color="${JOURNEY_COLOURS.text}" font-size="14" font-family="system-ui, sans-serif">` +
		`<title>${escapeText(summary)}</title>` +
		'<desc>Each band is a number of people moving from their answer at the first wave (left) to their answer ' +
		'at the second (right). Blue bands stayed with the same answer, orange bands changed it. A dashed grey ' +
		'band labelled [c] is hidden under the disclosure rule.</desc>';
	const shown = journey.cells.map((c) => c.n ?? 0).filter((n) => n > 0);
	const links: JLink[] = journey.cells
		.filter((c) => c.n === null || c.n > 0)
		.map((c) => ({
			source: `f:${c.from_value}`,
			target: `t:${c.to_value}`,
			value: c.n ?? Math.max(1, Math.min(...(shown.length ? shown : [1])) / 4),
			hidden: c.n === null,
			moved: c.from_value !== c.to_value,
			people: c.n
		}));
	if (links.length === 0)
		return (
			head +
			`<text x="${width / 2}" y="${height / 2}" text-anchor="middle" font-style="italic" fill="${JOURNEY_COLOURS.hidden}">` +
			'No one answered both times</text></svg>'
		);
	const used = new Set(links.flatMap((l) => [l.source, l.target]));
	const nodes: JNode[] = [
		...journey.from_totals.map((t) => ({ key: `f:${t.value}`, label: t.label, side: 'from' as const })),
		...journey.to_totals.map((t) => ({ key: `t:${t.value}`, label: t.label, side: 'to' as const }))
	].filter((n) => used.has(n.key));
	const graph = sankey<JNode, JLink>()
		.nodeId((n) => n.key)
		.nodeAlign(sankeyJustify)
		.nodeSort(null)
		.nodeWidth(12)
		.nodePadding(18)
		.extent([
			[8, 40],
			[width - 8, height - 8]
		])({ nodes: nodes.map((n) => ({ ...n })), links: links.map((l) => ({ ...l })) });
	const path = sankeyLinkHorizontal();
	const parts = [head];
	parts.push(
		`<text x="8" y="18" font-weight="600">${escapeText(shorten(journey.from_wave.label, 22))}</text>`,
		`<text x="${width - 8}" y="18" font-weight="600" text-anchor="end">${escapeText(shorten(journey.to_wave.label, 22))}</text>`,
		'<g fill="none">'
	);
	for (const link of graph.links as (SankeyLink<JNode, JLink> & JLink)[]) {
		const source = link.source as SankeyNode<JNode, JLink>;
		const target = link.target as SankeyNode<JNode, JLink>;
		const label = `${source.label} to ${target.label}: ${
			link.hidden ? `${HIDDEN_SYMBOL} (hidden)` : plural(link.people ?? 0, 'person', 'people')
		}`;
		const colour = link.hidden
			? JOURNEY_COLOURS.hidden
			: link.moved
				? JOURNEY_COLOURS.moved
				: JOURNEY_COLOURS.stayed;
		parts.push(
			`<path class="journey-link${link.hidden ? ' hidden' : link.moved ? ' moved' : ' stayed'}" d="${path(link) ?? ''}"` +
				` stroke="${colour}" stroke-opacity="${link.hidden ? 0.5 : 0.35}" stroke-width="${round(Math.max(link.hidden ? 2 : 1, link.width ?? 1))}"` +
				`${link.hidden ? ' stroke-dasharray="4,3"' : ''}><title>${escapeText(label)}</title></path>`
		);
	}
	parts.push('</g>');
	for (const node of graph.nodes as SankeyNode<JNode, JLink>[]) {
		const x0 = node.x0 ?? 0;
		const x1 = node.x1 ?? 0;
		const y0 = node.y0 ?? 0;
		const y1 = node.y1 ?? 0;
		parts.push(
			`<rect class="journey-node" x="${round(x0)}" y="${round(y0)}" width="${round(x1 - x0)}" height="${round(Math.max(1, y1 - y0))}" fill="${JOURNEY_COLOURS.node}"></rect>`,
			`<text x="${round(node.side === 'from' ? x1 + 4 : x0 - 4)}" y="${round((y0 + y1) / 2)}" dy="0.35em"` +
				` text-anchor="${node.side === 'from' ? 'start' : 'end'}" stroke="white" stroke-width="3" paint-order="stroke">` +
				`${escapeText(shorten(node.label, 18))}</text>`
		);
	}
	parts.push('</svg>');
	return parts.join('');
}
