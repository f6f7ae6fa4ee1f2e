import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test, type Request } from '@playwright/test';
import { openPglite } from '../../src/lib/server/platform/db/pglite';
import { answerUntilCheck, hiddenFields } from './helpers';

/**
 * Faults: the production server killed (SIGKILL: no clean shutdown, no flush) in the middle of sending
 * answers, then started again on the same embedded data folder. What a respondent was told was sent is
 * there, whole and counted once; a respondent who retries after the failure makes one response, never two.
 *
 * Each test runs its own server on its own data folder (the demo data, made at its first start) and a
 * port of its own (E2E_PORT + 320), and reads the database itself once the server has stopped.
 */
const PORT = Number(process.env.E2E_PORT || '4173') + 320;
const ORIGIN = `http://127.0.0.1:${PORT}`;
const SURVEY = 'ehc-journey';

function serverEnv(dataDir: string): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {
		...process.env,
		PORT: String(PORT),
		HOST: '127.0.0.1',
		ORIGIN,
		DATA_DIR: dataDir,
		// the load below comes from many addresses, as respondents do, not one address over its hourly limit
		ADDRESS_HEADER: 'x-forwarded-for'
	};
	for (const name of ['DATABASE_URL', 'PUBLIC_SUPABASE_URL', 'DEMO_DATA', 'FORCE_COLOR', 'NO_COLOR']) {
		delete env[name];
	}
	return env;
}

/** Starts the production server on the data folder and waits until it answers. */
async function start(dataDir: string): Promise<ChildProcess> {
	const child = spawn(process.execPath, ['build/index.js'], { env: serverEnv(dataDir), stdio: 'ignore' });
	const until = Date.now() + 120_000;
	while (Date.now() < until) {
		if (child.exitCode !== null) throw new Error(`the server stopped at start (exit ${child.exitCode})`);
		try {
			if ((await fetch(`${ORIGIN}/healthz`)).ok) return child;
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, 200));
	}
	child.kill('SIGKILL');
	throw new Error('the server did not answer within two minutes');
}

