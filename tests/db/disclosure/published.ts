/**
 * What a restricted reader (forum, scrutiny) fetches through the API, turned into the attacker's
 * Knowledge as tests/db/disclosure/CONTRACT.md describes it:
 *
 *   - `api.published_table(question, wave)`: every group of every dimension by every answer, and each
 *     group's n. The unknowns are the people of the wave cross-classified by their answer and their
 *     category in every dimension at once ("_not_stated" included), so that the row sums, the column
 *     sums, everyone against each dimension, and two dimensions against each other all follow.
 *   - `api.panel_journey(question, from, to)`: the linked people by answer in each wave, with its
 *     margins and linked; each margin is at most the wave's own count of that answer.
 *   - `api.list_surveys(organisation)`: each wave's number of responses, at least the question's n.
 *
 * A hidden figure is known only to be a whole number >= 0 (the reader cannot tell a primary from a
 * complementary suppression). A shown figure p, rounded to b (halves up), is p - floor(b/2) .. p +
 * ceil(b/2) - 1; a shown 0 is a true 0; and a shown count that is not 0 is at least the threshold
 * (every count from 1 to threshold - 1 is hidden).
 */
import { Knowledge, type Figure, type Terms } from './audit';
import { Cross } from './cross';

/** The second question's category for a person who did not answer it. */
export const SKIPPED = '_skipped';

export interface Rule {
	kind: string;
	threshold: number;
	rounding_base: number;
}

export interface PublishedCell {
	value: string;
	count: number | null;
	symbol: string | null;
}

export interface PublishedRow {
	dimension: string;
	category: string;
	n: number | null;
	n_symbol: string | null;
	cells: PublishedCell[];
}

export interface PublishedTable {
	exact: boolean;
	rule: Rule;
	rounded_to: number;
	/** true: a restricted reader's columns positive / not positive, each some of the question's answers */
	grouped?: boolean;
	/** the columns; `answers` are the question's answers each counts (one, for a column per answer) */
	options: { value: string; positive: boolean; answers?: string[] }[];
	rows: PublishedRow[];
}

export interface JourneyCount {
	value: string;
	n: number | null;
	symbol: string | null;
}

export interface PublishedJourney {
	exact: boolean;
	/** true: positive / not positive (restricted readers); false: every answer */
	grouped: boolean;
	rule: Rule;
	rounded_to: number;
	linked: number | null;
	linked_symbol: string | null;
	from_totals: JourneyCount[];
	to_totals: JourneyCount[];
	cells: { from_value: string; to_value: string; n: number | null; symbol: string | null }[];
}

/** A true respondent, for the model's self-check: their answer and their category in each dimension. */
export interface Person {
	answer: string;
	/** their answer to the wave's second question, when its table is audited too */
	answer2?: string;
	/** dimension -> category; a dimension missing here is "_not_stated" */
	groups: Record<string, string>;
}

/** What the reader learns about one count from its published form. */
export function figureOf(published: number | null, symbol: string | null, rule: Rule, base: number): Figure {
	if (published === null || symbol === '[c]') return { kind: 'hidden', min: 0, max: Infinity };
	if (published === 0) return { kind: 'exact', n: 0 };
	const min = Math.max(published - Math.floor(base / 2), rule.threshold);
	const max = published + Math.ceil(base / 2) - 1;
	return min === max ? { kind: 'exact', n: min } : { kind: 'range', min, max };
}

/** The question's answers behind a table's columns, in order. */
export function answersOf(table: PublishedTable): string[] {
	return table.options.flatMap((o) => o.answers ?? [o.value]);
}

/**
 * The answers and categories of one wave's tables (one question's, or two questions' answered by the
 * same people): the atoms of the attacker's model of that wave, every person an answer to each question
 * and a category in each dimension.
 */
export class WaveModel {
	readonly cross: Cross;
	readonly dimensions: Record<string, string[]>;

