import { chmod, lstat, readdir } from 'node:fs/promises';
import path from 'node:path';

/**
 * The embedded database's folder holds every answer and every password hash: only the account
 * that runs the server may read it. The folder and every folder in it are made 0700 and every file
 * 0600, and the process's umask becomes 077. PGlite makes its own files (its WAL too) 0666 whatever
 * the umask, so this runs at start before the database opens, again once it is open and migrated,
 * and when it closes; a file PGlite makes in between sits in a folder no one else may enter.
 * Returns the paths whose permissions it had to change.
 */
export async function secureDataFolder(dir: string): Promise<string[]> {
	process.umask(0o077);
	const changed: string[] = [];
	const visit = async (p: string) => {
		const info = await lstat(p);
		if (info.isSymbolicLink()) return;
		const wanted = info.isDirectory() ? 0o700 : 0o600;
		if ((info.mode & 0o777) !== wanted) {
			await chmod(p, wanted);
			changed.push(p);
		}
		if (info.isDirectory()) {
			for (const name of await readdir(p)) await visit(path.join(p, name));
		}
	};
	await visit(dir);
	return changed;
}
