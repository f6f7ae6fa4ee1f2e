import { z } from 'zod';
import { waveKind, waveSummary as sharedWaveSummary } from '$lib/domain/schemas';

/**
 * The indicators' domain types: what api.list_surveys and indicator_trend return, declared once as
 * zod schemas; see `src/lib/server/api.ts` and tests/db/api-results.test.ts.
 */

export const waveSummary = sharedWaveSummary;
export type WaveSummary = z.infer<typeof waveSummary>;

export const indicator = z.object({
	id: z.string(),
	key: z.string(),
	prompt: z.string(),
	kind: z.string(),
	priority: z.string().nullable(),
	positive: z.array(z.string())
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
 * A row of api.indicator_trend (`returns table`: its generated type makes every column nullable,
 * this says which are not).
 */
export const trendPoint = z.object({
	wave_id: z.string(),
	wave_label: z.string(),
	wave_kind: waveKind,
	opens_at: z.string(),
	closes_at: z.string(),
	n: z.number(),
	positive: z.number().nullable(),
	share: z.number().nullable(),
	suppressed: z.boolean()
});
export type TrendPoint = z.infer<typeof trendPoint>;

const journeyWave = z.object({ id: z.string(), label: z.string(), kind: waveKind });

/**
 * api.panel_journey: how many people linked by a panel code moved from each answer to each other
 * between two waves; for forum and scrutiny a small count is null and marked suppressed.
 */
export const panelJourney = z.object({
	question_id: z.string(),
	from_wave: journeyWave,
	to_wave: journeyWave,
	linked: z.number().nullable(),
	linked_suppressed: z.boolean(),
	cells: z.array(
		z.object({
			from_value: z.string(),
			from_label: z.string(),
			to_value: z.string(),
			to_label: z.string(),
			n: z.number().nullable(),
			suppressed: z.boolean()
		})
	)
});
export type PanelJourney = z.infer<typeof panelJourney>;
