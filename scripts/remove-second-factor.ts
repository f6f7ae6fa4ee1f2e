// npm run remove-second-factor -- <email>: removes the authenticator app (two-step sign-in) from an
// account whose owner has lost it, so that the password alone signs in again and they set up a new one.
//
// With DATABASE_URL, in that PostgreSQL (the server may keep running). Without it, in the embedded
// database in DATA_DIR (default .data/): stop the server first, as only one process can open it.
// On Supabase, remove the factor under Authentication > Users instead (or with the admin API's
// auth.admin.mfa.deleteFactor).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { openPglite } from '../src/lib/server/platform/db/pglite';
import { openPostgres } from '../src/lib/server/platform/db/postgres';

const email = process.argv[2]?.trim();
if (!email || !email.includes('@')) {
	console.error('Give the email address of the account: npm run remove-second-factor -- name@example.org');
	process.exit(1);
}
const url = process.env.DATABASE_URL;
const folder = path.join(path.resolve(process.env.DATA_DIR ?? '.data'), 'pglite');
if (!url && !existsSync(folder)) {
	console.error(
		`There is no embedded database in ${folder}: set DATA_DIR (or DATABASE_URL) to the server's.`
	);
	process.exit(1);
}
const db = url ? await openPostgres(url, { max: 1 }) : await openPglite(folder);
try {
	const removed = await db.query<{ id: string }>(
		`delete from auth.mfa_factors f using auth.users u
		  where f.user_id = u.id and lower(u.email) = lower($1) returning f.id`,
		[email]
	);
	console.log(
		removed.length > 0
			? `Removed two-step sign-in from ${email}: the password alone signs in now.`
			: `${email} has no authenticator app set up (or no account): nothing changed.`
	);
} finally {
	await db.close();
}
