import { z } from 'zod';
import { codeField } from '../../sign-in/code/schema';

/** Confirms an authenticator app being set up: its first code, with the set-up shown again if it is wrong. */
export const confirmSchema = z.object({
	factorId: z.uuid('Start setting up the app again.'),
	secret: z.string().regex(/^[A-Z2-7]+=*$/, 'Start setting up the app again.'),
	uri: z.string().startsWith('otpauth://totp/', 'Start setting up the app again.'),
	code: codeField
});

/** Turns two-step sign-in off: a code from the app, so that someone at an unlocked screen cannot. */
export const removeSchema = z.object({ code: codeField });
