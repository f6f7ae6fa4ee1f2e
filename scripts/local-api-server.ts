// Serves the local stand-in for Supabase's HTTP API (PostgREST RPC + Auth) on a real port, in front
// of PGlite (DATA_DIR, default a new temporary folder) or DATABASE_URL. The app can then run in its
// Supabase mode against it: PUBLIC_SUPABASE_URL=<url> PUBLIC_SUPABASE_ANON_KEY=<key>
// SUPABASE_SERVICE_ROLE_KEY=<service role key> npm start.
// Used by the end-to-end test of the Supabase mode; handy for trying another client against the API.
//
//   npx tsx scripts/local-api-server.ts [port]     prints one JSON line: { url, anonKey, demoAccounts }
import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { migrate } from '../src/lib/server/platform/db/migrate';
import { openPglite } from '../src/lib/server/platform/db/pglite';
import { openPostgres } from '../src/lib/server/platform/db/postgres';
import { newDemoCredentials, type DemoCredential } from '../src/lib/server/demo/credentials';
import { seedDemoOnce } from '../src/lib/server/demo/seed';
import { createLocalSupabase } from '../src/lib/server/platform/embedded';

const port = Number(process.argv[2] ?? 54321);
const db = process.env.DATABASE_URL
	? await openPostgres(process.env.DATABASE_URL)
	: await openPglite(
			process.env.DATA_DIR ?? path.join(await mkdtemp(path.join(tmpdir(), 'cpi-api-')), 'pglite')
		);
await migrate(db);
// The demo only on its own PGlite (never DATABASE_URL: `npm run seed` does that on purpose), with
// new passwords, printed in the ready line for whoever started it.
let demoAccounts: DemoCredential[] = [];
if (!process.env.DATABASE_URL && process.env.DEMO_DATA !== 'off') {
	const credentials = newDemoCredentials();
	const created = await seedDemoOnce(db, {
		passwords: Object.fromEntries(credentials.map((a) => [a.email, a.password]))
	});
	demoAccounts = credentials.filter((a) => created?.includes(a.email));
}
const local = await createLocalSupabase(db, process.env.JWT_SECRET ?? randomBytes(32).toString('base64url'));

async function answer(req: http.IncomingMessage): Promise<Response> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	const headers = new Headers();
	for (const [name, value] of Object.entries(req.headers)) {
		if (typeof value === 'string') headers.set(name, value);
	}
	const body = chunks.length ? Buffer.concat(chunks) : undefined;
	// The handler answers paths on its own base URL.
	const request = new Request(new URL(req.url ?? '/', local.url), {
		method: req.method,
		headers,
		body: req.method === 'GET' || req.method === 'HEAD' ? undefined : body
	});
	return local.handle(request);
}

const server = http.createServer(async (req, res) => {
	let response: Response;
	try {
		response = await answer(req);
	} catch (error) {
		// one request that fails never stops the server: a 500 as the in-process fetch gives one
		// (never 503 or 520, which supabase-js would retry)
		console.error('local Supabase API:', error);
		response = Response.json({ code: 'XX000', message: 'The database could not answer.' }, { status: 500 });
	}
	res.writeHead(response.status, Object.fromEntries(response.headers));
	res.end(Buffer.from(await response.arrayBuffer()));
});

server.listen(port, '127.0.0.1', () => {
	console.log(
		JSON.stringify({
			url: `http://127.0.0.1:${port}`,
			anonKey: local.anonKey,
			serviceRoleKey: local.serviceRoleKey,
			demoAccounts
		})
	);
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
	process.once(signal, () => {
		server.close();
		void db.close().then(() => process.exit(0));
	});
}
