import { z } from 'zod';
import { codes, WAVE_KINDS, WAVE_SOURCES } from '$lib/domain';
import { waveSummary } from '$lib/domain/schemas';

/**
 * Other channels' domain types: what api.import_choices, import_responses and import_aggregate return
 * (and what a refused import carries in its details), declared once as zod schemas; see
 * `src/lib/server/api.ts` and tests/db/api-results.test.ts. Client code imports only the types.
 */

export const importWave = waveSummary.extend({ source: z.enum(codes(WAVE_SOURCES)) });
export type ImportWave = z.infer<typeof importWave>;

/** api.import_choices: the surveys and waves the caller may add responses to. */
export const importSurvey = z.object({
	id: z.string(),
	slug: z.string(),
	title: z.string(),
	waves: z.array(importWave)
});
export type ImportSurvey = z.infer<typeof importSurvey>;

/** api.import_responses' report (a dry run's, a real run's, or a refused run's details: hint invalid_rows). */
export const importReport = z.object({
	dry_run: z.boolean(),
	rows: z.number(),
	valid: z.number(),
	already_imported: z.number(),
	written: z.number(),
	file_errors: z.array(z.string()),
	bad_rows: z.array(z.object({ row: z.number(), errors: z.record(z.string(), z.string()) }))
});
export type ImportReport = z.infer<typeof importReport>;

/** api.import_aggregate: the wave it made and what it holds. */
export const aggregateImported = z.object({
	wave_id: z.string(),
	slug: z.string(),
	respondents: z.number(),
	counts: z.number(),
	/** counts worked out from a published percentage of a base (share and base), rounded to whole people */
	reconstructed: z.number(),
	/** the label of the survey's baseline before, when this earlier wave became the baseline; else null */
	previous_baseline: z.string().nullable()
});
export type AggregateImported = z.infer<typeof aggregateImported>;

/** api.delete_wave: the wave deleted, and how many responses went with it. */
export const waveDeleted = z.object({
	wave_id: z.string(),
	survey_id: z.string(),
	label: z.string(),
	kind: z.enum(codes(WAVE_KINDS)),
	source: z.enum(codes(WAVE_SOURCES)),
	responses: z.number(),
	/** the wave's count of everyone (an imported wave's respondents) */
	respondents: z.number()
});
export type WaveDeleted = z.infer<typeof waveDeleted>;

/** What a refused aggregated import says (hint invalid_aggregate): field -> message, and the rows to fix. */
export const aggregateProblems = z.object({
	fields: z.record(z.string(), z.string()),
	rows: z.array(z.object({ row: z.number().nullable(), message: z.string() }))
});
export type AggregateProblems = z.infer<typeof aggregateProblems>;

/** One line of an aggregated import, as api.import_aggregate takes it (a type, not an interface: it is passed as Json). */
export type AggregateItem = {
	question_key?: string;
	option_value?: string;
	dimension?: string;
	category?: string;
	/** the count; or, for an answer, share (a percentage, 0 to 100) of base (how many answered) */
	n?: string;
	share?: string;
	base?: string;
};
