// npm run backup -- <organisation slug> <file.json>
//
// Writes one organisation's backup (every row it owns, as JSON; see README "Backup and restore") to the
// file, readable by its owner only (it holds every answer), from DATABASE_URL or the embedded database in
// DATA_DIR (stop the server first: only one process may open it). A file, not standard output: npm
// writes its own lines there. The backup is recorded in the organisation's audit log.
import { writeFile } from 'node:fs/promises';
import { exportFromDatabase } from '../src/lib/server/backup';
import { openForScript } from '../src/lib/server/backup/open';

const [slug, file] = process.argv.slice(2);
if (!slug || !file || slug.startsWith('-')) {
	console.error('Usage: npm run backup -- <organisation slug> <file.json>');
	process.exit(2);
}
let opened;
try {
	opened = await openForScript(process.env, { migrateEmbedded: false });
} catch (error) {
	console.error(error instanceof Error ? error.message : String(error));
	process.exit(1);
}
try {
	const backup = await exportFromDatabase(opened.db, slug);
	await writeFile(file, JSON.stringify(backup) + '\n', { mode: 0o600, flag: 'wx' });
	const rows = Object.values(backup.tables).reduce((n, rows) => n + rows.length, 0);
	console.log(`Backed up ${backup.organisation.name} (${rows} rows) from ${opened.where} to ${file}.`);
} catch (error) {
	console.error(error instanceof Error ? error.message : String(error));
	process.exitCode = 1;
} finally {
	await opened.close();
}
