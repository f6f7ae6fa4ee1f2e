import { PassThrough, Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';
import { call, type Client } from '../api';
import { columnsOf, dictionaryRows, NO_RESPONSES, type Cell } from '$lib/exports/columns';
import type { ExportDictionary, ExportedResponse } from '$lib/exports/types';

/**
 * Downloads of responses, streamed: the responses are read a page at a time
 * (api.response_export_page, after the last one of the page before) and each row is written out
 * as it comes, so neither this server nor the database holds a whole wave at once. The download
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
export const PAGE_SIZE = 2000;

/** Starts a download: the data dictionary, once the database has recorded who asked for what. */
export function startExport(supabase: Client, r: ExportRequest): Promise<ExportDictionary> {
	return call(supabase, 'start_response_export', {
		p_survey_id: r.surveyId,
		p_wave_id: r.waveId,
		p_format: r.format === 'xlsx' ? 'xlsx' : 'csv',
		p_labels: r.labels
	});
}

/** The responses, a page at a time, in the order they were sent. */
export async function* responsePages(
	supabase: Client,
	surveyId: string,
	waveId: string | null,
	pageSize = PAGE_SIZE
): AsyncGenerator<ExportedResponse[]> {
	let after: ExportedResponse | undefined;
	for (;;) {
		const page = await call(supabase, 'response_export_page', {
			p_survey_id: surveyId,
			p_wave_id: waveId,
			p_after_submitted_at: after?.submitted_at ?? null,
			p_after_id: after?.id ?? null,
			p_limit: pageSize
		});
		if (page.length === 0) return;
		yield page;
		if (page.length < pageSize) return;
		after = page.at(-1);
	}
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
		// csv-stringify pulls rows only as fast as the download takes them
		return Readable.from(responseRows(supabase, r, d, pageSize)).pipe(stringify({ bom: true }));
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
		responses.addRow(row).commit();
		// let the download catch up before reading the next page
		if (++rows % 1000 === 0 && out.writableNeedDrain) await new Promise((ok) => out.once('drain', ok));
	}
	responses.commit();
	const dictionary = workbook.addWorksheet('Data dictionary');
	for (const row of dictionaryRows(d, columnsOf(d, r.labels))) dictionary.addRow(row).commit();
	dictionary.commit();
	await workbook.commit();
}
