import { describe, expect, it } from 'vitest';
import { flowChartSvg, flowRows, flowSummary } from '$lib/decisions/flow';
import type { ImpactFlow } from '$lib/decisions/types';

const rule = {
	id: 'r',
	kind: 'under_10' as const,
	threshold: 10,
	rounding_base: 1,
	label: 'Under 10 hidden',
	chosen_at: '2026-01-01T00:00:00Z'
};

const link = (source: string, target: string, value: number | null, small = false) => ({
	source,
	target,
	value,
	symbol: value === null ? ('[c]' as const) : null,
	small
});
const decision = (id: string, status: 'done' | 'agreed' | 'proposed', label: string) => ({
	key: `d:${id}`,
	kind: 'decision' as const,
	label,
	we_did: 'We did it',
	status,
	decided_on: '2026-11-01',
	published: true
});

const empty: ImpactFlow = { exact: false, rule, nodes: [], links: [] };

/** One priority, 15 comments: 3 behind a done decision (hidden for the forum), 12 behind none. */
const small: ImpactFlow = {
	exact: false,
	rule,
	nodes: [
		{ key: 'feedback', kind: 'feedback', label: 'Feedback' },
		{ key: 'p:a', kind: 'priority', label: 'P1 Getting to school' },
		decision('d1', 'done', 'The buses to school are late.'),
		{ key: 'none', kind: 'none', label: 'No published decision yet' },
		{ key: 's:done', kind: 'status', status: 'done' }
	],
	links: [
		link('feedback', 'p:a', 15),
		link('p:a', 'd:d1', null),
		link('d:d1', 's:done', null),
		link('p:a', 'none', null)
	]
};

/** Three priorities, three decisions, staff's exact view. */
const normal: ImpactFlow = {
	exact: true,
	rule,
	nodes: [
		{ key: 'feedback', kind: 'feedback', label: 'Feedback' },
		{ key: 'p:a', kind: 'priority', label: 'P1 Getting to school' },
		{ key: 'p:b', kind: 'priority', label: 'P2 Being heard' },
		{ key: 'p:c', kind: 'priority', label: 'P3 <Health> & care' },
		decision('d1', 'done', 'The buses to school are late.'),
		decision('d2', 'done', 'Letters are too long.'),
		decision('d3', 'agreed', 'More clubs after school.'),
		{ key: 'none', kind: 'none', label: 'No decision yet' },
		{ key: 's:done', kind: 'status', status: 'done' },
		{ key: 's:agreed', kind: 'status', status: 'agreed' }
	],
	links: [
		link('feedback', 'p:a', 40),
		link('feedback', 'p:b', 25),
		link('feedback', 'p:c', 12),
		link('p:a', 'd:d1', 30),
		link('p:a', 'none', 10),
		link('p:b', 'd:d2', 4, true),
		link('p:b', 'd:d3', 21),
		link('p:c', 'none', 12),
		link('d:d1', 's:done', 30),
		link('d:d2', 's:done', 4, true),
		link('d:d3', 's:agreed', 21)
	]
};

describe('flowSummary', () => {
	it('says honestly that there is nothing to follow yet', () => {
		expect(flowSummary(empty)).toBe(
			'No feedback has been tagged with a strategy priority yet, so there is nothing to follow to a decision.'
		);
	});

	it('says when tagged feedback has no published decision yet', () => {
		const none: ImpactFlow = {
			...empty,
			nodes: [small.nodes[0]!, small.nodes[1]!, small.nodes[3]!],
			links: [link('feedback', 'p:a', 15), link('p:a', 'none', 15)]
		};
		expect(flowSummary(none)).toBe(
			'Feedback has been tagged under 1 strategy priority, but none of it is linked to a published decision yet.'
		);
		expect(flowSummary({ ...none, exact: true })).toBe(
			'Feedback has been tagged under 1 strategy priority, but none of it is linked to a decision yet.'
		);
	});

	it('counts priorities and decisions, never a hidden number of comments', () => {
		const sentence = flowSummary(small);
		expect(sentence).toBe(
			'Feedback tagged under 1 strategy priority is linked to 1 published decision (1 done); under it some feedback has no published decision yet.'
		);
		expect(sentence).not.toMatch(/\b(3|12)\b/);
	});

	it('gives the decisions by status, and the priorities with feedback still waiting', () => {
		expect(flowSummary(normal)).toBe(
			'Feedback tagged under 3 strategy priorities is linked to 3 decisions (1 agreed and 2 done); under 2 priorities some feedback has no decision yet.'
		);
	});
});

describe('flowRows', () => {
	it('lists every flow column by column, with [c] for a hidden one', () => {
		expect(flowRows(small)).toEqual([
			{ from: 'Feedback', to: 'P1 Getting to school', items: '15', hidden: false, small: false },
			{
				from: 'P1 Getting to school',
				to: 'Decision: The buses to school are late.',
				items: '[c]',
				hidden: true,
				small: false
			},
			{
				from: 'P1 Getting to school',
				to: 'No published decision yet',
				items: '[c]',
				hidden: true,
				small: false
			},
			{
				from: 'Decision: The buses to school are late.',
				to: 'Done',
				items: '[c]',
				hidden: true,
				small: false
			}
		]);
		expect(flowRows(normal).filter((r) => r.small)).toHaveLength(2);
	});
});

describe('flowChartSvg', () => {
	it('draws a hidden flow as a dashed band labelled [c], never its number', () => {
		const svg = flowChartSvg(small);
		expect(svg).toMatch(/^<svg [^>]*role="img"/);
		expect(svg).toContain(`aria-label="${flowSummary(small)}"`);
		expect(svg.match(/class="flow-link hidden"/g)).toHaveLength(3);
		expect(svg.match(/class="flow-value"[^>]*>\[c\]</g)).toHaveLength(3);
		expect(svg).toContain('>15<');
		// the hidden bands are all the same width, whatever their real number
		const widths = [...svg.matchAll(/class="flow-link hidden"[^>]*stroke-width="([\d.]+)"/g)].map(
			(m) => m[1]
		);
		expect(new Set(widths).size).toBe(1);
		expect(svg).not.toMatch(/>(3|12)</);
	});

	it('draws bands as wide as their numbers, and escapes labels', () => {
		const svg = flowChartSvg(normal);
		const width = (n: number) => {
			const m = svg.match(
				new RegExp(`<path class="flow-link"[^>]*stroke-width="([\\d.]+)"><title>[^<]*: ${n} comments<`)
			);
			return Number(m?.[1]);
		};
		expect(width(30)).toBeCloseTo(width(10) * 3, 1);
		expect(svg).toContain('P3 &lt;Health&gt; &amp; care');
		expect(svg).not.toContain('<Health>');
		for (const heading of ['Feedback', 'Strategy priority', 'Decision', 'Status'])
			expect(svg).toContain(`>${heading}</text>`);
	});

	it('says there is no tagged feedback yet when there is none', () => {
		expect(flowChartSvg(empty)).toContain('No tagged feedback yet');
	});
});
