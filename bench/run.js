// npm run bench: figures for the respondent's path, through the real production server.
// Prints; never passes or fails on time. Each load step is bounded in count and in time, and all
// traffic goes to 127.0.0.1.
//
//  1. page weight of each kind of respondent page: requests, bytes gzipped, JavaScript bytes gzipped;
//  2. completed surveys a second (every page of the survey, as a browser without JavaScript goes
//     through it: each page's form posts every answer so far to the next page) at 1, 4 and 16
//     respondents at once, then 16 again on the warm server;
//  3. the surveys counted afterwards, read back from the lead's dashboard, and every answer the load
//     gave to the five agreement questions, read back from the lead's download of the survey's
//     responses: none lost, none doubled;
//     then the floor: the same seven requests a survey to an empty SvelteKit page built with this
//     project's SvelteKit and run with the same server options (bench/floor.js; BENCH_FLOOR=off leaves
//     it out), the day's yardstick for what the app's own pages add;
//     and what a Send costs the database alone, one at a time, on each engine (bench/submit.ts;
//     BENCH_SUBMIT=off leaves it out);
//  4. the cost of disclosure control (bench/disclosure.ts): hidden cells, primary and secondary, for
//     the demo area and a national set of 153 authorities, and the time of a restricted dashboard call
//     (BENCH_DISCLOSURE=off leaves it out);
//  5. suggestions' precision and recall per strategy priority on a held-out labelled set, against a
//     keyword-only baseline (bench/suggestions.ts; BENCH_SUGGESTIONS=off leaves it out);
//  6. speed at scale (bench/scale.ts): each dashboard call at 1,000,000 responses of 20 answers on
//     PostgreSQL and 20,000 on PGlite, beside a plain GROUP BY over the raw answers, and the load's time
//     and memory (BENCH_SCALE=off leaves it out; BENCH_SCALE_RESPONSES chooses the size). It takes
//     about ten minutes of a two-core machine;
//  7. responses out: the export of 100,000 responses as CSV and XLSX (bench/export.bench.ts;
//     BENCH_EXPORT=off leaves it out).
import { spawn, spawnSync } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import process from 'node:process';
import { gunzipSync, gzipSync } from 'node:zlib';
import { parse as parseCsv } from 'csv-parse/sync';
import { buildIfStale, root, serverEntry, serverMemory } from '../scripts/lib/run.js';
import { answersLine, compareAnswers, tally } from './counting.js';
import { numberSetting } from './settings.js';

const PORT = numberSetting('BENCH_PORT', 4321, { min: 1, max: 65535 });
const BASE = `http://127.0.0.1:${PORT}`;
const SURVEY = 'ehc-journey';
const OPEN_WAVE = 'ehc-journey-repeat-2';
const SECONDS_PER_STEP = numberSetting('BENCH_SECONDS', 5, { min: 1, unit: 'seconds' });
const MAX_PER_STEP = 5000;
/** How long the server is left idle before its memory is read again (what V8 gives back, if anything). */
const SETTLE_SECONDS = numberSetting('BENCH_SETTLE_SECONDS', 10, { whole: false, unit: 'seconds' });
// The demo lead, with the password the demo's first start made (read once the server is up).
const LEAD = { email: 'lead@northbridge.example', password: '' };
const REQUIRED = [
	'fully_involved',
	'communication_good',
	'plan_reflects_needs',
	'outcomes_clear',
	'provision_meets_needs'
];

await buildIfStale();

// The server's node as `npm start` runs it (its memory settings), and BENCH_NODE_ARGS: extra options,
// such as --cpu-prof to see where its time goes
const memory = serverMemory(process.env);
const nodeArgs = [...memory.args, ...(process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean)];

/**
 * Resident memory from a process's /proc smaps: in all, and in WebAssembly, the C allocator's main
 * arena ([heap]) and the rest.
 * A WebAssembly memory (PGlite's) is the readable part of a reservation of gigabytes: an anonymous
 * read-write mapping that runs straight into an inaccessible one of a gigabyte or more.
 */
