/**
 * Hostile files for every CSV import (issue 12: property-based tests throw random and hostile input
 * at every CSV import): whatever bytes are uploaded as responses, counts or feedback, the readers
 * answer rows or one plain message, never an exception; the rows they give hold exactly the file's
 * named columns, each once, as own fields (a column called __proto__ or constructor included).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readFeedbackFile } from '$lib/feedback/import';
import { readAggregateFile, readResponsesFile } from '$lib/imports/csv';

const cell = fc.oneof(
	fc.string({ maxLength: 12 }),
	fc.constantFrom(
		'"quoted, with comma"',
		'"two\nlines"',
		'""',
		'"',
		'__proto__',
		'constructor',
		'toString',
		'=HYPERLINK("http://evil.example")',
		'\u0000',
		'\uFEFF',
		'zaangażowany',
		'n',
		'channel',
		'date',
		'text',
		'about.phase',
		'question_key'
	)
);
/** A CSV-like file: rows of cells joined by commas, with any line endings. */
const csvLike = fc
	.tuple(
		fc.array(fc.array(cell, { minLength: 1, maxLength: 6 }), { maxLength: 8 }),
		fc.constantFrom('\n', '\r\n', '\r')
	)
	.map(([rows, eol]) => new TextEncoder().encode(rows.map((r) => r.join(',')).join(eol)));
const file = fc.oneof(csvLike, fc.uint8Array({ maxLength: 200 }));

describe('the CSV imports', () => {
	for (const [name, read] of [
		['responses', readResponsesFile],
		['counts', readAggregateFile],
		['feedback', (b: Uint8Array) => readFeedbackFile(b)]
	] as const) {
		it(`${name}: any file gives rows or one plain message, never an exception`, () => {
			fc.assert(
				fc.property(file, (bytes) => {
					const parsed = read(bytes);
					if (!parsed.ok) {
						expect(parsed.message.length).toBeGreaterThan(10);
						return;
					}
					expect(Array.isArray(parsed.value) || typeof parsed.value === 'object').toBe(true);
				}),
				{ numRuns: 500 }
			);
		});
	}

	it('keeps every named column of a responses file as a field of each row, whatever it is called', () => {
		fc.assert(
			fc.property(csvLike, (bytes) => {
				const parsed = readResponsesFile(bytes);
				if (!parsed.ok) return;
				const { columns, rows } = parsed.value;
				expect(new Set(columns).size).toBe(columns.length);
				for (const row of rows) {
					expect(Object.keys(row).sort()).toEqual([...columns].sort());
					expect(Object.getPrototypeOf(row)).toBe(Object.prototype);
				}
			}),
			{ numRuns: 500 }
		);
	});

	it('reads a column called __proto__ as a column, not as the row’s prototype', () => {
		const parsed = readResponsesFile(new TextEncoder().encode('__proto__,feel\nx,agree\n'));
		expect(parsed.ok).toBe(true);
		if (!parsed.ok) return;
		expect(parsed.value.columns).toEqual(['__proto__', 'feel']);
		expect(Object.keys(parsed.value.rows[0]!)).toEqual(['__proto__', 'feel']);
		expect(Object.getPrototypeOf(parsed.value.rows[0]!)).toBe(Object.prototype);
	});
});
