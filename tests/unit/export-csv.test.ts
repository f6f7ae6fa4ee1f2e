/**
 * The CSV of a download of responses (src/lib/exports/columns.ts, csvLines): what a spreadsheet or
 * a CSV parser reads back is exactly what was written, whatever a cell holds, and it is written as
 * csv-stringify would write it with its defaults.
 */
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CHANNELS, labelOf } from '$lib/domain';
import { columnsOf, csvLines, type Cell } from '$lib/exports/columns';
import { csvPageWriter } from '$lib/exports/csv-page';
import type { ExportDictionary, ExportRowsPage } from '$lib/exports/types';
import { responsesOf } from '$lib/server/exports/responses';

const AWKWARD: Cell[][] = [
	['response_id', 'wave', 'feel', 'age'],
	['a1', 'Wave 1, autumn', 'Agree', 9],
	['a2', 'The "spring" wave', null, 0],
	['a3', 'two\nlines', 'Strongly disagree', 12.5],
	['a4', 'carriage\r\nreturn', '', null],
	['a5', 'zaangażowany/zaangażowana', 'دراسة', -1]
];

describe('csvLines', () => {
	it('reads back through a CSV parser as written: commas, quotes, line breaks, accents, empty cells', () => {
		const read = parse(csvLines(AWKWARD)) as string[][];
		expect(read).toEqual(AWKWARD.map((row) => row.map((c) => (c === null ? '' : String(c)))));
	});

	it('writes what csv-stringify writes with its defaults, a line feed after each row', () => {
		expect(csvLines(AWKWARD)).toBe(stringify(AWKWARD));
		expect(csvLines([])).toBe('');
	});
});

/**
 * The CSV download writes each compact page straight from its arrays (csvPageWriter). Whatever the
 * survey and its answers, it must write exactly what the columns of the spreadsheet say
 * (columnsOf applied to responsesOf(page), written by csvLines): the same cells, byte for byte.
 */
