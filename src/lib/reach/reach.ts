/**
 * Reach: who a survey reached, wave by wave (api.reach, which applies the disclosure rule: a hidden count is
 * null with '[c]'). Pure functions: group labels, the one-sentence summary, the tables over time, the chart
 * of respondents per wave (SVG text, drawn on the server so it works without JavaScript) and the CSV rows.
 * Counts only, never a percentage.
 */
import { ASSISTANCE, CHANNELS } from '$lib/domain';
import { formatCount, formatDate } from '$lib/analytics/format';
import { HIDDEN_SYMBOL } from '$lib/disclosure/schema';
import type { Reach, ReachGroup, ReachWave } from './types';
import { CHART_CLASS } from '$lib/charts/chart-class';

/** Bars dark blue (8.4:1 on white), hidden ones a grey dashed outline: both survive greyscale. */
export const REACH_COLOURS = {
	text: '#1a1a1a',
	bar: '#1d4e89',
	linked: '#b35900',
	hidden: '#595959'
} as const;

const LANGUAGES = (() => {
	try {
		return new Intl.DisplayNames(['en-GB'], { type: 'language' });
	} catch {
		return null;
	}
})();

/** A group's label in words: channels, how the answers were given and languages named here. */
export function groupLabel(dimension: string, group: Pick<ReachGroup, 'category' | 'label'>): string {
	if (group.category === '_not_stated') return dimension === 'assistance' ? 'Did not say' : group.label;
	if (dimension === 'channel') return CHANNELS.find((c) => c.value === group.category)?.label ?? group.label;
	if (dimension === 'assistance')
		return ASSISTANCE.find((c) => c.value === group.category)?.label ?? group.label;
	if (dimension === 'language') {
		try {
			return LANGUAGES?.of(group.category) ?? group.label;
		} catch {
			return group.label;
		}
	}
	return group.label;
}

/** A count as shown: the number, '[c]' when hidden. */
export function countText(n: number | null): string {
	return n === null ? HIDDEN_SYMBOL : formatCount(n);
}

/** The waves that have opened, oldest first (a wave not yet open has no figures). */
export function openedWaves(reach: Reach): ReachWave[] {
	return reach.waves.filter((w) => w.status !== 'not_yet_open');
}

/** What a wave's total says, in words: a count, hidden, or none yet. */
function totalWords(wave: ReachWave): string {
	if (wave.total === null) return `the number who answered ${wave.label} is hidden because it is small`;
	if (wave.total === 0)
		return `no one has answered ${wave.label} ${wave.status === 'open' ? 'yet' : ''}`.trim();
	const people = `${formatCount(wave.total)} ${wave.total === 1 ? 'person' : 'people'}`;
	return `${people} answered ${wave.label}${wave.status === 'open' ? ' so far' : ''}`;
}

/** One plain sentence, true for what is shown, with no hidden figure. */
export function reachSummary(reach: Reach): string {
	const opened = openedWaves(reach);
	if (opened.length === 0) return 'No wave of this survey has opened yet, so no one has been reached.';
	const first = opened[0]!;
	const latest = opened.at(-1)!;
	const waves = `${formatCount(opened.length)} ${opened.length === 1 ? 'wave has' : 'waves have'} opened`;
	const totals = opened.length === 1 ? totalWords(first) : `${totalWords(first)}, and ${totalWords(latest)}`;
	const panel = reach.panel.at(-1);
	const linked =
		!panel || !reach.baseline
			? ''
			: panel.linked === null
				? `; the number of panel members who answered both ${reach.baseline.label} and ${panel.label} is hidden because it is small`
				: `; ${formatCount(panel.linked)} panel ${panel.linked === 1 ? 'member' : 'members'} answered both ${reach.baseline.label} and ${panel.label}`;
	return `${waves}: ${totals}${linked}.`;
}

export interface DimensionTable {
	key: string;
	label: string;
	waves: ReachWave[];
	rows: { label: string; cells: { text: string; hidden: boolean; small: boolean }[] }[];
}

/** A dimension over time: a row per group, a column per wave that has opened ('–' when a wave has none). */
export function dimensionTables(reach: Reach): DimensionTable[] {
	const waves = openedWaves(reach);
	const keys = waves[0]?.dimensions.map((d) => ({ key: d.key, label: d.label })) ?? [];
	return keys.map(({ key, label }) => {
		const categories = new Map<string, string>();
		for (const w of waves)
			for (const g of w.dimensions.find((d) => d.key === key)?.groups ?? [])
				if (!categories.has(g.category) || g.category === '_not_stated')
					categories.set(g.category, groupLabel(key, g));
		// the people who did not say last
		const ordered = [...categories].sort(
			(a, b) => Number(a[0] === '_not_stated') - Number(b[0] === '_not_stated')
		);
		return {
			key,
			label,
			waves,
			rows: ordered.map(([category, rowLabel]) => ({
				label: rowLabel,
				cells: waves.map((w) => {
					const g = w.dimensions.find((d) => d.key === key)?.groups.find((x) => x.category === category);
					// a group not in a wave's counts has no one in it
					if (!g)
						return { text: w.total === null ? HIDDEN_SYMBOL : '0', hidden: w.total === null, small: false };
					return { text: countText(g.n), hidden: g.n === null, small: g.small };
				})
			}))
		};
	});
}