function describeMemory(smaps) {
	const maps = [];
	for (const line of smaps.split('\n')) {
		const head = /^([0-9a-f]+)-([0-9a-f]+) (\S+) \S+ \S+ \S+\s*(.*)$/.exec(line);
		if (head) {
			maps.push({
				start: parseInt(head[1], 16),
				end: parseInt(head[2], 16),
				perms: head[3],
				name: head[4],
				kb: 0
			});
			continue;
		}
		const rss = /^Rss:\s+(\d+) kB/.exec(line);
		if (rss && maps.length > 0) maps[maps.length - 1].kb = Number(rss[1]);
	}
	let total = 0;
	let wasm = 0;
	let cHeap = 0;
	for (const [i, m] of maps.entries()) {
		total += m.kb;
		const next = maps[i + 1];
		if (
			m.name === '' &&
			m.perms.startsWith('rw') &&
			next?.start === m.end &&
			next.perms.startsWith('---') &&
			next.end - next.start >= 2 ** 30
		)
			wasm += m.kb;
		else if (m.name === '[heap]') cHeap += m.kb;
	}
	const mb = (kb) => `${(kb / 1024).toFixed(0)} MB`;
	return `${mb(total)} resident (PGlite's WebAssembly memory ${mb(wasm)}, the C allocator's main arena ${mb(cHeap)}, the rest ${mb(total - wasm - cHeap)}: Node's code, V8's heaps, the allocator's other arena)`;
}

/** Linux's clock ticks a second (USER_HZ), 100 on every common build. */
const CLOCK_TICKS = 100;

/**
 * CPU time a process has used, in ms, read from /proc on Linux: in all its threads, in its main
 * thread alone (the one that renders every page), and in each thread by its id (PGlite's thread, V8's
 * helpers, libuv's pool; Node gives them no names). Steadier than surveys a second on a shared
 * machine, where another tenant's load moves the rate but not the work a survey costs. Null elsewhere.
 */
function cpuTime(pid) {
	const ticks = (stat) => {
		// the fields after the command's closing parenthesis; utime and stime are the 14th and 15th
		const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		return ((Number(f[11]) + Number(f[12])) * 1000) / CLOCK_TICKS;
	};
	try {
		const threads = new Map();
		for (const tid of readdirSync(`/proc/${pid}/task`)) {
			try {
				threads.set(tid, ticks(readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8')));
			} catch {
				// a thread that ended between the listing and the reading
			}
		}
		return {
			all: ticks(readFileSync(`/proc/${pid}/stat`, 'utf8')),
			main: ticks(readFileSync(`/proc/${pid}/task/${pid}/stat`, 'utf8')),
			threads
		};
	} catch {
		return null;
	}
}

/**
 * What a survey cost the server between two readings of cpuTime, in ms: in all, in its main thread,
 * in its busiest other thread (PGlite's, on the embedded database: nothing else there does as much
 * work), and in the rest (V8's helpers collecting garbage and compiling, libuv's pool).
 */
function costPerSurvey(before, after, pid, surveys) {
	const per = (ms) => (ms / surveys).toFixed(1);
	let busiest = 0;
	for (const [tid, ms] of after.threads) {
		if (tid !== String(pid)) busiest = Math.max(busiest, ms - (before.threads.get(tid) ?? 0));
	}
	const all = after.all - before.all;
	const main = after.main - before.main;
	return `server CPU ${per(all)} ms a survey: ${per(main)} in its main thread, ${per(busiest)} in its busiest other, ${per(all - main - busiest)} in the rest`;
}

/**
 * The production server on a throwaway database: the embedded PGlite (a new folder), or, given
 * `postgres` (a server's address), a new database on that PostgreSQL, made here and dropped after.
 */
async function startServer(postgres = null) {
	await portFree();
	const dataDir = mkdtempSync(path.join(tmpdir(), 'cpi-bench-'));
	let databaseUrl = '';
	let dropDatabase = async () => {};
	if (postgres) {
		const { default: pg } = await import('postgres');
		const name = `cpi_bench_${process.pid}_${Date.now()}`;
		const admin = pg(postgres, { max: 1, onnotice: () => {} });
		await admin.unsafe(`create database ${name}`);
		const url = new URL(postgres);
		url.pathname = `/${name}`;
		databaseUrl = url.toString();
		dropDatabase = async () => {
			await admin.unsafe(`drop database if exists ${name} with (force)`);
			await admin.end();
		};
	}
	const child = spawn(process.execPath, [...nodeArgs, serverEntry], {
		cwd: root,
		env: {
			...memory.env,
			PORT: String(PORT),
			HOST: '127.0.0.1',
			ORIGIN: BASE,
			DATA_DIR: dataDir,
			DATABASE_URL: databaseUrl,
			PUBLIC_SUPABASE_URL: '',
			// each request of the load comes from an address of its own (see request()), as respondents
			// do: the database's per-address limits would otherwise stop the load at 300 surveys an hour
			ADDRESS_HEADER: 'x-forwarded-for',
			XFF_DEPTH: '1'
		},
		stdio: ['ignore', process.env.BENCH_VERBOSE ? 'inherit' : 'ignore', 'inherit']
	});
	const exited = new Promise((resolve) => child.once('exit', resolve));
	return {
		/**
		 * Once the server is up: the demo data (the server seeds only its embedded database; a
		 * PostgreSQL gets it from `npm run seed`, as a council would) and the lead's password.
		 */
		async demoLead() {
			if (!databaseUrl) {
				const state = JSON.parse(readFileSync(path.join(dataDir, 'demo-accounts.json'), 'utf8'));
				return state.accounts.find((a) => a.email === LEAD.email).password;
			}
			const seed = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/seed.ts', '--json'], {
				cwd: root,
				env: { ...process.env, DATABASE_URL: databaseUrl },
				encoding: 'utf8'
			});
			if (seed.status !== 0) throw new Error(`npm run seed failed: ${seed.stderr}`);
			const lines = seed.stdout.trim().split('\n');
			const { accounts } = JSON.parse(lines[lines.length - 1]);
			return accounts.find((a) => a.email === LEAD.email).password;
		},
		/** The server's resident memory, read from /proc on Linux, and where it lies (describeMemory). */
		rss() {
			try {
				return describeMemory(readFileSync(`/proc/${child.pid}/smaps`, 'utf8'));
			} catch {
				return 'not available on this system';
			}
		},
		/** CPU time the server has used so far, in ms: in all, and its main thread's (cpuTime). */
		cpu() {
			return cpuTime(child.pid);
		},
		/** the server's process id (its main thread's id too) */
		pid: child.pid,
		async stop() {
			child.kill('SIGTERM');
			await exited;
			rmSync(dataDir, { recursive: true, force: true });
			await dropDatabase();
		}
	};
}

