import { z } from 'zod';
import { questionKind, waveKind, waveStatus } from '$lib/domain/schemas';
import { RULE_KINDS } from './schema';

/**
 * The disclosure rule's domain types: what api.disclosure_settings, set_disclosure_rule and
 * published_table return, declared once as zod schemas; see `src/lib/server/api.ts` and
 * tests/db/api-results.test.ts (shapes: the migration and tests/db/disclosure/CONTRACT.md).
 */

/** A rule as app.disclosure_rule_json writes it. */
export const disclosureRule = z.object({
	id: z.string(),
	kind: z.enum(RULE_KINDS),
	threshold: z.number(),
	rounding_base: z.number(),
	label: z.string(),
	chosen_at: z.string()
});
export type DisclosureRule = z.infer<typeof disclosureRule> & {
	/** the chooser's email, for admins only (history) */
	chosen_by?: string | null;
};

/** api.disclosure_settings: null for anyone who is not a member. */
export const disclosureSettings = z.object({
	organisation_id: z.string(),
	current: disclosureRule,
	/** admins */
	can_edit: z.boolean(),
	/** newest first; chosen_by the chooser's email for admins, null otherwise */
	history: z.array(disclosureRule.extend({ chosen_by: z.string().nullable() }))
});
export type DisclosureSettings = z.infer<typeof disclosureSettings>;

export const publishedCell = z.object({
	value: z.string(),
	count: z.number().nullable(),
	symbol: z.string().nullable(),
	small: z.boolean(),
	share: z.number().nullable()
});
export type PublishedCell = z.infer<typeof publishedCell>;

export const publishedRow = z.object({
	dimension: z.string(),
	category: z.string(),
	label: z.string(),
	n: z.number().nullable(),
	n_symbol: z.string().nullable(),
	small: z.boolean(),
	cells: z.array(publishedCell),
	/** a several-answer question: how many in the group ticked at least one positive answer (people, not ticks) */
	people_positive: z.number().nullable(),
	/** '[c]' when people_positive is hidden under the rule */
	people_positive_symbol: z.string().nullable()
});
export type PublishedRow = z.infer<typeof publishedRow>;

/** api.published_table: one question in one wave by every group, through the organisation's rule. */
export const publishedTable = z.object({
	question_id: z.string(),
	question_kind: questionKind,
	wave: z.object({ id: z.string(), label: z.string(), kind: waveKind, status: waveStatus }),
	exact: z.boolean(),
	rule: disclosureRule,
	as_of: z.string(),
	rounded_to: z.number(),
	/**
	 * false: a column per answer (staff); true: a restricted reader's two columns, positive and not_positive,
	 * by group. A question published to a restricted reader for everyone only has a column per answer and no
	 * group rows.
	 */
	grouped: z.boolean(),
	/** the columns; answers: the question's answers each column counts */
	options: z.array(
		z.object({ value: z.string(), label: z.string(), positive: z.boolean(), answers: z.array(z.string()) })
	),
	rows: z.array(publishedRow)
});
export type PublishedTable = z.infer<typeof publishedTable>;
