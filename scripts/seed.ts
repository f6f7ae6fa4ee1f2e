// npm run seed: loads the demo local area into the database at DATABASE_URL, once.
// The schema must be there already: run the app once with DATABASE_URL set, or `supabase db push`.
import { openPostgres } from '../src/lib/server/platform/db/postgres';
import { seedDemoOnce } from '../src/lib/server/demo/seed';

const url = process.env.DATABASE_URL;
if (!url) {
	console.error('Set DATABASE_URL to the PostgreSQL database to fill with demo data.');
	process.exit(1);
}
const db = await openPostgres(url, { max: 1 });
try {
	const seeded = await seedDemoOnce(db);
	console.log(seeded ? 'Demo data loaded.' : 'The demo area is already there; nothing changed.');
} finally {
	await db.close();
}
