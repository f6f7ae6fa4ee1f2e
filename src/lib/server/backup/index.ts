import { createHash, randomBytes, type Hash } from 'node:crypto';
import { asDatabaseError, type Database } from '../platform/db/types';
import { BACKUP_FORMAT, type OrganisationBackup, type SealedBackup } from '$lib/backup/types';

/**
 * Backup and restore of one organisation (see 20261209800100_organisation_backup.sql). The database
 * reads and writes the rows; here the file gets its checksum, which a restore checks before it
 * writes anything, so a file changed by hand, cut short or mangled in transit is refused whole.
 * The checksum is over the document as JSON values (keys in order, numbers as JavaScript reads
 * them), so the same backup read and written again by any JSON tool keeps it. It is not a
 * signature: anyone who changes the file on purpose can work it out again.
 *
 * This module is what the scripts use too, so it does not import the API module (which brings the
 * forms' libraries): the settings page's download is in ./data.ts.
 */

export type { OrganisationBackup, SealedBackup } from '$lib/backup/types';

/** A backup that cannot be restored here, with the reason in words. */
export class BackupError extends Error {
	/** not_json, invalid_backup, checksum, other_version, already_exists */
	readonly kind: string;
	constructor(kind: string, message: string) {
		super(message);
		this.kind = kind;
	}
}

/** Feeds a JSON value to the hash with object keys in order, so key order never changes the sum. */
function hashValue(hash: Hash, value: unknown): void {
	if (Array.isArray(value)) {
		hash.update('[');
		value.forEach((item, i) => {
			if (i > 0) hash.update(',');
			hashValue(hash, item);
		});
		hash.update(']');
	} else if (value !== null && typeof value === 'object') {
		hash.update('{');
		Object.keys(value)
			.sort()
			.forEach((key, i) => {
				if (i > 0) hash.update(',');
				hash.update(JSON.stringify(key) + ':');
				hashValue(hash, (value as Record<string, unknown>)[key]);
			});
		hash.update('}');
	} else {
		hash.update(JSON.stringify(value) ?? 'null');
	}
}

/** The checksum of a backup: SHA-256 of everything in it but its checksum. */
export function checksumOf(backup: OrganisationBackup | Record<string, unknown>): string {
	const rest: Record<string, unknown> = { ...backup };
	delete rest.checksum;
	const hash = createHash('sha256');
	hashValue(hash, rest);
	return `sha256:${hash.digest('hex')}`;
}

export function seal(backup: OrganisationBackup): SealedBackup {
	return { ...backup, checksum: checksumOf(backup) };
}

/** The file's name: the organisation and the day, `northbridge-backup-2026-12-09.json`. */
export function backupFileName(backup: OrganisationBackup): string {
	return `${backup.organisation.slug}-backup-${backup.exported_at.slice(0, 10)}.json`;
}

/**
 * An organisation's backup straight from the database, by its slug, as the service role would ask for
 * it (`npm run backup`). In the audit log.
 */
export async function exportFromDatabase(db: Database, slug: string): Promise<SealedBackup> {
	const [org] = await db.query<{ id: string }>('select id from app.organisations where slug = $1', [slug]);
	if (!org) throw new BackupError('not_found', `There is no organisation "${slug}" in this database.`);
	const backup = await db.transaction(async (tx) => {
		await tx.exec('set local role service_role');
		await tx.query(`select set_config('request.jwt.claims', $1, true)`, [
			JSON.stringify({ role: 'service_role' })
		]);
		const [row] = await tx.query<{ backup: OrganisationBackup }>(
			'select api.export_organisation($1) as backup',
			[org.id]
		);
		return row!.backup;
	});
	return seal(backup);
}

export interface RestoredAccount {
	email: string;
	/** a new random password, shown once (the account had none in this database) */
	password: string;
}

export interface Restored {
	organisation_id: string;
	slug: string;
	name: string;
	/** rows written, over every table */
	rows: number;
	/** accounts made for addresses this database did not know, each with a new password */
	accounts_created: RestoredAccount[];
	/** addresses that already had an account here: the backup's rows now name that account */
	accounts_matched: number;
}

/**
 * Restores a backup file's text into the database, as its owner, in one transaction: refused whole
 * (BackupError) when the file is not a backup, its checksum does not match, the database is at
 * another migration, or the organisation or any of its rows is already there. An account of an
 * address the database does not know is created with a random password, returned here once.
 */
export async function restoreBackup(db: Database, text: string): Promise<Restored> {
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch {
		throw new BackupError('not_json', 'This file is not JSON: it is not a backup, or it was cut short.');
	}
	if (!parsed || typeof parsed !== 'object' || (parsed as Record<string, unknown>).format !== BACKUP_FORMAT)
		throw new BackupError('invalid_backup', 'This is not a backup of an organisation.');
	const checksum = (parsed as Record<string, unknown>).checksum;
	if (checksum !== checksumOf(parsed as Record<string, unknown>))
		throw new BackupError(
			'checksum',
			'This backup has been changed since it was made (its checksum does not match): restore the file as it was downloaded.'
		);
	try {
		return await db.transaction(async (tx) => {
			const [row] = await tx.query<{
				restored: Omit<Restored, 'accounts_created'> & {
					accounts_created: { id: string; email: string | null }[];
				};
			}>('select app.restore_organisation($1::text::jsonb) as restored', [text]);
			const restored = row!.restored;
			const accounts: RestoredAccount[] = [];
			for (const account of restored.accounts_created) {
				if (!account.email) continue;
				const password = randomBytes(12).toString('base64url');
				await tx.query(
					`update auth.users set encrypted_password = extensions.crypt($2, extensions.gen_salt('bf', 10)),
					        email_confirmed_at = now()
					  where id = $1`,
					[account.id, password]
				);
				accounts.push({ email: account.email, password });
			}
			return { ...restored, accounts_created: accounts };
		});
	} catch (error) {
		const e = asDatabaseError(error);
		if (e.hint && ['invalid_backup', 'other_version', 'already_exists'].includes(e.hint))
			throw new BackupError(e.hint, e.message);
		throw error;
	}
}
