import { z } from 'zod';

export const signInSchema = z.object({
	email: z
		.string()
		.trim()
		.min(1, 'Enter your email address.')
		.pipe(z.email({ message: 'Enter an email address in the right format, like name@example.org.' })),
	password: z.string().min(1, 'Enter your password.').max(200, 'Enter your password.'),
	redirectTo: z.string().default('')
});
