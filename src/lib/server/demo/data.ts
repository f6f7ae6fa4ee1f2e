/**
 * The demo's content is data: src/lib/server/demo/data/*.json holds the wording of its surveys, its
 * translations, its comments, its vocabulary (answer scales, priorities, areas) and the numbers of
 * its story (who answers, how likely each group is to answer positively). Each file is checked
 * here against its schema, and the files against each other, when the seed first loads this
 * module; the seed's logic (random draws, the plan) stays in TypeScript beside it. The server
 * loads the seed, and so this module, only when it seeds (a dynamic import in ../backend.ts).
 */
import { z } from 'zod';
import { AUDIENCES, codes, DIRECTIONS, WAVE_KINDS } from '$lib/domain';
import commentsFile from './data/comments.json';
import languagesFile from './data/languages.json';
import storiesFile from './data/stories.json';
import surveysFile from './data/surveys.json';
import vocabularyFile from './data/vocabulary.json';

// ---------------------------------------------------------------------------------------------
// vocabulary.json
// ---------------------------------------------------------------------------------------------

const text = z.string().trim().min(1);
const code = z.string().regex(/^[a-z][a-z0-9_]*$/);
/** Text of one paragraph or several (joined with a blank line). */
const paragraphs = z.union([text, z.array(text).min(1)]);

const optionSchema = z.strictObject({
	value: code,
	label: text,
	easyReadLabel: text,
	symbol: z
		.string()
		.regex(/^[0-9A-F]{4,5}(-[0-9A-F]{4,5})*$/)
		.optional(),
	isPositive: z.boolean()
});

const prioritySchema = z.strictObject({ title: text, description: text.nullable() });

export const vocabularySchema = z.strictObject({
	scales: z.strictObject({
		agreement_5: z.array(optionSchema).min(2),
		faces_3: z.array(optionSchema).min(2),
		yes_no_unsure: z.array(optionSchema).min(2)
	}),
	/** Organisation slug -> its strategy priorities, in order. */
	priorities: z.record(code, z.array(prioritySchema).min(1)),
	/** Organisation slug -> its own categories of the 'area' about-you question. */
	areas: z.record(code, z.array(z.strictObject({ code, label: text })))
});

// ---------------------------------------------------------------------------------------------
// comments.json
// ---------------------------------------------------------------------------------------------

/** The about-you questions (app.about_dimensions), in the order a respondent meets them. */
export const DIMENSIONS = [
	'phase',
	'age_band',
	'support',
	'setting',
	'ethnicity',
	'gender',
	'area',
	'care_experience'
] as const;

const dimensionSchema = z.enum(DIMENSIONS);

const commentSchema = z.strictObject({
	text: text.max(1000),
	tone: z.enum(['negative', 'mixed', 'positive']),
	/** Only from respondents whose profile has one of these values. */
	when: z.partialRecord(dimensionSchema, z.array(code).min(1)).optional(),
	/** Only in a repeat wave: it speaks of a change since last time. */
	repeatOnly: z.boolean().optional()
});

/** Lists of comments by name (a story names the list it draws from). */
export const commentsSchema = z.record(z.string().regex(/^[a-z][A-Za-z]*$/), z.array(commentSchema).min(1));

// ---------------------------------------------------------------------------------------------
// surveys.json
// ---------------------------------------------------------------------------------------------

/** A moment relative to the moment the story is told from. */
const offsetSchema = z.union([z.strictObject({ months: z.int() }), z.strictObject({ days: z.int() })]);

const waveSchema = z.union([
	/** Opens at `opens` for so many weeks. */
	z.strictObject({
		slug: z.string().regex(/^[a-z0-9-]+$/),
		kind: z.enum(codes(WAVE_KINDS)),
		opens: offsetSchema,
		weeks: z.int().positive()
	}),
	/** Opens on the day of `opens`, closes at the end of the day of `closes`. */
	z.strictObject({
		slug: z.string().regex(/^[a-z0-9-]+$/),
		kind: z.enum(codes(WAVE_KINDS)),
		opens: offsetSchema,
		closes: z.strictObject({ days: z.int() })
	})
]);

