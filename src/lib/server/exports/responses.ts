import { PassThrough, Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';
import { call, type Client } from '../api';
import { columnsOf, csvLines, dictionaryRows, NO_RESPONSES, type Cell } from '$lib/exports/columns';
import { csvPageWriter } from '$lib/exports/csv-page';
import type { ExportDictionary, ExportedResponse, ExportRowsPage } from '$lib/exports/types';

/**
 * Downloads of responses, streamed: the responses are read a page at a time
 * (api.response_export_rows, after the last one of the page before) and each page is written out
 * as it comes, so neither this server nor the database holds a whole wave at once. While a page
 * is written, the database already reads the next one (one page ahead, never more). The download
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

/**
 * The compact pages of the responses, in the order they were sent. The next page is asked for as
 * soon as this one has come, so that the database reads it while this one is written.
 */
export async function* rowPages(
	supabase: Client,
	surveyId: string,
	waveId: string | null,
	pageSize = PAGE_SIZE
): AsyncGenerator<ExportRowsPage> {
	const pageAfter = (after: ExportRowsPage['rows'][number] | undefined) =>
		call(supabase, 'response_export_rows', {
			p_survey_id: surveyId,
			p_wave_id: waveId,
			p_after_submitted_at: after?.[2] ?? null,
			p_after_id: after?.[0] ?? null,
			p_limit: pageSize
		});
	let next: Promise<ExportRowsPage> | null = pageAfter(undefined);
	try {
		while (next) {
			const page: ExportRowsPage = await next;
			next = page.rows.length < pageSize ? null : pageAfter(page.rows.at(-1));
			if (page.rows.length > 0) yield page;
		}
	} finally {
		// a download stopped early: the page asked for in advance is not wanted, nor its failure
		next?.catch(() => {});
	}
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

/** The rows of the responses sheet: headings, then a row a response (or the note that there are none). */
async function* responseRows(
	supabase: Client,
	r: ExportRequest,
	d: ExportDictionary,
	pageSize: number
): AsyncGenerator<Cell[]> {
	const columns = columnsOf(d, r.labels);
	yield columns.map((c) => c.name);
	let any = false;
	for await (const page of responsePages(supabase, r.surveyId, r.waveId, pageSize)) {
		for (const response of page) {
			any = true;
			yield columns.map((c) => c.cell(response));
		}
	}
	if (!any) yield [NO_RESPONSES];
}

/**
 * The CSV file, a chunk a page: a byte-order mark (so that Excel reads the accents), the headings,
 * then each page's rows (or the note that there are none).
 */
async function* csvPages(
	supabase: Client,
	r: ExportRequest,
	d: ExportDictionary,
	pageSize: number
): AsyncGenerator<Buffer> {
	const columns = columnsOf(d, r.labels);
	yield Buffer.from('\ufeff' + csvLines([columns.map((c) => c.name)]));
	// each page written straight from its arrays (the same text as the columns write, faster)
	const write = csvPageWriter(d, r.labels);
	let any = false;
	for await (const page of rowPages(supabase, r.surveyId, r.waveId, pageSize)) {
		any = true;
		yield Buffer.from(write(page));
	}
	if (!any) yield Buffer.from(csvLines([[NO_RESPONSES]]));
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
	if (r.format === 'csv') {
		// a page at a time, pulled only as fast as the download takes it
		return Readable.from(csvPages(supabase, r, d, pageSize), { objectMode: false });
	}
	const out = new PassThrough();
	void writeWorkbook(supabase, r, d, pageSize, out).catch((e: unknown) => out.destroy(e as Error));
	return out;
}

async function writeWorkbook(
	supabase: Client,
	r: ExportRequest,
	d: ExportDictionary,
	pageSize: number,
	out: PassThrough
) {
	// a streaming writer: each row is written to the zip as it is committed, none kept
	const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
		stream: out,
		useStyles: false,
		useSharedStrings: false
	});
	workbook.creator = d.organisation;
	const responses = workbook.addWorksheet('Responses');
	let rows = 0;
	for await (const row of responseRows(supabase, r, d, pageSize)) {
		// the download went away: read no further
		if (out.destroyed) return;
		responses.addRow(row).commit();
		// let the download catch up before reading the next page
		if (++rows % 1000 === 0 && out.writableNeedDrain) await drained(out);
	}
	responses.commit();
	const dictionary = workbook.addWorksheet('Data dictionary');
	for (const row of dictionaryRows(d, columnsOf(d, r.labels))) dictionary.addRow(row).commit();
	dictionary.commit();
	await workbook.commit();
}

/** Resolves when the download has taken what was written, or has gone away. */
function drained(out: PassThrough): Promise<void> {
	return new Promise((ok) => {
		const done = () => {
			out.off('drain', done);
			out.off('close', done);
			ok();
		};
		out.once('drain', done);
		out.once('close', done);
	});
}
