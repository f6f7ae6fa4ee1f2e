// The floor under the respondents' figures: what a page costs SvelteKit on this machine when the page
// is empty. A throwaway app (one page with one field, its load and a form action) is built with this
// project's SvelteKit, Svelte, Vite and adapter-node, and run with the server options `npm start` uses;
// then 16 clients at once go through what a survey asks of the server, seven requests (a page, then six
// forms posted), as `npm run bench` does with the real app. No database, no hooks, nothing compressed.
//
// It prints the empty survey's rate and its server CPU, in all threads and in the main one, read from
// /proc as bench/run.js reads the real server's. On a shared machine that is the day's own yardstick:
// the real app's CPU a survey minus this is what the app's pages, hooks, compression and database add.
//
//   node bench/floor.js            (npm run bench runs it; BENCH_FLOOR=off leaves it out)
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import process from 'node:process';
import { root, serverMemory } from '../scripts/lib/run.js';
import { numberSetting } from './settings.js';

const PORT = numberSetting('BENCH_FLOOR_PORT', 4331, { min: 1, max: 65535 });
const SECONDS = numberSetting('BENCH_SECONDS', 5, { min: 1, unit: 'seconds' });
const AT_ONCE = 16;
const REQUESTS_A_SURVEY = 7;

const files = {
	'package.json': JSON.stringify({ name: 'floor', private: true, type: 'module' }),
	'svelte.config.js': `import adapter from '@sveltejs/adapter-node';
export default { compilerOptions: { runes: true }, kit: { adapter: adapter({ out: 'build' }) } };
`,
	'vite.config.js': `import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';
export default defineConfig({ plugins: [sveltekit()], logLevel: 'error' });
`,
	'src/app.html': `<!doctype html>
<html lang="en"><head><meta charset="utf-8" /><meta name="viewport" content="width=device-width" />%sveltekit.head%</head>
<body><div style="display: contents">%sveltekit.body%</div></body></html>
`,
	'src/routes/+page.server.js': `export const load = () => ({ n: 1 });
export const actions = {
	default: async ({ request }) => ({ given: (await request.formData()).get('answer') })
};
`,
	'src/routes/+page.svelte': `<script>let { data, form } = $props();</script>
<h1>Question {data.n}</h1>
<form method="post">
	<label>Your answer <input name="answer" value={form?.given ?? ''} /></label>
	<button>Continue</button>
</form>
`
};

/** CPU in ms of a process, in all its threads (those ended too) and in its main thread, from /proc (Linux). */
function cpu(pid) {
	const ms = (file) => {
		const stat = readFileSync(file, 'utf8');
		const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		return (Number(f[11]) + Number(f[12])) * 10;
	};
	return { all: ms(`/proc/${pid}/stat`), main: ms(`/proc/${pid}/task/${pid}/stat`) };
}

const agent = new http.Agent({ keepAlive: true, maxSockets: AT_ONCE });
function request(body) {
	return new Promise((resolve, reject) => {
		const headers = { origin: `http://127.0.0.1:${PORT}`, 'accept-encoding': 'gzip' };
		if (body) {
			headers['content-type'] = 'application/x-www-form-urlencoded';
			headers['content-length'] = String(Buffer.byteLength(body));
		}
		const req = http.request(
			{ host: '127.0.0.1', port: PORT, path: '/', method: body ? 'POST' : 'GET', agent, headers },
			(res) => {
				res.resume();
				res.on('end', () => resolve(res.statusCode));
			}
		);
		req.on('error', reject);
		req.end(body);
	});
}

/** AT_ONCE clients, each going through empty surveys until `seconds` have passed: surveys completed. */
async function load(seconds) {
	const until = Date.now() + seconds * 1000;
	let done = 0;
	const client = async () => {
		while (Date.now() < until) {
			for (let i = 0; i < REQUESTS_A_SURVEY; i++) {
				const status = await request(i === 0 ? null : `answer=${i}`);
				if (status !== 200) throw new Error(`the empty page answered ${status}`);
			}
			done++;
		}
	};
	await Promise.all(Array.from({ length: AT_ONCE }, client));
	return done;
}

const dir = mkdtempSync(path.join(tmpdir(), 'cpi-floor-'));
let server = null;
try {
	for (const [name, text] of Object.entries(files)) {
		mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
		writeFileSync(path.join(dir, name), text);
	}
	symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
	const built = spawnSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build'], {
		cwd: dir,
		encoding: 'utf8'
	});
	if (built.status !== 0) throw new Error(`the empty app did not build:\n${built.stderr}`);

	const memory = serverMemory(process.env);
	server = spawn(process.execPath, [...memory.args, 'build/index.js'], {
		cwd: dir,
		env: { ...memory.env, PORT: String(PORT), HOST: '127.0.0.1', ORIGIN: `http://127.0.0.1:${PORT}` },
		stdio: 'ignore'
	});
	const started = Date.now();
	for (;;) {
		try {
			if ((await request(null)) === 200) break;
		} catch {
			// not listening yet
		}
		if (server.exitCode !== null || Date.now() - started > 30_000)
			throw new Error('the empty app did not start');
		await new Promise((r) => setTimeout(r, 100));
	}

	await load(2); // warm: V8 compiles the hot code first
	const before = cpu(server.pid);
	const t0 = process.hrtime.bigint();
	const done = await load(SECONDS);
	const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
	const after = cpu(server.pid);
	const a = (after.all - before.all) / done;
	const m = (after.main - before.main) / done;
	console.log(
		`\nThe floor (bench/floor.js): an empty SvelteKit page (one field, its load and a form action; no database, no hooks, not compressed), ${REQUESTS_A_SURVEY} requests a survey as above`
	);
	console.log(
		`  ${AT_ONCE} at once      : ${(done / seconds).toFixed(1).padStart(7)} a second  (${done} completed; server CPU ${a.toFixed(1)} ms a survey, ${(a / REQUESTS_A_SURVEY).toFixed(2)} a request: ${m.toFixed(1)} in its main thread)`
	);
} finally {
	agent.destroy();
	if (server && server.exitCode === null) {
		const exited = new Promise((resolve) => server.once('exit', resolve));
		server.kill('SIGTERM');
		await exited;
	}
	rmSync(dir, { recursive: true, force: true });
}
