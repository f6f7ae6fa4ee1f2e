// npm run bench: figures for the respondent's path, through the real production server.
// Prints; never passes or fails on time. Each load step is bounded in count and in time, and all
// traffic goes to 127.0.0.1.
//
//  1. page weight of the survey page: requests, bytes gzipped, JavaScript bytes gzipped;
//  2. completed surveys a second (GET the page, POST the answers) at 1, 4 and 16 respondents at once;
//  3. the answers counted afterwards, read back from the lead's dashboard: none lost, none doubled.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import process from 'node:process';
import { gzipSync } from 'node:zlib';
import { buildIfStale, root, serverEntry } from '../scripts/lib/run.js';

const PORT = Number(process.env.BENCH_PORT ?? 4190);
const BASE = `http://127.0.0.1:${PORT}`;
const SURVEY = 'ehc-journey';
const OPEN_WAVE = 'ehc-journey-repeat-2';
const SECONDS_PER_STEP = Number(process.env.BENCH_SECONDS ?? 5);
const MAX_PER_STEP = 5000;
const LEAD = { email: 'lead@northbridge.example', password: 'demo-lead-2026' };
const REQUIRED = ['fully_involved', 'communication_good', 'plan_reflects_needs', 'outcomes_clear', 'provision_meets_needs'];

await buildIfStale();

const dataDir = mkdtempSync(path.join(tmpdir(), 'cpi-bench-'));
const server = spawn(process.execPath, [serverEntry], {
	cwd: root,
	env: {
		...process.env,
		PORT: String(PORT),
		HOST: '127.0.0.1',
		ORIGIN: BASE,
		DATA_DIR: dataDir,
		DATABASE_URL: '',
		PUBLIC_SUPABASE_URL: ''
	},
	stdio: ['ignore', 'ignore', 'inherit']
});

function stop() {
	server.kill('SIGTERM');
	rmSync(dataDir, { recursive: true, force: true });
}

async function waitForServer() {
	const started = Date.now();
	while (Date.now() - started < 120_000) {
		try {
			const res = await fetch(`${BASE}/healthz`);
			if (res.ok) return;
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, 250));
	}
	throw new Error('the server did not start within two minutes');
}

/** Every asset the HTML asks the browser for: scripts, module preloads, stylesheets, icons. */
function assetsOf(html) {
	const urls = new Set();
	for (const m of html.matchAll(/<(?:script|link)\b[^>]*?(?:src|href)="([^"]+)"[^>]*>/g)) {
		const tag = m[0];
		if (tag.startsWith('<link') && !/rel="(modulepreload|stylesheet|icon|preload)"/.test(tag)) continue;
		urls.add(new URL(m[1], `${BASE}/s/${SURVEY}`).href);
	}
	// modules the entry imports dynamically on start
	for (const m of html.matchAll(/import\("([^"]+)"\)/g)) urls.add(new URL(m[1], `${BASE}/s/${SURVEY}`).href);
	return [...urls];
}

async function pageWeight(url) {
	const res = await fetch(url);
	const html = await res.text();
	let requests = 1;
	let bytes = gzipSync(html).length;
	let js = 0;
	for (const asset of assetsOf(html)) {
		const body = Buffer.from(await (await fetch(asset)).arrayBuffer());
		const gz = gzipSync(body).length;
		requests += 1;
		bytes += gz;
		if (asset.endsWith('.js')) js += gz;
	}
	return { requests, bytes, js };
}

/** One respondent's whole visit: the page, then the answers; true when the thank-you redirect came. */
async function completeSurvey() {
	const page = await fetch(`${BASE}/s/${SURVEY}`);
	const html = await page.text();
	const id = /name="response_id" value="([^"]+)"/.exec(html)?.[1] ?? randomUUID();
	const body = new URLSearchParams({ response_id: id });
	for (const key of REQUIRED) body.set(key, Math.random() < 0.5 ? 'agree' : 'disagree');
	body.set('what_would_help', 'Quicker replies to emails.');
	const res = await fetch(`${BASE}/s/${SURVEY}`, {
		method: 'POST',
		body,
		redirect: 'manual',
		headers: { origin: BASE, 'content-type': 'application/x-www-form-urlencoded' }
	});
	await res.arrayBuffer();
	return res.status === 303;
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

/** The lead's dashboard, as a browser would get it: sign in, keep the cookies, read the count. */
async function countOnDashboard() {
	const res = await fetch(`${BASE}/sign-in`, {
		method: 'POST',
		body: new URLSearchParams({ ...LEAD, redirectTo: '/dashboard' }),
		redirect: 'manual',
		headers: { origin: BASE, 'content-type': 'application/x-www-form-urlencoded' }
	});
	const cookies = res.headers
		.getSetCookie()
		.map((c) => c.split(';')[0])
		.join('; ');
	const html = await (await fetch(`${BASE}/dashboard`, { headers: { cookie: cookies } })).text();
	const m = new RegExp(`data-testid="wave-responses-${OPEN_WAVE}"[^>]*>([^<]+)<`).exec(html);
	if (!m) throw new Error('could not read the response count from the dashboard');
	return Number(m[1].replace(/[^0-9]/g, ''));
}

try {
	await waitForServer();
	const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
	console.log(`Co-production Impact bench (${process.version}, embedded PGlite, ${SECONDS_PER_STEP}s a step)\n`);

	console.log('Page weight (gzipped, first visit)');
	for (const url of [`${BASE}/s/${SURVEY}`, `${BASE}/s/my-say`, `${BASE}/sign-in`]) {
		const w = await pageWeight(url);
		console.log(`  ${url.replace(BASE, '').padEnd(16)} ${String(w.requests).padStart(3)} requests  ${kb(w.bytes).padStart(9)} in all  ${kb(w.js).padStart(9)} JavaScript`);
	}

	const before = await countOnDashboard();
	let completed = 0;
	console.log('\nCompleted surveys (GET the page + POST 6 answers) through the real server');
	for (const c of [1, 4, 16]) {
		const r = await load(c);
		completed += r.done;
		console.log(`  ${String(c).padStart(2)} at once: ${r.perSecond.toFixed(1).padStart(7)} a second  (${r.done} completed, ${r.failed} failed)`);
	}
	const after = await countOnDashboard();
	const counted = after - before;
	console.log(
		`\nCounted afterwards on the dashboard: ${counted} of ${completed} completed (${counted === completed ? 'none lost, none duplicated' : `MISMATCH: ${counted - completed}`})`
	);
	const mem = process.memoryUsage();
	console.log(`Bench process memory: ${(mem.rss / 1024 / 1024).toFixed(0)} MB RSS`);
} finally {
	stop();
}