/** The PostgreSQL to measure on too: BENCH_POSTGRES, or the local one when it answers; else null. */
async function postgresToMeasure() {
	if (process.env.BENCH_POSTGRES === 'off') return null;
	const url = process.env.BENCH_POSTGRES || 'postgres://postgres@127.0.0.1:5432/postgres';
	try {
		const { default: pg } = await import('postgres');
		const probe = pg(url, { max: 1, connect_timeout: 3, onnotice: () => {} });
		const [{ version }] =
			await probe`select split_part(current_setting('server_version'), ' ', 1) as version`;
		await probe.end();
		return { url, version };
	} catch {
		return null;
	}
}

/**
 * Refuses to start when something already listens on the bench's port (a bench still running, a
 * server left over): its health check would answer for the server this bench starts, which then
 * stops at once, and the figures would be another server's.
 */
async function portFree() {
	const probe = net.createServer();
	await new Promise((resolve, reject) => {
		probe.once('error', (error) =>
			reject(
				error.code === 'EADDRINUSE'
					? new Error(`Port ${PORT} is in use (another bench or server?): stop it, or set BENCH_PORT.`)
					: error
			)
		);
		probe.listen(PORT, '127.0.0.1', resolve);
	});
	await new Promise((resolve) => probe.close(resolve));
}

async function waitForServer() {
	const started = Date.now();
	while (Date.now() - started < 120_000) {
		try {
			const res = await fetch(`${BASE}/healthz`);
			if (res.ok) return;
			if (process.env.BENCH_VERBOSE) console.error(`healthz: ${res.status} ${await res.text()}`);
		} catch (error) {
			// not listening yet
			if (process.env.BENCH_VERBOSE)
				console.error(String(error), error instanceof Error ? String(error.cause) : '');
		}
		await new Promise((r) => setTimeout(r, 250));
	}
	throw new Error('the server did not start within two minutes');
}

/**
 * What a browser really fetches for each kind of respondent page (Debian's Chromium, with its cache
 * off, so every page is a first visit), each response's body gzipped as a server or proxy would send
 * it. A page after the first is reached as a respondent reaches it: the browser answers the required
 * questions and presses Continue until the page is the one wanted. `until` is a CSS selector the
 * page has, or null for the page first opened.
 */
