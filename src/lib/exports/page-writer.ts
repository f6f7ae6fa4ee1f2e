import { ASSISTANCE, CHANNELS, labelOf } from '$lib/domain';
import { csvField, SINGLE_ANSWER, versionAt, type Cell } from './columns';
import type { ExportDictionary, ExportRowsPage } from './types';

/**
 * The rows of one compact page of a download (api.response_export_rows), written straight from its
 * arrays: the same cells as columnsOf(...) gives for responsesOf(page), without building a response
 * object or a list of cells for each response (tests/unit/export-csv.test.ts and
 * export-xlsx.test.ts check both files against the columns). A download of 100,000 responses spent
 * most of its server time collecting those (bench/export.bench.ts); here each option's column and
 * its cell's text are worked out once per download, and a page is a table of strings filled in
 * place. How a cell and a row are written is the format's: CSV (csvCells) or the spreadsheet's XML
 * (xlsxCells in xlsx.ts).
 */
export type PageWriter = (page: ExportRowsPage) => string;

export interface CellFormat {
	/** a cell's text in the file; '' is an empty cell */
	cell(v: Cell): string;
	/** the same, for a text that recurs in many rows (an option's words, a wave): a format may keep it once */
	fixed(v: Cell): string;
	/** a row of cells' texts in the file */
	row(cells: string[]): string;
}

/** CSV (RFC 4180): the same text as csvLines writes. */
export const csvCells: CellFormat = {
	cell: csvField,
	fixed: csvField,
	row: (cells) => cells.join(',') + '\n'
};

interface QuestionPlan {
	/** multi_choice: one column an option; single: one column; number: one column */
	shape: 'multi' | 'single' | 'number';
	/** the first of its answer columns */
	column: number;
	/** option value -> its column and the text of its cell when chosen */
	options: Map<string, { column: number; text: string }>;
	/** multi_choice: the text of an option's cell when the question was answered without it */
	notChosen: string;
	optionCount: number;
	/** the column of the version of the wording answered */
	versionColumn: number;
	/** the version in force when a response was sent, as the cell's text */
	versionAt: (sentAt: string) => string;
}

/** The version of the wording in force when a response was sent (columns.ts), as its cell's text. */
function versionText(q: ExportDictionary['questions'][number], f: CellFormat): (sentAt: string) => string {
	const current = f.fixed(q.version);
	if (q.versions.length === 0) return () => current;
	const version = versionAt(q);
	const texts = new Map([...q.versions.map((v) => v.version), q.version].map((v) => [v, f.fixed(v)]));
	return (sentAt) => texts.get(version(sentAt))!;
}

export function pageWriter(d: ExportDictionary, labels: boolean, f: CellFormat): PageWriter {
	const waveLabels = new Map(d.waves.map((w) => [w.slug, w.label]));
	const META = 6;
	let width = META;
	const questions = new Map<string, QuestionPlan>();
	for (const q of d.questions) {
		if (!q.exported) continue;
		const shape = q.kind === 'multi_choice' ? 'multi' : SINGLE_ANSWER.has(q.kind) ? 'single' : 'number';
		const column = width;
		const options = new Map<string, { column: number; text: string }>();
		if (shape === 'multi') {
			const chosen = f.fixed(labels ? 'Yes' : 1);
			q.options.forEach((o, i) => options.set(o.value, { column: column + i, text: chosen }));
			width += q.options.length;
		} else {
			if (shape === 'single')
				for (const o of q.options)
					options.set(o.value, { column, text: f.fixed(labels ? o.label : o.value) });
			width += 1;
		}
		questions.set(q.key, {
			shape,
			column,
			options,
			notChosen: f.fixed(labels ? 'No' : 0),
			optionCount: shape === 'multi' ? q.options.length : 0,
			versionColumn: width,
			versionAt: versionText(q, f)
		});
		width += 1;
	}
	const about = d.about.map((a, i) => ({
		key: a.key,
		column: width + i,
		text: new Map(a.categories.map((c) => [c.code, f.fixed(labels ? c.label : c.code)]))
	}));
	width += about.length;

	/** a text that recurs (one a channel, a language), worked out once */
	const recurring = (text: (v: string) => Cell) => {
		const texts = new Map<string, string>();
		return (v: string) => {
			let t = texts.get(v);
			if (t === undefined) texts.set(v, (t = f.fixed(text(v))));
			return t;
		};
	};
	const channel = recurring((c) => (labels ? labelOf(CHANNELS, c) : c));
	const languageText = recurring((l) => l);
	const assistance = (a: string | null) => (a ? f.fixed(labels ? labelOf(ASSISTANCE, a) : a) : '');

	return (page) => {
		// the page's option numbers, resolved once: its question and, where it has one, its column
		const byOption = page.options.map(([key, value]) => {
			const q = questions.get(key);
			return { q, option: q?.options.get(value), value };
		});
		const byNumber = page.numbers.map((key) => questions.get(key));
		const waves = page.waves.map((slug) => f.fixed(labels ? (waveLabels.get(slug) ?? slug) : slug));

		const table: string[][] = new Array(page.rows.length);
		for (let i = 0; i < page.rows.length; i++) {
			const [id, wave, sentAt, ch, language, assisted, given] = page.rows[i]!;
			const cells = new Array<string>(width).fill('');
			cells[0] = f.cell(id);
			cells[1] = waves[wave - 1] ?? '';
			cells[2] = f.cell(sentAt);
			cells[3] = channel(ch);
			cells[4] = languageText(language);
			cells[5] = assistance(assisted);
			for (const a of about) {
				const code = given?.[a.key];
				if (code) cells[a.column] = a.text.get(code) ?? f.cell(code);
			}
			table[i] = cells;
		}

		/** the first answer of a question in a row: its version, and "not chosen" in each option's column */
		const answered = (cells: string[], q: QuestionPlan, sentAt: string) => {
			if (cells[q.versionColumn] !== '') return false;
			cells[q.versionColumn] = q.versionAt(sentAt);
			for (let c = 0; c < q.optionCount; c++) cells[q.column + c] = q.notChosen;
			return true;
		};

		const { rows, options } = page.answers;
		for (let i = 0; i < rows.length; i++) {
			const cells = table[rows[i]! - 1];
			const chosen = byOption[options[i]! - 1];
			if (!cells || !chosen?.q) continue;
			const q = chosen.q;
			const first = answered(cells, q, page.rows[rows[i]! - 1]![2]);
			if (q.shape === 'multi') {
				if (chosen.option) cells[chosen.option.column] = chosen.option.text;
			} else if (q.shape === 'single') {
				// one answer a question: the first one stands, as in columnsOf
				if (first) cells[q.column] = chosen.option?.text ?? f.cell(chosen.value);
			}
		}
		const numbered = page.numbered;
		for (let i = 0; i < numbered.rows.length; i++) {
			const cells = table[numbered.rows[i]! - 1];
			const q = byNumber[numbered.questions[i]! - 1];
			if (!cells || !q) continue;
			answered(cells, q, page.rows[numbered.rows[i]! - 1]![2]);
			// a number to a question of another kind (no options of its own) fills no cell of it
			if (q.shape === 'number') cells[q.column] = f.cell(numbered.values[i]!);
		}

		let out = '';
		for (const cells of table) out += f.row(cells);
		return out;
	};
}

/** The CSV lines of one compact page: the same text as csvLines(columns applied to responsesOf(page)). */
export function csvPageWriter(d: ExportDictionary, labels: boolean): PageWriter {
	return pageWriter(d, labels, csvCells);
}
