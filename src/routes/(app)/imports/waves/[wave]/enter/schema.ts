import { z } from 'zod';

export const CHANNELS = [
	{ value: 'paper', label: 'On paper' },
	{ value: 'event', label: 'At an event' },
	{ value: 'phone', label: 'By phone' },
	{ value: 'focus_group', label: 'In a focus group' }
] as const;

export const ASSISTANCE = [
	{ value: '', label: 'Not known' },
	{ value: 'own', label: 'On their own' },
	{ value: 'helped', label: 'With help from a parent, carer or worker' },
	{ value: 'on_behalf', label: 'By someone on their behalf' }
] as const;

/**
 * The fixed fields of a response typed in by staff. The survey's own questions come from the database
 * and are checked there (api.enter_response), with the same rules as a respondent's answers.
 */
export const enterSchema = z.object({
	wave_id: z.uuid({ message: 'The form was damaged. Reload the page and try again.' }),
	response_id: z.uuid({ message: 'The form was damaged. Reload the page and try again.' }),
	channel: z.enum(['paper', 'event', 'phone', 'focus_group'], {
		message: 'Choose how the answers were given.'
	}),
	given_on: z.iso.date({ message: 'Enter the date the answers were given, for example 27 March 2024.' }),
	assistance: z
		.enum(['', 'own', 'helped', 'on_behalf'], { message: 'Choose who gave the answers.' })
		.default(''),
	panel_code: z.string().trim().max(20, 'A panel code is 8 letters and numbers, like K7QP-2MXA.').default('')
});