async function pageWeights(targets) {
	const { chromium } = await import('playwright-core');
	const browser = await chromium.launch({
		executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
		args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking']
	});
	const results = [];
	try {
		for (const { url, start, until } of targets) {
			// the server reads the client's address from X-Forwarded-For (ADDRESS_HEADER), as behind a proxy
			const context = await browser.newContext({ extraHTTPHeaders: { 'x-forwarded-for': '10.0.0.2' } });
			const page = await context.newPage();
			const cdp = await context.newCDPSession(page);
			await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
			// what each navigation fetched: the last one's is the page wanted
			let bodies = [];
			page.on('response', (response) => {
				bodies.push(
					response
						.body()
						.then((body) => ({ url: response.url(), gz: gzipSync(body).length }))
						.catch(() => ({ url: response.url(), gz: 0 }))
				);
			});
			await page.goto(url, { waitUntil: 'networkidle' });
			if (start) {
				bodies = [];
				await Promise.all([page.waitForURL(/\/q\/1/), page.getByRole('button', { name: 'Start' }).click()]);
				await page.waitForLoadState('networkidle');
			}
			for (let i = 0; until && i < 20 && (await page.locator(until).count()) === 0; i++) {
				for (const key of REQUIRED) {
					const radio = page.locator(`input[type="radio"][name="${key}"][value="agree"]`);
					if ((await radio.count()) > 0) await radio.check();
				}
				await page.waitForLoadState('networkidle');
				bodies = [];
				await Promise.all([page.waitForNavigation(), page.locator('button[value="continue"]').click()]);
				await page.waitForLoadState('networkidle');
			}
			const all = await Promise.all(bodies);
			results.push({
				requests: all.length,
				bytes: all.reduce((sum, r) => sum + r.gz, 0),
				js: all.filter((r) => r.url.endsWith('.js')).reduce((sum, r) => sum + r.gz, 0)
			});
			await context.close();
		}
	} finally {
		await browser.close();
	}
	return results;
}

/** Requests sent by the load steps, to say how many one survey takes. */
let requests = 0; // reset by each measureLoad
/** While the load run measures: how long each save (a page's post) and each submission (Send) took, in ms. */
let timings = null;
/**
 * Every answer of every survey the server acknowledged (Send answered with the thank-you page), as
 * "question=answer" and how many times it was sent; null when not counting.
 */
let sentAnswers = null;

/**
 * Starts a survey as a browser does: the welcome page, then Start, which posts to the first page
 * under a new response id. The first page's address and HTML.
 */
async function startSurvey(slug) {
	requests += 1;
	const welcome = (await request('GET', `${BASE}/s/${slug}`)).html;
	// the Start form's own fields (the draft key the page made) and its button, as a browser posts them
	const at = welcome.search(/<form method="post" action="[^"]*\/q\/1[?"]/);
	const start = at < 0 ? null : formOf(welcome.slice(at, welcome.indexOf('</form>', at)));
	if (!start) throw new Error(`no Start on /s/${slug}`);
	const url = new URL(start.action, BASE).toString();
	start.fields.set('nav', 'start');
	const page = await postPage(url, start.fields);
	if (page.status !== 200) throw new Error(`could not start /s/${slug}: ${page.status}`);
	return { url, html: page.html };
}

/** Text of an attribute value as HTML escapes it. */
function unescape(v) {
	return v
		.replace(/&quot;/g, '"')
		.replace(/&#39;/g, "'")
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&amp;/g, '&');
}

/**
 * What a browser posts from a survey page: the form's hidden fields (the answers of the other pages
 * among them), the answers given on this page, and the button pressed; and where to (the form's
 * action). Reads the page as the browser would, with nothing known in advance but the answers.
 */
function formOf(html) {
	const form =
		/<form id="step-form"[^>]*\saction="([^"]*)"/.exec(html) ??
		/<form method="post" action="([^"]*)"/.exec(html);
	if (!form) return null;
	const fields = new URLSearchParams();
	for (const m of html.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)"/g)) {
		fields.append(unescape(m[1]), unescape(m[2]));
	}
	return { action: unescape(form[1]), fields };
}

/**
 * The load's HTTP client: node:http with connections kept open, as a browser keeps them. It is
 * lighter than fetch, and the load runs on the same two cores as the server it measures.
 */
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