/** The CSV: a row per wave, dimension and group, and a row per repeat for the panel; hidden as '[c]'. */
export function reachCsvRows(reach: Reach): string[][] {
	const safe = (s: string) => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);
	const rows: string[][] = [
		['wave', 'wave_status', 'dimension', 'group', 'respondents', 'as_at', 'rounded_to']
	];
	for (const w of openedWaves(reach)) {
		rows.push([
			safe(w.label),
			w.status,
			'all',
			'Everyone',
			countText(w.total),
			w.as_of,
			String(w.rounded_to)
		]);
		for (const d of w.dimensions)
			for (const g of d.groups)
				rows.push([
					safe(w.label),
					w.status,
					d.key,
					safe(groupLabel(d.key, g)),
					countText(g.n),
					w.as_of,
					String(w.rounded_to)
				]);
	}
	for (const p of reach.panel)
		rows.push([
			safe(p.label),
			p.status,
			'panel',
			`Answered ${safe(reach.baseline?.label ?? 'the baseline')} and this wave`,
			countText(p.linked),
			p.as_of,
			String(p.rounded_to)
		]);
	return rows;
}

function escapeText(text: string): string {
	return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function shorten(text: string, max: number): string {
	return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

/**
 * Respondents per wave as bars, oldest first, each labelled with its count (an open wave "so far"); beside
 * each repeat, the panel members who also answered the baseline, as a narrower orange bar. A hidden count is
 * a dashed grey outline labelled [c], its height meaning nothing; a wave with no answers is labelled "no
 * answers", never drawn as a bar of 0.
 */
export function reachChartSvg(reach: Reach, width = 400): string {
	const summary = reachSummary(reach);
	const waves = openedWaves(reach);
	const height = 300;
	const top = 36;
	const bottom = 56;
	const left = 8;
	const plot = height - top - bottom;
	const head =
		`<svg xmlns="http://www.w3.org/2000/svg" class="reach-chart ${CHART_CLASS}" role="img" aria-label="${escapeText(summary)}"` +
		` viewBox="0 0 ${width} ${height}" width="${width}" height="${height}"` +
		` color="${REACH_COLOURS.text}" font-size="14" font-family="system-ui, sans-serif">` +
		`<title>${escapeText(summary)}</title>` +
		'<desc>Blue bars: people who answered each wave. Orange bars: panel members who answered both the baseline ' +
		'and that wave. A dashed outline labelled [c] is hidden under the disclosure rule.</desc>';
	if (waves.length === 0)
		return `${head}<text x="${width / 2}" y="${height / 2}" text-anchor="middle" font-style="italic">No wave has opened yet</text></svg>`;
	const panelOf = new Map(reach.panel.map((p) => [p.wave_id, p]));
	const max = Math.max(1, ...waves.map((w) => w.total ?? 0), ...reach.panel.map((p) => p.linked ?? 0));
	const slot = (width - left * 2) / waves.length;
	const barWidth = Math.min(64, slot * 0.45);
	const y = (n: number) => top + plot - (n / max) * plot;
	const parts = [head];
	const bar = (x: number, w: number, n: number | null, colour: string, label: string, cls: string) => {
		if (n === null) {
			const h = plot * 0.15;
			parts.push(
				`<rect class="${cls} hidden" x="${x}" y="${top + plot - h}" width="${w}" height="${h}" fill="none" stroke="${REACH_COLOURS.hidden}" stroke-dasharray="4,3"><title>${escapeText(label)}: ${HIDDEN_SYMBOL} (hidden)</title></rect>`,
				`<text x="${x + w / 2}" y="${top + plot - h - 4}" text-anchor="middle" fill="${REACH_COLOURS.hidden}">${HIDDEN_SYMBOL}</text>`
			);
		} else if (n === 0) {
			parts.push(
				`<text x="${x + w / 2}" y="${top + plot - 4}" text-anchor="middle" font-style="italic" font-size="12">none</text>`
			);
		} else {
			parts.push(
				`<rect class="${cls}" x="${x}" y="${y(n)}" width="${w}" height="${top + plot - y(n)}" fill="${colour}"><title>${escapeText(label)}: ${formatCount(n)}</title></rect>`,
				`<text x="${x + w / 2}" y="${y(n) - 4}" text-anchor="middle">${formatCount(n)}</text>`
			);
		}
	};
	waves.forEach((w, i) => {
		const x0 = left + slot * i + (slot - barWidth * 1.6) / 2;
		bar(x0, barWidth, w.total, REACH_COLOURS.bar, `${w.label}: people who answered`, 'reach-total');
		const p = panelOf.get(w.id);
		if (p)
			bar(
				x0 + barWidth + 2,
				barWidth * 0.6 - 2,
				p.linked,
				REACH_COLOURS.linked,
				`${w.label}: panel members who answered the baseline too`,
				'reach-linked'
			);
		const cx = left + slot * i + slot / 2;
		parts.push(
			`<text x="${cx}" y="${height - bottom + 20}" text-anchor="middle">${escapeText(shorten(w.label, Math.max(8, Math.floor(slot / 9))))}</text>`,
			// the date only where there is room for it (the table gives every wave's)
			slot >= 110 || w.status === 'open'
				? `<text x="${cx}" y="${height - bottom + 38}" text-anchor="middle" font-size="12">${
						w.status === 'open' ? 'open, so far' : escapeText(formatDate(w.opens_at))
					}</text>`
				: ''
		);
	});
	parts.push(
		`<line x1="${left}" x2="${width - left}" y1="${top + plot}" y2="${top + plot}" stroke="${REACH_COLOURS.text}"></line>`,
		'</svg>'
	);
	return parts.join('');
}
