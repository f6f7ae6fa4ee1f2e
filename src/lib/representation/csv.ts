/**
 * Reading an uploaded population (a CSV with columns dimension, group, count, source and year). Pure: bytes in,
 * rows out, or the problems, each naming its row (row 1 is the first row under the header). The database checks
 * every row again (api.set_population) and knows the organisation's own groups; this catches what a file alone
 * shows.
 */
import { decodeUtf8, parseCsv } from '$lib/imports/csv';

export const POPULATION_COLUMNS = ['dimension', 'group', 'count', 'source', 'year'] as const;

export interface PopulationRow {
	dimension: string;
	group: string;
	count: string;
}

export interface PopulationFile {
	source: string;
	year: string;
	rows: PopulationRow[];
}

export interface FileProblem {
	row: number | null;
	message: string;
}

export type ReadPopulation = { ok: true; value: PopulationFile } | { ok: false; problems: FileProblem[] };

export const POPULATION_TEMPLATE =
	'dimension,group,count,source,year\r\n' +
	'support,total,5200,"Our SEN support census",2025\r\n' +
	'support,sen_support,4100,"Our SEN support census",2025\r\n' +
	'support,ehcp,1100,"Our SEN support census",2025\r\n';

export function readPopulationFile(bytes: Uint8Array): ReadPopulation {
	const text = decodeUtf8(bytes);
	if (!text.ok) return { ok: false, problems: [{ row: null, message: text.message }] };
	const parsed = parseCsv(text.value);
	if (!parsed.ok) return { ok: false, problems: [{ row: null, message: parsed.message }] };
	const { columns, rows } = parsed.value;
	const missing = POPULATION_COLUMNS.filter((c) => !columns.includes(c));
	const unknown = columns.filter((c) => !(POPULATION_COLUMNS as readonly string[]).includes(c));
	if (missing.length > 0 || unknown.length > 0) {
		const words: string[] = [];
		if (missing.length > 0)
			words.push(`The file needs the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}.`);
		if (unknown.length > 0) words.push(`These columns are not known: ${unknown.join(', ')}.`);
		return {
			ok: false,
			problems: [{ row: null, message: `${words.join(' ')} Use dimension, group, count, source and year.` }]
		};
	}
	const problems: FileProblem[] = [];
	let source = '';
	let year = '';
	const out: PopulationRow[] = [];
	rows.forEach((r, i) => {
		const row = i + 1;
		const dimension = r.dimension!.trim();
		const group = r.group!.trim();
		const count = r.count!.trim().replace(/,/g, '');
		const rowSource = r.source!.trim();
		const rowYear = r.year!.trim();
		if (dimension === '') problems.push({ row, message: 'The dimension is missing.' });
		if (group === '') problems.push({ row, message: 'The group is missing.' });
		if (/^-\d+$/.test(count))
			problems.push({ row, message: 'The count is negative: give a count of 0 or more.' });
		else if (count.includes('%'))
			problems.push({ row, message: `Give a count of people, not a share (“${count}”).` });
		else if (!/^\d{1,9}$/.test(count))
			problems.push({ row, message: `The count “${r.count!.trim()}” is not a whole number.` });
		if (rowSource !== '') {
			if (source === '') source = rowSource;
			else if (rowSource !== source)
				problems.push({
					row,
					message: `The source differs from row 1’s (“${source}”): give one source for the file.`
				});
		}
		if (rowYear !== '') {
			if (year === '') year = rowYear;
			else if (rowYear !== year)
				problems.push({
					row,
					message: `The year differs from the first row’s (“${year}”): give one year for the file.`
				});
		}
		out.push({ dimension, group, count });
	});
	if (source === '')
		problems.push({ row: null, message: 'Give the source of the figures in the source column.' });
	if (year === '') problems.push({ row: null, message: 'Give the year of the figures in the year column.' });
	if (problems.length > 0) return { ok: false, problems };
	return { ok: true, value: { source, year, rows: out } };
}
