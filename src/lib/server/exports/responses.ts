import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import { ZipFile } from 'yazl';
import { call, type Client } from '../api';
import { columnsOf, csvLines, dictionaryRows, NO_RESPONSES } from '$lib/exports/columns';
import { csvPageWriter, pageWriter } from '$lib/exports/page-writer';
import { SharedStrings, SHEET_END, SHEET_START, workbookParts, xlsxCells, xlsxRows } from '$lib/exports/xlsx';
import type { ExportDictionary, ExportedResponse, ExportRowsPage } from '$lib/exports/types';
import { pagesInOrder, type PageReader } from './page-ranges';

/**
 * Downloads of responses, streamed: the responses are read a page at a time
 * (api.response_export_rows, between the ends of the pages that api.response_export_bounds gives)
 * and each page is written out as it comes, so neither this server nor the database holds a whole
 * wave at once. While a page is written, the database already reads the next ones (PAGES_AHEAD at
 * once, never more). The download
 * is recorded in the audit log when it starts (api.start_response_export), which also refuses
 * anyone but admins, leads and officers before a byte is sent.
 */

export type ExportFormat = 'csv' | 'xlsx' | 'dictionary';

export interface ExportRequest {
	surveyId: string;
	/** null: every wave of the survey */
	waveId: string | null;
	format: ExportFormat;
	/** the options' words (true) or their codes */
	labels: boolean;
}

/** responses a page: large enough that a call's cost is spread, small enough to keep memory flat */
export const PAGE_SIZE = 5000;

/** Starts a download: the data dictionary, once the database has recorded who asked for what. */
export function startExport(supabase: Client, r: ExportRequest): Promise<ExportDictionary> {
	return call(supabase, 'start_response_export', {
		p_survey_id: r.surveyId,
		p_wave_id: r.waveId,
		p_format: r.format === 'xlsx' ? 'xlsx' : 'csv',
		p_labels: r.labels
	});
}

/** A compact page's responses as the columns read them: answers by question key. */
export function responsesOf(page: ExportRowsPage): ExportedResponse[] {
	const responses: ExportedResponse[] = page.rows.map(
		([id, wave, submitted_at, channel, language, assistance, about]) => ({
			id,
			wave: page.waves[wave - 1] ?? '',
			submitted_at,
			channel,
			language,
			assistance,
			about,
			answers: {}
		})
	);
	// one answer of one option, shared by every response that chose it (never changed: a second
	// option of the same question makes a new list)
	const alone = page.options.map(([, value]) => [value]);
	const { rows, options } = page.answers;
	for (let i = 0; i < rows.length; i++) {
		const response = responses[rows[i]! - 1];
		const n = options[i]! - 1;
		const option = page.options[n];
		if (!response || !option) continue;
		const given = response.answers[option[0]];
		response.answers[option[0]] = Array.isArray(given) ? [...given, option[1]] : alone[n]!;
	}
	const numbered = page.numbered;
	for (let i = 0; i < numbered.rows.length; i++) {
		const response = responses[numbered.rows[i]! - 1];
		const key = page.numbers[numbered.questions[i]! - 1];
		if (response && key !== undefined) response.answers[key] = numbered.values[i]!;
	}
	return responses;
}

/** pages read at once: two database sessions, while this server writes the page before */
export const PAGES_AHEAD = 2;

/**
 * The compact pages of the responses, in the order they were sent. The ends of the pages are read
 * first (api.response_export_bounds), then up to PAGES_AHEAD pages at once, each between its two
 * ends (see page-ranges.ts), so that the database reads the next pages while this one is written.
 */
export async function* rowPages(
	supabase: Client,
	surveyId: string,
	waveId: string | null,
	pageSize = PAGE_SIZE,
	ahead = PAGES_AHEAD
): AsyncGenerator<ExportRowsPage> {
	const ends = await call(supabase, 'response_export_bounds', {
		p_survey_id: surveyId,
		p_wave_id: waveId,
		p_limit: pageSize
	});
	const reader: PageReader<ExportRowsPage> = {
		read: (after, before) =>
			call(supabase, 'response_export_rows', {
				p_survey_id: surveyId,
				p_wave_id: waveId,
				p_after_submitted_at: after?.[0] ?? null,
				p_after_id: after?.[1] ?? null,
				p_before_submitted_at: before?.[0] ?? null,
				p_before_id: before?.[1] ?? null,
				p_limit: pageSize
			}),
		count: (page) => page.rows.length,
		last: (page) => {
			const row = page.rows.at(-1);
			return row && [row[2], row[0]];
		}
	};
	yield* pagesInOrder(ends, reader, pageSize, ahead);
}

/** The responses, a page at a time, in the order they were sent. */
export async function* responsePages(
	supabase: Client,
	surveyId: string,
	waveId: string | null,
	pageSize = PAGE_SIZE
): AsyncGenerator<ExportedResponse[]> {
	for await (const page of rowPages(supabase, surveyId, waveId, pageSize)) yield responsesOf(page);
}

