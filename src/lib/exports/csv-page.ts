import { ASSISTANCE, CHANNELS, labelOf } from '$lib/domain';
import { csvField, SINGLE_ANSWER } from './columns';
import type { ExportDictionary, ExportRowsPage } from './types';

/**
 * The CSV lines of one compact page of a download (api.response_export_rows), straight from its
 * arrays: the same text as csvLines(columnsOf(...) applied to responsesOf(page)) writes, byte for
 * byte (tests/unit/export-csv.test.ts), without building a response object or a list of cells for
 * each response. A download of 100,000 responses spent most of its server time collecting those
 * (bench/export.bench.ts); here each option's column and its cell's text are worked out once per
 * download, and a page is a table of strings filled in place. The spreadsheet (XLSX) still goes
 * through columnsOf, which this mirrors.
 */
export type CsvPageWriter = (page: ExportRowsPage) => string;

interface QuestionPlan {
	key: string;
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

function versionText(q: ExportDictionary['questions'][number]): (sentAt: string) => string {
	const current = csvField(q.version);
	const replaced = q.versions.map((v) => ({ text: csvField(v.version), at: Date.parse(v.replaced_at) }));
	if (replaced.length === 0) return () => current;
	return (sentAt) => {
		const t = Date.parse(sentAt);
		for (const v of replaced) if (t < v.at) return v.text;
		return current;
	};
}

export function csvPageWriter(d: ExportDictionary, labels: boolean): CsvPageWriter {
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
			q.options.forEach((o, i) => options.set(o.value, { column: column + i, text: labels ? 'Yes' : '1' }));
			width += q.options.length;
		} else {
			if (shape === 'single')
				for (const o of q.options)
					options.set(o.value, { column, text: csvField(labels ? o.label : o.value) });
			width += 1;
		}
		questions.set(q.key, {
			key: q.key,
			shape,
			column,
			options,
			notChosen: labels ? 'No' : '0',
			optionCount: shape === 'multi' ? q.options.length : 0,
			versionColumn: width,
			versionAt: versionText(q)
		});
		width += 1;
	}
	const about = d.about.map((a, i) => ({
		key: a.key,
		column: width + i,
		text: new Map(a.categories.map((c) => [c.code, csvField(labels ? c.label : c.code)]))
	}));
	width += about.length;

	const channel = (c: string) => csvField(labels ? labelOf(CHANNELS, c) : c);
	const assistance = (a: string | null) => (a ? csvField(labels ? labelOf(ASSISTANCE, a) : a) : '');

	return (page) => {
		// the page's option numbers, resolved once: its question and, where it has one, its column
		const byOption = page.options.map(([key, value]) => {
			const q = questions.get(key);
			return { q, option: q?.options.get(value), value };
		});
		const byNumber = page.numbers.map((key) => questions.get(key));
		const waves = page.waves.map((slug) => csvField(labels ? (waveLabels.get(slug) ?? slug) : slug));

		const table: string[][] = new Array(page.rows.length);
		for (let i = 0; i < page.rows.length; i++) {
			const [id, wave, sentAt, ch, language, assisted, given] = page.rows[i]!;
			const cells = new Array<string>(width).fill('');
			cells[0] = csvField(id);
			cells[1] = waves[wave - 1] ?? '';
			cells[2] = csvField(sentAt);
			cells[3] = channel(ch);
			cells[4] = csvField(language);
			cells[5] = assistance(assisted);
			for (const a of about) {
				const code = given?.[a.key];
				if (code) cells[a.column] = a.text.get(code) ?? csvField(code);
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
				if (first) cells[q.column] = chosen.option?.text ?? csvField(chosen.value);
			}
		}
		const numbered = page.numbered;
		for (let i = 0; i < numbered.rows.length; i++) {
			const cells = table[numbered.rows[i]! - 1];
			const q = byNumber[numbered.questions[i]! - 1];
			if (!cells || !q) continue;
			answered(cells, q, page.rows[numbered.rows[i]! - 1]![2]);
			// a number to a question of another kind (no options of its own) fills no cell of it
			if (q.shape === 'number') cells[q.column] = csvField(numbered.values[i]!);
		}

		let out = '';
		for (const cells of table) out += cells.join(',') + '\n';
		return out;
	};
}
