/**
 * The flow from feedback to decisions (api.impact_flow): feedback items from their strategy priority tag,
 * to the decision they support under it (or none yet), to that decision's status. A pure builder (flow in,
 * SVG text out) laid out with d3-sankey, so it renders on the server and works without JavaScript; plus the
 * one-sentence summary and the rows of the table behind it.
 *
 * Figures come from the database already through disclosure control: a hidden flow has value null and the
 * symbol '[c]'. It is drawn at a fixed thin width with a dashed edge and labelled "[c]", never with a
 * number, and its width tells nothing (the same for every hidden flow).
 */
import { sankey, sankeyLeft, sankeyLinkHorizontal, type SankeyLink, type SankeyNode } from 'd3-sankey';
import { DECISION_STATUSES, labelOf } from '$lib/domain';
import { formatCount } from '$lib/analytics/format';
import { HIDDEN_SYMBOL } from '$lib/disclosure/schema';
import type { FlowLink, FlowNode, ImpactFlow } from './types';
import { CHART_CLASS } from '$lib/charts/chart-class';

/** Colours with their contrast against white: text 17.4:1; node bars 8.4:1 (WCAG 2.2 needs 3:1). */
export const FLOW_COLOURS = {
	text: '#1a1a1a',
	node: '#1d4e89',
	link: '#1d4e89',
	hidden: '#595959'
} as const;

/** What a node is called in the chart and the table. */
export function nodeLabel(node: FlowNode): string {
	if (node.kind === 'status') return labelOf(DECISION_STATUSES, node.status);
	if (node.kind === 'decision') return `Decision: ${node.label}`;
	return node.label;
}

function shorten(text: string, max: number): string {
	const flat = text.replace(/\s+/g, ' ').trim();
	return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}

/** A flow's figure in words: the number, or '[c]' when hidden. */
export function flowValue(link: FlowLink): string {
	return link.value === null ? HIDDEN_SYMBOL : formatCount(link.value);
}

export interface FlowRow {
	from: string;
	to: string;
	items: string;
	hidden: boolean;
	small: boolean;
}

/** The table behind the chart: one row per flow, in the order of the columns. */
export function flowRows(flow: ImpactFlow): FlowRow[] {
	const byKey = new Map(flow.nodes.map((n) => [n.key, n]));
	const layer = (key: string) =>
		key === 'feedback' ? 0 : key.startsWith('p:') ? 1 : key.startsWith('s:') ? 3 : 2;
	const order = new Map(flow.nodes.map((n, i) => [n.key, i]));
	return [...flow.links]
		.sort(
			(a, b) =>
				layer(a.source) - layer(b.source) ||
				(order.get(a.source) ?? 0) - (order.get(b.source) ?? 0) ||
				(order.get(a.target) ?? 0) - (order.get(b.target) ?? 0)
		)
		.map((link) => ({
			from: byKey.get(link.source) ? nodeLabel(byKey.get(link.source)!) : link.source,
			to: byKey.get(link.target) ? nodeLabel(byKey.get(link.target)!) : link.target,
			items: flowValue(link),
			hidden: link.value === null,
			small: link.small
		}));
}

function plural(n: number, one: string, many: string): string {
	return `${formatCount(n)} ${n === 1 ? one : many}`;
}