/**
 * The CSV file, a chunk a page: a byte-order mark (so that Excel reads the accents), the headings,
 * then each page's rows (or the note that there are none).
 */
async function* csvChunks(
	pages: AsyncIterable<ExportRowsPage>,
	d: ExportDictionary,
	labels: boolean
): AsyncGenerator<Buffer> {
	const columns = columnsOf(d, labels);
	yield Buffer.from('\ufeff' + csvLines([columns.map((c) => c.name)]));
	// each page written straight from its arrays (the same text as the columns write, faster)
	const write = csvPageWriter(d, labels);
	let any = false;
	for await (const page of pages) {
		any ||= page.rows.length > 0;
		yield Buffer.from(write(page));
	}
	if (!any) yield Buffer.from(csvLines([[NO_RESPONSES]]));
}

/**
 * zip's deflate level for the spreadsheet: 1, the fastest, still makes the file about a seventh of
 * its XML; level 6 took five times as long
 */
const XLSX_LEVEL = 1;

/** The responses sheet's XML, a page at a time: headings, then each page's rows written straight from the page. */
async function* responsesSheet(
	pages: AsyncIterable<ExportRowsPage>,
	d: ExportDictionary,
	labels: boolean,
	shared: SharedStrings
): AsyncGenerator<Buffer> {
	yield Buffer.from(SHEET_START + xlsxRows([columnsOf(d, labels).map((c) => c.name)]));
	// the responses from the second row, their recurring texts kept once in `shared`
	const write = pageWriter(d, labels, xlsxCells(2, shared));
	let any = false;
	for await (const page of pages) {
		any ||= page.rows.length > 0;
		yield Buffer.from(write(page));
	}
	yield Buffer.from((any ? '' : xlsxRows([[NO_RESPONSES]], 2)) + SHEET_END);
}

/**
 * The spreadsheet: a workbook with the responses and the data dictionary, zipped as it is written
 * (yazl, with Node's own zlib, which deflates off this server's thread), so that no more than a page
 * is held at once. A download that goes away stops the reading of pages.
 */
function workbookStream(
	pages: AsyncIterable<ExportRowsPage>,
	d: ExportDictionary,
	labels: boolean
): Readable {
	const zip = new ZipFile();
	const sheets = ['Responses', 'Data dictionary'];
	const options = { compressionLevel: XLSX_LEVEL, mtime: new Date() };
	for (const [name, text] of workbookParts(sheets, d.organisation, options.mtime))
		zip.addBuffer(Buffer.from(text), name, options);
	const shared = new SharedStrings();
	const responses = Readable.from(responsesSheet(pages, d, labels, shared), { objectMode: false });
	zip.addReadStreamLazy('xl/worksheets/sheet1.xml', options, (done) => done(null, responses));
	const dictionary = SHEET_START + xlsxRows(dictionaryRows(d, columnsOf(d, labels))) + SHEET_END;
	zip.addBuffer(Buffer.from(dictionary), 'xl/worksheets/sheet2.xml', options);
	// once the responses are written, the texts they share
	zip.addReadStreamLazy('xl/sharedStrings.xml', options, (done) => done(null, Readable.from([shared.xml()])));
	zip.end();
	const out = zip.outputStream as Readable;
	// a page that cannot be read fails the download; a download that goes away reads no further
	responses.once('error', (e) => out.destroy(e));
	zip.once('error', (e: Error) => out.destroy(e));
	out.once('close', () => responses.destroy());
	return out;
}

/**
 * The file of the responses in `pages` (compact pages, in order) as a stream of bytes: CSV (UTF-8
 * with a byte-order mark) or a workbook with the responses and the data dictionary, pulled a page
 * at a time, only as fast as the download takes it.
 */
export function responsesFile(
	format: 'csv' | 'xlsx',
	d: ExportDictionary,
	labels: boolean,
	pages: AsyncIterable<ExportRowsPage>
): Readable {
	return format === 'csv'
		? Readable.from(csvChunks(pages, d, labels), { objectMode: false })
		: workbookStream(pages, d, labels);
}

/** The download's file name: survey, wave (or all waves), what it holds. */
export function fileName(d: ExportDictionary, r: ExportRequest): string {
	const wave = r.waveId ? (d.waves[0]?.slug ?? 'wave') : `${d.survey.slug}-all-waves`;
	const what = r.format === 'dictionary' ? 'data-dictionary.csv' : `responses.${r.format}`;
	return `${wave}-${what}`;
}

/**
 * The file as a stream of bytes: CSV (UTF-8 with a byte-order mark, so that Excel reads the
 * accents), the data dictionary as CSV, or a workbook with the responses and the data dictionary.
 */
export function exportStream(
	supabase: Client,
	r: ExportRequest,
	d: ExportDictionary,
	pageSize = PAGE_SIZE
): Readable {
	if (r.format === 'dictionary') {
		return Readable.from(dictionaryRows(d, columnsOf(d, r.labels))).pipe(stringify({ bom: true }));
	}
	return responsesFile(r.format, d, r.labels, rowPages(supabase, r.surveyId, r.waveId, pageSize));
}
