import { z } from 'zod';

/** What a backup file says it is: a reader refuses anything else. */
export const BACKUP_FORMAT = 'coproduction-impact/organisation-backup';

/**
 * api.export_organisation: one organisation's every row, table by table (each row as the table's
 * columns), the accounts those rows name (id and email address, never a password hash), and the
 * migration the database was at.
 */
export const organisationBackup = z.object({
	format: z.literal(BACKUP_FORMAT),
	format_version: z.literal(1),
	schema_version: z.string(),
	exported_at: z.string(),
	organisation: z.object({ id: z.string(), slug: z.string(), name: z.string() }),
	accounts: z.array(z.object({ id: z.string(), email: z.string().nullable() })),
	tables: z.record(z.string(), z.array(z.record(z.string(), z.unknown())))
});
export type OrganisationBackup = z.infer<typeof organisationBackup>;

/** A backup as written to its file: with the SHA-256 of everything else in it (see server/backup). */
export type SealedBackup = OrganisationBackup & { checksum: string };
