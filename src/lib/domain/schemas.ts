import { z } from 'zod';
import { codes, QUESTION_KINDS, WAVE_KINDS, WAVE_STATUSES } from './vocabulary';

/**
 * The shapes more than one feature reads from the API, declared once as zod schemas (the features'
 * types modules build on them; tests/db/api-results.test.ts parses every result with them).
 */

export const questionKind = z.enum(codes(QUESTION_KINDS));
export const waveKind = z.enum(codes(WAVE_KINDS));
export const waveStatus = z.enum(codes(WAVE_STATUSES));

/** A wave as lists of waves show it: its dates, status and number of responses. */
export const waveSummary = z.object({
	id: z.string(),
	slug: z.string(),
	kind: waveKind,
	label: z.string(),
	opens_at: z.string(),
	closes_at: z.string(),
	status: waveStatus,
	responses: z.number()
});

/**
 * A wave with its responses under the disclosure rule (api.list_surveys, api.survey_for_builder): null
 * with responses_symbol '[c]' when hidden; responses_small for staff, who see the exact number, when
 * it is under the threshold.
 */
export const controlledWaveSummary = waveSummary.extend({
	responses: z.number().nullable(),
	responses_symbol: z.string().nullable(),
	responses_small: z.boolean()
});

/** A question's wording and limits, as respondents and the builder both read them. */
export const questionWording = z.object({
	kind: questionKind,
	prompt: z.string(),
	easy_read_prompt: z.string().nullable(),
	help_text: z.string().nullable(),
	required: z.boolean(),
	max_length: z.number().nullable(),
	min_value: z.number().nullable(),
	max_value: z.number().nullable()
});
