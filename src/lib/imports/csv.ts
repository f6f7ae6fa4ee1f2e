import { csvParseRows } from 'd3';
import type { AggregateItem } from './types';

/**
 * Reading CSV files for imports. Pure functions: bytes in, rows out, or one message that says what to
 * do next. The database checks every value again (api.import_responses, api.import_aggregate): these
 * only turn a file into rows.
 */

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

/** What api.import_responses reports. Row 1 is the first row under the header. */
export type { ImportReport } from './types';

/** One line of an aggregated import, as api.import_aggregate takes it. */
export type { AggregateItem } from './types';

export const MAX_ROWS = 5000;

export const MESSAGES = {
	encoding:
		'The file is not UTF-8 text. In Excel choose “Save as”, then “CSV UTF-8 (comma delimited)”, and upload that file.',
	empty: 'The file is empty. Choose a CSV file with a header row and one row for each response.',
	noRows: 'The file has a header row but no rows under it.',
	blankHeader: 'A column has no name in the header row. Name it, or delete the column.',
	duplicate: (c: string) => `The column “${c}” appears twice in the header row. Keep one.`,
	tooMany: (n: number) =>
		`The file has ${n.toLocaleString('en-GB')} rows. Import at most ${MAX_ROWS.toLocaleString('en-GB')} at a time: split the file.`,
	aggregateColumns: (cols: string[]) =>
		`These columns are not known: ${cols.join(', ')}. Use question_key, option_value, dimension, category, n, share and base.`,
	aggregateN:
		'The file needs an n column with each count: the number of respondents, and how many answered each question.',
	aggregateShareBase: (has: 'share' | 'base') =>
		has === 'share'
			? 'The file has a share column but no base column. A share is a percentage of its base: how many answered the question.'
			: 'The file has a base column but no share column. Give the percentage who chose each answer in a share column.'
};

/** The text of a file that must be UTF-8 (a byte order mark is allowed and dropped). */
export function decodeUtf8(bytes: Uint8Array): Parsed<string> {
	try {
		const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
		return { ok: true, value: text.replace(/^\uFEFF/, '') };
	} catch {
		return { ok: false, message: MESSAGES.encoding };
	}
}

function isBlank(row: Record<string, string>): boolean {
	return Object.values(row).every((v) => v.trim() === '');
}

/**
 * Rows keyed by column. Column names are trimmed and lower-cased; cells are kept as written (the
 * database trims text answers). Empty rows at the end are dropped; columns with neither a name nor
 * any value (trailing commas) are ignored.
 */
export function parseCsv(text: string): Parsed<{ columns: string[]; rows: Record<string, string>[] }> {
	if (text.trim() === '') return { ok: false, message: MESSAGES.empty };
	// rows of cells, each row made into an object here: d3's csvParse builds them from the header's
	// names as code, which a header such as "__proto__,__proto__" broke (an exception) and a column
	// called __proto__ lost
	const [raw = [], ...body] = csvParseRows(text);
	const names = raw.map((c) => c.trim().toLowerCase());
	const keep: number[] = [];
	for (const [i, name] of names.entries()) {
		if (name === '') {
			if (body.some((r) => (r[i] ?? '').trim() !== '')) return { ok: false, message: MESSAGES.blankHeader };
			continue;
		}
		if (names.indexOf(name) !== i) return { ok: false, message: MESSAGES.duplicate(name) };
		keep.push(i);
	}
	// each column an own field, whatever it is called (Object.fromEntries defines, never assigns)
	const rows = body.map((r) => Object.fromEntries(keep.map((i) => [names[i]!, r[i] ?? ''])));
	while (rows.length > 0 && isBlank(rows[rows.length - 1]!)) rows.pop();
	if (rows.length === 0) return { ok: false, message: MESSAGES.noRows };
	if (rows.length > MAX_ROWS) return { ok: false, message: MESSAGES.tooMany(rows.length) };
	return { ok: true, value: { columns: keep.map((i) => names[i]!), rows } };
}

/** A file of responses, one row a response: bytes to rows for api.import_responses. */
export function readResponsesFile(
	bytes: Uint8Array
): Parsed<{ columns: string[]; rows: Record<string, string>[] }> {
	const text = decodeUtf8(bytes);
	return text.ok ? parseCsv(text.value) : text;
}

const AGGREGATE_COLUMNS = [
	'question_key',
	'option_value',
	'dimension',
	'category',
	'n',
	'share',
	'base'
] as const;

/**
 * A file of counts: question_key, option_value, dimension, category, n, and optionally share and base. A
 * row with no question_key is the number of respondents (in a group, when dimension and category are
 * given); with a question_key and no option_value, how many answered the question (required for every
 * question with answers, the denominator); with both, how many chose that answer: n, or share (a published
 * percentage) of base. Empty cells are left out; the database checks the rest.
 */
export function readAggregateFile(bytes: Uint8Array): Parsed<AggregateItem[]> {
	const parsed = readResponsesFile(bytes);
	if (!parsed.ok) return parsed;
	const unknown = parsed.value.columns.filter((c) => !(AGGREGATE_COLUMNS as readonly string[]).includes(c));
	if (unknown.length > 0) return { ok: false, message: MESSAGES.aggregateColumns(unknown) };
	const columns = parsed.value.columns;
	if (!columns.includes('n')) return { ok: false, message: MESSAGES.aggregateN };
	if (columns.includes('share') !== columns.includes('base'))
		return { ok: false, message: MESSAGES.aggregateShareBase(columns.includes('share') ? 'share' : 'base') };
	return {
		ok: true,
		value: parsed.value.rows.map((r) => {
			const item: AggregateItem = {};
			for (const c of [
				'question_key',
				'option_value',
				'dimension',
				'category',
				'n',
				'share',
				'base'
			] as const) {
				const v = (r[c] ?? '').trim();
				if (v) item[c] = v;
			}
			return item;
		})
	};
}

/**
 * An example file of counts, shown on the import page and offered as a download: 120 respondents, 30 of
 * them at primary school; 85 answered "I feel listened to" (64 agreed, 21 did not), given as counts; 90
 * answered "Which services do you use?", given as published percentages of that base.
 */
export const AGGREGATE_EXAMPLE = [
	'question_key,option_value,dimension,category,n,share,base',
	',,,,120,,',
	',,phase,primary,30,,',
	'feel,,,,85,,',
	'feel,agree,,,64,,',
	'feel,disagree,,,21,,',
	'feel,,phase,primary,25,,',
	'feel,agree,phase,primary,20,,',
	'feel,disagree,phase,primary,5,,',
	'services,,,,90,,',
	'services,health,,,,75,90',
	'services,education,,,,40.5,90',
	''
].join('\n');

/** The spreadsheet row of a data row (the header is row 1). */
export function sheetRow(row: number): number {
	return row + 1;
}