function exited(child: ChildProcess): Promise<void> {
	return child.exitCode !== null || child.signalCode !== null
		? Promise.resolve()
		: new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Kills the server as a power cut would: no shutdown, nothing flushed. */
async function kill(child: ChildProcess) {
	child.kill('SIGKILL');
	await exited(child);
}

async function stop(child: ChildProcess) {
	child.kill('SIGTERM');
	await exited(child);
}

/** Responses and their answers in the wave, and the count the dashboards read, straight from the database. */
async function readBack(dataDir: string, ids: string[]) {
	const db = await openPglite(path.join(dataDir, 'pglite'));
	try {
		const rows = await db.query<{ id: string; answers: number }>(
			`select r.id, (select count(*)::int from app.answers a where a.response_id = r.id) as answers
			   from app.responses r where r.id = any($1::uuid[])`,
			[ids]
		);
		const [counts] = await db.query<{ responses: number; counted: number }>(
			`select (select count(*)::int from app.responses r where r.wave_id = w.id) as responses,
			        coalesce((select c.n from app.wave_group_counts c
			                   where c.wave_id = w.id and c.dimension = '_all' and c.category = '_all'), 0) as counted
			   from app.waves w join app.surveys s on s.id = w.survey_id
			  where s.slug = $1 and now() between w.opens_at and coalesce(w.closes_at, 'infinity')`,
			[SURVEY]
		);
		return { answers: new Map(rows.map((r) => [r.id, r.answers])), counts: counts! };
	} finally {
		await db.close();
	}
}

test.describe.configure({ mode: 'serial' });
// a browser without JavaScript posts the form itself: what is retried is exactly what it sent
test.use({ javaScriptEnabled: false });

let dataDir = '';
let server: ChildProcess | null = null;

test.beforeAll(async () => {
	test.setTimeout(240_000); // the first start makes the demo data
	dataDir = await mkdtemp(path.join(tmpdir(), 'cpi-faults-'));
	server = await start(dataDir);
});

test.afterAll(async () => {
	if (server) await stop(server);
	await rm(dataDir, { recursive: true, force: true });
});

test('the server killed while answers are being sent: the retry makes exactly one response', async ({
	page
}) => {
	test.slow(); // five kills and restarts of the server
	await page.context().setExtraHTTPHeaders({ 'x-forwarded-for': '198.51.100.200' });
	const sent: string[] = [];
	// killed at once, a little later, and later still: before, while and after the answers are stored
	for (const delay of [0, 5, 25, 80, 250]) {
		await test.step(`killed ${delay} ms after Send`, async () => {
			await answerUntilCheck(page, 'agree', ORIGIN);
			const id = /\/s\/[^/]+\/([0-9a-f-]{36})\//.exec(page.url())![1]!;
			sent.push(id);
			const posted = page.waitForRequest((r: Request) => r.method() === 'POST' && r.url().includes('/check'));
			void page
				.getByRole('button', { name: 'Send my answers' })
				.click({ noWaitAfter: true })
				.catch(() => {});
			const request = await posted;
			await new Promise((r) => setTimeout(r, delay));
			await kill(server!);
			server = await start(dataDir);
			// the browser sends the same form again, as a respondent pressing Send again (or reloading) does
			const retry = await page.request.post(request.url(), {
				headers: {
					'content-type': 'application/x-www-form-urlencoded',
					accept: 'text/html',
					origin: ORIGIN,
					'x-forwarded-for': '198.51.100.200'
				},
				data: request.postData() ?? '',
				maxRedirects: 0
			});
			expect(retry.status()).toBe(303);
			expect(retry.headers()['location']).toMatch(new RegExp(`^/s/${SURVEY}/thanks`));
		});
	}
	await stop(server!);
	server = null;
	const { answers, counts } = await readBack(dataDir, sent);
	expect([...answers.keys()].sort()).toEqual([...sent].sort());
	const expected = answers.get(sent[0]!)!;
	expect(expected).toBeGreaterThanOrEqual(5);
	for (const id of sent) expect(answers.get(id), id).toBe(expected);
	expect(counts.counted).toBe(counts.responses);
	server = await start(dataDir);
});

test('killed during a load of submissions: every response acknowledged is there, whole, and counted once', async ({
	page
}) => {
	test.slow();
	// one respondent's answers as the check page posts them, sent again below under new response ids
	await page.context().setExtraHTTPHeaders({ 'x-forwarded-for': '198.51.100.201' });
	await answerUntilCheck(page, 'agree', ORIGIN);
	const form = new URLSearchParams(await hiddenFields(page, 'form:has(#send)'));
	form.set('nav', 'send');
	expect(form.size).toBeGreaterThan(5);
	const checkUrl = (id: string) => `${ORIGIN}/s/${SURVEY}/${id}/check`;

	const acknowledged: string[] = [];
	let killed = false;
	let n = 0;
	async function respondent(worker: number) {
		while (!killed && n < 400) {
			const id = randomUUID();
			n++;
			try {
				const answer = await fetch(checkUrl(id), {
					method: 'POST',
					redirect: 'manual',
					headers: {
						'content-type': 'application/x-www-form-urlencoded',
						accept: 'text/html',
						origin: ORIGIN,
						'x-forwarded-for': `198.51.100.${worker + 1}`
					},
					body: form.toString()
				});
				if (answer.status === 303 && answer.headers.get('location')?.includes('/thanks'))
					acknowledged.push(id);
				else if (!killed) throw new Error(`a submission was answered ${answer.status}`);
			} catch (error) {
				if (!killed) throw error;
			}
		}
	}
	const load = Promise.all(Array.from({ length: 8 }, (_, i) => respondent(i)));
	// killed in full flow, once a good number have been acknowledged
	await expect.poll(() => acknowledged.length, { timeout: 120_000 }).toBeGreaterThanOrEqual(40);
	killed = true;
	await kill(server!);
	await load;

	// it starts again on the same folder, and answers
	server = await start(dataDir);
	expect((await fetch(`${ORIGIN}/s/${SURVEY}`)).status).toBe(200);
	await stop(server);
	server = null;
	const { answers, counts } = await readBack(dataDir, acknowledged);
	expect(answers.size).toBe(acknowledged.length);
	const whole = new Set(answers.values());
	expect(whole.size).toBe(1);
	expect([...whole][0]).toBeGreaterThanOrEqual(5);
	expect(counts.counted).toBe(counts.responses);
});
