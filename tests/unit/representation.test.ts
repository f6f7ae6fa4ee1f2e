import { describe, expect, it } from 'vitest';
import { representationRatio, responseRate } from '$lib/representation/ratio';
import { DFE_MAPPING } from '$lib/representation/mapping';
import { buildDimension, buildView, csvRows } from '$lib/representation/view';
import { readPopulationFile } from '$lib/representation/csv';
import { representationChartSvg } from '$lib/representation/chart';
import type { PopulationSet, Representation, RespondentGroup } from '$lib/representation/types';

const close = (actual: number | null, expected: number, digits = 9) =>
	expect(actual).toBeCloseTo(expected, digits);

describe('representationRatio', () => {
	// Worked values: R's prop.test(x, n, p = π, correct = FALSE) gives the Wilson interval and the p-value;
	// e.g. prop.test(20, 100, p = 0.3, correct = FALSE): X-squared = 4.7619, p-value = 0.02910,
	// 95 percent confidence interval 0.1333669 0.2888292.
	it('20 of 100 against a population share of 30%: ratio 0.67 (0.44 to 0.96), p = 0.0291', () => {
		const r = representationRatio(20, 100, 0.3)!;
		close(r.share, 0.2);
		close(r.interval.lower, 0.13336693333103253);
		close(r.interval.upper, 0.28882916559315885);
		close(r.ratio, 2 / 3);
		close(r.lower, 0.4445564444367751);
		close(r.upper, 0.9627638853105296);
		close(r.pValue, 0.02909633174125228);
	});

	it('45 of 100 against 30%: ratio 1.5 (1.19 to 1.83), p = 0.00106', () => {
		const r = representationRatio(45, 100, 0.3)!;
		close(r.ratio, 1.5);
		close(r.lower, 1.1871512659837327);
		close(r.upper, 1.8251799000852624);
		close(r.pValue, 0.0010631149171586032);
	});

	it('x = 0: a ratio of 0 with an interval from 0, not nothing', () => {
		const r = representationRatio(0, 40, 0.1)!;
		expect(r.ratio).toBe(0);
		expect(r.lower).toBe(0);
		close(r.upper, 0.8762160119728665);
		close(r.pValue, 0.03501498101966251);
	});

	it('x = n: the share is 1 and the interval reaches it', () => {
		const r = representationRatio(40, 40, 0.5)!;
		expect(r.ratio).toBe(2);
		expect(r.upper).toBe(2);
		close(r.lower, 1.824756797605427);
	});

	it('n = 1: one respondent says little (ratio 5, from 1.03)', () => {
		const r = representationRatio(1, 1, 0.2)!;
		expect(r.ratio).toBe(5);
		close(r.lower, 1.0327465718861872);
		close(r.pValue, 0.04550026389635844);
	});

	it('n = 0: no ratio at all, never 0%', () => {
		expect(representationRatio(0, 0, 0.3)).toBeNull();
	});

	it('a population share of 0 gives no ratio, and of 1 no test', () => {
		expect(representationRatio(3, 10, 0)).toMatchObject({ ratio: null, pValue: null });
		expect(representationRatio(10, 10, 1)).toMatchObject({ ratio: 1, pValue: null });
		expect(() => representationRatio(1, 10, 1.2)).toThrow(RangeError);
		expect(() => representationRatio(11, 10, 0.5)).toThrow(RangeError);
	});

	it('very large n', () => {
		const r = representationRatio(300_000, 1_000_000, 0.3)!;
		close(r.ratio, 1);
		expect(r.upper! - r.lower!).toBeLessThan(0.01);
		close(r.pValue, 1, 6);
	});

	it('response rate', () => {
		expect(responseRate(50, 1000)).toBe(0.05);
		expect(responseRate(50, 0)).toBeNull();
		expect(responseRate(50, null)).toBeNull();
	});
});

const dfe: PopulationSet = {
	id: 'p1',
	origin: 'dfe',
	la_code: 'E06000001',
	la_name: 'Hartlepool',
	source: 'Department for Education, EHC plans',
	year: 'January 2025',
	loaded_at: '2026-01-01T00:00:00Z',
	counts: [
		{ dimension: 'total', category: 'All EHC plans', count: 1000 },
		{ dimension: 'sex', category: 'Male', count: 700 },
		{ dimension: 'sex', category: 'Female', count: 290 },
		{ dimension: 'sex', category: 'Unknown', count: 10 },
		{ dimension: 'ethnicity', category: 'White - White British', count: 600 },
		{ dimension: 'ethnicity', category: 'Asian - Pakistani', count: 200 },
		{ dimension: 'ethnicity', category: 'Black - Black African', count: 100 },
		{ dimension: 'ethnicity', category: 'White - Gypsy/Roma', count: 30 },
		{ dimension: 'ethnicity', category: 'White - Traveller of Irish heritage', count: 20 },
		{ dimension: 'ethnicity', category: 'Asian - Indian', count: null },
		{ dimension: 'ethnicity', category: 'Unclassified', count: 50 }
	]
};

