import { z } from 'zod';

/** Deleting a mistaken wave: the reason is required, and kept in the audit log (api.delete_wave checks it again). */
export const REASON_MAX = 1000;

export const deleteWaveSchema = z.object({
	reason: z
		.string()
		.trim()
		.min(1, 'Give the reason for deleting this wave: it is kept in the audit log.')
		.max(REASON_MAX, 'Keep the reason to 1,000 characters.')
});
