import { z } from 'zod';
import { codes, QUESTION_KINDS, WAVE_KINDS } from '$lib/domain';

/** The data dictionary of a download of responses (api.start_response_export). */
export const exportDictionary = z.object({
	survey: z.object({ id: z.string(), title: z.string(), slug: z.string() }),
	organisation: z.string(),
	/** how many responses the download holds */
	responses: z.number(),
	waves: z.array(
		z.object({ id: z.string(), slug: z.string(), label: z.string(), kind: z.enum(codes(WAVE_KINDS)) })
	),
	questions: z.array(
		z.object({
			key: z.string(),
			kind: z.enum(codes(QUESTION_KINDS)),
			prompt: z.string(),
			version: z.number(),
			/** false for free text, held back until the safeguarding review */
			exported: z.boolean(),
			options: z.array(z.object({ value: z.string(), label: z.string() })),
			versions: z.array(z.object({ version: z.number(), prompt: z.string(), replaced_at: z.string() }))
		})
	),
	about: z.array(
		z.object({
			key: z.string(),
			label: z.string(),
			categories: z.array(z.object({ code: z.string(), label: z.string() }))
		})
	)
});
export type ExportDictionary = z.output<typeof exportDictionary>;

/** One response in a page of a download (api.response_export_page). */
export const exportedResponse = z.object({
	id: z.string(),
	wave: z.string(),
	submitted_at: z.string(),
	channel: z.string(),
	language: z.string(),
	assistance: z.string().nullable(),
	about: z.record(z.string(), z.string()),
	/** question key -> the option values chosen, in order, or a number */
	answers: z.record(z.string(), z.union([z.array(z.string()), z.number()]))
});
export type ExportedResponse = z.output<typeof exportedResponse>;

/**
 * The ends of a download's pages (api.response_export_bounds): [submitted_at, id] of the last
 * response of every full page, in the order they were sent.
 */
export const exportBounds = z.array(z.tuple([z.string(), z.string()]));

/**
 * One page of a download in its compact form (api.response_export_rows): the same responses as
 * api.response_export_page gives, each a plain array, and the page's answers as numbers (row, option)
 * so that the database neither builds an object nor groups or sorts anything per response.
 */
export const exportRowsPage = z.object({
	/** the waves' slugs: a row's wave is its number (from 1) here */
	waves: z.array(z.string()),
	/** [question key, option value] of every option of the exported questions */
	options: z.array(z.tuple([z.string(), z.string()])),
	/** the keys of the exported questions answered with a number */
	numbers: z.array(z.string()),
	rows: z.array(
		z.tuple([
			z.string(), // id
			z.number(), // wave (from 1, in waves)
			z.string(), // submitted_at
			z.string(), // channel
			z.string(), // language
			z.string().nullable(), // assistance
			z.record(z.string(), z.string()) // about
		])
	),
	/** each option chosen: its row (from 1, in rows) and its option (from 1, in options) */
	answers: z.object({ rows: z.array(z.number()), options: z.array(z.number()) }),
	/** each number given: its row, its question (from 1, in numbers) and the number */
	numbered: z.object({
		rows: z.array(z.number()),
		questions: z.array(z.number()),
		values: z.array(z.number())
	})
});
export type ExportRowsPage = z.output<typeof exportRowsPage>;
