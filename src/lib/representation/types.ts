import { z } from 'zod';
import { waveKind, waveStatus } from '$lib/domain/schemas';
import { disclosureRule } from '$lib/disclosure/types';

/**
 * What the representation API functions return (20261208300100_representation.sql), declared once as zod
 * schemas: see `src/lib/server/api.ts` and tests/db/api-results.test.ts.
 */

export const POPULATION_ORIGINS = ['dfe', 'upload'] as const;
export type PopulationOrigin = (typeof POPULATION_ORIGINS)[number];

export const populationCount = z.object({
	dimension: z.string(),
	category: z.string(),
	/** null: not available (DfE's "x") */
	count: z.number().nullable()
});
export type PopulationCount = z.infer<typeof populationCount>;

export const populationSet = z.object({
	id: z.string(),
	origin: z.enum(POPULATION_ORIGINS),
	la_code: z.string().nullable(),
	la_name: z.string().nullable(),
	source: z.string(),
	year: z.string(),
	loaded_at: z.string(),
	counts: z.array(populationCount)
});
export type PopulationSet = z.infer<typeof populationSet>;

/** api.population_settings: null for anyone who is not a member. */
export const populationSettings = z.object({
	organisation_id: z.string(),
	can_edit: z.boolean(),
	la_code: z.string().nullable(),
	populations: z.array(populationSet)
});
export type PopulationSettings = z.infer<typeof populationSettings>;

export const populationSaved = z.object({
	id: z.string(),
	origin: z.enum(POPULATION_ORIGINS),
	rows: z.number()
});
export const populationRemoved = z.object({ removed: z.boolean(), origin: z.string() });

/** One problem of a refused population (hint invalid_population); row null for the whole set. */
export const populationProblems = z.object({
	problems: z.array(z.object({ row: z.number().nullable(), message: z.string() }))
});
export type PopulationProblem = z.infer<typeof populationProblems>['problems'][number];

export const respondentGroup = z.object({
	dimension: z.string(),
	category: z.string(),
	label: z.string(),
	/** null when hidden under the disclosure rule (symbol '[c]') */
	n: z.number().nullable(),
	symbol: z.string().nullable(),
	small: z.boolean()
});
export type RespondentGroup = z.infer<typeof respondentGroup>;

/** api.representation: a wave's respondents by about-you group, and the organisation's population sets. */
export const representation = z.object({
	wave: z.object({
		id: z.string(),
		label: z.string(),
		kind: waveKind,
		opens_at: z.string(),
		closes_at: z.string(),
		status: waveStatus
	}),
	survey: z.object({
		id: z.string(),
		title: z.string(),
		audience: z.string(),
		about_dimensions: z.array(z.string())
	}),
	exact: z.boolean(),
	rule: disclosureRule,
	as_of: z.string(),
	rounded_to: z.number(),
	respondents: z.object({ n: z.number().nullable(), symbol: z.string().nullable(), small: z.boolean() }),
	groups: z.array(respondentGroup),
	populations: z.array(populationSet)
});
export type Representation = z.infer<typeof representation>;
