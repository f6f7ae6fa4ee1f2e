import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { expect, test } from '@playwright/test';
import type { DemoCredential } from '../../src/lib/server/demo/credentials';
import { completeSurvey } from './helpers';

/**
 * The Supabase mode, end to end: the app is given only PUBLIC_SUPABASE_URL,
 * PUBLIC_SUPABASE_ANON_KEY and SUPABASE_SERVICE_ROLE_KEY and talks to the API over the real network with @supabase/ssr cookies,
 * exactly as it would to a Supabase project. The API is the local stand-in, served on a port.
 */
// Ports of this checkout's own (E2E_PORT + 400 and + 500), so that suites run side by side don't meet.
const API_PORT = Number(process.env.E2E_PORT || '4173') + 400;
const APP_PORT = Number(process.env.E2E_PORT || '4173') + 500;
const APP = `http://127.0.0.1:${APP_PORT}`;
const children: ChildProcess[] = [];
/** The API's own demo accounts, with the passwords it made for them. */
let demoAccounts: DemoCredential[] = [];

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
	test.setTimeout(300_000); // a second server and API, each migrating its own database, on busy cores
	// one process (node with tsx's loader), so that stopping it stops the API
	const api = spawn(process.execPath, ['--import', 'tsx', 'scripts/local-api-server.ts', String(API_PORT)], {
		stdio: ['ignore', 'pipe', 'inherit'],
		env: { ...process.env, DATABASE_URL: '' }
	});
	children.push(api);
	const started = once(api.stdout!, 'data') as Promise<[Buffer]>;
	const failed = once(api, 'exit').then(([code]) => {
		throw new Error(`the local API server exited (${String(code)}) before it was ready`);
	});
	const [line] = await Promise.race([started, failed]);
	const ready = JSON.parse(line.toString()) as {
		url: string;
		anonKey: string;
		serviceRoleKey: string;
		demoAccounts: DemoCredential[];
	};
	const { url, anonKey, serviceRoleKey } = ready;
	demoAccounts = ready.demoAccounts;

	const app = spawn(process.execPath, ['build/index.js'], {
		stdio: ['ignore', 'ignore', 'inherit'],
		env: {
			...process.env,
			PORT: String(APP_PORT),
			HOST: '127.0.0.1',
			ORIGIN: APP,
			PUBLIC_SUPABASE_URL: url,
			PUBLIC_SUPABASE_ANON_KEY: anonKey,
			SUPABASE_SERVICE_ROLE_KEY: serviceRoleKey,
			DATABASE_URL: ''
		}
	});
	children.push(app);
	for (let i = 0; i < 120; i++) {
		try {
			if ((await fetch(`${APP}/healthz`)).ok) return;
		} catch {
			// not up yet
		}
		await new Promise((r) => setTimeout(r, 500));
	}
	throw new Error('the app did not start in Supabase mode');
});

test.afterAll(() => {
	for (const child of children) child.kill('SIGTERM');
});

test('healthz reports the Supabase mode and the migration the API reports', async ({ request }) => {
	const body = await (await request.get(`${APP}/healthz`)).json();
	expect(body).toMatchObject({ status: 'ok', database: 'supabase' });
	expect(body.migration).toMatch(/^\d{14}$/);
});

test('a respondent answers and a lead signs in and sees the dashboard, over the network', async ({
	page
}) => {
	await completeSurvey(page, 'agree', APP);

	const lead = demoAccounts.find((a) => a.email === 'lead@northbridge.example')!;
	await page.goto(`${APP}/sign-in`);
	await page.getByLabel('Email address').fill(lead.email);
	await page.getByLabel('Password').fill(lead.password);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page).toHaveURL(/\/dashboard/);
	await expect(page.getByRole('figure').locator('svg').first()).toBeVisible();
	const cookies = await page.context().cookies();
	expect(cookies.some((c) => c.name.startsWith('sb-') && c.httpOnly)).toBe(true);

	await page.getByRole('button', { name: 'Sign out' }).click();
	await page.goto(`${APP}/dashboard`);
	await expect(page).toHaveURL(/\/sign-in/);
});
