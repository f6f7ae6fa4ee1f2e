/**
 * Surveys and pages of their responses for property tests of the downloads (export-csv.test.ts,
 * export-xlsx.test.ts): any mix of question kinds, options, earlier wordings, about-you categories
 * and waves, labels or codes, with awkward texts (commas, quotes, line breaks, other scripts), and
 * compact pages (api.response_export_rows) of any answers to them, including answers to options
 * and waves the dictionary does not know.
 */
import fc from 'fast-check';
import type { ExportDictionary, ExportRowsPage } from '$lib/exports/types';

const text = fc.oneof(
	fc.constantFrom(
		'Agree',
		'Wave, autumn',
		'The "spring" wave',
		'two\nlines',
		'zaangażowany/zaangażowana',
		'دراسة',
		'<b>Tom & Jerry</b>',
		' spaced out ',
		'_x0041_ is not A'
	),
	fc.string({ maxLength: 6 })
);
const code = fc.constantFrom('a', 'b', 'c', 'd', 'x,y', 'q"z', '<&>');
const kinds = ['agreement_5', 'single_choice', 'multi_choice', 'number', 'rating_0_10', 'free_text'] as const;
const question = fc.record({
	kind: fc.constantFrom(...kinds),
	prompt: text,
	version: fc.integer({ min: 1, max: 4 }),
	options: fc.uniqueArray(fc.record({ value: code, label: text }), {
		selector: (o) => o.value,
		maxLength: 4
	}),
	versions: fc.array(
		fc.record({
			version: fc.integer({ min: 1, max: 3 }),
			prompt: text,
			replaced_at: fc.constantFrom('2025-01-01T00:00:00Z', '2025-06-01T00:00:00Z')
		}),
		{ maxLength: 2 }
	)
});
export const dictionary = fc
	.record({
		questions: fc.array(question, { minLength: 1, maxLength: 5 }),
		about: fc.array(
			fc.record({
				key: fc.constantFrom('phase', 'area'),
				label: text,
				categories: fc.uniqueArray(fc.record({ code, label: text }), {
					selector: (c) => c.code,
					maxLength: 3
				})
			}),
			{ maxLength: 2 }
		),
		waves: fc.uniqueArray(fc.record({ slug: code, label: text }), {
			selector: (w) => w.slug,
			minLength: 1,
			maxLength: 3
		}),
		labels: fc.boolean()
	})
	.map(({ questions, about, waves, labels }) => ({
		labels,
		d: {
			survey: { id: 's', title: 'Survey', slug: 'survey' },
			organisation: 'Northbridge',
			responses: 0,
			waves: waves.map((w, i) => ({
				id: `w${i}`,
				slug: w.slug,
				label: w.label,
				kind: 'baseline' as const
			})),
			questions: questions.map((q, i) => ({
				...q,
				key: `q${i}`,
				exported: q.kind !== 'free_text',
				options: q.kind === 'number' && i % 2 === 0 ? [] : q.options
			})),
			about: about.filter((a, i) => about.findIndex((b) => b.key === a.key) === i)
		} satisfies ExportDictionary
	}));

/** a compact page of responses to that dictionary, as api.response_export_rows gives it */
export const pageOf = (d: ExportDictionary) => {
	const exported = d.questions.filter((q) => q.exported);
	const options = exported.flatMap((q) => q.options.map((o) => [q.key, o.value] as [string, string]));
	const numbers = exported.filter((q) => q.options.length === 0).map((q) => q.key);
	const row = fc.tuple(
		fc.uuid(),
		fc.integer({ min: 1, max: d.waves.length + 1 }),
		fc.constantFrom('2024-12-01T10:00:00.5+00:00', '2025-03-01T00:00:00+00:00', '2025-09-09T09:09:09+00:00'),
		fc.constantFrom('online', 'paper', 'event', 'unknown_channel'),
		fc.constantFrom('en', 'pl', 'ur'),
		fc.constantFrom(null, 'self', 'helped', 'easy_read'),
		fc.dictionary(fc.constantFrom('phase', 'area', 'other'), code)
	);
	return fc.array(row, { maxLength: 6 }).chain((rows) =>
		fc
			.record({
				answers: fc.array(
					fc.tuple(
						fc.integer({ min: 1, max: Math.max(rows.length, 1) }),
						fc.integer({ min: 1, max: Math.max(options.length, 1) })
					),
					{ maxLength: options.length && rows.length ? 20 : 0 }
				),
				numbered: fc.array(
					fc.tuple(
						fc.integer({ min: 1, max: Math.max(rows.length, 1) }),
						fc.integer({ min: 1, max: Math.max(numbers.length, 1) }),
						fc.oneof(fc.integer({ min: -5, max: 10 }), fc.double({ min: 0, max: 10, noNaN: true }))
					),
					{ maxLength: numbers.length && rows.length ? 6 : 0 }
				)
			})
			.map(({ answers, numbered }): ExportRowsPage => ({
				waves: d.waves.map((w) => w.slug),
				options,
				numbers,
				rows,
				answers: { rows: answers.map((a) => a[0]), options: answers.map((a) => a[1]) },
				numbered: {
					rows: numbered.map((n) => n[0]),
					questions: numbered.map((n) => n[1]),
					values: numbered.map((n) => n[2])
				}
			}))
	);
};
