/**
 * The representation view, worked out from what api.representation gives the caller (respondent counts
 * already through the disclosure rule) and one population set. Pure, so the page, the CSV download and the
 * tests agree.
 */
import { formatCount, formatPercent } from '$lib/analytics/format';
import { MINIMUM_ANSWERS, type Interval } from '$lib/analytics/proportion';
import { ALPHA, holm } from '$lib/analytics/significance';
import { GROUP_DIMENSIONS } from '$lib/disclosure/groups';
import { DFE_NOT_COMPARED, mappingFor, populationTotal, type DimensionMapping } from './mapping';
import { representationRatio, responseRate } from './ratio';
import type { PopulationSet, Representation, RespondentGroup } from './types';

export type RowVerdict =
	'under' | 'over' | 'in_line' | 'too_few' | 'hidden' | 'no_population' | 'no_respondents';

export interface RepresentationRow {
	key: string;
	label: string;
	note?: string;
	/** respondents in the group; null when hidden under the disclosure rule */
	respondents: number | null;
	hidden: boolean;
	/** staff only: a count under the threshold */
	small: boolean;
	share: number | null;
	interval: Interval | null;
	/** null: not available in the population's figures */
	population: number | null;
	populationShare: number | null;
	ratio: number | null;
	lower: number | null;
	upper: number | null;
	pValue: number | null;
	adjustedP: number | null;
	verdict: RowVerdict;
	/** the verdict in words, always true to its reason */
	verdictText: string;
}

export interface LeftOut {
	label: string;
	respondents: number | null;
}

export interface DimensionView {
	dimension: string;
	label: string;
	rows: RepresentationRow[];
	/** respondents who gave a group that can be compared: the shares' denominator */
	compared: number;
	/** true when a hidden group that cannot be compared is counted in `compared` (figures hidden) */
	comparedApproximate: boolean;
	populationCompared: number;
	leftOut: LeftOut[];
	mismatches: string[];
	note?: string;
	comparisons: number;
	methodNote: string;
	summary: string;
}

export interface RepresentationView {
	dimensions: DimensionView[];
	/** about-you dimensions of the survey that this population cannot be compared with, and why */
	notCompared: { dimension: string; label: string; reason: string }[];
	respondents: number | null;
	respondentsHidden: boolean;
	populationTotal: number | null;
	responseRate: number | null;
	responseRateText: string;
}

export function dimensionLabel(key: string): string {
	return GROUP_DIMENSIONS.find((d) => d.key === key)?.label ?? key;
}

const lower = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

/** Who the population is, in a few words: "children and young people with an EHC plan in Hartlepool". */
export function populationWords(set: PopulationSet): string {
	return set.origin === 'dfe'
		? `children and young people with an EHC plan${set.la_name ? ` in ${set.la_name}` : ''}`
		: 'the population you uploaded';
}

function sumOrNull(values: (number | null)[]): number | null {
	return values.some((v) => v === null) ? null : values.reduce<number>((s, v) => s + (v ?? 0), 0);
}

/**
 * One dimension: each comparison group's respondents (added up from the about-you categories it covers; hidden
 * if any of them is hidden, since a sum of a hidden and a shown count would give the hidden one away), its
 * share of those who gave a group that can be compared, the population's share, the ratio and its interval,
 * and the verdict after Holm's adjustment over the dimension's groups.
 */
