import { ASSISTANCE, CHANNELS, labelOf } from '$lib/domain';
import type { ExportDictionary, ExportedResponse } from './types';

/**
 * The columns of a download of responses, one row a response: who sent it how and when, each
 * exported question (a question with several answers has a column per option), the version of each
 * question's wording the response answered, and the about-you answers. `labels` chooses what a cell
 * says: the option's words ("Agree", "Yes") or its code ("agree", 1).
 *
 * Free text is not among them: it may hold a safeguarding disclosure, and it stays in the database
 * until the safeguarding work (in progress) gives a reviewed answer a way out. The data dictionary
 * lists those questions and says so.
 */
export type Cell = string | number | null;

export interface Column {
	/** the column's heading: a stable code (question key, key_option, about_dimension) */
	name: string;
	/** what the column holds, for the data dictionary */
	meaning: string;
	/** its codes and what they mean, for the data dictionary ("agree = Agree; …"), or "" */
	codes: string;
	cell: (r: ExportedResponse) => Cell;
}

export const SINGLE_ANSWER = new Set([
	'agreement_5',
	'faces_3',
	'yes_no_unsure',
	'single_choice',
	'rating_0_10'
]);

/** The version of the question's wording in force when a response was sent. */
export function versionAt(q: ExportDictionary['questions'][number]): (sentAt: string) => number {
	const replaced = q.versions.map((v) => ({ version: v.version, at: Date.parse(v.replaced_at) }));
	if (replaced.length === 0) return () => q.version;
	return (sentAt) => {
		const t = Date.parse(sentAt);
		for (const v of replaced) if (t < v.at) return v.version;
		return q.version;
	};
}

export function columnsOf(d: ExportDictionary, labels: boolean): Column[] {
	const waves = new Map(d.waves.map((w) => [w.slug, w.label]));
	const columns: Column[] = [
		{ name: 'response_id', meaning: 'The response’s own id', codes: '', cell: (r) => r.id },
		{
			name: 'wave',
			meaning: 'The wave it answered',
			codes: d.waves.map((w) => `${w.slug} = ${w.label}`).join('; '),
			cell: (r) => (labels ? (waves.get(r.wave) ?? r.wave) : r.wave)
		},
		{
			name: 'submitted_at',
			meaning: 'When it was sent (UTC, ISO 8601)',
			codes: '',
			cell: (r) => r.submitted_at
		},
		{
			name: 'channel',
			meaning: 'How it reached us',
			codes: CHANNELS.map((c) => `${c.value} = ${c.label}`).join('; '),
			cell: (r) => (labels ? labelOf(CHANNELS, r.channel) : r.channel)
		},
		{ name: 'language', meaning: 'The language it was answered in', codes: '', cell: (r) => r.language },
		{
			name: 'assistance',
			meaning: 'How the answers were given',
			codes: ASSISTANCE.map((a) => `${a.value} = ${a.label}`).join('; '),
			cell: (r) => (r.assistance ? (labels ? labelOf(ASSISTANCE, r.assistance) : r.assistance) : null)
		}
	];

	for (const q of d.questions) {
		if (!q.exported) continue;
		const optionCodes = q.options.map((o) => `${o.value} = ${o.label}`).join('; ');
		if (q.kind === 'multi_choice') {
			for (const o of q.options) {
				columns.push({
					name: `${q.key}_${o.value}`,
					meaning: `${q.prompt} – ${o.label}`,
					codes: labels ? 'Yes; No' : '1 = chosen; 0 = not chosen',
					cell: (r) => {
						const a = r.answers[q.key];
						if (!Array.isArray(a)) return null;
						const chosen = a.includes(o.value);
						return labels ? (chosen ? 'Yes' : 'No') : chosen ? 1 : 0;
					}
				});
			}
		} else if (SINGLE_ANSWER.has(q.kind)) {
			const label = new Map(q.options.map((o) => [o.value, o.label]));
			columns.push({
				name: q.key,
				meaning: q.prompt,
				codes: optionCodes,
				cell: (r) => {
					const a = r.answers[q.key];
					if (!Array.isArray(a) || a.length === 0) return null;
					return labels ? (label.get(a[0]!) ?? a[0]!) : a[0]!;
				}
			});
		} else {
			columns.push({
				name: q.key,
				meaning: q.prompt,
				codes: '',
				cell: (r) => {
					const a = r.answers[q.key];
					return typeof a === 'number' ? a : null;
				}
			});
		}
		const version = versionAt(q);
		columns.push({
			name: `${q.key}_version`,
			meaning: `The version of the wording of “${q.key}” the response answered`,
			codes: q.versions.length
				? [...q.versions.map((v) => `${v.version} = ${v.prompt}`), `${q.version} = ${q.prompt}`].join('; ')
				: `${q.version} = ${q.prompt}`,
			cell: (r) => (r.answers[q.key] === undefined ? null : version(r.submitted_at))
		});
	}

	for (const a of d.about) {
		const label = new Map(a.categories.map((c) => [c.code, c.label]));
		columns.push({
			name: `about_${a.key}`,
			meaning: `About you: ${a.label}`,
			codes: a.categories.map((c) => `${c.code} = ${c.label}`).join('; '),
			cell: (r) => {
				const code = r.about[a.key];
				if (!code) return null;
				return labels ? (label.get(code) ?? code) : code;
			}
		});
	}
	return columns;
}

/** The data dictionary: a row a column, then the questions left out, and a note when there is nothing to export. */
export function dictionaryRows(d: ExportDictionary, columns: Column[]): Cell[][] {
	const rows: Cell[][] = [['column', 'meaning', 'codes']];
	for (const c of columns) rows.push([c.name, c.meaning, c.codes]);
	for (const q of d.questions) {
		if (q.exported) continue;
		rows.push([
			q.key,
			q.prompt,
			'Not included: free-text answers stay in the system until they have been checked for safeguarding.'
		]);
	}
	return rows;
}

/** What an empty download says under its headings. */
export const NO_RESPONSES = 'No responses yet: this file has the columns only.';

const QUOTE_IF = /[",\r\n]/;

/** One CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break; null is empty. */
export function csvField(v: Cell): string {
	if (v === null) return '';
	if (typeof v === 'number') return String(v);
	return QUOTE_IF.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
}

/**
 * Rows as CSV lines (RFC 4180 quoting, a line feed after each row), as csv-stringify writes them
 * with its defaults, but about fourteen times as fast: a download of 100,000 responses spent three
 * seconds in csv-stringify alone (bench/export.bench.ts).
 */
export function csvLines(rows: Cell[][]): string {
	let out = '';
	for (const row of rows) {
		let line = '';
		for (let i = 0; i < row.length; i++) line += (i === 0 ? '' : ',') + csvField(row[i]!);
		out += line + '\n';
	}
	return out;
}
