import { ADDED_FEEDBACK_CHANNELS } from '$lib/domain';
import { readResponsesFile, type Parsed } from '$lib/imports/csv';

/**
 * Feedback from a file: a CSV with one comment a row (channel, date, text, and any about-you columns
 * named about.<question>, like about.phase), read into the rows api.import_feedback takes. The file's
 * shape is checked here; each row's values are checked by the database, which names every problem.
 */

export const REQUIRED_COLUMNS = ['channel', 'date', 'text'] as const;
const ABOUT_COLUMN = /^about\.[a-z][a-z0-9_]{0,39}$/;

/** One comment, as api.import_feedback takes it (a type, not an interface: it is passed as Json). */
export type FeedbackRow = {
	channel: string;
	given_on: string;
	text: string;
	about: Record<string, string>;
};

/** An about-you question and its answers (api.about_choices). */
export interface AboutChoice {
	key: string;
	label: string;
	categories: { code: string; label: string }[];
}

const fold = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');

/**
 * The rows of a feedback file. A channel or an about-you answer may be written as its code or as its
 * label (any capitals); anything else is passed on as written, for the database to name.
 */
export function readFeedbackFile(
	bytes: Uint8Array,
	about: readonly AboutChoice[] = []
): Parsed<FeedbackRow[]> {
	const parsed = readResponsesFile(bytes);
	if (!parsed.ok) return parsed;
	const { columns, rows } = parsed.value;
	const missing = REQUIRED_COLUMNS.filter((c) => !columns.includes(c));
	if (missing.length > 0) {
		return {
			ok: false,
			message: `The header row needs the ${missing.length === 1 ? 'column' : 'columns'} ${missing.join(', ')}. Download the template to see the columns.`
		};
	}
	const unknown = columns.filter(
		(c) => !(REQUIRED_COLUMNS as readonly string[]).includes(c) && !ABOUT_COLUMN.test(c)
	);
	if (unknown.length > 0) {
		return {
			ok: false,
			message: `These columns are not known: ${unknown.join(', ')}. Use channel, date, text and about-you columns like about.phase.`
		};
	}
	const channel = (v: string) =>
		ADDED_FEEDBACK_CHANNELS.find((c) => c.value === v.trim() || fold(c.label) === fold(v))?.value ?? v.trim();
	const answer = (key: string, v: string) =>
		about.find((d) => d.key === key)?.categories.find((c) => c.code === v.trim() || fold(c.label) === fold(v))
			?.code ?? v.trim();
	return {
		ok: true,
		value: rows.map((r) => ({
			channel: channel(r.channel ?? ''),
			given_on: (r.date ?? '').trim(),
			text: (r.text ?? '').trim(),
			about: Object.fromEntries(
				columns
					.filter((c) => ABOUT_COLUMN.test(c) && (r[c] ?? '').trim() !== '')
					.map((c) => [c.slice(6), answer(c.slice(6), r[c]!)])
			)
		}))
	};
}

/** The file's column a database field stands in: given_on is the date column. */
export function columnOf(field: string | null): string {
	if (field === null) return '';
	return field === 'given_on' ? 'date' : field;
}

/** The template's text: the header and one example row. */
export function feedbackTemplate(): string {
	return (
		[
			'channel,date,text,about.phase,about.age_band',
			'youth_cabinet,2026-03-14,"We want a say in how the new youth centre is run, not just be told about it.",secondary,'
		].join('\r\n') + '\r\n'
	);
}
