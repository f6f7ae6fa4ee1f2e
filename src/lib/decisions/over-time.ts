import { z } from 'zod';
import { codes, labelOf, PARTICIPATION_LEVELS, type ParticipationLevel } from '$lib/domain';
import { disclosureRule } from '$lib/disclosure/types';
import { formatCount, formatPercent } from '$lib/analytics/format';

/**
 * From feedback to decisions, over time (api.impact_over_time): the shapes it returns, and the pure
 * work on them that the page and its charts share — quarters in order with the empty ones kept,
 * shares only where both counts are shown, and the one-sentence summary of each chart, which must
 * stay true for empty, small and hidden figures.
 */

const hidden = z.literal('[c]').nullable();

export const impactOverTime = z.object({
	exact: z.boolean(),
	rule: disclosureRule,
	themes: z.array(
		z.object({
			quarter: z.string(),
			/** themes are topics, not people: exact for everyone */
			raised: z.number(),
			answered: z.number()
		})
	),
	responses: z.array(
		z.object({
			quarter: z.string(),
			comments: z.number().nullable(),
			comments_symbol: hidden,
			median_days: z.number().nullable()
		})
	),
	activities: z.array(
		z.object({
			quarter: z.string(),
			participation: z.enum(codes(PARTICIPATION_LEVELS)),
			activities: z.number()
		})
	)
});
export type ImpactOverTime = z.infer<typeof impactOverTime>;

/** "2026-04-01" → "Apr to Jun 2026". */
export function quarterLabel(quarter: string): string {
	const [year, month] = quarter.split('-').map(Number) as [number, number];
	const names = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
	const first = Math.floor((month - 1) / 3) * 3;
	return `${names[first]} to ${names[first + 2]} ${year}`;
}

/** Every quarter from the first to the last given, in order ("2025-10-01", "2026-01-01", …). */
export function quartersBetween(quarters: readonly string[]): string[] {
	if (quarters.length === 0) return [];
	const sorted = [...quarters].sort();
	const [y0, m0] = sorted[0]!.split('-').map(Number) as [number, number];
	const last = sorted.at(-1)!;
	const out: string[] = [];
	for (let y = y0, m = Math.floor((m0 - 1) / 3) * 3 + 1; out.length < 400; m += 3) {
		if (m > 12) {
			m -= 12;
			y += 1;
		}
		const q = `${y}-${String(m).padStart(2, '0')}-01`;
		out.push(q);
		if (q >= last) break;
	}
	return out;
}

/** A count as shown: the number, or the symbol of a hidden one. */
export interface Shown {
	n: number | null;
	symbol: '[c]' | null;
}

export function shownCount(c: Shown): string {
	return c.n === null ? (c.symbol ?? '–') : formatCount(c.n);
}

export interface ThemeRow {
	quarter: string;
	label: string;
	raised: number;
	answered: number;
	/** answered / raised, when any were raised */
	share: number | null;
}

export function themeRows(data: ImpactOverTime): ThemeRow[] {
	const by = new Map(data.themes.map((t) => [t.quarter, t]));
	return quartersBetween(data.themes.map((t) => t.quarter)).map((quarter) => {
		const t = by.get(quarter);
		const raised = t?.raised ?? 0;
		const answered = t?.answered ?? 0;
		const share = raised > 0 ? Math.min(1, answered / raised) : null;
		return { quarter, label: quarterLabel(quarter), raised, answered, share };
	});
}

export interface ResponseRow {
	quarter: string;
	label: string;
	comments: Shown;
	medianDays: number | null;
}

export function responseRows(data: ImpactOverTime): ResponseRow[] {
	const by = new Map(data.responses.map((r) => [r.quarter, r]));
	return quartersBetween(data.responses.map((r) => r.quarter)).map((quarter) => {
		const r = by.get(quarter);
		return {
			quarter,
			label: quarterLabel(quarter),
			comments: r ? { n: r.comments, symbol: r.comments_symbol } : { n: 0, symbol: null },
			medianDays: r?.median_days ?? null
		};
	});
}

export interface ActivityRow {
	quarter: string;
	label: string;
	/** activities held, by level, every level present (0 when none) */
	byLevel: Record<ParticipationLevel, number>;
	total: number;
}

export function activityRows(data: ImpactOverTime): ActivityRow[] {
	return quartersBetween(data.activities.map((a) => a.quarter)).map((quarter) => {
		const byLevel = Object.fromEntries(PARTICIPATION_LEVELS.map((l) => [l.value, 0])) as Record<
			ParticipationLevel,
			number
		>;
		for (const a of data.activities) if (a.quarter === quarter) byLevel[a.participation] += a.activities;
		const total = Object.values(byLevel).reduce((s, n) => s + n, 0);
		return { quarter, label: quarterLabel(quarter), byLevel, total };
	});
}

function plural(n: number, one: string, many: string): string {
	return `${formatCount(n)} ${n === 1 ? one : many}`;
}

/** One true sentence about the themes chart. */
export function themesSummary(rows: readonly ThemeRow[]): string {
	const latest = [...rows].reverse().find((r) => r.share !== null);
	if (!latest) return 'No feedback has been given a theme yet, so there is nothing to chart.';
	const head = `Of the ${plural(latest.raised, 'theme', 'themes')} first raised in ${latest.label}, ${formatPercent(latest.share!)} (${formatCount(latest.answered)} of ${formatCount(latest.raised)}) ${latest.raised === 1 ? 'has' : 'have'} a published response so far`;
	const first = rows.find((r) => r.quarter < latest.quarter && r.share !== null);
	if (!first) return `${head}.`;
	return `${head}, against ${formatPercent(first.share!)} (${formatCount(first.answered)} of ${formatCount(first.raised)}) of those first raised in ${first.label}.`;
}

/** One true sentence about the days-to-response chart. */
export function responsesSummary(rows: readonly ResponseRow[]): string {
	if (rows.length === 0) return 'No comment has had a published response yet.';
	const latest = [...rows].reverse().find((r) => r.medianDays !== null);
	if (!latest) {
		return 'Comments have had published responses, but too few in each quarter to show how long they waited.';
	}
	const count = latest.comments.n === null ? 'a few' : formatCount(latest.comments.n);
	return `For the ${count} comments that got their first published response in ${latest.label}, the middle wait from comment to response was ${formatCount(latest.medianDays!)} ${latest.medianDays === 1 ? 'day' : 'days'}.`;
}

/** One true sentence about the activities chart. */
export function activitiesSummary(rows: readonly ActivityRow[]): string {
	const total = rows.reduce((s, r) => s + r.total, 0);
	if (total === 0) return 'No engagement activities have been recorded yet.';
	const sums = PARTICIPATION_LEVELS.map((l) => ({
		label: labelOf(PARTICIPATION_LEVELS, l.value),
		n: rows.reduce((s, r) => s + r.byLevel[l.value], 0)
	}));
	const doingWith = sums[0]!.n + sums[1]!.n;
	return `${plural(total, 'activity was', 'activities were')} recorded from ${rows[0]!.label} to ${rows.at(-1)!.label}; ${formatCount(doingWith)} of them (${formatPercent(doingWith / total)}) were co-production or co-design.`;
}
