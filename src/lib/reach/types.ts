import { z } from 'zod';
import { disclosureRule } from '$lib/disclosure/types';
import { waveKind, waveStatus } from '$lib/domain/schemas';

/** A group of respondents in api.reach: null with symbol '[c]' when hidden under the disclosure rule. */
export const reachGroup = z.object({
	/** the category's code; '_not_stated' for the people who did not say */
	category: z.string(),
	label: z.string(),
	n: z.number().nullable(),
	symbol: z.string().nullable(),
	/** exact figures for staff: a count under the rule's threshold */
	small: z.boolean()
});
export type ReachGroup = z.infer<typeof reachGroup>;

export const reachWave = z.object({
	id: z.string(),
	label: z.string(),
	kind: waveKind,
	status: waveStatus,
	source: z.string(),
	opens_at: z.string(),
	closes_at: z.string(),
	as_of: z.string(),
	rounded_to: z.number(),
	/** null for a wave not yet open, or hidden (symbol '[c]') */
	total: z.number().nullable(),
	total_symbol: z.string().nullable(),
	total_small: z.boolean(),
	dimensions: z.array(z.object({ key: z.string(), label: z.string(), groups: z.array(reachGroup) }))
});
export type ReachWave = z.infer<typeof reachWave>;

/** api.reach: who a survey reached, wave by wave, and the panel linked to the baseline. */
export const reach = z.object({
	survey_id: z.string(),
	exact: z.boolean(),
	rule: disclosureRule,
	as_of: z.string(),
	baseline: z.object({ id: z.string(), label: z.string() }).nullable(),
	waves: z.array(reachWave),
	panel: z.array(
		z.object({
			wave_id: z.string(),
			label: z.string(),
			status: waveStatus,
			as_of: z.string(),
			rounded_to: z.number(),
			linked: z.number().nullable(),
			linked_symbol: z.string().nullable(),
			linked_small: z.boolean()
		})
	)
});
export type Reach = z.infer<typeof reach>;
