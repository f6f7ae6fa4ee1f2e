// `npm run test:e2e`: the browser tests (Playwright), split into shards that run side by side, each
// with a server and an embedded database of its own on a port of its own (E2E_PORT, then 10 more for
// each further shard), so that no shard sees another's data. Most of a browser test is waiting (for
// a page, a server's answer, a browser starting), so two shards on two cores take much less than
// twice as long as one. Measured on two cores: 8.4 minutes as one run, 7.0 as two shards, 7.6 as three.
//
// E2E_SHARDS chooses how many (default 2; 1 runs the suite as one Playwright run). Arguments are passed
// to Playwright (`npm run test:e2e -- tests/e2e/respondent.spec.ts`); with any, one shard is the default,
// as a few files are not worth two servers. Each line a shard prints starts with its number.
import { spawn } from 'node:child_process';
import process from 'node:process';
import readline from 'node:readline';
import { e2ePort } from './lib/e2e.js';
import { buildIfStale, root } from './lib/run.js';

const args = process.argv.slice(2);
const setting = process.env.E2E_SHARDS ?? (args.length > 0 ? '1' : '2');
if (!/^[1-9]$/.test(setting)) {
	console.error(`E2E_SHARDS must be a number of shards from 1 to 9 (it is "${setting}").`);
	process.exit(2);
}
const shards = Number(setting);
const base = e2ePort();

// built once, here: each shard's server would otherwise build it at the same moment, into one folder
await buildIfStale();

/**
 * One shard's Playwright run; resolves with its exit code.
 * @param {number} n
 * @returns {Promise<number>}
 */
function runShard(n) {
	const port = base + 10 * (n - 1);
	const shardArgs = shards > 1 ? [`--shard=${n}/${shards}`] : [];
	const child = spawn('npx', ['playwright', 'test', ...shardArgs, ...args], {
		cwd: root,
		env: { ...process.env, E2E_PORT: String(port) },
		stdio: shards > 1 ? ['ignore', 'pipe', 'pipe'] : 'inherit'
	});
	children.push(child);
	if (shards > 1) {
		for (const stream of [child.stdout, child.stderr]) {
			if (!stream) continue;
			readline
				.createInterface({ input: stream })
				.on('line', (line) => process.stdout.write(`[${n}/${shards}] ${line}\n`));
		}
	}
	return new Promise((resolve) => {
		child.on('error', (error) => {
			console.error(`[${n}/${shards}] could not start Playwright: ${error.message}`);
			resolve(1);
		});
		child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
	});
}

// Ctrl-C reaches every shard through the terminal's process group, and this process waits for them to
// finish; a SIGTERM sent to this process alone is passed on.
/** @type {import('node:child_process').ChildProcess[]} */
const children = [];
process.on('SIGINT', () => {});
process.on('SIGTERM', () => {
	for (const child of children) child.kill('SIGTERM');
});

const started = performance.now();
const codes = await Promise.all(Array.from({ length: shards }, (_, i) => runShard(i + 1)));
const minutes = ((performance.now() - started) / 60_000).toFixed(1);
const failed = codes.map((code, i) => ({ code, n: i + 1 })).filter(({ code }) => code !== 0);
if (shards > 1) {
	console.log(
		failed.length === 0
			? `\nAll ${shards} shards passed in ${minutes} minutes.`
			: `\nShard${failed.length > 1 ? 's' : ''} ${failed.map(({ n }) => `${n}/${shards}`).join(', ')} failed (${minutes} minutes): see the lines marked so above.`
	);
}
process.exit(failed.length === 0 ? 0 : (failed[0]?.code ?? 1));
