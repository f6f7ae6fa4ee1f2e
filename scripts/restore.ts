// npm run restore -- <backup.json>
//
// Restores one organisation's backup (from `npm run backup` or Settings → Backup) into DATABASE_URL or
// the embedded database in DATA_DIR (stop the server first), in one transaction. It refuses, writing
// nothing, a file changed since it was made, one made at another migration, and an organisation that is
// already there. Accounts are matched by email address; an address the database does not know gets an
// account with a new password, printed here once.
import { readFile } from 'node:fs/promises';
import { BackupError, restoreBackup } from '../src/lib/server/backup';
import { openForScript } from '../src/lib/server/backup/open';

const file = process.argv[2];
if (!file || file.startsWith('-')) {
	console.error('Usage: npm run restore -- <backup.json>');
	process.exit(2);
}
let text: string;
try {
	text = await readFile(file, 'utf8');
} catch (error) {
	console.error(`Cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
	process.exit(1);
}
let opened;
try {
	opened = await openForScript(process.env, { migrateEmbedded: true });
} catch (error) {
	console.error(error instanceof Error ? error.message : String(error));
	process.exit(1);
}
try {
	const restored = await restoreBackup(opened.db, text);
	console.log(`Restored ${restored.name} (${restored.slug}): ${restored.rows} rows into ${opened.where}.`);
	if (restored.accounts_matched > 0)
		console.log(
			`  ${restored.accounts_matched} member(s) matched to accounts already here by email address.`
		);
	if (restored.accounts_created.length > 0) {
		console.log('  New accounts, with passwords shown this once (give each to its owner to change):');
		for (const a of restored.accounts_created) console.log(`    ${a.email.padEnd(40)} ${a.password}`);
	}
} catch (error) {
	if (error instanceof BackupError) {
		console.error(`Nothing was restored: ${error.message}`);
	} else {
		console.error(error instanceof Error ? error.message : String(error));
	}
	process.exitCode = 1;
} finally {
	await opened.close();
}