	constructor(
		readonly knowledge: Knowledge,
		readonly name: string,
		readonly table: PublishedTable,
		people?: Person[],
		readonly table2?: PublishedTable
	) {
		const dimensions: Record<string, string[]> = {};
		for (const row of table.rows) {
			if (row.dimension === '_all') continue;
			(dimensions[row.dimension] ??= []).push(row.category);
		}
		this.dimensions = dimensions;
		let truth: Map<string, number> | undefined;
		if (people) {
			truth = new Map();
			for (const p of people) {
				const key = this.keyOf(p);
				truth.set(key, (truth.get(key) ?? 0) + 1);
			}
		}
		this.cross = new Cross(
			knowledge,
			name,
			{
				answer: answersOf(table),
				// the second question may be left unanswered
				...(table2 ? { answer2: [...answersOf(table2), SKIPPED] } : {}),
				...dimensions
			},
			truth
				? (key) => truth.get(this.keyOf({ answer: key.answer!, answer2: key.answer2, groups: key })) ?? 0
				: undefined
		);
		this.#publish(table, 'answer', '');
		if (table2) this.#publish(table2, 'answer2', ' (question 2)');
	}

	keyOf(p: Person): string {
		const parts = [p.answer];
		if (this.table2) parts.push(p.answer2 ?? answersOf(this.table2)[0]!);
		for (const d of Object.keys(this.dimensions).sort()) parts.push(p.groups[d] ?? '_not_stated');
		return parts.join('|');
	}

	/** Whether an answer to the first question counts as positive. */
	positive(answer: string): boolean {
		return this.table.options.find((o) => (o.answers ?? [o.value]).includes(answer))!.positive;
	}

	/** The atoms of one row (group), or of one answer in it (to the first question, or to `key`'s). */
	terms(
		dimension: string,
		category: string,
		answer?: string | readonly string[],
		key: 'answer' | 'answer2' = 'answer'
	): Terms {
		const match: Record<string, string | readonly string[]> =
			dimension === '_all' ? {} : { [dimension]: category };
		if (answer !== undefined) match[key] = answer;
		return this.cross.cells(match);
	}

	#publish(table: PublishedTable, key: 'answer' | 'answer2', label: string): void {
		const { knowledge: k, name } = this;
		const base = table.rounded_to;
		for (const row of table.rows) {
			const group = row.dimension === '_all' ? 'everyone' : `${row.dimension}=${row.category}`;
			// a group's n: those of it who answered the question
			const whole = this.terms(
				row.dimension,
				row.category,
				key === 'answer2' ? answersOf(table) : undefined,
				key
			);
			k.figure(`${name}${label}: n of ${group}`, whole, figureOf(row.n, row.n_symbol, table.rule, base));
			for (const cell of row.cells) {
				const column = table.options.find((o) => o.value === cell.value)!;
				const part = this.terms(row.dimension, row.category, column.answers ?? cell.value, key);
				k.figure(
					`${name}${label}: ${group} answering ${cell.value}`,
					part,
					figureOf(cell.count, cell.symbol, table.rule, base)
				);
				k.notAllOfOne(`${name}${label}: ${group} all answering ${cell.value}`, whole, part);
			}
		}
	}
}

