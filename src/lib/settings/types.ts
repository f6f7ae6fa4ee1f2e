import { z } from 'zod';

/** An organisation's settings as api.organisation_settings returns them (see `src/lib/server/api.ts`). */
export const organisationSettings = z.object({
	id: z.string(),
	slug: z.string(),
	name: z.string(),
	you_said_we_did_url: z.string().nullable(),
	/** admin or lead */
	can_edit: z.boolean()
});
export type OrganisationSettings = z.infer<typeof organisationSettings>;

/** api.set_you_said_we_did_url: the address kept, null for none. */
export const youSaidWeDidUrlSet = z.object({ id: z.string(), you_said_we_did_url: z.string().nullable() });
