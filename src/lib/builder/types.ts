import { z } from 'zod';
import { codes, AUDIENCES, DIRECTIONS } from '$lib/domain';
import { controlledWaveSummary, questionWording, waveStatus, waveSummary } from '$lib/domain/schemas';
import { conditions } from '$lib/conditions';

/**
 * The survey builder's domain types: what its API functions return (api.survey_for_builder,
 * standard_options and the functions that change a survey), declared once as zod schemas. The types
 * are inferred from them; `src/lib/server/api.ts` maps each function to its schema and
 * tests/db/api-results.test.ts parses every result with it on both engines. Client code imports only
 * the types from here (`import type`).
 */

export const audience = z.enum(codes(AUDIENCES));
export type Audience = z.infer<typeof audience>;

const direction = z.enum(codes(DIRECTIONS));

export const builderOption = z.object({
	id: z.string(),
	value: z.string(),
	label: z.string(),
	easy_read_label: z.string().nullable(),
	symbol: z.string().nullable(),
	is_positive: z.boolean(),
	position: z.number(),
	answered: z.boolean()
});
export type BuilderOption = z.infer<typeof builderOption>;

export const builderQuestion = z.object({
	id: z.string(),
	key: z.string(),
	position: z.number(),
	...questionWording.shape,
	priority_id: z.string().nullable(),
	priority: z.string().nullable(),
	/** an OpenMoji hexcode (see $lib/symbols), or null */
	symbol: z.string().nullable(),
	/** shown on the same page as the question before it */
	same_page: z.boolean(),
	version: z.number(),
	/** when the question is shown (rules by question id); null: always */
	conditions: conditions.nullable(),
	answered: z.boolean(),
	/** how many answered; null for members who see only published figures (forum, scrutiny) */
	answers: z.number().nullable(),
	options: z.array(builderOption),
	versions: z.array(
		z.object({
			version: z.number(),
			prompt: z.string(),
			replaced_at: z.string(),
			conditions: conditions.nullable()
		})
	)
});
export type BuilderQuestion = z.infer<typeof builderQuestion>;

/** A wave as the builder shows it (api.survey_for_builder's waves), responses under the disclosure rule. */
export const builderWave = controlledWaveSummary.extend({
	/** answered only through invitation links (api.set_wave_access) */
	invitation_only: z.boolean()
});
export type BuilderWave = z.infer<typeof builderWave>;

/** api.create_wave: the new wave (no responses yet). */
export const waveCreated = waveSummary.omit({ responses: true });

/** An about-you dimension as the builder shows it (api.survey_for_builder's about). */
export const builderAboutDimension = z.object({
	key: z.string(),
	label: z.string(),
	asked: z.boolean(),
	/** the first few categories' labels */
	examples: z.array(z.string()),
	/** how many categories it has, besides "prefer not to say" */
	categories: z.number()
});
export type BuilderAboutDimension = z.infer<typeof builderAboutDimension>;

export const builderLanguage = z.object({
	id: z.string(),
	code: z.string(),
	name: z.string(),
	direction,
	position: z.number(),
	/** text key -> translation */
	translations: z.record(z.string(), z.string()),
	/** how many of the survey's texts are translated */
	translated: z.number(),
	/** responses given in the language; null for members who see only published figures (forum, scrutiny) */
	responses: z.number().nullable()
});
export type BuilderLanguage = z.infer<typeof builderLanguage>;

/** api.survey_for_builder: a survey with everything its builder shows, or null for one the member cannot see. */
export const builderSurvey = z.object({
	id: z.string(),
	slug: z.string(),
	title: z.string(),
	audience,
	easy_read: z.boolean(),
	introduction: z.string(),
	privacy_notice: z.string(),
	organisation: z.object({ id: z.string(), name: z.string() }),
	can_edit: z.boolean(),
	/** the about-you dimensions the survey asks, in order */
	about_dimensions: z.array(z.string()),
	/** every about-you dimension it could ask, with a few of its categories */
	about: z.array(builderAboutDimension),
	questions: z.array(builderQuestion),
	waves: z.array(builderWave),
	priorities: z.array(z.object({ id: z.string(), position: z.number(), title: z.string() })),
	/** the texts a language translates, in the order a respondent meets them */
	texts: z.array(z.object({ key: z.string(), english: z.string(), max_length: z.number() })),
	languages: z.array(builderLanguage)
});
export type BuilderSurvey = z.infer<typeof builderSurvey>;

/**
 * An hour in which a wave received far more answers online than usual (api.response_bursts): at
 * least 30, and at least five times its usual rate an hour.
 */
export const responseBurst = z.object({
	wave_id: z.string(),
	wave_label: z.string(),
	/** the hour's start */
	hour: z.string(),
	responses: z.number(),
	/** the wave's usual answers an hour, to one decimal place */
	usual: z.number()
});
export type ResponseBurst = z.infer<typeof responseBurst>;

/** api.standard_options: the usual options of a kind of question (none for a kind without). */
export const standardOption = z.object({
	value: z.string(),
	label: z.string(),
	easy_read_label: z.string(),
	symbol: z.string().optional(),
	is_positive: z.boolean()
});
export type StandardOption = z.infer<typeof standardOption>;

/** api.create_survey and update_survey. */
export const surveySaved = z.object({ id: z.string(), slug: z.string(), title: z.string() });

/** api.add_question. */
export const questionAdded = z.object({ id: z.string(), key: z.string(), version: z.number() });

/** api.update_question: versioned when the wording changed after answers were given. */
export const questionUpdated = questionAdded.extend({
	versioned: z.boolean(),
	warning: z.string().nullable()
});

/** api.add_survey_language and update_survey_language. */
export const languageSaved = z.object({ id: z.string(), code: z.string(), name: z.string(), direction });

/** api.remove_survey_language. */
export const languageRemoved = z.object({ code: z.string(), removed: z.boolean() });

/** api.save_survey_translations: how many of the survey's texts are translated. */
export const translationsSaved = z.object({ code: z.string(), translated: z.number(), texts: z.number() });

/** api.set_survey_about. */
export const aboutSet = z.object({ id: z.string(), about_dimensions: z.array(z.string()) });

/** api.set_wave_access: whether the wave is answered only through invitation links. */
export const waveAccessSet = z.object({ id: z.string(), invitation_only: z.boolean() });

/** api.set_wave_dates: the wave's new dates and the status they give it. */
export const waveDatesSet = z.object({
	id: z.string(),
	opens_at: z.string(),
	closes_at: z.string(),
	status: waveStatus
});