function list(parts: string[]): string {
	return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

/**
 * One plain sentence, true for the data shown: how many priorities have tagged feedback, how many decisions
 * it supports and their status, and under how many priorities some feedback has no decision yet. It counts
 * priorities and decisions, never comments, so it says nothing that a hidden figure would not allow.
 */
export function flowSummary(flow: ImpactFlow): string {
	const priorities = flow.nodes.filter((n) => n.kind === 'priority').length;
	const decisions = flow.nodes.filter((n) => n.kind === 'decision');
	const published = flow.exact ? '' : 'published ';
	if (priorities === 0)
		return 'No feedback has been tagged with a strategy priority yet, so there is nothing to follow to a decision.';
	const withoutDecision = new Set(flow.links.filter((l) => l.target === 'none').map((l) => l.source)).size;
	const under = plural(priorities, 'strategy priority', 'strategy priorities');
	if (decisions.length === 0)
		return `Feedback has been tagged under ${under}, but none of it is linked to a ${published}decision yet.`;
	const byStatus = DECISION_STATUSES.map((s) => ({
		label: s.label.toLowerCase(),
		n: decisions.filter((d) => d.kind === 'decision' && d.status === s.value).length
	}))
		.filter((s) => s.n > 0)
		.map((s) => `${formatCount(s.n)} ${s.label}`);
	const rest =
		withoutDecision === 0
			? ''
			: withoutDecision === priorities
				? `; under ${priorities === 1 ? 'it' : 'each of them'} some feedback has no ${published}decision yet`
				: `; under ${plural(withoutDecision, 'priority', 'priorities')} some feedback has no ${published}decision yet`;
	return (
		`Feedback tagged under ${under} is linked to ${plural(decisions.length, `${published}decision`, `${published}decisions`)}` +
		` (${list(byStatus)})${rest}.`
	);
}

export interface FlowChartOptions {
	/** Width of the SVG's coordinate system (it scales with CSS). Default 760. */
	width?: number;
	/** Height; default grows with the number of nodes. */
	height?: number;
}

type Node = SankeyNode<FlowNode, FlowLink>;
type Link = SankeyLink<FlowNode, FlowLink> & { hidden: boolean };

function escapeText(text: string): string {
	return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttribute(text: string): string {
	return escapeText(text).replace(/"/g, '&quot;');
}

const round = (n: number) => Math.round(n * 100) / 100;

/**
 * The flow as SVG: four columns (feedback, priorities, decisions or "no decision yet", status), a bar per
 * node labelled with its name, and a band per flow as wide as its number of comments, labelled with the
 * number; a hidden flow is a thin dashed band labelled "[c]". The root is `<svg role="img">` named by the
 * summary sentence. Deterministic output (no random ids), so it hydrates and snapshots the same.
 */
export function flowChartSvg(flow: ImpactFlow, options: FlowChartOptions = {}): string {
	const summary = flowSummary(flow);
	const width = options.width ?? 760;
	const nodesPerColumn = Math.max(
		1,
		...[0, 1, 2, 3].map(
			(layer) =>
				flow.nodes.filter(
					(n) =>
						(layer === 0 && n.kind === 'feedback') ||
						(layer === 1 && n.kind === 'priority') ||
						(layer === 2 && (n.kind === 'decision' || n.kind === 'none')) ||
						(layer === 3 && n.kind === 'status')
				).length
		)
	);
	const height = options.height ?? Math.max(220, 70 * nodesPerColumn + 60);
	const head =
		`<svg xmlns="http://www.w3.org/2000/svg" class="flow-chart ${CHART_CLASS}" role="img" aria-label="${escapeAttribute(summary)}"` +
		` viewBox="0 0 ${width} ${height}" width="${width}" height="${height}"` +
		` color="${FLOW_COLOURS.text}" font-size="12" font-family="system-ui, sans-serif">` +
		`<title>${escapeText(summary)}</title>` +
		'<desc>Each band is a number of comments flowing from a strategy priority to the decision they support ' +
		'and on to its status. A dashed band labelled [c] is hidden under the disclosure rule.</desc>';
	if (flow.links.length === 0) {
		return (
			head +
			`<text x="${width / 2}" y="${height / 2}" text-anchor="middle" font-style="italic" fill="${FLOW_COLOURS.hidden}">` +
			'No tagged feedback yet</text></svg>'
		);
	}

	// A hidden flow is drawn at the same nominal width, whatever its real number.
	const shown = flow.links.map((l) => l.value ?? 0).filter((v) => v > 0);
	const nominal = Math.max(1, Math.min(...(shown.length ? shown : [1])) / 4);
	const layout = sankey<FlowNode, FlowLink>()
		.nodeId((n) => n.key)
		.nodeAlign(sankeyLeft)
		.nodeSort(null)
		.nodeWidth(12)
		.nodePadding(22)
		.extent([
			[8, 48],
			[width - 8, height - 8]
		]);
	const graph = layout({
		nodes: flow.nodes.map((n) => ({ ...n })),
		links: flow.links.map((l) => ({ ...l, value: l.value ?? nominal, hidden: l.value === null }))
	});
	const path = sankeyLinkHorizontal();
	const nodes = graph.nodes as Node[];
	const links = graph.links as Link[];

	const parts: string[] = [head];
	// column headings
	const columns = ['Feedback', 'Strategy priority', 'Decision', 'Status'];
	const columnX = new Map<number, number>();
	for (const n of nodes) columnX.set(n.depth ?? 0, n.x0 ?? 0);
	for (const [depth, x] of [...columnX.entries()].sort((a, b) => a[0] - b[0])) {
		const anchor = depth === 3 ? 'end' : 'start';
		const tx = depth === 3 ? width - 8 : x;
		parts.push(
			`<text x="${round(tx)}" y="16" font-weight="600" text-anchor="${anchor}">${columns[depth] ?? ''}</text>`
		);
	}
	parts.push('<g fill="none">');
	for (const link of links) {
		const d = path(link) ?? '';
		const label = `${nodeLabel(link.source as Node)} to ${nodeLabel(link.target as Node)}: ${
			link.hidden ? `${HIDDEN_SYMBOL} (hidden)` : plural(link.value, 'comment', 'comments')
		}`;
		if (link.hidden) {
			parts.push(
				`<path class="flow-link hidden" d="${d}" stroke="${FLOW_COLOURS.hidden}" stroke-opacity="0.5"` +
					` stroke-width="${round(Math.max(2, link.width ?? 2))}" stroke-dasharray="4,3"><title>${escapeText(label)}</title></path>`
			);
		} else {
			parts.push(
				`<path class="flow-link" d="${d}" stroke="${FLOW_COLOURS.link}" stroke-opacity="0.3"` +
					` stroke-width="${round(Math.max(1, link.width ?? 1))}"><title>${escapeText(label)}</title></path>`
			);
		}
	}
	parts.push('</g>');
	// each flow's number, where it enters its target
	for (const link of links) {
		const target = link.target as Node;
		parts.push(
			`<text class="flow-value" x="${round((target.x0 ?? 0) - 4)}" y="${round(link.y1 ?? 0)}" dy="0.35em"` +
				` text-anchor="end" fill="${link.hidden ? FLOW_COLOURS.hidden : FLOW_COLOURS.text}"` +
				` stroke="white" stroke-width="3" paint-order="stroke">${escapeText(
					link.hidden ? HIDDEN_SYMBOL : formatCount(link.value)
				)}</text>`
		);
	}
	for (const node of nodes) {
		const x0 = node.x0 ?? 0;
		const x1 = node.x1 ?? 0;
		const y0 = node.y0 ?? 0;
		const y1 = node.y1 ?? 0;
		const depth = node.depth ?? 0;
		parts.push(
			`<rect class="flow-node" x="${round(x0)}" y="${round(y0)}" width="${round(x1 - x0)}"` +
				` height="${round(Math.max(1, y1 - y0))}" fill="${FLOW_COLOURS.node}"></rect>`
		);
		// the column's heading names the one feedback node; a status is labelled flush with its bar's right
		// edge, a decision shortened, so that neither runs into the next column
		if (node.kind === 'feedback') continue;
		const label =
			node.kind === 'decision' ? shorten(node.label, 26) : shorten(nodeLabel(node), depth === 3 ? 20 : 34);
		parts.push(
			`<text class="flow-label" x="${round(depth === 3 ? x1 : x0)}" y="${round(y0)}" dy="-0.4em"` +
				` text-anchor="${depth === 3 ? 'end' : 'start'}" stroke="white" stroke-width="3" paint-order="stroke">${escapeText(
					label
				)}</text>`
		);
	}
	parts.push('</svg>');
	return parts.join('');
}
