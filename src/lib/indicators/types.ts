import { z } from 'zod';
import { controlledWaveSummary, waveKind } from '$lib/domain/schemas';
import { disclosureRule } from '$lib/disclosure/types';
import { conditions } from '$lib/conditions';

/**
 * The indicators' domain types: what api.list_surveys and indicator_trend return, declared once as
 * zod schemas; see `src/lib/server/api.ts` and tests/db/api-results.test.ts.
 */

/** A wave in api.list_surveys: responses under the disclosure rule. */
export const waveSummary = controlledWaveSummary;
export type WaveSummary = z.infer<typeof waveSummary>;

export const indicator = z.object({
	id: z.string(),
	key: z.string(),
	prompt: z.string(),
	kind: z.string(),
	priority: z.string().nullable(),
	positive: z.array(z.string()),
	/** null when everyone is asked; otherwise only people whose earlier answers meet it */
	conditions: conditions.nullable(),
	/** the questions the conditions name, to say them in words */
	condition_questions: z.array(
		z.object({
			id: z.string(),
			prompt: z.string(),
			options: z.array(z.object({ value: z.string(), label: z.string() }))
		})
	)
});
export type Indicator = z.infer<typeof indicator>;

/** api.list_surveys: the organisation's surveys with their waves and indicators. */
export const surveySummary = z.object({
	id: z.string(),
	slug: z.string(),
	title: z.string(),
	audience: z.string(),
	easy_read: z.boolean(),
	waves: z.array(waveSummary),
	indicators: z.array(indicator)
});
export type SurveySummary = z.infer<typeof surveySummary>;

/**
 * A change of an indicator's definition, as api.indicator_trend lists it: its question's wording, or which
 * answers count as positive (which starts the next definition, `version`; definition 1 is the first).
 */
export const definitionChange = z.object({
	kind: z.enum(['wording', 'positive answers']),
	at: z.string(),
	/** the definition a change of positive answers started; null for wording */
	version: z.number().nullable(),
	/** wording: the question before and after; positive answers: the answers counted before and after */
	before: z.array(z.string()),
	after: z.array(z.string()),
	/** what changed, in a sentence */
	words: z.string()
});
export type DefinitionChange = z.infer<typeof definitionChange>;

/**
 * A row of api.indicator_trend (`returns table`: its generated type makes every column nullable,
 * this says which are not).
 */
export const trendPoint = z.object({
	wave_id: z.string(),
	wave_label: z.string(),
	wave_kind: waveKind,
	opens_at: z.string(),
	closes_at: z.string(),
	/** null when disclosure control hid the group's size */
	n: z.number().nullable(),
	positive: z.number().nullable(),
	share: z.number().nullable(),
	suppressed: z.boolean(),
	n_suppressed: z.boolean(),
	/** exact figures for staff: a count under the disclosure rule's threshold */
	small_numbers: z.boolean(),
	rounded_to: z.number(),
	as_of: z.string(),
	rule: disclosureRule,
	/** a wave of imported totals that give the ticks of several positive answers only: how many people is unknown */
	people_unknown: z.boolean(),
	/** a wave of imported totals whose answers were given as published percentages of a base, rounded to people */
	reconstructed: z.boolean(),
	/** an earlier definition of a several-answer question: a wave answered since it changed, never counted so */
	not_counted: z.boolean(),
	/** the definition the figures are counted by (p_definition, else the latest) */
	definition: z.number(),
	/** the definition in force */
	latest_definition: z.number(),
	/** every change of wording or of positive answers, in time order (the same on every row) */
	definition_changes: z.array(definitionChange)
});
export type TrendPoint = z.infer<typeof trendPoint>;

const journeyWave = z.object({ id: z.string(), label: z.string(), kind: waveKind });

/** A margin of a journey: linked people by their answer in one wave. */
const journeyTotal = z.object({
	value: z.string(),
	label: z.string(),
	n: z.number().nullable(),
	symbol: z.string().nullable(),
	small: z.boolean()
});

/**
 * api.panel_journey: how many people linked by a panel code moved from each answer to each other
 * between two waves (staff, exact), or from positive to not positive and back (restricted callers, under
 * the disclosure rule: a hidden count null with symbol '[c]').
 */
export const panelJourney = z.object({
	question_id: z.string(),
	from_wave: journeyWave,
	to_wave: journeyWave,
	exact: z.boolean(),
	/** true for restricted callers: the categories are positive and not_positive, not the question's answers */
	grouped: z.boolean(),
	rule: disclosureRule,
	rounded_to: z.number(),
	as_of: z.string(),
	linked: z.number().nullable(),
	linked_suppressed: z.boolean(),
	linked_symbol: z.string().nullable(),
	from_totals: z.array(journeyTotal),
	to_totals: z.array(journeyTotal),
	cells: z.array(
		z.object({
			from_value: z.string(),
			from_label: z.string(),
			to_value: z.string(),
			to_label: z.string(),
			n: z.number().nullable(),
			suppressed: z.boolean(),
			symbol: z.string().nullable(),
			small: z.boolean()
		})
	)
});
export type PanelJourney = z.infer<typeof panelJourney>;
