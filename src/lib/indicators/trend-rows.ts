import type { WavePhase } from '$lib/analytics/verdict';
import type { TrendPoint as ApiTrendRow } from './types';
import type { TrendRow } from './trend';

/**
 * The rows of api.indicator_trend as the trend chart reads them. A wave's phase (open, closed, not yet open)
 * comes from the survey's waves where the caller has them, else from its dates: an open wave's figures are
 * interim ("so far, until <its closing date>").
 */
export function toTrendRows(
	trend: readonly ApiTrendRow[],
	phases: ReadonlyMap<string, WavePhase> = new Map(),
	now: Date = new Date()
): TrendRow[] {
	return trend.map((t) => ({
		waveLabel: t.wave_label,
		waveKind: t.wave_kind,
		opensAt: t.opens_at,
		n: t.n,
		positive: t.positive,
		share: t.share === null ? null : Number(t.share),
		suppressed: t.suppressed,
		smallNumbers: t.small_numbers,
		phase: phases.get(t.wave_id) ?? phaseOf(t.opens_at, t.closes_at, now),
		closesAt: t.closes_at,
		peopleUnknown: t.people_unknown,
		reconstructed: t.reconstructed,
		notCounted: t.not_counted
	}));
}

function phaseOf(opensAt: string, closesAt: string, now: Date): WavePhase {
	if (Date.parse(opensAt) > now.getTime()) return 'not_yet_open';
	return Date.parse(closesAt) > now.getTime() ? 'open' : 'closed';
}
