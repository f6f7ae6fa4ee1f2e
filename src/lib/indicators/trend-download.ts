/**
 * The trend's downloads: its data table as CSV rows and its picture as one SVG, built from the same rows the
 * page draws (api.indicator_trend, already under the disclosure rule for forum, scrutiny and the public), so
 * that a download never says more than the page. Pure: the endpoints fetch, these shape.
 */
import { labelOf, WAVE_KINDS } from '$lib/domain';
import { safeCell } from '$lib/decisions/published';
import type { VerdictOptions } from '$lib/analytics/verdict';
import {
	changesSinceBaseline,
	decisionMarkers,
	definitionMarkers,
	prepareTrend,
	trendChartSvg,
	type TrendDecision,
	type TrendRow
} from './trend';

/** What the trend of one indicator is called and how its shares read, as the page gives them to TrendChart. */
export interface TrendWords {
	/** `“I feel listened to.”: share answering strongly agree or agree, by wave` */
	title: string;
	/** `answered strongly agree or agree` */
	indicatorLabel: string;
}

/** The page's title and label for an indicator with these positive answers. */
export function trendWords(prompt: string, positive: readonly string[]): TrendWords {
	const words = positive.join(' or ').toLowerCase();
	return {
		title: `“${prompt}”: share answering ${words}, by wave`,
		indicatorLabel: `answered ${words}`
	};
}

/**
 * The trend as a picture: the wide chart the page shows on a screen and in print, with the decisions marked and
 * the changes of definition drawn as on the page.
 */
export function trendPictureSvg(
	rows: readonly TrendRow[],
	words: TrendWords,
	options: {
		decisions?: readonly { decided_on: string }[];
		verdict?: VerdictOptions;
		/** the changes of definition and wording, drawn as on the page */
		changes?: Parameters<typeof definitionMarkers>[0];
		/** the definition the rows are counted by, and the latest */
		definition?: { shown: number; latest: number };
	} = {}
): string {
	const decisions: TrendDecision[] = decisionMarkers(options.decisions ?? []);
	return trendChartSvg(rows, {
		...words,
		verdict: options.verdict,
		decisions,
		changes: definitionMarkers(options.changes ?? []),
		definition: options.definition
	});
}

const percent = (share: number | null | undefined) =>
	share === null || share === undefined ? null : Math.round(share * 1000) / 10;

/**
 * The trend's table as CSV rows (the header first): one row a wave with its n, positive count, share and
 * 95% interval, and the change since the baseline with its own interval; `[c]` where the disclosure rule
 * hid a figure, and the reason in words where a wave has none.
 */
export function trendCsvRows(
	rows: readonly TrendRow[],
	indicator: { survey: string; prompt: string; positive: readonly string[] },
	asOf: string | null
): (string | number | null)[][] {
	const points = prepareTrend(rows);
	const changes = changesSinceBaseline(points);
	const header = [
		'Survey',
		'Indicator',
		'Counts as positive',
		'Wave',
		'Type',
		'Opened',
		'As at',
		'Answered (n)',
		'Positive',
		'Share (%)',
		'Share, 95% interval low (%)',
		'Share, 95% interval high (%)',
		'Change since baseline (points)',
		'Change, 95% interval low',
		'Change, 95% interval high',
		'Note'
	];
	return [
		header,
		...points.map((p, i) => {
			const change = changes[i] ?? null;
			const hidden = p.status === 'suppressed';
			const note =
				p.status === 'shown'
					? [
							p.phase === 'open' ? 'so far: the wave is still open' : '',
							p.reconstructed ? 'reconstructed from percentages' : ''
						]
							.filter(Boolean)
							.join('; ')
					: p.status.replace('suppressed', 'hidden under the disclosure rule');
			return [
				safeCell(indicator.survey),
				safeCell(indicator.prompt),
				safeCell(indicator.positive.join(' or ')),
				safeCell(p.waveLabel),
				labelOf(WAVE_KINDS, p.waveKind),
				p.opensAt,
				asOf,
				p.n === null ? '[c]' : p.n,
				hidden || p.positive === null ? (hidden ? '[c]' : null) : p.positive,
				percent(p.share),
				percent(p.interval?.lower),
				percent(p.interval?.upper),
				percent(change?.difference),
				percent(change?.lower),
				percent(change?.upper),
				note
			];
		})
	];
}
