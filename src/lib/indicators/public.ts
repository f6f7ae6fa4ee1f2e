import { z } from 'zod';

/** api.public_indicators: an organisation and the indicators it publishes on its public page. */
export const publicIndicators = z.object({
	organisation: z.object({ name: z.string(), slug: z.string() }),
	indicators: z.array(
		z.object({
			question_id: z.string(),
			key: z.string(),
			prompt: z.string(),
			kind: z.string(),
			survey: z.object({ slug: z.string(), title: z.string(), audience: z.string() }),
			priority: z.string().nullable(),
			/** the labels of the answers that count as positive */
			positive: z.array(z.string()),
			published_at: z.string()
		})
	)
});
export type PublicIndicators = z.infer<typeof publicIndicators>;

/** api.set_public_indicator */
export const publicIndicatorSet = z.object({ question_id: z.string(), public: z.boolean() });
