import { z } from 'zod';
import { ASSISTANCE, codes, ENTERED_CHANNELS } from '$lib/domain';

/**
 * The fixed fields of a response typed in by staff. The survey's own questions come from the database
 * and are checked there (api.enter_response), with the same rules as a respondent's answers.
 */
export const enterSchema = z.object({
	wave_id: z.uuid({ message: 'The form was damaged. Reload the page and try again.' }),
	response_id: z.uuid({ message: 'The form was damaged. Reload the page and try again.' }),
	channel: z.enum(codes(ENTERED_CHANNELS), {
		message: 'Choose how the answers were given.'
	}),
	given_on: z.iso.date({ message: 'Enter the date the answers were given, for example 27 March 2024.' }),
	assistance: z.enum(['', ...codes(ASSISTANCE)], { message: 'Choose who gave the answers.' }).default(''),
	panel_code: z.string().trim().max(20, 'A panel code is 8 letters and numbers, like K7QP-2MXA.').default('')
});