/** One request; the status, the body as text and the Location header. */
function request(method, url, body = null) {
	return new Promise((resolve, reject) => {
		const target = new URL(url, BASE);
		const req = http.request(
			target,
			{
				method,
				agent,
				headers: {
					origin: BASE,
					accept: 'text/html',
					// as every browser does: the server compresses what it sends (src/lib/server/compress.ts)
					'accept-encoding': 'gzip',
					'x-forwarded-for': `10.${(Math.random() * 256) | 0}.${(Math.random() * 256) | 0}.${(Math.random() * 256) | 0}`,
					...(body === null
						? {}
						: {
								'content-type': 'application/x-www-form-urlencoded',
								'content-length': Buffer.byteLength(body)
							})
				}
			},
			(res) => {
				const chunks = [];
				res.on('data', (c) => chunks.push(c));
				res.on('end', () =>
					resolve({
						status: res.statusCode ?? 0,
						html: (res.headers['content-encoding'] === 'gzip' ? gunzipSync : (b) => b)(
							Buffer.concat(chunks)
						).toString('utf8'),
						location: res.headers.location ?? null
					})
				);
				res.on('error', reject);
			}
		);
		req.on('error', reject);
		req.end(body ?? undefined);
	});
}

/** A form post as a browser without JavaScript sends it: the page it shows, or where it redirects. */
async function postPage(url, fields) {
	requests += 1;
	const t0 = performance.now();
	const answer = await request('POST', url, fields.toString());
	timings?.[fields.get('nav') === 'send' ? 'submissions' : 'saves'].push(performance.now() - t0);
	return answer;
}

/**
 * One respondent's whole visit, a page at a time as without JavaScript: the welcome page, Start
 * (to the first page), then each page's answers with Continue, which posts every answer so far to
 * the next page; then Send on check your answers. True when the thank-you redirect came.
 */
async function completeSurvey(until = 'thanks') {
	let { url, html } = await startSurvey(SURVEY);
	for (let i = 0; i < 20 && !url.includes('/check'); i++) {
		const form = formOf(html);
		if (!form) return false;
		for (const key of REQUIRED) {
			if (html.includes(`name="${key}"`) && !form.fields.has(key))
				form.fields.set(key, Math.random() < 0.5 ? 'agree' : 'disagree');
		}
		if (html.includes('name="what_would_help"'))
			form.fields.set('what_would_help', 'Quicker replies to emails.');
		form.fields.set('nav', 'continue');
		const page = await postPage(form.action, form.fields);
		if (page.status !== 200) return false;
		html = page.html;
		url = form.action;
	}
	if (until === 'check') return { url, html };
	const form = formOf(html);
	if (!form) return false;
	form.fields.set('nav', 'send');
	const done = await postPage(form.action, form.fields);
	const acknowledged = done.status === 303 && (done.location ?? '').endsWith('/thanks');
	if (acknowledged && sentAnswers) {
		for (const key of REQUIRED) {
			for (const value of form.fields.getAll(key)) tally(sentAnswers, `${key}=${value}`);
		}
	}
	return acknowledged;
}

async function load(concurrency) {
	const deadline = Date.now() + SECONDS_PER_STEP * 1000;
	let done = 0;
	let failed = 0;
	let started = 0;
	const t0 = performance.now();
	await Promise.all(
		Array.from({ length: concurrency }, async () => {
			while (Date.now() < deadline && started < MAX_PER_STEP) {
				started += 1;
				if (await completeSurvey()) done += 1;
				else failed += 1;
			}
		})
	);
	const seconds = (performance.now() - t0) / 1000;
	return { done, failed, perSecond: done / seconds };
}

const LOADRUN_SURVEYS = numberSetting('BENCH_LOADRUN_SURVEYS', 5000, { min: 1, unit: 'respondents' });
const LOADRUN_RATE = numberSetting('BENCH_LOADRUN_RATE', 10, {
	min: 0.01,
	whole: false,
	unit: 'respondents a second'
});
const LOADRUN_BURST_SECONDS = numberSetting('BENCH_LOADRUN_BURST_SECONDS', 600, {
	whole: false,
	unit: 'seconds'
});
/** Respondents in flight at most: past it an arrival is not started (and said so), as a full server's queue. */
const LOADRUN_MAX_IN_FLIGHT = 512;

/**
 * Respondents arriving at `rate` a second (an open loop: each starts on time whether or not the ones
 * before have finished, as people do), until `count` have arrived or `seconds` have passed.
 */