export function buildDimension(
	mapping: DimensionMapping,
	groups: readonly RespondentGroup[],
	set: PopulationSet,
	respondentsAll: number | null,
	minimum: number = MINIMUM_ANSWERS
): DimensionView {
	const mine = groups.filter((g) => g.dimension === mapping.dimension);
	const covered = new Set(mapping.groups.flatMap((g) => g.codes));
	const popCounts = set.counts.filter((c) => c.dimension === mapping.populationDimension);
	const popOf = (categories: string[]) =>
		sumOrNull(
			categories.map(
				(c) =>
					popCounts.find((p) => p.category === c)?.count ??
					(popCounts.some((p) => p.category === c) ? null : 0)
			)
		);

	const leftOut: LeftOut[] = mine
		.filter((g) => !covered.has(g.category))
		.map((g) => ({ label: g.label, respondents: g.n }));
	const base = mapping.groups.map((g) => {
		const counts = g.codes.map((code) => mine.find((m) => m.category === code) ?? null);
		const hidden = counts.some((c) => c !== null && c.n === null);
		const respondents = hidden ? null : counts.reduce((s, c) => s + (c?.n ?? 0), 0);
		const small = counts.some((c) => c?.small === true);
		return { group: g, respondents, hidden, small, population: popOf(g.populationCategories) };
	});

	// the shares' denominator, from the figures shown: exact unless a hidden group that cannot be compared has
	// to be counted in it
	const anyHiddenCompared = base.some((b) => b.hidden);
	const anyHiddenLeftOut = leftOut.some((l) => l.respondents === null);
	let compared: number;
	let comparedApproximate = false;
	if (!anyHiddenCompared) {
		compared = base.reduce((s, b) => s + (b.respondents ?? 0), 0);
	} else {
		compared = Math.max(0, (respondentsAll ?? 0) - leftOut.reduce((s, l) => s + (l.respondents ?? 0), 0));
		comparedApproximate = anyHiddenLeftOut;
	}
	const populationCompared = base.reduce((s, b) => s + (b.population ?? 0), 0);

	const estimates = base.map((b) => {
		if (
			b.hidden ||
			b.respondents === null ||
			b.population === null ||
			populationCompared === 0 ||
			compared === 0
		)
			return null;
		return representationRatio(
			Math.min(b.respondents, compared),
			compared,
			b.population / populationCompared
		);
	});
	const enough = compared >= minimum && populationCompared > 0;
	const tested = estimates
		.map((e, i) => (enough && e?.pValue != null && !base[i]!.hidden ? i : -1))
		.filter((i) => i >= 0);
	const adjustment = holm(tested.map((i) => estimates[i]!.pValue!));
	const adjusted = new Map(tested.map((i, k) => [i, adjustment.adjusted[k]!]));

	const label = dimensionLabel(mapping.dimension);
	const rows: RepresentationRow[] = base.map((b, i) => {
		const e = estimates[i];
		const adjustedP = adjusted.get(i) ?? null;
		let verdict: RowVerdict;
		let verdictText: string;
		if (b.hidden) {
			verdict = 'hidden';
			verdictText = 'Hidden to protect small numbers';
		} else if (b.population === null || populationCompared === 0) {
			verdict = 'no_population';
			verdictText = 'No population figure for this group';
		} else if (b.population === 0) {
			verdict = 'no_population';
			verdictText = 'No one in this group in the population’s figures, so no ratio';
		} else if (compared === 0) {
			verdict = 'no_respondents';
			verdictText = `No respondent gave their ${lower(label)}`;
		} else if (!enough) {
			verdict = 'too_few';
			verdictText = `Too few respondents to tell (${formatCount(compared)}; at least ${minimum} needed)`;
		} else if (adjustedP !== null && adjustedP < ALPHA && e?.ratio != null && e.ratio < 1) {
			verdict = 'under';
			verdictText =
				b.respondents === 0 ? 'Under-represented: no respondents from this group' : 'Under-represented';
		} else if (adjustedP !== null && adjustedP < ALPHA && e?.ratio != null && e.ratio > 1) {
			verdict = 'over';
			verdictText = 'Over-represented';
		} else {
			verdict = 'in_line';
			verdictText = b.respondents === 0 ? 'No respondents, but no clear difference' : 'No clear difference';
		}
		return {
			key: b.group.key,
			label: b.group.label,
			note: b.group.note,
			respondents: b.respondents,
			hidden: b.hidden,
			small: b.small,
			share: e?.share ?? null,
			interval: e?.interval ?? null,
			population: b.population,
			populationShare:
				b.population !== null && populationCompared > 0 ? b.population / populationCompared : null,
			ratio: e?.ratio ?? null,
			lower: e?.lower ?? null,
			upper: e?.upper ?? null,
			pValue: e?.pValue ?? null,
			adjustedP,
			verdict,
			verdictText
		};
	});

	const under = rows.filter((r) => r.verdict === 'under').map((r) => r.label);
	const over = rows.filter((r) => r.verdict === 'over').map((r) => r.label);
	const who = `${formatCount(compared)} respondent${compared === 1 ? '' : 's'} who gave their ${lower(label)}`;
	let summary: string;
	if (populationCompared === 0) {
		summary = `The population’s figures by ${lower(label)} are not available${set.origin === 'dfe' ? ' (DfE marks them x)' : ''}, so the respondents cannot be compared with them.`;
	} else if (compared === 0) {
		summary = `No respondent in this wave gave their ${lower(label)} in a group that can be compared, so it cannot be compared with ${populationWords(set)}.`;
	} else if (!enough) {
		summary = `Only ${who}: too few (under ${minimum}) to tell whether any group is under-represented compared with ${populationWords(set)}.`;
	} else if (under.length > 0) {
		summary =
			`Compared with ${populationWords(set)}, ${list(under)} ${under.length === 1 ? 'is' : 'are'} under-represented among the ${who}` +
			(over.length > 0 ? `, and ${list(over)} over-represented.` : '.');
	} else if (over.length > 0) {
		summary = `Among the ${who}, ${list(over)} ${over.length === 1 ? 'is' : 'are'} over-represented compared with ${populationWords(set)}, and no group is clearly under-represented.`;
	} else {
		summary = `Among the ${who}, no group's share differs from its share of ${populationWords(set)} by more than chance.`;
	}
	const methodNote = enough
		? adjustment.note
		: populationCompared === 0
			? 'No group was tested: there are no population figures to test against.'
			: `No group was tested: fewer than ${minimum} respondents gave a group that can be compared.`;
	return {
		dimension: mapping.dimension,
		label,
		rows,
		compared,
		comparedApproximate,
		populationCompared,
		leftOut,
		mismatches: mapping.mismatches,
		note: mapping.note,
		comparisons: enough ? adjustment.comparisons : 0,
		methodNote,
		summary
	};
}

