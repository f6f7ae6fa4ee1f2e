import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';

/**
 * The environment without colour settings: the test runner sets FORCE_COLOR and CI sets NO_COLOR,
 * and Node warns on its own when both are set, which is not what is under test here.
 */
function quietEnv(): NodeJS.ProcessEnv {
	const env = { ...process.env };
	delete env.FORCE_COLOR;
	delete env.NO_COLOR;
	return env;
}

/** A port of this checkout's own (E2E_PORT + 300), so that suites run side by side don't meet. */
const PORT = String(Number(process.env.E2E_PORT || '4173') + 300);

/** Runs the production server with extra environment until it exits (or 60 s pass). */
function startServer(
	env: Record<string, string>
): Promise<{ code: number | null; stderr: string; stdout: string }> {
	return new Promise((resolve) => {
		const child = spawn(process.execPath, ['build/index.js'], {
			env: { ...quietEnv(), PORT, HOST: '127.0.0.1', ORIGIN: `http://127.0.0.1:${PORT}`, ...env },
			stdio: ['ignore', 'pipe', 'pipe']
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (d) => (stdout += d));
		child.stderr.on('data', (d) => (stderr += d));
		const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
		child.on('exit', (code) => {
			clearTimeout(timer);
			resolve({ code, stderr, stdout });
		});
	});
}

/** What the server said, less supabase-js's own notice about Node 20. */
function ownLines(text: string) {
	return text
		.split('\n')
		.map((l) => l.trim())
		.filter((l) => l && !l.includes('Node.js 20 and below are deprecated'));
}

test('an unreachable database stops the server with one line naming what to set', async () => {
	const { code, stderr, stdout } = await startServer({
		DATABASE_URL: 'postgres://postgres@127.0.0.1:1/nowhere'
	});
	expect(code).not.toBe(0);
	expect(ownLines(stdout)).toEqual([]);
	const lines = ownLines(stderr);
	expect(lines).toHaveLength(1);
	expect(lines[0]).toMatch(
		/^Cannot reach the database at DATABASE_URL .*: set DATABASE_URL to a running PostgreSQL 15\+/
	);
});

test('a server others can reach warns at start that ORIGIN and ADDRESS_HEADER are not set', async () => {
	const env = quietEnv();
	delete env.ORIGIN;
	delete env.ADDRESS_HEADER;
	const dataDir = await mkdtemp(path.join(tmpdir(), 'warnings-'));
	const child = spawn(process.execPath, ['build/index.js'], {
		env: {
			...env,
			HOST: '0.0.0.0',
			PORT: String(Number(PORT) + 1),
			DATA_DIR: dataDir,
			DEMO_DATA: 'off'
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let stderr = '';
	try {
		await new Promise<void>((resolve, reject) => {
			const timer = setTimeout(() => reject(new Error(`no warnings within 60 s: ${stderr}`)), 60_000);
			child.stderr.on('data', (d) => {
				stderr += d;
				if (stderr.includes('ADDRESS_HEADER is not set')) {
					clearTimeout(timer);
					resolve();
				}
			});
			child.on('exit', () => reject(new Error(`the server stopped: ${stderr}`)));
		});
	} finally {
		child.kill('SIGTERM');
		await rm(dataDir, { recursive: true, force: true });
	}
	const warnings = ownLines(stderr).filter((l) => l.startsWith('Warning:'));
	expect(warnings).toHaveLength(2);
	expect(warnings[0]).toMatch(/^Warning: ORIGIN is not set while listening on 0\.0\.0\.0/);
	expect(warnings[1]).toMatch(/^Warning: ADDRESS_HEADER is not set while listening on 0\.0\.0\.0/);
});