const group = (dimension: string, category: string, n: number | null, label = category): RespondentGroup => ({
	dimension,
	category,
	label,
	n,
	symbol: n === null ? '[c]' : null,
	small: false
});

const ethnicity = DFE_MAPPING.find((m) => m.dimension === 'ethnicity')!;
const gender = DFE_MAPPING.find((m) => m.dimension === 'gender')!;

describe('buildDimension', () => {
	it('marks a group under-represented after Holm, with a true summary, and leaves out who did not say', () => {
		const groups = [
			group('ethnicity', 'white_british', 150),
			group('ethnicity', 'asian_pakistani', 10),
			group('ethnicity', 'black_african', 20),
			group('ethnicity', '_not_stated', 15, 'Not stated')
		];
		const d = buildDimension(ethnicity, groups, dfe, 195);
		expect(d.compared).toBe(180);
		expect(d.populationCompared).toBe(950); // Unclassified left out; Indian not available
		const pakistani = d.rows.find((r) => r.key === 'asian_pakistani')!;
		close(pakistani.share, 10 / 180);
		close(pakistani.populationShare, 200 / 950);
		expect(pakistani.verdict).toBe('under');
		const white = d.rows.find((r) => r.key === 'white_british')!;
		expect(white.verdict).toBe('over');
		expect(d.rows.find((r) => r.key === 'asian_indian')!.verdict).toBe('no_population');
		const gypsy = d.rows.find((r) => r.key === 'white_gypsy_traveller+white_roma')!;
		expect(gypsy.population).toBe(50);
		expect(gypsy.respondents).toBe(0);
		// DfE leaves out a category with no one in it: no ratio, and the reason says so
		const irish = d.rows.find((r) => r.key === 'white_irish')!;
		expect(irish).toMatchObject({ population: 0, ratio: null, verdict: 'no_population' });
		expect(irish.verdictText).toMatch(/No one in this group in the population/);
		expect(d.leftOut).toEqual([{ label: 'Not stated', respondents: 15 }]);
		expect(d.summary).toMatch(/Asian: Pakistani .*under-represented among the 180 respondents/);
		expect(d.comparisons).toBeGreaterThan(1);
		expect(d.methodNote).toMatch(/Holm/);
	});

	it('gives no verdict on too few respondents, and says why', () => {
		const d = buildDimension(
			gender,
			[group('gender', 'girl_woman', 2), group('gender', 'boy_man', 10)],
			dfe,
			12
		);
		expect(d.rows.every((r) => r.verdict === 'too_few')).toBe(true);
		expect(d.summary).toMatch(/Only 12 respondents .* too few \(under 30\)/);
		expect(d.comparisons).toBe(0);
	});

	it('says the population has no figures (DfE’s x) rather than test against nothing', () => {
		const unavailable: PopulationSet = {
			...dfe,
			counts: [
				{ dimension: 'sex', category: 'Male', count: null },
				{ dimension: 'sex', category: 'Female', count: null }
			]
		};
		const d = buildDimension(
			gender,
			[group('gender', 'girl_woman', 40), group('gender', 'boy_man', 50)],
			unavailable,
			90
		);
		expect(d.rows.every((r) => r.verdict === 'no_population' && r.ratio === null)).toBe(true);
		expect(d.summary).toMatch(/not available \(DfE marks them x\)/);
		expect(d.comparisons).toBe(0);
	});

	it('says no respondent gave a group rather than show 0%', () => {
		const d = buildDimension(gender, [], dfe, 0);
		expect(d.compared).toBe(0);
		expect(d.rows.every((r) => r.share === null && r.verdict === 'no_respondents')).toBe(true);
		expect(d.summary).toMatch(/No respondent in this wave gave their gender/);
	});

	it('hides a comparison group when any of its categories is hidden, and counts the shares from what is shown', () => {
		const groups = [
			group('ethnicity', 'white_british', 60),
			group('ethnicity', 'white_roma', null),
			group('ethnicity', 'white_gypsy_traveller', 12),
			group('ethnicity', 'black_african', null)
		];
		const d = buildDimension(ethnicity, groups, dfe, 80);
		const gypsy = d.rows.find((r) => r.key === 'white_gypsy_traveller+white_roma')!;
		expect(gypsy).toMatchObject({ hidden: true, respondents: null, share: null, verdict: 'hidden' });
		// 80 everyone, nobody left out: the denominator is exact
		expect(d.compared).toBe(80);
		expect(d.comparedApproximate).toBe(false);
	});
});

