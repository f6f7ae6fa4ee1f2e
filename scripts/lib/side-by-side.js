// Jobs run side by side, each a list of commands run in order (stopping at the first that fails), each
// line they print marked with the job's name: what the browser tests' shards (scripts/test-e2e.js)
// and the other Node.js versions' runs (scripts/test-other-nodes.js) share.
import { spawn } from 'node:child_process';
import process from 'node:process';
import readline from 'node:readline';

/**
 * @typedef {object} Step
 * @property {string} command
 * @property {string[]} args
 * @property {NodeJS.ProcessEnv} [env] the whole environment (the command is looked up on its PATH)
 * @property {boolean} [quiet] what it prints on its standard output is not shown (its errors are)
 *
 * @typedef {object} Job
 * @property {string} name marks each line the job prints: "[name] "
 * @property {Step[]} steps
 */

/** @type {Set<import('node:child_process').ChildProcess>} */
const running = new Set();
let signalsPassedOn = false;

// Ctrl-C reaches every command through the terminal's process group, and this process waits for them
// to finish; a SIGTERM sent to this process alone is passed on.
function passSignalsOn() {
	if (signalsPassedOn) return;
	signalsPassedOn = true;
	process.on('SIGINT', () => {});
	process.on('SIGTERM', () => {
		for (const child of running) child.kill('SIGTERM');
	});
}

/**
 * One command; resolves with its exit code (1 when it could not start or was stopped by a signal).
 * @param {Step} step
 * @param {string | null} mark the start of each line it prints, or null to leave its output as it is
 * @param {string} cwd
 * @returns {Promise<number>}
 */
function runStep(step, mark, cwd) {
	const out = step.quiet ? 'ignore' : mark === null ? 'inherit' : 'pipe';
	const child = spawn(step.command, step.args, {
		cwd,
		env: step.env ?? process.env,
		stdio: ['ignore', out, mark === null ? 'inherit' : 'pipe']
	});
	running.add(child);
	if (mark !== null) {
		for (const stream of [child.stdout, child.stderr]) {
			if (!stream) continue;
			readline
				.createInterface({ input: stream })
				.on('line', (line) => process.stdout.write(`${mark}${line}\n`));
		}
	}
	return new Promise((resolve) => {
		child.on('error', (error) => {
			running.delete(child);
			console.error(`${mark ?? ''}could not start ${step.command}: ${error.message}`);
			resolve(1);
		});
		child.on('exit', (code, signal) => {
			running.delete(child);
			resolve(code ?? (signal ? 1 : 0));
		});
	});
}

/**
 * Runs the jobs at once, each one's steps in order until one fails. With one job, its output is
 * left as it is (a terminal's colours and all); with more, each line is marked with its job's name.
 * @param {Job[]} jobs
 * @param {{ cwd: string }} options
 * @returns {Promise<{ failed: { name: string, code: number }[], minutes: string }>}
 */
export async function sideBySide(jobs, { cwd }) {
	passSignalsOn();
	const started = performance.now();
	const codes = await Promise.all(
		jobs.map(async (job) => {
			const mark = jobs.length > 1 ? `[${job.name}] ` : null;
			for (const step of job.steps) {
				const code = await runStep(step, mark, cwd);
				if (code !== 0) return code;
			}
			return 0;
		})
	);
	return {
		failed: jobs.flatMap((job, i) => (codes[i] === 0 ? [] : [{ name: job.name, code: codes[i] ?? 1 }])),
		minutes: ((performance.now() - started) / 60_000).toFixed(1)
	};
}
