/**
 * The CSV of a download of responses (src/lib/exports/columns.ts, csvLines): what a spreadsheet or
 * a CSV parser reads back is exactly what was written, whatever a cell holds, and it is written as
 * csv-stringify would write it with its defaults.
 */
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import { csvLines, type Cell } from '$lib/exports/columns';

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