async function arrivals(rate, { count = Infinity, seconds = Infinity }) {
	const t0 = performance.now();
	const inFlight = new Set();
	let arrived = 0;
	let done = 0;
	let failed = 0;
	let turnedAway = 0;
	for (;;) {
		const elapsed = performance.now() - t0;
		if (arrived >= count || elapsed >= seconds * 1000) break;
		const due = Math.min(count, Math.floor((elapsed / 1000) * rate) + 1);
		while (arrived < due) {
			arrived += 1;
			if (inFlight.size >= LOADRUN_MAX_IN_FLIGHT) {
				turnedAway += 1;
				continue;
			}
			const visit = completeSurvey()
				.then(
					(ok) => (ok ? (done += 1) : (failed += 1)),
					() => (failed += 1)
				)
				.finally(() => inFlight.delete(visit));
			inFlight.add(visit);
		}
		await new Promise((r) => setTimeout(r, Math.min(20, 1000 / rate)));
	}
	await Promise.all(inFlight);
	return { arrived, done, failed, turnedAway, seconds: (performance.now() - t0) / 1000 };
}

function percentile(sorted, p) {
	if (sorted.length === 0) return NaN;
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function latencies(name, values) {
	const sorted = [...values].sort((a, b) => a - b);
	const ms = (p) => `${percentile(sorted, p).toFixed(0)} ms`;
	return `  ${name.padEnd(24)} p50 ${ms(50).padStart(8)}  p95 ${ms(95).padStart(8)}  p99 ${ms(99).padStart(8)}  (${sorted.length})`;
}

/**
 * The load run: LOADRUN_SURVEYS respondents at LOADRUN_RATE a second, then ten times the rate for
 * LOADRUN_BURST_SECONDS; then every survey acknowledged must be counted once on the dashboard.
 */
async function loadRun(server) {
	const before = await countOnDashboard();
	const answersBefore = await answersInDatabase();
	sentAnswers = new Map();
	console.log(
		`Load run: ${LOADRUN_SURVEYS} respondents arriving at ${LOADRUN_RATE} a second, then ${LOADRUN_RATE * 10} a second for ${LOADRUN_BURST_SECONDS} s`
	);
	let completed = 0;
	try {
		for (const [name, rate, until] of [
			['steady', LOADRUN_RATE, { count: LOADRUN_SURVEYS }],
			['burst', LOADRUN_RATE * 10, { seconds: LOADRUN_BURST_SECONDS }]
		]) {
			// each phase's own times: the steady phase's are not hidden in the burst's
			timings = { saves: [], submissions: [] };
			const r = await arrivals(rate, until);
			completed += r.done;
			console.log(
				`  ${name.padEnd(7)} ${r.arrived} arrived in ${r.seconds.toFixed(0)} s: ${r.done} completed (${(r.done / r.seconds).toFixed(1)} a second), ${r.failed} failed, ${r.turnedAway} not started (over ${LOADRUN_MAX_IN_FLIGHT} at once)`
			);
			console.log(latencies('  saves (page posts)', timings.saves));
			console.log(latencies('  submissions (Send)', timings.submissions));
		}
	} finally {
		timings = null;
	}
	const counted = (await countOnDashboard()) - before;
	console.log(
		`  counted afterwards on the dashboard: ${counted} of ${completed} completed (${counted === completed ? 'none lost, none duplicated' : `MISMATCH: ${counted - completed}`})`
	);
	console.log(
		`  and in the download of the responses: ${answersLine(compareAnswers(sentAnswers, answersBefore, await answersInDatabase()))}`
	);
	sentAnswers = null;
	console.log(`  server memory after the load run: ${server.rss()}`);
}

/** The lead's cookies after signing in through the form, as a browser keeps them. */
async function signInAsLead() {
	const res = await fetch(`${BASE}/sign-in`, {
		method: 'POST',
		body: new URLSearchParams({ ...LEAD, redirectTo: '/dashboard' }),
		redirect: 'manual',
		// the server takes the client's address from X-Forwarded-For (ADDRESS_HEADER), as behind a proxy
		headers: {
			origin: BASE,
			accept: 'text/html',
			'content-type': 'application/x-www-form-urlencoded',
			'x-forwarded-for': '10.0.0.1'
		}
	});
	return res.headers
		.getSetCookie()
		.map((c) => c.split(';')[0])
		.join('; ');
}

/** The lead's dashboard, as a browser would get it: sign in, keep the cookies, read the count. */
async function countOnDashboard() {
	const cookies = await signInAsLead();
	const html = await (
		await fetch(`${BASE}/dashboard`, { headers: { cookie: cookies, 'x-forwarded-for': '10.0.0.1' } })
	).text();
	const m = new RegExp(`data-testid="wave-responses-${OPEN_WAVE}"[^>]*>([^<]+)<`).exec(html);
	if (!m) throw new Error('could not read the response count from the dashboard');
	return Number(m[1].replace(/[^0-9]/g, ''));
}

/**
 * The answers to the five questions the load answers at random (REQUIRED) in the database, as
 * "question=answer" and how many responses gave it: read from the lead's download of the survey's
 * responses (every wave, answers as their codes), which the database writes from the stored answers.
 * (Free-text answers are not in a download until checked for safeguarding.)
 */
async function answersInDatabase() {
	const cookies = await signInAsLead();
	const get = (path) =>
		fetch(`${BASE}${path}`, { headers: { cookie: cookies, 'x-forwarded-for': '10.0.0.1' } });
	const surveys = await (await get('/surveys')).text();
	const id = new RegExp(`id="survey-${SURVEY}"><a href="/surveys/([0-9a-f-]{36})"`).exec(surveys)?.[1];
	if (!id) throw new Error(`could not find the survey ${SURVEY} on the lead's list of surveys`);
	const res = await get(`/surveys/${id}/responses/download?wave=all&format=csv&values=codes`);
	if (!res.ok) throw new Error(`could not download the responses of ${SURVEY}: ${res.status}`);
	const rows = parseCsv(await res.text(), { columns: true, bom: true });
	const counts = new Map();
	for (const row of rows) {
		for (const key of REQUIRED) {
			if (row[key] === undefined) throw new Error(`the download of ${SURVEY} has no column ${key}`);
			if (row[key] !== '') tally(counts, `${key}=${row[key]}`);
		}
	}
	return counts;
}

/** The load steps on one server: completed surveys a second at 1, 4 and 16 at once, and the count. */
async function measureLoad(server) {
	const before = await countOnDashboard();
	const answersBefore = await answersInDatabase();
	sentAnswers = new Map();
	let completed = 0;
	requests = 0;
	console.log(
		'Completed surveys (the welcome page; Start; each page posted with Continue to the next; Send) through the real server'
	);
	// 16 at once twice: the first follows a server's first minute, while V8 is still compiling its hot code
	// (its helper threads compile as the load runs); the second is the same server warm, as it is in a busy
	// survey week
	for (const [c, warm] of [
		[1, false],
		[4, false],
		[16, false],
		[16, true]
	]) {
		const cpu0 = server.cpu();
		const mine0 = process.cpuUsage();
		const r = await load(c);
		const cpu1 = server.cpu();
		const mine = process.cpuUsage(mine0);
		completed += r.done;
		const cost =
			cpu0 && cpu1 && r.done
				? `; ${costPerSurvey(cpu0, cpu1, server.pid, r.done)}; the load's client ${((mine.user + mine.system) / 1000 / r.done).toFixed(1)}`
				: '';
		console.log(
			`  ${String(c).padStart(2)} at once${warm ? ', warm' : '      '}: ${r.perSecond.toFixed(1).padStart(7)} a second  (${r.done} completed, ${r.failed} failed${cost})`
		);
	}
	console.log(`  (${(requests / Math.max(1, completed)).toFixed(1)} requests a survey)`);
	const after = await countOnDashboard();
	const counted = after - before;
	console.log(
		`Counted afterwards on the dashboard: ${counted} of ${completed} completed (${counted === completed ? 'none lost, none duplicated' : `MISMATCH: ${counted - completed}`})`
	);
	console.log(
		`  and in the download of the responses: ${answersLine(compareAnswers(sentAnswers, answersBefore, await answersInDatabase()))}`
	);
	sentAnswers = null;
	console.log(`Server memory after the load: ${server.rss()}`);
	await new Promise((r) => setTimeout(r, SETTLE_SECONDS * 1000));
	console.log(`  and ${SETTLE_SECONDS} s later, idle: ${server.rss()}`);
	if (process.env.BENCH_LOADRUN !== 'off') await loadRun(server);
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
console.log(`Co-production Impact bench (${process.version}, ${SECONDS_PER_STEP}s a step)\n`);

let server = await startServer();
try {
	await waitForServer();
	LEAD.password = await server.demoLead();
	console.log('Page weight (first visit in Chromium, each response gzipped)');
	const welcome = `${BASE}/s/${SURVEY}`;
	const pages = [
		['welcome', { url: welcome, until: null }],
		['question (agreement)', { url: welcome, start: true, until: null }],
		['question (faces)', { url: `${BASE}/s/my-say`, start: true, until: null }],
		['who is answering', { url: welcome, start: true, until: 'input[name="assistance"]' }],
		['about you', { url: welcome, start: true, until: 'select[name^="about."]' }],
		['check your answers', { url: welcome, start: true, until: 'button[value="send"]' }],
		['thank you', { url: `${BASE}/s/${SURVEY}/thanks`, until: null }],
		['sign-in (staff)', { url: `${BASE}/sign-in`, until: null }]
	];
	const weights = await pageWeights(pages.map(([, target]) => target));
	for (const [i, w] of weights.entries()) {
		console.log(
			`  ${pages[i][0].padEnd(22)} ${String(w.requests).padStart(3)} requests  ${kb(w.bytes).padStart(9)} in all  ${kb(w.js).padStart(9)} JavaScript`
		);
	}

	console.log(
		'\nEmbedded database (PGlite, in a thread of the server process: the default, as `npm start` runs)'
	);
	await measureLoad(server);
} finally {
	await server.stop();
}

const postgres = await postgresToMeasure();
if (postgres) {
	server = await startServer(postgres.url);
	try {
		await waitForServer();
		LEAD.password = await server.demoLead();
		console.log(`\nPostgreSQL ${postgres.version} (DATABASE_URL, as a council's own server runs it)`);
		await measureLoad(server);
	} finally {
		await server.stop();
	}
} else if (process.env.BENCH_POSTGRES !== 'off') {
	console.log(
		'\n(No PostgreSQL answered at BENCH_POSTGRES or 127.0.0.1:5432: measured on the embedded database only.)'
	);
}

/** One of the other benches (bench/<file>, with tsx, which runs JavaScript too), unless its BENCH_… setting is off; its output as it comes. */
async function runBench(setting, file) {
	if (process.env[setting] === 'off') return;
	const tsx = path.join(root, 'node_modules', '.bin', 'tsx');
	await new Promise((resolve) => {
		const child = spawn(tsx, [path.join(root, 'bench', file)], { cwd: root, stdio: 'inherit' });
		child.once('exit', resolve);
	});
}

// The floor: the same seven requests a survey to an empty SvelteKit page, on the same machine and day
// (bench/floor.js; BENCH_FLOOR=off leaves it out).
await runBench('BENCH_FLOOR', 'floor.js');

// What a Send costs the database alone, on each engine (bench/submit.ts, with tsx).
await runBench('BENCH_SUBMIT', 'submit.ts');

// The cost of disclosure control: hidden cells and restricted calls (bench/disclosure.ts, with tsx).
await runBench('BENCH_DISCLOSURE', 'disclosure.ts');

// Suggestions a person confirms: precision and recall per priority on the held-out part of the
// labelled set, combined suggester and keyword-only baseline (bench/suggestions.ts, with tsx).
await runBench('BENCH_SUGGESTIONS', 'suggestions.ts');

// Speed at the scale of a whole country: dashboard calls at 20 million answers (bench/scale.ts, with tsx).
await runBench('BENCH_SCALE', 'scale.ts');

// 3. Responses out: the export of 100,000 responses of 20 answers (CSV and XLSX, streamed), on the
// embedded database and on PostgreSQL (BENCH_POSTGRES, default the local one; off: PGlite only),
// with the time and the peak memory of the process that streams it (bench/export.bench.ts;
// BENCH_EXPORT=off leaves it out).
if (process.env.BENCH_EXPORT !== 'off') {
	console.log(
		'\nResponses out (bench/export.bench.ts): 10,000, 50,000 and 100,000 responses x 20 answers, CSV and XLSX'
	);
	// PGlite in a worker thread, as the server runs it
	const exportEnv = { ...process.env, TEST_PGLITE_THREAD: '1' };
	if (process.env.BENCH_POSTGRES === 'off') exportEnv.SKIP_POSTGRES = '1';
	else if (process.env.BENCH_POSTGRES) exportEnv.TEST_DATABASE_URL = process.env.BENCH_POSTGRES;
	await new Promise((resolve) => {
		const child = spawn(
			process.execPath,
			[path.join(root, 'node_modules/vitest/vitest.mjs'), 'run', '--project', 'bench', '--silent=false'],
			{ cwd: root, env: exportEnv, stdio: 'inherit' }
		);
		child.on('exit', resolve);
	});
}
