import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import {
	expect,
	type Browser,
	type BrowserContext,
	type BrowserContextOptions,
	type Page
} from '@playwright/test';
import { e2eDataDir, e2eOutputDir } from '../../scripts/lib/e2e.js';
import { DEMO_ORGANISATION_SLUG, type DemoRole } from '../../src/lib/server/demo/accounts';
import type { DemoAccountsState, DemoCredential } from '../../src/lib/server/demo/credentials';

/** axe-core's minified build (the same version @axe-core/playwright runs), read once. */
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * WCAG 2.2 AA, as axe-core tests it. On a page without frames, axe is put into the page once and
 * run there with `axe.run` (AxeBuilder's "legacy" mode, told that axe is already in the page). By
 * default AxeBuilder would put its unminified copy (1.5 MB) into the page twice and open a second,
 * blank page to put together the results of each frame: the same rules and the same results, but
 * about four times as long (13 s against 3 s a page, measured on two busy cores). A page with
 * frames is checked in the default mode, frame by frame.
 */
export async function expectNoAxeViolations(page: Page) {
	let builder: AxeBuilder;
	if (page.frames().length === 1) {
		await page.evaluate(AXE_SOURCE);
		builder = new AxeBuilder({ page, axeSource: 'void 0' }).setLegacyMode(true);
	} else {
		builder = new AxeBuilder({ page, axeSource: AXE_SOURCE });
	}
	const results = await builder.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
	const summary = results.violations.map(
		(v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`
	);
	expect(summary).toEqual([]);
}

/**
 * The demo accounts of the test server's data folder (see scripts/e2e-server.js), with the
 * passwords its first start made: there are none in the source.
 */
export const DEMO_ACCOUNTS_FILE = path.join(e2eDataDir(), 'demo-accounts.json');

/** A Northbridge demo account, with its password. */
export function account(role: DemoRole): DemoCredential {
	const state = JSON.parse(readFileSync(DEMO_ACCOUNTS_FILE, 'utf8')) as DemoAccountsState;
	const a = state.accounts.find((x) => x.role === role && x.organisation === DEMO_ORGANISATION_SLUG);
	if (!a) throw new Error(`no demo account for ${role} in ${DEMO_ACCOUNTS_FILE}`);
	return a;
}

/**
 * The roles whose signed-in session is made once for the whole run (by auth.setup.ts) and shared
 * by the tests that need a member signed in but are not about signing in. Signing out ends every
 * session of the account, so a test that signs out does so as a role that is not among these.
 */
export const SHARED_ROLES = ['lead', 'officer', 'forum'] as const satisfies readonly DemoRole[];
export type SharedRole = (typeof SHARED_ROLES)[number];

/** The file that holds a shared role's signed-in browser state (cookies), for `storageState`. */
export function sessionFile(role: SharedRole): string {
	return path.join(e2eOutputDir(), '.auth', `${role}.json`);
}

/**
 * A new browser (context) signed in as a role with the run's shared session: `options` as for
 * `browser.newContext`, so `{ javaScriptEnabled: false }` gives a member's browser without scripts.
 */
export function signedInContext(browser: Browser, role: SharedRole, options: BrowserContextOptions = {}) {
	return browser.newContext({ ...options, storageState: sessionFile(role) });
}

/**
 * Signs the page's browser in as a shared role, with the run's session rather than the sign-in
 * form (and without the dashboard it would land on): the page stays where it is.
 */
export async function useSession(page: Page, role: SharedRole) {
	const state = JSON.parse(await readFile(sessionFile(role), 'utf8')) as {
		cookies: Parameters<BrowserContext['addCookies']>[0];
	};
	await page.context().addCookies(state.cookies);
}

/** Signs in through the sign-in form, as a member does, and lands on the dashboard. */
export async function signIn(page: Page, role: DemoRole) {
	const a = account(role);
	await page.goto('/sign-in');
	await page.getByLabel('Email address').fill(a.email);
	await page.getByLabel('Password').fill(a.password);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page).toHaveURL(/\/dashboard/);
}

/** Presses Tab until the focused element matches, as a keyboard user moves through a page. */
export async function tabTo(
	page: Page,
	matches: (el: { name: string; value: string; type: string; tag: string }) => boolean,
	limit = 200
) {
	for (let i = 0; i < limit; i++) {
		await page.keyboard.press('Tab');
		const el = await page.evaluate(() => {
			const a = document.activeElement as HTMLInputElement | null;
			return {
				name: a?.name ?? '',
				value: a?.value ?? '',
				type: a?.type ?? '',
				tag: a?.tagName.toLowerCase() ?? ''
			};
		});
		if (matches(el)) return;
	}
	throw new Error('the element was never reached with Tab');
}

/** A date n days from today, as a date field takes it (UK time is close enough for whole days ahead). */
export function day(n: number): string {
	return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(
		new Date(Date.now() + n * 86_400_000)
	);
}

/** The page's language and direction, as <html> says them. */
export async function expectPageLanguage(page: Page, lang: string, dir: 'ltr' | 'rtl') {
	await expect(page.locator('html')).toHaveAttribute('lang', lang);
	await expect(page.locator('html')).toHaveAttribute('dir', dir);
}

/** Presses a button by its name (Continue, in whatever language) and waits for the page it posts to. */
export async function pressAndWait(page: Page, name: string | RegExp) {
	await Promise.all([
		page.waitForNavigation(),
		page.getByRole('button', { name, exact: typeof name === 'string' }).click()
	]);
	// the navigation can be reported before its document has loaded (a post answered by a redirect): a
	// check of the page straight after found no document once, under load
	await page.waitForLoadState('load');
}

/** The number of responses the dashboard's waves table shows for a wave. */
export async function responsesShown(page: Page, waveSlug: string): Promise<number> {
	const text = await page.getByTestId(`wave-responses-${waveSlug}`).innerText();
	return Number(text.replace(/[^0-9]/g, ''));
}

/** The five agreement questions of the demo parent carer survey that need an answer. */
export const REQUIRED_EHC_QUESTIONS = [
	'fully_involved',
	'communication_good',
	'plan_reflects_needs',
	'outcomes_clear',
	'provision_meets_needs'
];

/** Answers whichever required question of the parent carer survey the page shows. */
export async function answerRequired(page: Page, value = 'agree') {
	for (const key of REQUIRED_EHC_QUESTIONS) {
		const radio = page.locator(`input[type="radio"][name="${key}"][value="${value}"]`);
		if ((await radio.count()) > 0) await radio.check();
	}
}

/**
 * Presses Continue (or the button that goes back to check your answers) and waits for the page it
 * posts to. (A page whose answer needs fixing comes back with it, whatever the address.)
 */
export async function continueTo(page: Page) {
	await pressAndWait(page, /^(Continue|Save and go back to your answers)$/);
}

/** The hidden fields a form carries (the answers of the other pages, among them), as a browser posts them. */
export async function hiddenFields(page: Page, form = 'form[method="post"]'): Promise<[string, string][]> {
	const pairs: [string, string][] = [];
	for (const input of await page.locator(`${form} input[type="hidden"]`).all()) {
		pairs.push([(await input.getAttribute('name')) ?? '', (await input.getAttribute('value')) ?? '']);
	}
	return pairs;
}

/**
 * Starts the parent carer survey (at `origin`, default the test server) and answers page after page,
 * each required question with `value`, until the check-your-answers page.
 */
export async function answerUntilCheck(page: Page, value = 'agree', origin = '') {
	await page.goto(`${origin}/s/ehc-journey`);
	await page.getByRole('button', { name: 'Start the survey' }).click();
	await expect(page).toHaveURL(/\/q\/1$/);
	for (let i = 0; i < 20 && !/\/check$/.test(page.url()); i++) {
		await answerRequired(page, value);
		await continueTo(page);
	}
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Check your answers');
}

/**
 * The parent carer survey from an address whose page has a "Start the survey" button (an invitation
 * link, say): every page, check your answers, send, the thank-you page.
 */
export async function completeSurveyFrom(page: Page, url: string, value = 'agree') {
	await page.goto(url);
	await page.getByRole('button', { name: 'Start the survey' }).click();
	await expect(page).toHaveURL(/\/q\/1$/);
	for (let i = 0; i < 20 && !/\/check$/.test(page.url()); i++) {
		await answerRequired(page, value);
		await continueTo(page);
	}
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Check your answers');
	await page.getByRole('button', { name: 'Send my answers' }).click();
	await expect(page).toHaveURL(/\/thanks$/);
}

/** The whole parent carer survey: every page, check your answers, send, the thank-you page. */
export async function completeSurvey(page: Page, value = 'agree', origin = '') {
	await answerUntilCheck(page, value, origin);
	await page.getByRole('button', { name: 'Send my answers' }).click();
	await expect(page).toHaveURL(/\/thanks$/);
}

/** The resume code a question page shows, as K7QP-2MXA-9RTW. */
export async function resumeCodeOf(page: Page): Promise<string> {
	return (await page.locator('.resume-code').innerText()).trim();
}
