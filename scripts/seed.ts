// npm run seed: loads the demo local area into the database at DATABASE_URL, once, on purpose (the
// server never seeds DATABASE_URL or Supabase itself). The schema must be there already: run the app
// once with DATABASE_URL set, or `supabase db push`.
//
// The demo accounts get new random passwords, printed here once and kept nowhere else; an address
// that already exists keeps its password. With --json the accounts are printed as one JSON line.
import { newDemoCredentials } from '../src/lib/server/demo/credentials';
import { seedDemoOnce } from '../src/lib/server/demo/seed';
import { openPostgres } from '../src/lib/server/platform/db/postgres';

const url = process.env.DATABASE_URL;
if (!url) {
	console.error('Set DATABASE_URL to the PostgreSQL database to fill with demo data.');
	process.exit(1);
}
const asJson = process.argv.includes('--json');
const db = await openPostgres(url, { max: 1 });
try {
	const credentials = newDemoCredentials();
	const created = await seedDemoOnce(db, {
		passwords: Object.fromEntries(credentials.map((a) => [a.email, a.password]))
	});
	const accounts = credentials.filter((a) => created?.includes(a.email));
	if (asJson) {
		console.log(JSON.stringify({ seeded: created !== null, accounts }));
	} else if (created === null) {
		console.log('The demo area is already there; nothing changed.');
	} else {
		console.log('Demo data loaded. The demo accounts, shown this once (keep them somewhere safe):');
		for (const a of accounts) console.log(`  ${a.role.padEnd(13)} ${a.email.padEnd(34)} ${a.password}`);
		if (accounts.length < credentials.length)
			console.log('  (the other demo addresses already had accounts: they keep their passwords)');
	}
} finally {
	await db.close();
}
