import { describe, expect, it } from 'vitest';
import { buildOverview } from '$lib/indicators/overview';
import { overviewPictureSvg, wrapWords } from '$lib/indicators/overview-picture';
import { trendCsvRows, trendPictureSvg, trendWords } from '$lib/indicators/trend-download';
import type { TrendRow } from '$lib/indicators/trend';
import type { IndicatorDefinition } from '$lib/indicators/definitions';
import type { TrendPoint } from '$lib/indicators/types';
import { svgToPng, viewDownload } from '$lib/server/charts/download';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const ROWS: TrendRow[] = [
	{
		waveLabel: 'Autumn 2025',
		waveKind: 'baseline',
		opensAt: '2025-09-01T00:00:00Z',
		closesAt: '2025-11-30T00:00:00Z',
		n: 450,
		positive: 171,
		share: 0.38,
		suppressed: false,
		phase: 'closed'
	},
	{
		waveLabel: 'Spring 2026',
		waveKind: 'repeat',
		opensAt: '2026-03-01T00:00:00Z',
		closesAt: '2026-05-31T00:00:00Z',
		n: null,
		positive: null,
		share: null,
		suppressed: true,
		phase: 'closed'
	},
	{
		waveLabel: 'Autumn 2026',
		waveKind: 'repeat',
		opensAt: '2026-09-01T00:00:00Z',
		closesAt: '2026-11-30T00:00:00Z',
		n: 300,
		positive: 174,
		share: 0.58,
		suppressed: false,
		phase: 'open'
	}
];

describe('the trend’s downloads', () => {
	const words = trendWords('I feel listened to.', ['Strongly agree', 'Agree']);

	it('names the chart as the page does', () => {
		expect(words).toEqual({
			title: '“I feel listened to.”: share answering strongly agree or agree, by wave',
			indicatorLabel: 'answered strongly agree or agree'
		});
	});

	it('gives the table as CSV: every share with its n and interval, [c] for a hidden figure, the change with its interval', () => {
		const [header, ...rows] = trendCsvRows(
			ROWS,
			{ survey: 'Parents 2026', prompt: '=HYPERLINK("x")', positive: ['Agree'] },
			'2026-10-01T09:00:00Z'
		);
		expect(header).toContain('Answered (n)');
		expect(rows).toHaveLength(3);
		const col = (name: string) => header!.indexOf(name);
		expect(rows[0]![col('Answered (n)')]).toBe(450);
		expect(rows[0]![col('Share (%)')]).toBe(38);
		expect(rows[0]![col('Share, 95% interval low (%)')]).toBeGreaterThan(33);
		// hidden under the rule: [c], never a 0 that lies
		expect(rows[1]![col('Answered (n)')]).toBe('[c]');
		expect(rows[1]![col('Positive')]).toBe('[c]');
		expect(rows[1]![col('Share (%)')]).toBeNull();
		expect(rows[1]![col('Note')]).toBe('hidden under the disclosure rule');
		expect(rows[2]![col('Change since baseline (points)')]).toBe(20);
		expect(rows[2]![col('Note')]).toBe('so far: the wave is still open');
		// a cell a spreadsheet would run as a formula is made text
		expect(rows[0]![col('Indicator')]).toBe(`'=HYPERLINK("x")`);
	});

	it('draws the wide chart, named by its summary, and makes a PNG of it on the server', () => {
		const svg = trendPictureSvg(ROWS, words, { decisions: [{ decided_on: '2026-01-15' }] });
		expect(svg).toMatch(/^<svg [^>]*role="img"/);
		expect(svg).toContain('width="640"');
		expect(svg).toContain('At the Autumn 2025 baseline, 38% of 450 answered strongly agree or agree');
		expect(svg).toContain('class="decision-marker"');
		expect(svgToPng(svg).subarray(0, 8)).toEqual(PNG_SIGNATURE);
	});

	it('draws a change of definition as the page does, labelled C1', () => {
		const change = {
			kind: 'positive answers' as const,
			at: '2026-02-01T10:00:00Z',
			version: 2,
			words: 'Which answers count as positive changed.'
		};
		const plain = trendPictureSvg(ROWS, words);
		const marked = trendPictureSvg(ROWS, words, { changes: [change], definition: { shown: 2, latest: 2 } });
		expect(plain).not.toContain('>C1<');
		expect(marked).toContain('>C1<');
	});
});

const RULE = {
	id: 'r',
	kind: 'under_10' as const,
	threshold: 10,
	rounding_base: 1,
	label: 'Under 10',
	chosen_at: ''
};

function wave(
	id: string,
	kind: 'baseline' | 'repeat',
	opens: string,
	positive: number,
	n: number
): TrendPoint {
	return {
		wave_id: id,
		wave_label: `Wave ${id}`,
		wave_kind: kind,
		opens_at: opens,
		closes_at: opens.replace(/-01T/, '-28T'),
		n,
		positive,
		share: positive / n,
		suppressed: false,
		n_suppressed: false,
		small_numbers: false,
		rounded_to: 1,
		as_of: '2026-06-01T00:00:00Z',
		rule: RULE,
		people_unknown: false,
		reconstructed: false,
		not_counted: false,
		definition: 1,
		latest_definition: 1,
		definition_changes: []
	};
}