const representation: Representation = {
	wave: {
		id: 'w',
		label: 'Spring 2026',
		kind: 'baseline',
		opens_at: '2026-01-01T00:00:00Z',
		closes_at: '2026-02-01T00:00:00Z',
		status: 'closed'
	},
	survey: {
		id: 's',
		title: 'S',
		audience: 'parent_carers',
		about_dimensions: ['ethnicity', 'gender', 'support']
	},
	exact: true,
	rule: {
		id: 'r',
		kind: 'under_10',
		threshold: 10,
		rounding_base: 1,
		label: 'Under 10 hidden',
		chosen_at: '2026-01-01'
	},
	as_of: '2026-03-01T10:00:00Z',
	rounded_to: 1,
	respondents: { n: 50, symbol: null, small: false },
	groups: [
		group('gender', 'girl_woman', 20),
		group('gender', 'boy_man', 25),
		group('gender', 'another', 5, 'In another way')
	],
	populations: [dfe]
};

describe('buildView', () => {
	it('compares what can be compared, says what cannot, and gives the response rate with its n', () => {
		const v = buildView(representation, dfe);
		expect(v.dimensions.map((d) => d.dimension)).toEqual(['ethnicity', 'gender']);
		expect(v.notCompared.map((d) => d.dimension)).toEqual(['support']);
		expect(v.dimensions[1]!.leftOut).toEqual([{ label: 'In another way', respondents: 5 }]);
		expect(v.responseRateText).toBe(
			'50 responses against 1,000 children and young people with an EHC plan in Hartlepool (January 2025): 5% (50 of 1,000).'
		);
	});

	it('gives no response rate when the number of respondents is hidden or zero', () => {
		expect(
			buildView({ ...representation, respondents: { n: null, symbol: '[c]', small: false } }, dfe)
				.responseRateText
		).toMatch(/hidden/);
		expect(
			buildView({ ...representation, respondents: { n: 0, symbol: null, small: false }, groups: [] }, dfe)
				.responseRateText
		).toBe('No one has answered this wave yet.');
	});

	it('uses an uploaded population in the about-you categories', () => {
		const upload: PopulationSet = {
			...dfe,
			origin: 'upload',
			source: 'Our census',
			year: '2025',
			counts: [
				{ dimension: 'gender', category: '_total', count: 200 },
				{ dimension: 'gender', category: 'girl_woman', count: 80 },
				{ dimension: 'gender', category: 'boy_man', count: 120 }
			]
		};
		const v = buildView(representation, upload);
		expect(v.dimensions).toHaveLength(1);
		expect(v.dimensions[0]!.rows.map((r) => r.label)).toEqual(['girl_woman', 'boy_man']);
		expect(v.populationTotal).toBe(200);
		const rows = csvRows(v, upload, representation.wave, representation.as_of);
		expect(rows[0]).toContain('ratio_lower_95');
		expect(rows[1]).toContain('Our census');
	});
});

describe('readPopulationFile', () => {
	const file = (text: string) => new TextEncoder().encode(text);
	it('reads a good file', () => {
		const r = readPopulationFile(
			file(
				'dimension,group,count,source,year\nsupport,total,"1,200",Census,2025\nsupport,ehcp,300,Census,2025\n'
			)
		);
		expect(r).toEqual({
			ok: true,
			value: {
				source: 'Census',
				year: '2025',
				rows: [
					{ dimension: 'support', group: 'total', count: '1200' },
					{ dimension: 'support', group: 'ehcp', count: '300' }
				]
			}
		});
	});
	it('names each bad row', () => {
		const r = readPopulationFile(
			file(
				'dimension,group,count,source,year\nsupport,ehcp,-3,C,2025\nsupport,,12%,C,2025\nsupport,none,ten,D,2025\n'
			)
		);
		expect(r.ok).toBe(false);
		if (r.ok) return;
		expect(r.problems.map((p) => p.row)).toEqual([1, 2, 2, 3, 3]);
		expect(r.problems[0]!.message).toMatch(/negative/);
		expect(r.problems[2]!.message).toMatch(/not a share/);
	});
	it('names missing and unknown columns', () => {
		const r = readPopulationFile(file('dimension,group,n\nsupport,ehcp,3\n'));
		expect(r.ok).toBe(false);
		if (!r.ok)
			expect(r.problems[0]!.message).toMatch(
				/needs the columns count, source, year\. These columns are not known: n/
			);
	});
});

describe('representationChartSvg', () => {
	it('names the chart with its summary, marks the under-represented and shows hidden groups as [c]', () => {
		const d = buildDimension(
			ethnicity,
			[
				group('ethnicity', 'white_british', 170),
				group('ethnicity', 'asian_pakistani', 10),
				group('ethnicity', 'black_african', null),
				group('ethnicity', 'white_irish', null)
			],
			dfe,
			200
		);
		const svg = representationChartSvg(d, 'eth', 'Children with an EHC plan <all>');
		expect(svg).toContain('role="img"');
		expect(svg).toContain(`<title id="eth-title">`);
		expect(svg).toContain('Asian: Pakistani (under-represented)');
		expect(svg).toContain('[c] hidden');
		expect(svg).toContain('&lt;all&gt;');
	});
});