const questionSchema = z.strictObject({
	/** Stable across waves: the same key is the same question in every wave. */
	key: code,
	kind: z.enum(['agreement_5', 'faces_3', 'yes_no_unsure', 'free_text']),
	prompt: text,
	easyReadPrompt: text,
	helpText: text.optional(),
	required: z.boolean(),
	maxLength: z.int().positive().optional(),
	/** The title of the strategy priority this question is evidence for. */
	priority: text.optional(),
	/** Shown on the same page as the question before it. */
	samePage: z.boolean().optional()
});

export const surveysSchema = z.array(
	z.strictObject({
		organisation: code,
		slug: z.string().regex(/^[a-z0-9-]+$/),
		title: text,
		audience: z.enum(codes(AUDIENCES)),
		easyRead: z.boolean(),
		introduction: paragraphs,
		privacyNotice: paragraphs,
		questions: z.array(questionSchema).min(1),
		waves: z.array(waveSchema).min(1)
	})
);

// ---------------------------------------------------------------------------------------------
// languages.json
// ---------------------------------------------------------------------------------------------

export const languagesSchema = z.array(
	z.strictObject({
		surveySlug: z.string(),
		code: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/),
		name: text,
		direction: z.enum(codes(DIRECTIONS)),
		/** Text key (see app.survey_texts) -> translation, for the survey's and its questions' texts. */
		texts: z.record(
			z
				.string()
				.regex(/^(title|introduction|privacy_notice|q:[a-z][a-z0-9_]*:(prompt|easy_read_prompt|help_text))$/),
			paragraphs
		),
		/** The answers of a standard scale for the questions that ask it: value -> [label, easy read]. */
		scales: z.array(
			z.strictObject({
				kind: z.enum(['agreement_5', 'faces_3', 'yes_no_unsure']),
				questions: z.array(code).min(1),
				words: z.record(code, z.tuple([text, text]))
			})
		),
		/** The about-you questions: dimension -> its wording, and its answers by category code. */
		about: z.partialRecord(dimensionSchema, z.strictObject({ prompt: text, answers: z.record(code, text) })),
		/** "Prefer not to say", the same for every about-you question. */
		preferNotToSay: text
	})
);

// ---------------------------------------------------------------------------------------------
// stories.json
// ---------------------------------------------------------------------------------------------

const weights = z.record(z.string(), z.number().nonnegative());
const chance = z.number().min(0).max(1);

/** A value that depends on one about-you answer: values by code, else otherwise. */
const byAnswer = <T extends z.ZodType>(value: T) =>
	z.strictObject({ by: dimensionSchema, values: z.record(code, value), otherwise: value });

/**
 * A shift of the log-odds of answering positively: the sum, in order, of each term (one about-you
 * answer's shift by code, 0 for any other) or of a named effect's terms.
 */
const effectSchema = z.array(
	z.union([z.string(), z.partialRecord(dimensionSchema, z.record(code, z.number()))])
);

const populationSpecSchema = z.strictObject({
	phase: weights,
	support: weights,
	gender: weights,
	/** The organisation's own areas. */
	areas: weights,
	/** The chance that a respondent leaves each about-you question blank. */
	skip: z.record(dimensionSchema, chance),
	/** The chance that a respondent answers "prefer not to say" to a question they do not skip. */
	declines: chance
});

export const storiesSchema = z.strictObject({
	/** Who the children and young people behind the responses are. */
	population: z.strictObject({
		source: text,
		/** England's EHC plan population by ethnic group (GSS harmonised codes). */
		ethnicity: weights,
		/** Per area, a factor on the weight of every group other than White British. */
		areaDiversity: z.record(code, z.number().positive()),
		ageByPhase: z.record(code, weights),
		settingByPhase: z.record(code, weights)
	}),
	populations: z.record(z.string(), populationSpecSchema),
	effects: z.record(z.string(), effectSchema),
	stories: z.array(
		z.strictObject({
			surveySlug: z.string(),
			responsesPerWave: z.array(z.int().nonnegative()).min(1),
			population: z.string(),
			/** The survey's organisation has no areas of its own. */
			withoutAreas: z.literal(true).optional(),
			/** Spread of respondents' general mood (log-odds), so one person's answers hang together. */
			moodSpread: z.number().nonnegative(),
			indicators: z.record(
				code,
				z.strictObject({
					/** Share positive among those answering, wave by wave. */
					target: z.array(chance).min(1),
					effect: effectSchema.optional(),
					/** The chance that a respondent leaves the question blank. */
					skip: z.union([chance, byAnswer(chance)]).optional()
				})
			),
			channel: weights,
			assistance: byAnswer(weights).optional(),
			/** Families who give a panel code at baseline, and the chance they answer each repeat. */
			panel: z.strictObject({ families: z.int().positive(), returnChance: z.array(chance) }).optional(),
			comments: z
				.strictObject({
					questionKey: code,
					/** A list of comments.json. */
					pool: z.string(),
					/** The chance of writing a comment: base + perNotPositive × the share of answers not positive. */
					chance: z.strictObject({ base: z.number(), perNotPositive: z.number() })
				})
				.optional()
		})
	)
});