describe('csvPageWriter', () => {
	const text = fc.oneof(
		fc.constantFrom(
			'Agree',
			'Wave, autumn',
			'The "spring" wave',
			'two\nlines',
			'zaangażowany/zaangażowana',
			'دراسة'
		),
		fc.string({ maxLength: 6 })
	);
	const code = fc.constantFrom('a', 'b', 'c', 'd', 'x,y', 'q"z');
	const kinds = [
		'agreement_5',
		'single_choice',
		'multi_choice',
		'number',
		'rating_0_10',
		'free_text'
	] as const;
	const question = fc.record({
		kind: fc.constantFrom(...kinds),
		prompt: text,
		version: fc.integer({ min: 1, max: 4 }),
		options: fc.uniqueArray(fc.record({ value: code, label: text }), {
			selector: (o) => o.value,
			maxLength: 4
		}),
		versions: fc.array(
			fc.record({
				version: fc.integer({ min: 1, max: 3 }),
				prompt: text,
				replaced_at: fc.constantFrom('2025-01-01T00:00:00Z', '2025-06-01T00:00:00Z')
			}),
			{ maxLength: 2 }
		)
	});
	const dictionary = fc
		.record({
			questions: fc.array(question, { minLength: 1, maxLength: 5 }),
			about: fc.array(
				fc.record({
					key: fc.constantFrom('phase', 'area'),
					label: text,
					categories: fc.uniqueArray(fc.record({ code, label: text }), {
						selector: (c) => c.code,
						maxLength: 3
					})
				}),
				{ maxLength: 2 }
			),
			waves: fc.uniqueArray(fc.record({ slug: code, label: text }), {
				selector: (w) => w.slug,
				minLength: 1,
				maxLength: 3
			}),
			labels: fc.boolean()
		})
		.map(({ questions, about, waves, labels }) => ({
			labels,
			d: {
				survey: { id: 's', title: 'Survey', slug: 'survey' },
				organisation: 'Northbridge',
				responses: 0,
				waves: waves.map((w, i) => ({
					id: `w${i}`,
					slug: w.slug,
					label: w.label,
					kind: 'baseline' as const
				})),
				questions: questions.map((q, i) => ({
					...q,
					key: `q${i}`,
					exported: q.kind !== 'free_text',
					options: q.kind === 'number' && i % 2 === 0 ? [] : q.options
				})),
				about: about.filter((a, i) => about.findIndex((b) => b.key === a.key) === i)
			} satisfies ExportDictionary
		}));

	/** a compact page of responses to that dictionary, as api.response_export_rows gives it */
	const pageOf = (d: ExportDictionary) => {
		const exported = d.questions.filter((q) => q.exported);
		const options = exported.flatMap((q) => q.options.map((o) => [q.key, o.value] as [string, string]));
		const numbers = exported.filter((q) => q.options.length === 0).map((q) => q.key);
		const row = fc.tuple(
			fc.uuid(),
			fc.integer({ min: 1, max: d.waves.length + 1 }),
			fc.constantFrom(
				'2024-12-01T10:00:00.5+00:00',
				'2025-03-01T00:00:00+00:00',
				'2025-09-09T09:09:09+00:00'
			),
			fc.constantFrom('online', 'paper', 'event', 'unknown_channel'),
			fc.constantFrom('en', 'pl', 'ur'),
			fc.constantFrom(null, 'self', 'helped', 'easy_read'),
			fc.dictionary(fc.constantFrom('phase', 'area', 'other'), code)
		);
		return fc.array(row, { maxLength: 6 }).chain((rows) =>
			fc
				.record({
					answers: fc.array(
						fc.tuple(
							fc.integer({ min: 1, max: Math.max(rows.length, 1) }),
							fc.integer({ min: 1, max: Math.max(options.length, 1) })
						),
						{ maxLength: options.length && rows.length ? 20 : 0 }
					),
					numbered: fc.array(
						fc.tuple(
							fc.integer({ min: 1, max: Math.max(rows.length, 1) }),
							fc.integer({ min: 1, max: Math.max(numbers.length, 1) }),
							fc.oneof(fc.integer({ min: -5, max: 10 }), fc.double({ min: 0, max: 10, noNaN: true }))
						),
						{ maxLength: numbers.length && rows.length ? 6 : 0 }
					)
				})
				.map(({ answers, numbered }): ExportRowsPage => ({
					waves: d.waves.map((w) => w.slug),
					options,
					numbers,
					rows,
					answers: { rows: answers.map((a) => a[0]), options: answers.map((a) => a[1]) },
					numbered: {
						rows: numbered.map((n) => n[0]),
						questions: numbered.map((n) => n[1]),
						values: numbered.map((n) => n[2])
					}
				}))
		);
	};

	it('writes the same text as the spreadsheet columns, for any survey, answers, labels or codes', () => {
		fc.assert(
			fc.property(
				dictionary.chain(({ d, labels }) => pageOf(d).map((page) => ({ d, labels, page }))),
				({ d, labels, page }) => {
					const columns = columnsOf(d, labels);
					const expected = csvLines(responsesOf(page).map((r) => columns.map((c) => c.cell(r))));
					expect(csvPageWriter(d, labels)(page)).toBe(expected);
				}
			),
			{ numRuns: 400 }
		);
	});

	it('puts a chosen option’s words, a skipped question’s empty cells and the wording’s version in their columns', () => {
		const d: ExportDictionary = {
			survey: { id: 's', title: 'Survey', slug: 'survey' },
			organisation: 'Northbridge',
			responses: 2,
			waves: [{ id: 'w', slug: 'baseline', label: 'Baseline, 2025', kind: 'baseline' }],
			questions: [
				{
					key: 'plan',
					kind: 'yes_no_unsure',
					prompt: 'Plan?',
					version: 2,
					exported: true,
					options: [
						{ value: 'yes', label: 'Yes' },
						{ value: 'no', label: 'No' }
					],
					versions: [{ version: 1, prompt: 'Old', replaced_at: '2025-02-01T00:00:00Z' }]
				},
				{
					key: 'help',
					kind: 'multi_choice',
					prompt: 'Help?',
					version: 1,
					exported: true,
					options: [
						{ value: 'school', label: 'School' },
						{ value: 'gp', label: 'GP' }
					],
					versions: []
				},
				{
					key: 'story',
					kind: 'free_text',
					prompt: 'Tell us',
					version: 1,
					exported: false,
					options: [],
					versions: []
				}
			],
			about: [{ key: 'phase', label: 'Phase', categories: [{ code: 'primary', label: 'Primary' }] }]
		};
		const page: ExportRowsPage = {
			waves: ['baseline'],
			options: [
				['plan', 'yes'],
				['plan', 'no'],
				['help', 'school'],
				['help', 'gp']
			],
			numbers: [],
			rows: [
				['r1', 1, '2025-01-05T00:00:00+00:00', 'online', 'en', null, { phase: 'primary' }],
				['r2', 1, '2025-03-05T00:00:00+00:00', 'paper', 'pl', null, {}]
			],
			answers: { rows: [1, 1, 2], options: [1, 4, 2] },
			numbered: { rows: [], questions: [], values: [] }
		};
		const [first, second] = parse(csvPageWriter(d, true)(page)) as string[][];
		// response_id, wave, submitted_at, channel, language, assistance, plan, plan_version,
		// help_school, help_gp, help_version, about_phase
		expect(first!.slice(1)).toEqual([
			'Baseline, 2025',
			'2025-01-05T00:00:00+00:00',
			labelOf(CHANNELS, 'online'),
			'en',
			'',
			'Yes',
			'1',
			'No',
			'Yes',
			'1',
			'Primary'
		]);
		expect(second!.slice(6)).toEqual(['No', '2', '', '', '', '']);
	});
});