function definition(id: string, priority: string, position: number): IndicatorDefinition {
	return {
		question_id: id,
		indicator_id: null,
		defined: false,
		survey_id: 's',
		survey_slug: 'survey',
		survey_title: 'Parent carers 2026',
		key: id,
		prompt: `Question ${id}`,
		kind: 'agreement_5',
		label: `Indicator ${id} <with markup & more>`,
		priority_id: priority,
		priority_title: priority,
		priority_position: position,
		baseline_wave_id: 'a',
		baseline_wave_label: 'Wave a',
		baseline_chosen: false,
		target_percent: 70,
		target_date: '2027-07-31',
		higher_is_better: true,
		retired: false,
		positive: ['Agree'],
		waves: []
	};
}

describe('the overview’s picture', () => {
	const trends = new Map(
		['q1', 'q2', 'q3'].map((q) => [
			q,
			[
				wave('a', 'baseline', '2025-01-01T00:00:00Z', 38, 100),
				wave('b', 'repeat', '2026-01-01T00:00:00Z', 58, 100)
			]
		])
	);
	const overview = buildOverview(
		[
			definition('q1', 'Families are heard', 1),
			definition('q2', 'Plans on time', 2),
			definition('q3', 'Families are heard', 1)
		],
		trends,
		new Date('2026-06-01T00:00:00Z')
	);
	const svg = overviewPictureSvg(overview, { organisation: 'Northbridge', asOf: '2026-06-01T10:00:00Z' });

	it('puts every indicator’s small multiple under its priority, in the page’s order, with its direction and target', () => {
		const order = ['Families are heard', 'Indicator q1', 'Indicator q3', 'Plans on time', 'Indicator q2'].map(
			(t) => svg.indexOf(t)
		);
		expect(order.every((at) => at > 0)).toBe(true);
		expect([...order].sort((x, y) => x - y)).toEqual(order);
		expect(svg.match(/class="trend-chart/g)).toHaveLength(3);
		expect(svg).toContain('Direction of travel: Better');
		expect(svg).toContain('Target 70% by 31 July 2027');
		expect(svg).toContain(overview.summary);
		expect(svg).toContain('As at 1 June 2026, 11:00');
		// text is escaped, so the SVG stays well formed
		expect(svg).toContain('Indicator q1 &lt;with markup &amp; more&gt;');
	});

	it('is one self-contained SVG that draws to a PNG on the server', () => {
		expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="640" height="\d+"/);
		expect(svg).not.toMatch(/href=|url\(http/);
		expect(svgToPng(svg).subarray(0, 8)).toEqual(PNG_SIGNATURE);
	});

	it('wraps words at a width and never drops one', () => {
		expect(wrapWords('Families feel listened to and heard', 14)).toEqual([
			'Families feel',
			'listened to',
			'and heard'
		]);
		expect(wrapWords('Supercalifragilistic words', 5)).toEqual(['Supercalifragilistic', 'words']);
	});
});

describe('a chart view’s download endpoint', () => {
	const member = { safeGetSession: async () => ({ session: null, user: { id: 'u' } as never }) };
	const stranger = { safeGetSession: async () => ({ session: null, user: null }) };
	const figures = (svg: string | null) => async () => ({
		name: 'equity-survey',
		rows: [
			['Group', 'Answered (n)'],
			['Primary', '[c]']
		],
		svg,
		noPicture: 'No picture for this question.'
	});
	const at = (query: string) => new URL(`http://localhost/dashboard/equity/download?${query}`);
	const status = async (promise: Promise<unknown>) => {
		try {
			await promise;
		} catch (e) {
			return {
				status: (e as { status: number }).status,
				text: (e as { body: { message: string } }).body.message
			};
		}
		throw new Error('expected a refusal');
	};

	it('gives a member the CSV by default, and the picture as SVG or PNG', async () => {
		const csv = await viewDownload(member, at(''), figures('<svg width="10" height="10"></svg>'));
		expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
		expect(csv.headers.get('content-disposition')).toBe('attachment; filename="equity-survey.csv"');
		expect(await csv.text()).toContain('Primary,[c]');
		const png = await viewDownload(member, at('format=png'), figures('<svg width="10" height="10"></svg>'));
		expect(png.headers.get('content-type')).toBe('image/png');
		expect(Buffer.from(await png.arrayBuffer()).subarray(0, 8)).toEqual(PNG_SIGNATURE);
	});

	it('refuses anyone signed out, an unknown format, and a picture a view does not draw, each with its reason', async () => {
		expect(await status(viewDownload(stranger, at('format=csv'), figures(null)))).toEqual({
			status: 401,
			text: 'Sign in to download figures.'
		});
		expect((await status(viewDownload(member, at('format=gif'), figures(null)))).status).toBe(400);
		expect(await status(viewDownload(member, at('format=svg'), figures(null)))).toEqual({
			status: 404,
			text: 'No picture for this question.'
		});
	});
});