function list(items: string[]): string {
	if (items.length <= 1) return items.join('');
	return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** The whole view for one wave and one population set. */
export function buildView(
	data: Representation,
	set: PopulationSet,
	minimum: number = MINIMUM_ANSWERS
): RepresentationView {
	const labelOf = (dimension: string, code: string) =>
		data.groups.find((g) => g.dimension === dimension && g.category === code)?.label ?? code;
	const mappings = mappingFor(set, labelOf);
	const asked = data.survey.about_dimensions;
	const respondentsAll = data.respondents.n;
	const dimensions = mappings
		.filter(
			(m) =>
				asked.length === 0 ||
				asked.includes(m.dimension) ||
				data.groups.some((g) => g.dimension === m.dimension)
		)
		.map((m) => buildDimension(m, data.groups, set, respondentsAll, minimum));
	const notCompared =
		set.origin === 'dfe'
			? asked
					.filter((d) => DFE_NOT_COMPARED[d])
					.map((d) => ({ dimension: d, label: dimensionLabel(d), reason: DFE_NOT_COMPARED[d]! }))
			: asked
					.filter((d) => !mappings.some((m) => m.dimension === d))
					.map((d) => ({
						dimension: d,
						label: dimensionLabel(d),
						reason: 'The uploaded population has no figures for it.'
					}));
	const total = populationTotal(set);
	const rate = respondentsAll === null ? null : responseRate(respondentsAll, total);
	let responseRateText: string;
	if (respondentsAll === null) {
		responseRateText =
			'The number of respondents is hidden to protect small numbers, so no response rate is given.';
	} else if (respondentsAll === 0) {
		responseRateText = 'No one has answered this wave yet.';
	} else if (total === null || rate === null) {
		responseRateText = 'The population has no total, so no response rate is given.';
	} else {
		responseRateText =
			`${formatCount(respondentsAll)} response${respondentsAll === 1 ? '' : 's'} against ${formatCount(total)} ${populationWords(set)}` +
			` (${set.year}): ${formatPercent(rate)} (${formatCount(respondentsAll)} of ${formatCount(total)})` +
			(rate > 1 ? ', more responses than people: respondents include families without an EHC plan.' : '.');
	}
	return {
		dimensions,
		notCompared,
		respondents: respondentsAll,
		respondentsHidden: data.respondents.symbol !== null,
		populationTotal: total,
		responseRate: rate,
		responseRateText
	};
}

/** The rows of the CSV download: one a group, the figures shown on the page. */
export function csvRows(
	view: RepresentationView,
	set: PopulationSet,
	wave: Representation['wave'],
	asOf: string
): string[][] {
	const header = [
		'wave',
		'dimension',
		'group',
		'respondents',
		'respondents_compared',
		'respondent_share',
		'share_lower_95',
		'share_upper_95',
		'population',
		'population_share',
		'ratio',
		'ratio_lower_95',
		'ratio_upper_95',
		'holm_adjusted_p',
		'verdict',
		'population_source',
		'population_year',
		'as_at'
	];
	const num = (v: number | null, digits = 4) => (v === null ? '' : String(Number(v.toFixed(digits))));
	const rows = view.dimensions.flatMap((d) =>
		d.rows.map((r) => [
			wave.label,
			d.label,
			r.label,
			r.hidden ? '[c]' : String(r.respondents ?? ''),
			String(d.compared),
			num(r.share),
			num(r.interval?.lower ?? null),
			num(r.interval?.upper ?? null),
			r.population === null ? '[x]' : String(r.population),
			num(r.populationShare),
			num(r.ratio, 3),
			num(r.lower, 3),
			num(r.upper, 3),
			num(r.adjustedP),
			r.verdictText,
			set.source,
			set.year,
			asOf
		])
	);
	return [header, ...rows];
}

const asAtFormat = new Intl.DateTimeFormat('en-GB', {
	dateStyle: 'long',
	timeStyle: 'short',
	timeZone: 'Europe/London'
});

/** The "as at" time of the figures, in London: "4 December 2026 at 09:15". */
export function formatAsAt(iso: string): string {
	return asAtFormat.format(new Date(iso));
}

/** A ratio with two decimals: 0.6667 → "0.67". */
export function formatRatio(value: number): string {
	return value.toFixed(2);
}
