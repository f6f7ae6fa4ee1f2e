// Where one run of the browser tests keeps its things, by the port its server listens on (E2E_PORT,
// default 4173): the server's data folder and Playwright's output (its signed-in sessions among it).
// Runs on different ports (the shards of `npm run test:e2e`, or two checkouts side by side) never
// share either.
import path from 'node:path';
import process from 'node:process';
import { root } from './run.js';

/** The port of this run's test server; a clear error when E2E_PORT is not a port. */
export function e2ePort(env = process.env) {
	const setting = env.E2E_PORT || '4173';
	const port = Number(setting);
	if (!/^[0-9]{1,5}$/.test(setting) || port < 1024 || port > 64_000) {
		throw new Error(
			`E2E_PORT must be a port from 1024 to 64000, leaving room for the ports the tests add to it (it is "${setting}").`
		);
	}
	return port;
}

/** The test server's embedded database and demo passwords (scripts/e2e-server.js makes it afresh). */
export function e2eDataDir(port = e2ePort()) {
	return path.join(root, '.data', `e2e-${port}`);
}

/** Playwright's output for the run: traces and screenshots of failures, and the shared sessions. */
export function e2eOutputDir(port = e2ePort()) {
	return path.join(root, 'test-results', `e2e-${port}`);
}
