import { z } from 'zod';

/** A six-digit code from an authenticator app; spaces (as some apps show it, "123 456") are dropped. */
export const codeField = z
	.string()
	.transform((s) => s.replace(/\s+/g, ''))
	.pipe(
		z
			.string()
			.min(1, 'Enter the 6-digit code from your authenticator app.')
			.regex(/^\d{6}$/, 'The code is 6 digits, like 123456. Enter the newest one from your app.')
	);

export const codeSchema = z.object({
	code: codeField,
	redirectTo: z.string().default('')
});
