// `npm run test:nodes`: the app on the other Node.js versions it supports (22 and 24; the machine's own
// runs everything else). Each is installed from the npm registry's `node` package into a folder of its
// own, then runs the unit tests, one database test on both engines (tests/db/plans-kept.test.ts), and
// the server and the browser tests of a respondent's survey and of signing in
// (tests/e2e/respondent.spec.ts, tests/e2e/sign-in.spec.ts: the embedded database in its thread, page
// compression, the database's limits, the Auth stand-in). Needs the production build, Chromium and
// PostgreSQL, as `npm test` does, which runs this last. NODE_VERSIONS changes the list ("22 24").
//
// The versions run side by side, each with a test server on a port of its own (E2E_PORT, default
// 4183, then 10 more for each further version), and each line they print starts with its version.
// Much of each run is waiting (a browser, a server starting), so two at once take less than one after
// the other.
import path from 'node:path';
import process from 'node:process';
import { e2ePort } from './lib/e2e.js';
import { root } from './lib/run.js';
import { sideBySide } from './lib/side-by-side.js';

const versions = (process.env.NODE_VERSIONS ?? '22 24').split(' ').filter(Boolean);
const wrong = versions.find((major) => !/^[0-9]{2}$/.test(major));
if (versions.length === 0 || wrong !== undefined) {
	console.error(`NODE_VERSIONS must list major versions of Node.js, like "22 24" (it has "${wrong ?? ''}").`);
	process.exit(2);
}
// kept between runs (node_modules is never committed): a second run installs nothing new
const work = path.join(root, 'node_modules', '.cache', 'other-nodes');
const base = e2ePort({ E2E_PORT: process.env.E2E_PORT || '4183' });

const { failed, minutes } = await sideBySide(
	versions.map((major, i) => {
		const prefix = path.join(work, `node${major}`);
		// what `#!/usr/bin/env node` (npx, vitest, Playwright and its server) finds first on this PATH
		const env = {
			...process.env,
			PATH: `${path.join(prefix, 'node_modules', '.bin')}${path.delimiter}${process.env.PATH}`
		};
		return {
			name: `node ${major}`,
			steps: [
				{
					command: 'npm',
					args: [
						'install',
						'--prefix',
						prefix,
						'--no-audit',
						'--no-fund',
						'--no-save',
						'--loglevel=error',
						`node@${major}`
					],
					quiet: true
				},
				{
					command: 'node',
					args: [
						'-e',
						`const v = process.version; console.log('Node.js ' + v); if (!v.startsWith('v${major}.')) { console.error('Asked for Node.js ${major}, got ' + v + '.'); process.exit(1); }`
					],
					env
				},
				{ command: 'npx', args: ['vitest', 'run', '--project', 'unit'], env },
				// both engines, migrated from empty and seeded, and a Send with every trigger it sets off
				{ command: 'npx', args: ['vitest', 'run', '--project', 'db', 'tests/db/plans-kept.test.ts'], env },
				// a server of its own (CI: never one left running on the machine's Node), on a port of its own
				{
					command: 'npx',
					args: ['playwright', 'test', 'tests/e2e/respondent.spec.ts', 'tests/e2e/sign-in.spec.ts'],
					env: { ...env, CI: 'true', E2E_PORT: String(base + 10 * i) }
				}
			]
		};
	}),
	{ cwd: root }
);
if (failed.length > 0) {
	console.error(
		`Failed on Node.js ${failed.map(({ name }) => name.replace('node ', '')).join(' ')} (${minutes} minutes): see the lines marked so above.`
	);
	process.exit(1);
}
console.log(`Passed on Node.js ${versions.join(', ')} in ${minutes} minutes.`);
