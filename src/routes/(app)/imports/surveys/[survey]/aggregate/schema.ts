import { z } from 'zod';
import { codes, WAVE_KINDS } from '$lib/domain';

/** The wave an aggregated import creates. The counts come in a CSV file, checked by the database. */
export const aggregateSchema = z
	.object({
		label: z
			.string()
			.trim()
			.min(1, 'Enter a name for the wave.')
			.max(120, 'Keep the name to 120 characters.'),
		kind: z.enum(codes(WAVE_KINDS), { message: 'Choose baseline or repeat.' }),
		opens_on: z.iso.date({ message: 'Enter the date the wave opened.' }),
		closes_on: z.iso.date({ message: 'Enter the date the wave closed.' }),
		slug: z
			.string()
			.trim()
			.toLowerCase()
			.regex(
				/^[a-z0-9]+(-[a-z0-9]+)*$/,
				'Use lower-case letters, numbers and single hyphens, like send-survey-2019.'
			)
			.max(80, 'Keep the link name to 80 characters.')
	})
	.refine((v) => v.closes_on >= v.opens_on, {
		path: ['closes_on'],
		message: 'The closing date must be on or after the opening date.'
	});

/** Midnight in London at the start of a day, and at the end of another, as PostgreSQL reads them. */
export function waveDates(opensOn: string, closesOn: string) {
	const next = new Date(`${closesOn}T00:00:00Z`);
	next.setUTCDate(next.getUTCDate() + 1);
	return {
		opens_at: `${opensOn} 00:00:00 Europe/London`,
		closes_at: `${next.toISOString().slice(0, 10)} 00:00:00 Europe/London`
	};
}
