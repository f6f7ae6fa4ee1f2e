import type { Cell } from './columns';
import type { CellFormat } from './page-writer';

/**
 * The spreadsheet (XLSX, Office Open XML) as text: the parts of a workbook of two sheets, and its
 * rows. The download writes the rows straight from each compact page (page-writer.ts with
 * xlsxCells) and zips the parts as they come (src/lib/server/exports/responses.ts): ExcelJS's
 * streaming writer made a Cell and a Row object for each of two million cells and took over 7 s of
 * the server's time for 100,000 responses (bench/export.bench.ts). What it writes is read back by
 * ExcelJS in tests/unit/export-xlsx.test.ts and by the browser tests.
 *
 * Text is written inline (no table of shared strings, so nothing is held to the end), numbers as
 * numbers; characters that XML cannot hold (control characters other than tab and line breaks) are
 * left out, as ExcelJS does, and text that Excel would read as an escape (_x0041_) is kept as typed.
 */

// eslint-disable-next-line no-control-regex -- the characters XML cannot hold
const INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF]/g;
// eslint-disable-next-line no-control-regex -- the same, and what XML reserves
const SPECIAL = /[&<>\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF]|_x[0-9A-Fa-f]{4}_/;

/** Text as XML character data: &, < and > escaped, characters XML cannot hold left out. */
export function xmlText(s: string): string {
	if (!SPECIAL.test(s)) return s;
	return s
		.replace(INVALID, '')
		.replaceAll('&', '&amp;')
		.replaceAll('<', '&lt;')
		.replaceAll('>', '&gt;')
		.replace(/_(x[0-9A-Fa-f]{4}_)/g, '_x005F_$1');
}

/** Text as a `<t>` element: its spaces kept where it starts or ends with one. */
function textElement(v: string): string {
	return /^\s|\s$/.test(v) ? `<t xml:space="preserve">${xmlText(v)}</t>` : `<t>${xmlText(v)}</t>`;
}

/** A cell's content after its reference: '' (no cell), a number, or inline text. */
function cellBody(v: Cell): string {
	if (v === null || v === '') return '';
	if (typeof v === 'number') return Number.isFinite(v) ? `><v>${v}</v></c>` : '';
	return ` t="inlineStr"><is>${textElement(v)}</is></c>`;
}

/**
 * The workbook's shared strings: a text that recurs in many rows (an option's words, Yes, a wave) is
 * kept once and each of its cells refers to it by number, so that the sheet is about 40% smaller
 * and quicker to write, zip and open. Only such texts are shared (one a question's option, a
 * channel, a wave, a language), so the table stays as small as the survey, whatever the number of
 * responses; it is zipped after the sheets.
 */
export class SharedStrings {
	#index = new Map<string, number>();
	/** a shared text's cell content */
	body(v: Cell): string {
		if (typeof v !== 'string' || v === '') return cellBody(v);
		let i = this.#index.get(v);
		if (i === undefined) this.#index.set(v, (i = this.#index.size));
		return ` t="s"><v>${i}</v></c>`;
	}
	get size(): number {
		return this.#index.size;
	}
	xml(): string {
		let out = `${XML}<sst xmlns="${MAIN}" uniqueCount="${this.#index.size}">`;
		for (const text of this.#index.keys()) out += `<si>${textElement(text)}</si>`;
		return out + '</sst>';
	}
}

/** A column's letters: 0 is A, 25 Z, 26 AA. */
export function columnName(i: number): string {
	let name = '';
	for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26))
		name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
	return name;
}

/**
 * The rows of a sheet, numbered from `first` (1: the first row): each cell's content is worked out
 * once (cell; fixed for a text that recurs, kept in `shared`), and a row places them (row), so that
 * a page's cells can be shared between its rows.
 */
export function xlsxCells(first = 1, shared?: SharedStrings): CellFormat {
	// each column's opening, `<c r="AB`, made once; a row's parts joined once (adding to one string
	// cell by cell took three times as long)
	const openings: string[] = [];
	let n = first;
	return {
		cell: cellBody,
		fixed: shared ? (v) => shared.body(v) : cellBody,
		row(cells) {
			const number = String(n++);
			const parts = ['<row r="', number, '">'];
			for (let i = 0; i < cells.length; i++) {
				const body = cells[i]!;
				if (body !== '') parts.push((openings[i] ??= `<c r="${columnName(i)}`), number, '"', body);
			}
			parts.push('</row>');
			return parts.join('');
		}
	};
}

/** Rows of cells as a sheet's rows, numbered from `first`. */
export function xlsxRows(rows: Cell[][], first = 1): string {
	const f = xlsxCells(first);
	let out = '';
	for (const row of rows) out += f.row(row.map(f.cell));
	return out;
}

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PACKAGE_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';

export const SHEET_START = `${XML}<worksheet xmlns="${MAIN}" xmlns:r="${REL}"><sheetData>`;
export const SHEET_END = '</sheetData></worksheet>';

/** The workbook's parts other than its sheets and shared strings, in the order they are zipped. */
export function workbookParts(sheets: string[], creator: string, created: Date): [string, string][] {
	const sheetTypes = sheets
		.map(
			(_, i) =>
				`<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`
		)
		.join('');
	return [
		[
			'[Content_Types].xml',
			`${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
				'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
				'<Default Extension="xml" ContentType="application/xml"/>' +
				'<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
				'<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
				'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' +
				'<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
				`${sheetTypes}</Types>`
		],
		[
			'_rels/.rels',
			`${XML}<Relationships xmlns="${PACKAGE_REL}">` +
				`<Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/>` +
				'<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
				'</Relationships>'
		],
		[
			'docProps/core.xml',
			`${XML}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ` +
				'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ' +
				'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
				`<dc:creator>${xmlText(creator)}</dc:creator>` +
				`<dcterms:created xsi:type="dcterms:W3CDTF">${created.toISOString().replace(/\.\d+Z$/, 'Z')}</dcterms:created>` +
				'</cp:coreProperties>'
		],
		[
			'xl/workbook.xml',
			`${XML}<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets>` +
				sheets
					.map((name, i) => `<sheet name="${xmlText(name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
					.join('') +
				'</sheets></workbook>'
		],
		[
			'xl/_rels/workbook.xml.rels',
			`${XML}<Relationships xmlns="${PACKAGE_REL}">` +
				sheets
					.map(
						(_, i) =>
							`<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`
					)
					.join('') +
				`<Relationship Id="rId${sheets.length + 1}" Type="${REL}/styles" Target="styles.xml"/>` +
				`<Relationship Id="rId${sheets.length + 2}" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>` +
				'</Relationships>'
		],
		[
			'xl/styles.xml',
			// the least a workbook's styles hold: one font, the two fills Excel expects, one border, one format
			`${XML}<styleSheet xmlns="${MAIN}">` +
				'<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>' +
				'<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
				'<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
				'<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
				'<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>' +
				'<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
				'</styleSheet>'
		]
	];
}
