// `npm run test:e2e`: the browser tests (Playwright), split into shards that run side by side, each
// with a server and an embedded database of its own on a port of its own (E2E_PORT, then 10 more for
// each further shard), so that no shard sees another's data. Most of a browser test is waiting (for
// a page, a server's answer, a browser starting), so two shards on two cores take much less than
// twice as long as one. Measured on two cores: 8.4 minutes as one run, 7.0 as two shards, 7.6 as three.
//
// E2E_SHARDS chooses how many (default 2; 1 runs the suite as one Playwright run). Arguments are passed
// to Playwright (`npm run test:e2e -- tests/e2e/respondent.spec.ts`); with any, one shard is the default,
// as a few files are not worth two servers. Each line a shard prints starts with its number.
import process from 'node:process';
import { e2ePort } from './lib/e2e.js';
import { buildIfStale, root } from './lib/run.js';
import { sideBySide } from './lib/side-by-side.js';

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

const { failed, minutes } = await sideBySide(
	Array.from({ length: shards }, (_, i) => ({
		name: `${i + 1}/${shards}`,
		steps: [
			{
				command: 'npx',
				args: ['playwright', 'test', ...(shards > 1 ? [`--shard=${i + 1}/${shards}`] : []), ...args],
				env: { ...process.env, E2E_PORT: String(base + 10 * i) }
			}
		]
	})),
	{ cwd: root }
);
if (shards > 1) {
	console.log(
		failed.length === 0
			? `\nAll ${shards} shards passed in ${minutes} minutes.`
			: `\nShard${failed.length > 1 ? 's' : ''} ${failed.map(({ name }) => name).join(', ')} failed (${minutes} minutes): see the lines marked so above.`
	);
}
process.exit(failed[0]?.code ?? 0);
