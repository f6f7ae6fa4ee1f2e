// Helpers shared by scripts/start.js and scripts/e2e-server.js: build only when needed, run a child
// process with signals forwarded, and exit the way the child did.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { constants } from 'node:os';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

/** The project's root folder (where package.json is). */
export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The production server that `vite build` writes (adapter-node). */
export const serverEntry = path.join(root, 'build', 'index.js');

/** What the build is made from: when any of these is newer than the build, the build is stale. */
const SOURCES = ['src', 'supabase', 'static', 'svelte.config.js', 'vite.config.ts'];

/**
 * The newest modification time (ms) of a file or of any file under a folder; 0 if it doesn't exist.
 * @param {string} target
 * @returns {number}
 */
function newestMtime(target) {
	let stat;
	try {
		stat = statSync(target);
	} catch {
		return 0;
	}
	if (!stat.isDirectory()) return stat.mtimeMs;
	let newest = stat.mtimeMs; // a deleted file only shows as its folder's mtime
	for (const entry of readdirSync(target)) {
		newest = Math.max(newest, newestMtime(path.join(target, entry)));
	}
	return newest;
}

/**
 * Why the build must be (re)made, or null when build/index.js is newer than every source.
 * @returns {string | null}
 */
export function staleReason() {
	if (!existsSync(serverEntry)) return 'there is no build yet';
	const built = statSync(serverEntry).mtimeMs;
	const newer = SOURCES.filter((source) => newestMtime(path.join(root, source)) > built);
	return newer.length > 0 ? `${newer.join(', ')} changed since the last build` : null;
}

/**
 * @typedef {{ code: number | null, signal: NodeJS.Signals | null }} Exit
 */

const FORWARDED = /** @type {const} */ (['SIGINT', 'SIGTERM', 'SIGHUP']);

/**
 * Runs a command with inherited stdio and resolves with how it ended. SIGINT, SIGTERM and SIGHUP
 * are passed on to it and don't end this process: the child decides. A second one, for a child
 * that hasn't stopped after the first, kills it outright (SIGKILL), so Ctrl-C twice always works.
 * @param {string} command
 * @param {string[]} args
 * @param {{ env?: NodeJS.ProcessEnv }} [options]
 * @returns {Promise<Exit>}
 */
export function run(command, args, options = {}) {
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, { cwd: root, env: options.env ?? process.env, stdio: 'inherit' });
		let signals = 0;
		/** @param {NodeJS.Signals} signal */
		const forward = (signal) => {
			if (child.exitCode !== null || child.signalCode !== null) return;
			signals += 1;
			if (signals === 1) {
				child.kill(signal);
			} else {
				console.error(`${signal} again: stopping ${path.basename(command)} at once (SIGKILL).`);
				child.kill('SIGKILL');
			}
		};
		for (const signal of FORWARDED) process.on(signal, forward);
		const stopForwarding = () => {
			for (const signal of FORWARDED) process.off(signal, forward);
		};
		child.once('error', (error) => {
			stopForwarding();
			reject(error);
		});
		child.once('exit', (code, signal) => {
			stopForwarding();
			resolve({ code, signal });
		});
	});
}

/**
 * The exit status a shell would report for a child that ended this way (128 + n for signal n).
 * @param {Exit} exit
 * @returns {number}
 */
export function exitCode({ code, signal }) {
	if (signal) return 128 + (constants.signals[signal] ?? 0);
	return code ?? 1;
}

/**
 * Runs `vite build` (through npx, as a person would) when the build is missing or older than its
 * sources. Exits this process with the build's status if the build fails.
 */
export async function buildIfStale() {
	const reason = staleReason();
	if (!reason) return;
	console.log(`Building the app first (${reason}): npx vite build`);
	const exit = await run('npx', ['vite', 'build']);
	if (exit.code !== 0) {
		console.error(`The build failed (${exit.signal ?? `exit code ${exit.code}`}); not starting the server.`);
		process.exit(exitCode(exit));
	}
}

/**
 * How the production server's Node is told to use memory, by `npm start` and by the bench (which
 * measures what `npm start` runs). Measured with `npm run bench` on the embedded default: 550 MB
 * resident after the load without them, 390 MB with them, at the same speed.
 *
 *   --max-semi-space-size=4   a young generation of 4 MB a half rather than up to 16 (fewer dead
 *                             objects kept between collections, in the server's thread and the
 *                             database's alike);
 *   --max-old-space-size      SERVER_MAX_HEAP_MB (default 256): collects well before the gigabytes
 *                             Node would otherwise let the heap grow to on a large machine. A
 *                             download of 100,000 responses peaks at about 140 MB of heap.
 *   MALLOC_ARENA_MAX=2        two C allocator arenas rather than eight a core, which threads
 *                             otherwise fill and keep.
 *   MALLOC_MMAP_THRESHOLD_ and MALLOC_TRIM_THRESHOLD_=131072
 *                             the C allocator's thresholds fixed at their starting 128 KB: by
 *                             default they rise with each large block freed (up to 32 MB), after
 *                             which the buffers of requests, sockets and the database thread's
 *                             messages stay in the allocator's heap instead of going back to the
 *                             system. 390 MB resident after the bench's load became about 330.
 *
 * @param {NodeJS.ProcessEnv} env
 * @returns {{ args: string[], env: NodeJS.ProcessEnv }}
 */
export function serverMemory(env) {
	const heap = env.SERVER_MAX_HEAP_MB || '256';
	if (!/^[1-9][0-9]{1,5}$/.test(heap) || Number(heap) < 64) {
		throw new Error(`SERVER_MAX_HEAP_MB must be a number of megabytes, 64 or more (it is "${heap}").`);
	}
	return {
		args: ['--max-semi-space-size=4', `--max-old-space-size=${heap}`],
		env: { MALLOC_ARENA_MAX: '2', MALLOC_MMAP_THRESHOLD_: '131072', MALLOC_TRIM_THRESHOLD_: '131072', ...env }
	};
}
