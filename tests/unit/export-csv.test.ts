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
import { csvPageWriter } from '$lib/exports/page-writer';
import type { ExportDictionary, ExportRowsPage } from '$lib/exports/types';
import { dictionary, pageOf } from './export-arbitraries';
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