/** The panel journey between two waves' models, with what links it to them. */
export function addJourney(
	k: Knowledge,
	name: string,
	journey: PublishedJourney,
	from: WaveModel,
	to: WaveModel,
	pairs?: [from: string, to: string][]
): Cross {
	// a restricted reader's journey is positive / not positive: each category is some of the wave's answers
	const categoryOf = (answer: string): string =>
		journey.grouped ? (from.positive(answer) ? 'positive' : 'not_positive') : answer;
	const options = journey.from_totals.map((t) => t.value);
	const answersIn = (category: string) => answersOf(from.table).filter((a) => categoryOf(a) === category);
	const waveTerms = (wave: WaveModel, category: string): Terms =>
		wave.cross.cells({ answer: answersIn(category) });
	const j = new Cross(
		k,
		name,
		{ from: options, to: options },
		pairs
			? (key) => pairs.filter(([a, b]) => categoryOf(a) === key.from && categoryOf(b) === key.to).length
			: undefined
	);
	const base = journey.rounded_to;
	const rule = journey.rule;
	k.figure(`${name}: linked`, j.cells(), figureOf(journey.linked, journey.linked_symbol, rule, base));
	for (const c of journey.cells)
		k.figure(
			`${name}: ${c.from_value} → ${c.to_value}`,
			j.cells({ from: c.from_value, to: c.to_value }),
			figureOf(c.n, c.symbol, rule, base)
		);
	for (const t of journey.from_totals) {
		k.figure(`${name}: from ${t.value}`, j.cells({ from: t.value }), figureOf(t.n, t.symbol, rule, base));
		k.atMost(
			`${name}: linked from ${t.value} are some of them`,
			j.cells({ from: t.value }),
			waveTerms(from, t.value)
		);
		for (const o of options)
			k.notAllOfOne(
				`${name}: all from ${t.value} moving to ${o}`,
				j.cells({ from: t.value }),
				j.cells({ from: t.value, to: o })
			);
	}
	for (const t of journey.to_totals) {
		k.figure(`${name}: to ${t.value}`, j.cells({ to: t.value }), figureOf(t.n, t.symbol, rule, base));
		k.atMost(
			`${name}: linked to ${t.value} are some of them`,
			j.cells({ to: t.value }),
			waveTerms(to, t.value)
		);
		for (const o of options)
			k.notAllOfOne(
				`${name}: all now at ${t.value} coming from ${o}`,
				j.cells({ to: t.value }),
				j.cells({ from: o, to: t.value })
			);
	}
	return j;
}

/** A wave's number of responses from list_surveys (everyone in the generated waves answers the question). */
export function addResponses(
	k: Knowledge,
	wave: WaveModel,
	responses: { responses: number | null; responses_symbol: string | null }
): void {
	k.figure(
		`${wave.name}: responses`,
		wave.terms('_all', '_all'),
		figureOf(responses.responses, responses.responses_symbol, wave.table.rule, wave.table.rounded_to)
	);
}

const cellText = (n: number | null, symbol: string | null) =>
	symbol === '[c]' || n === null ? '[c]' : String(n);

/** The figures as the reader sees them, one line a row, for a failure's message. */
export function showTable(name: string, table: PublishedTable): string {
	const lines = [
		`${name} (${table.rule.kind}: threshold ${table.rule.threshold}, rounded to ${table.rounded_to})`
	];
	lines.push(`  ${'group'.padEnd(28)} ${'n'.padStart(4)} | ${table.options.map((o) => o.value).join(' ')}`);
	for (const row of table.rows) {
		const group = row.dimension === '_all' ? 'everyone' : `${row.dimension}=${row.category}`;
		lines.push(
			`  ${group.padEnd(28)} ${cellText(row.n, row.n_symbol).padStart(4)} | ` +
				row.cells.map((c) => cellText(c.count, c.symbol).padStart(c.value.length)).join(' ')
		);
	}
	return lines.join('\n');
}

export function showJourney(name: string, journey: PublishedJourney): string {
	const lines = [`${name}: linked ${cellText(journey.linked, journey.linked_symbol)}`];
	const values = journey.from_totals.map((t) => t.value);
	lines.push(`  ${'from \\ to'.padEnd(18)} ${values.map((v) => v.padStart(6)).join(' ')}  total`);
	for (const from of journey.from_totals) {
		const cells = values.map((to) => {
			const c = journey.cells.find((x) => x.from_value === from.value && x.to_value === to)!;
			return cellText(c.n, c.symbol).padStart(6);
		});
		lines.push(`  ${from.value.padEnd(18)} ${cells.join(' ')}  ${cellText(from.n, from.symbol)}`);
	}
	lines.push(
		`  ${'total'.padEnd(18)} ${journey.to_totals.map((t) => cellText(t.n, t.symbol).padStart(6)).join(' ')}`
	);
	return lines.join('\n');
}
