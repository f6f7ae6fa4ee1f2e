import { z } from 'zod';

/** The form that picks the local authority whose DfE figures are loaded (checked in the browser and on the server). */
export const areaSchema = z.object({
	la_code: z
		.string({ error: 'Choose your local authority.' })
		.regex(/^E\d{8}$/, { error: 'Choose your local authority.' }),
	year: z.enum(['2025', '2024'], { error: 'Choose the year of the figures.' })
});
export type AreaForm = z.infer<typeof areaSchema>;

export const YEAR_CHOICES = [
	{ value: '2025', label: 'January 2025', hint: 'The latest: with primary need.' },
	{ value: '2024', label: 'January 2024' }
];
