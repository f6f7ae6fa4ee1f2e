import { z } from 'zod';

/** The three disclosure rules an organisation may choose, as the database names them. */
export const RULE_KINDS = ['under_10', 'nhs_england', 'custom'] as const;
export type RuleKind = (typeof RULE_KINDS)[number];

export const RULE_CHOICES: { value: RuleKind; label: string; hint: string }[] = [
	{
		value: 'under_10',
		label: 'Under 10 hidden',
		hint: 'Any count from 1 to 9 is hidden, and so is any figure it could be worked out from. The default.'
	},
	{
		value: 'nhs_england',
		label: '1–7 hidden, others rounded to the nearest 5',
		hint: "NHS England's rule: counts from 1 to 7 are hidden and every other count is rounded to the nearest 5."
	},
	{
		value: 'custom',
		label: 'Our own rule',
		hint: 'Choose the smallest count you will show and what to round the others to.'
	}
];

export const THRESHOLD_MESSAGE = 'The smallest count shown must be a whole number from 3 to 100.';
export const ROUNDING_MESSAGE = 'Round to a whole number from 1 (no rounding) to 1000.';

/**
 * The disclosure rule form. The threshold and rounding base are read only for "our own rule"; the
 * database checks the same limits (api.set_disclosure_rule).
 */
export const disclosureRuleSchema = z
	.object({
		kind: z.enum(RULE_KINDS, { error: 'Choose one of the three rules.' }),
		threshold: z
			.number({ error: THRESHOLD_MESSAGE })
			.int(THRESHOLD_MESSAGE)
			.min(3, THRESHOLD_MESSAGE)
			.max(100, THRESHOLD_MESSAGE)
			.optional(),
		rounding_base: z
			.number({ error: ROUNDING_MESSAGE })
			.int(ROUNDING_MESSAGE)
			.min(1, ROUNDING_MESSAGE)
			.max(1000, ROUNDING_MESSAGE)
			.optional()
	})
	.superRefine((value, ctx) => {
		if (value.kind !== 'custom') return;
		if (value.threshold === undefined)
			ctx.addIssue({
				code: 'custom',
				path: ['threshold'],
				message: 'Enter the smallest count you will show, from 3 to 100.'
			});
		if (value.rounding_base === undefined)
			ctx.addIssue({
				code: 'custom',
				path: ['rounding_base'],
				message: 'Enter what to round to: 1 for no rounding, or 5, 10, …'
			});
	});

/** What a published page says a hidden figure means, and what the rule does and does not protect. */
export const HIDDEN_SYMBOL = '[c]';

/** A published count: the number, or the GSS symbol when disclosure control hid it. Never blank, 0 or a dash. */
export function formatControlled(n: number | null | undefined): string {
	return n === null || n === undefined ? HIDDEN_SYMBOL : n.toLocaleString('en-GB');
}