// ---------------------------------------------------------------------------------------------
// The files together
// ---------------------------------------------------------------------------------------------

/** Every file, and what one file names in another (a priority, a survey, a question, a list). */
export const demoDataSchema = z
	.strictObject({
		vocabulary: vocabularySchema,
		comments: commentsSchema,
		surveys: surveysSchema,
		languages: languagesSchema,
		stories: storiesSchema
	})
	.superRefine((data, ctx) => {
		const problem = (message: string) => ctx.addIssue({ code: 'custom', message });
		const surveys = new Map(data.surveys.map((s) => [s.slug, s]));
		for (const s of data.surveys) {
			const priorities = data.vocabulary.priorities[s.organisation];
			if (!priorities) problem(`surveys.json: ${s.slug}: no priorities for "${s.organisation}".`);
			for (const q of s.questions)
				if (q.priority && !priorities?.some((p) => p.title === q.priority))
					problem(`surveys.json: ${s.slug}.${q.key}: no priority "${q.priority}".`);
		}
		for (const l of data.languages) {
			const survey = surveys.get(l.surveySlug);
			if (!survey) problem(`languages.json: ${l.code}: no survey "${l.surveySlug}".`);
			for (const scale of l.scales)
				for (const key of scale.questions)
					if (survey && !survey.questions.some((q) => q.key === key && q.kind === scale.kind))
						problem(`languages.json: ${l.code}: ${l.surveySlug} has no ${scale.kind} question "${key}".`);
		}
		const expand = (effect: (string | object)[], seen: string[]): void => {
			for (const term of effect) {
				if (typeof term !== 'string') continue;
				const named = data.stories.effects[term];
				if (!named || seen.includes(term)) problem(`stories.json: no effect "${term}", or a loop.`);
				else expand(named, [...seen, term]);
			}
		};
		for (const story of data.stories.stories) {
			const survey = surveys.get(story.surveySlug);
			if (!survey) problem(`stories.json: no survey "${story.surveySlug}".`);
			if (!data.stories.populations[story.population])
				problem(`stories.json: ${story.surveySlug}: no population "${story.population}".`);
			if (story.comments && !data.comments[story.comments.pool])
				problem(`stories.json: ${story.surveySlug}: comments.json has no list "${story.comments.pool}".`);
			for (const [key, model] of Object.entries(story.indicators)) {
				if (model.target.length !== story.responsesPerWave.length)
					problem(`stories.json: ${story.surveySlug}.${key}: a target for each wave.`);
				expand(model.effect ?? [], []);
			}
			for (const q of survey?.questions ?? [])
				if (q.kind !== 'free_text' && !story.indicators[q.key])
					problem(`stories.json: ${story.surveySlug} has no model for ${q.key}.`);
			if (survey && survey.waves.length !== story.responsesPerWave.length)
				problem(`stories.json: ${story.surveySlug}: responses for each of its ${survey.waves.length} waves.`);
		}
	});

export type DemoData = z.infer<typeof demoDataSchema>;

/** The files as they are on disk, unchecked. */
export const DEMO_DATA_FILES = {
	vocabulary: vocabularyFile,
	comments: commentsFile,
	surveys: surveysFile,
	languages: languagesFile,
	stories: storiesFile
};

/** The demo's content, checked. */
export const DEMO_DATA: DemoData = demoDataSchema.parse(DEMO_DATA_FILES);

/** Paragraphs as one text, a blank line between them. */
export function joinParagraphs(value: string | string[]): string {
	return typeof value === 'string' ? value : value.join('\n\n');
}
