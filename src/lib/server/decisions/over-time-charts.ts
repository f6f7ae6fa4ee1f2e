import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import { PARTICIPATION_LEVELS } from '$lib/domain';
import { formatCount, formatPercent } from '$lib/analytics/format';
import { withoutInlineStyles } from '$lib/charts/svg';
import {
	activitiesSummary,
	activityRows,
	responseRows,
	responsesSummary,
	themeRows,
	themesSummary,
	type ImpactOverTime
} from '$lib/decisions/over-time';

/**
 * The three charts of "over time" on /impact, drawn on the server with Observable Plot into a linkedom
 * document and sent as SVG text: they show without JavaScript and print, and the browser never downloads
 * Plot for them. Each chart's accessible name is its one-sentence summary; the page puts the figures in a
 * table beside it. Counts hidden under the disclosure rule are left out, and the table says "[c]".
 */

/** Colours with at least 4.5:1 against white for text, and distinct without colour (labels carry them). */
const INK = '#1a1a1a';
const MEASURE = '#1d4e89';
const LIGHT = '#9bb7d4';
/** Doing with (co-production, co-design) dark to doing to (informing) light: 5 steps of one hue. */
const LEVEL_COLOURS = ['#0b2e59', '#1d4e89', '#4a78b0', '#86a8cf', '#c4d5ea'];

function documentForPlot(): Document {
	return parseHTML('<!doctype html><html><body></body></html>').document as unknown as Document;
}

/** Plot's class name for these charts (and their legends' `plot-chart-swatches`…), styled by app.css. */
const PLOT_CLASS = 'plot-chart';

function svgOf(chart: Element, summary: string): string {
	// no <style> and no style attribute: the page's Content-Security-Policy refuses them
	withoutInlineStyles(chart);
	// Plot labels its groups ("bar", "rule"); inside an image they are not allowed (aria-prohibited-attr)
	for (const group of Array.from(chart.querySelectorAll('[aria-label]'))) group.removeAttribute('aria-label');
	chart.setAttribute('role', 'img');
	chart.setAttribute('aria-label', summary);
	return chart.outerHTML;
}

export interface OverTimeCharts {
	themes: { summary: string; svg: string | null };
	responses: { summary: string; svg: string | null };
	activities: { summary: string; svg: string | null };
}

export function overTimeCharts(data: ImpactOverTime, width = 640): OverTimeCharts {
	const document = documentForPlot();
	const themes = themeRows(data);
	const responses = responseRows(data);
	const activities = activityRows(data);
	const themesText = themesSummary(themes);
	const responsesText = responsesSummary(responses);
	const activitiesText = activitiesSummary(activities);

	const themesSvg =
		themes.length === 0
			? null
			: svgOf(
					Plot.plot({
						document,
						width,
						height: 320,
						marginBottom: 48,
						style: { color: INK, fontSize: '12px' },
						className: PLOT_CLASS,
						x: { domain: themes.map((r) => r.label), label: null, tickRotate: themes.length > 6 ? -30 : 0 },
						y: { label: 'Themes', grid: true },
						color: { domain: ['Raised', 'With a published response'], range: [LIGHT, MEASURE], legend: true },
						marks: [
							// every theme raised, and over it, narrower, those with a published response
							Plot.barY(themes, {
								x: 'label',
								y: 'raised',
								fill: () => 'Raised',
								insetLeft: 4,
								insetRight: 4
							}),
							Plot.barY(themes, {
								x: 'label',
								y: 'answered',
								fill: () => 'With a published response',
								insetLeft: 14,
								insetRight: 14
							}),
							Plot.text(
								themes.filter((r) => r.share !== null),
								{
									x: 'label',
									y: 'raised',
									text: (r) => `${formatPercent(r.share!)} of ${formatCount(r.raised)}`,
									dy: -8,
									fill: INK
								}
							),
							Plot.ruleY([0])
						]
					}) as unknown as Element,
					themesText
				);

	const shownDays = responses.filter((r) => r.medianDays !== null);
	const responsesSvg =
		responses.length === 0
			? null
			: svgOf(
					Plot.plot({
						document,
						width,
						height: 280,
						marginBottom: 48,
						style: { color: INK, fontSize: '12px' },
						className: PLOT_CLASS,
						x: { domain: responses.map((r) => r.label), label: null },
						y: { label: 'Middle wait (days)', grid: true, zero: true },
						marks: [
							Plot.barY(shownDays, {
								x: 'label',
								y: 'medianDays',
								fill: MEASURE,
								insetLeft: 8,
								insetRight: 8
							}),
							Plot.text(shownDays, {
								x: 'label',
								y: 'medianDays',
								text: (r) => `${r.medianDays} days (n=${r.comments.n ?? '[c]'})`,
								dy: -8,
								fill: INK
							}),
							Plot.text(
								responses.filter((r) => r.medianDays === null),
								{ x: 'label', y: 0, text: () => 'too few to show', dy: -8, fill: INK }
							),
							Plot.ruleY([0])
						]
					}) as unknown as Element,
					responsesText
				);

	const most = Math.max(1, ...activities.map((r) => r.total));
	const stacked = activities.flatMap((r) =>
		PARTICIPATION_LEVELS.map((l) => ({ quarter: r.label, level: l.label, n: r.byLevel[l.value] }))
	);
	const activitiesSvg =
		activities.length === 0
			? null
			: svgOf(
					Plot.plot({
						document,
						width,
						height: 300,
						marginBottom: 48,
						style: { color: INK, fontSize: '12px' },
						className: PLOT_CLASS,
						x: { domain: activities.map((r) => r.label), label: null },
						// whole activities only: no 0.5 on the axis
						y: { label: 'Activities', grid: true, ticks: Math.min(5, most), tickFormat: 'd' },
						color: {
							domain: PARTICIPATION_LEVELS.map((l) => l.label),
							range: LEVEL_COLOURS,
							legend: true
						},
						marks: [
							Plot.barY(stacked, { x: 'quarter', y: 'n', fill: 'level', insetLeft: 8, insetRight: 8 }),
							Plot.text(activities, {
								x: 'label',
								y: 'total',
								text: (r) => String(r.total),
								dy: -8,
								fill: INK
							}),
							Plot.ruleY([0])
						]
					}) as unknown as Element,
					activitiesText
				);

	return {
		themes: { summary: themesText, svg: themesSvg },
		responses: { summary: responsesText, svg: responsesSvg },
		activities: { summary: activitiesText, svg: activitiesSvg }
	};
}
