// The server Playwright's webServer starts (see playwright.config.ts): the production build, built
// first if missing or stale, on http://127.0.0.1:4173 (or E2E_PORT) with a fresh embedded database in
// .data/e2e-<port> (scripts/lib/e2e.js)
// that holds only the demo data. Signals are forwarded so Playwright can stop it cleanly.
import { mkdirSync, rmSync } from 'node:fs';
import process from 'node:process';
import { e2eDataDir, e2ePort } from './lib/e2e.js';
import { buildIfStale, exitCode, run, serverEntry, serverMemory } from './lib/run.js';

const PORT = String(e2ePort());
const HOST = '127.0.0.1';
const dataDir = e2eDataDir();

await buildIfStale();

rmSync(dataDir, { recursive: true, force: true });
mkdirSync(dataDir, { recursive: true, mode: 0o700 });

/** @type {NodeJS.ProcessEnv} */
const env = { ...process.env, PORT, HOST, ORIGIN: `http://${HOST}:${PORT}`, DATA_DIR: dataDir };
// Always the throwaway embedded database with the demo data, whatever this shell points at.
for (const name of [
	'DATABASE_URL',
	'PUBLIC_SUPABASE_URL',
	'PUBLIC_SUPABASE_ANON_KEY',
	'SUPABASE_SERVICE_ROLE_KEY',
	'DEMO_DATA',
	'PROTOCOL_HEADER',
	'HOST_HEADER',
	'SOCKET_PATH'
]) {
	delete env[name];
}
// Playwright sets FORCE_COLOR for its web server; with NO_COLOR too, Node warns about the clash.
if (env.FORCE_COLOR !== undefined) delete env.NO_COLOR;

// as `npm start` runs it: the same memory settings (scripts/lib/run.js)
const memory = serverMemory(env);
const exit = await run(process.execPath, [...memory.args, serverEntry], { env: memory.env });
process.exit(exitCode(exit));
