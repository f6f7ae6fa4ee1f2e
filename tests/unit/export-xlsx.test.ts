/**
 * The spreadsheet download (src/lib/exports/xlsx.ts, page-writer.ts, and responsesFile in
 * src/lib/server/exports/responses.ts): whatever the survey, its answers and the number of pages,
 * a spreadsheet reader (ExcelJS) finds in the Responses sheet exactly the cells the columns give
 * (columnsOf applied to responsesOf(page)), texts as texts and numbers as numbers, a row a response
 * in order, and the data dictionary in its own sheet; an empty download has the headings and a note.
 */
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { columnsOf, dictionaryRows, NO_RESPONSES, type Cell } from '$lib/exports/columns';
import type { ExportDictionary, ExportRowsPage } from '$lib/exports/types';
import { columnName, xmlText } from '$lib/exports/xlsx';
import { responsesFile, responsesOf } from '$lib/server/exports/responses';
import { dictionary, pageOf } from './export-arbitraries';

async function workbookOf(d: ExportDictionary, labels: boolean, pages: ExportRowsPage[]) {
	const chunks: Buffer[] = [];
	for await (const chunk of responsesFile('xlsx', d, labels, Readable.from(pages)))
		chunks.push(chunk as Buffer);
	const book = new ExcelJS.Workbook();
	await book.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
	return book;
}

/** A sheet's rows as cells (ExcelJS numbers its columns from 1), empty cells as null. */
function rowsOf(sheet: ExcelJS.Worksheet, width: number): Cell[][] {
	const rows: Cell[][] = [];
	for (let n = 1; n <= sheet.rowCount; n++) {
		const row = sheet.getRow(n);
		rows.push(
			Array.from({ length: width }, (_, i) => {
				const v = row.getCell(i + 1).value;
				if (v === null || v === undefined) return null;
				if (typeof v === 'number') return v;
				return String(v);
			})
		);
	}
	return rows;
}

const blank = (c: Cell) => (c === '' ? null : c);

describe('the spreadsheet of responses', () => {
	it('holds the cells the columns give, for any survey, answers, labels or codes, over several pages', async () => {
		await fc.assert(
			fc.asyncProperty(
				dictionary.chain(({ d, labels }) =>
					fc.array(pageOf(d), { minLength: 1, maxLength: 3 }).map((pages) => ({ d, labels, pages }))
				),
				async ({ d, labels, pages }) => {
					// ExcelJS reads text written as _xHHHH_ as Excel does only in shared strings, not inline:
					// that text has a test of its own below
					fc.pre(!JSON.stringify(d).includes('_x0041_'));
					const columns = columnsOf(d, labels);
					const book = await workbookOf(d, labels, pages);
					const responses = pages.flatMap(responsesOf);
					const expected = [
						columns.map((c) => c.name),
						...(responses.length
							? responses.map((r) => columns.map((c) => blank(c.cell(r))))
							: [[NO_RESPONSES, ...columns.slice(1).map(() => null)]])
					];
					expect(rowsOf(book.getWorksheet('Responses')!, columns.length)).toEqual(expected);
					const meaning = dictionaryRows(d, columns).map((row) => row.map(blank));
					expect(rowsOf(book.getWorksheet('Data dictionary')!, 3)).toEqual(meaning);
				}
			),
			{ numRuns: 100 }
		);
	});

	it('keeps text that Excel would read as an escape (_x0041_) as it was typed', async () => {
		const d: ExportDictionary = {
			survey: { id: 's', title: 'Survey', slug: 'survey' },
			organisation: 'Northbridge',
			responses: 1,
			waves: [{ id: 'w', slug: 'baseline', label: 'Baseline', kind: 'baseline' }],
			questions: [
				{
					key: 'feel',
					kind: 'single_choice',
					prompt: 'How?',
					version: 1,
					exported: true,
					options: [{ value: 'odd', label: '_x0041_ is not A' }],
					versions: []
				}
			],
			about: []
		};
		const page: ExportRowsPage = {
			waves: ['baseline'],
			options: [['feel', 'odd']],
			numbers: [],
			rows: [['r1', 1, '2025-01-05T00:00:00+00:00', 'online', 'en', null, {}]],
			answers: { rows: [1], options: [1] },
			numbered: { rows: [], questions: [], values: [] }
		};
		const sheet = (await workbookOf(d, true, [page])).getWorksheet('Responses')!;
		expect(sheet.getRow(2).getCell(7).value).toBe('_x0041_ is not A');
	});

	it('writes the organisation as the author and a row of headings over an empty download', async () => {
		const d: ExportDictionary = {
			survey: { id: 's', title: 'Survey', slug: 'survey' },
			organisation: 'Northbridge & District',
			responses: 0,
			waves: [{ id: 'w', slug: 'baseline', label: 'Baseline', kind: 'baseline' }],
			questions: [],
			about: []
		};
		const book = await workbookOf(d, true, []);
		expect(book.creator).toBe('Northbridge & District');
		const sheet = book.getWorksheet('Responses')!;
		expect(sheet.getRow(1).getCell(1).value).toBe('response_id');
		expect(sheet.getRow(2).getCell(1).value).toBe(NO_RESPONSES);
	});
});

describe('xmlText and columnName', () => {
	it('escapes what XML reserves, leaves out what it cannot hold, and keeps text Excel would read as an escape', () => {
		expect(xmlText('Tom & Jerry <3>')).toBe('Tom &amp; Jerry &lt;3&gt;');
		expect(xmlText('bell\u0007 and tab\t and line\n')).toBe('bell and tab\t and line\n');
		expect(xmlText('_x0041_')).toBe('_x005F_x0041_');
		expect(xmlText('plain text, no change')).toBe('plain text, no change');
	});

	it('names columns as a spreadsheet does', () => {
		expect([0, 25, 26, 51, 52, 701, 702, 16383].map(columnName)).toEqual([
			'A',
			'Z',
			'AA',
			'AZ',
			'BA',
			'ZZ',
			'AAA',
			'XFD'
		]);
	});
});
