// `npm start`: the production server, built first if the build is missing or older than its sources.
//
// Environment (all optional):
//   PORT  (default 3000) and HOST (default 0.0.0.0, every interface) to listen on;
//   ORIGIN, or PROTOCOL_HEADER / HOST_HEADER, as adapter-node documents, when behind a proxy;
//   DATA_DIR, DATABASE_URL, PUBLIC_SUPABASE_URL, ... as the README describes.
// Arguments after `npm start --` are passed on to the server.
import path from 'node:path';
import process from 'node:process';
import { pathToFileURL } from 'node:url';
import { buildIfStale, exitCode, root, run, serverEntry, serverMemory } from './lib/run.js';

await buildIfStale();

const env = { ...process.env };
env.PORT ||= '3000';
env.HOST ||= '0.0.0.0';

// How the server learns its own origin, which SvelteKit compares with each form post's Origin header.
// If the person starting it said nothing (none of ORIGIN, PROTOCOL_HEADER, HOST_HEADER set), take the
// origin from the request itself: the Host header the browser sent, over http unless a proxy in front
// says X-Forwarded-Proto: https. Form posts then work at http://localhost:3000, http://127.0.0.1:3000
// and a LAN address alike. A fixed ORIGIN=http://localhost:${PORT} would refuse posts (403) from
// every other address, and adapter-node on its own assumes https, refusing them from all plain-HTTP
// ones. See scripts/lib/plain-http.js. Set ORIGIN for a public deployment.
const nodeArgs = [];
for (const name of ['ORIGIN', 'PROTOCOL_HEADER', 'HOST_HEADER']) {
	if (env[name] === '') delete env[name]; // adapter-node rejects an empty ORIGIN
}
if (!env.ORIGIN && !env.PROTOCOL_HEADER && !env.HOST_HEADER) {
	env.PROTOCOL_HEADER = 'x-forwarded-proto';
	nodeArgs.push('--import', pathToFileURL(path.join(root, 'scripts', 'lib', 'plain-http.js')).href);
}

// the server's memory settings (scripts/lib/run.js: serverMemory), measured by `npm run bench`
let memory;
try {
	memory = serverMemory(env);
} catch (e) {
	console.error(e instanceof Error ? e.message : e);
	process.exit(1);
}
const exit = await run(
	process.execPath,
	[...memory.args, ...nodeArgs, serverEntry, ...process.argv.slice(2)],
	{
		env: memory.env
	}
);
process.exit(exitCode(exit));
