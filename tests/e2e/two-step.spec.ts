import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { OTHER_ORGANISATION_SLUG } from '../../src/lib/server/demo/accounts';
import type { DemoAccountsState } from '../../src/lib/server/demo/credentials';
import { totpCode } from '../../src/lib/server/platform/totp';
import { DEMO_ACCOUNTS_FILE, expectNoAxeViolations } from './helpers';

/**
 * Two-step sign-in, as a member sets it up and then signs in with it. Eastmoor's lead is used: no other
 * spec signs in as them, so turning it on here changes no one else's run (and the test turns it off).
 *
 * Each code is one 30-second step later than the one before (the previous step's, the current one, the
 * next one: the app accepts one step either side), because a code is never accepted twice.
 */
const eastmoorLead = () => {
	const state = JSON.parse(readFileSync(DEMO_ACCOUNTS_FILE, 'utf8')) as DemoAccountsState;
	const a = state.accounts.find((x) => x.organisation === OTHER_ORGANISATION_SLUG);
	if (!a) throw new Error('no Eastmoor account in the demo accounts file');
	return a;
};

async function signInWithPassword(page: Page) {
	const lead = eastmoorLead();
	await page.goto('/sign-in');
	await page.getByLabel('Email address').fill(lead.email);
	await page.getByLabel('Password').fill(lead.password);
	await page.getByRole('button', { name: 'Sign in' }).click();
}

test('a member turns on two-step sign-in, then needs the code from the app to see anything', async ({
	browser
}) => {
	test.slow(); // three sign-ins and two axe checks
	const context = await browser.newContext();
	const page = await context.newPage();
	await signInWithPassword(page);
	await expect(page).toHaveURL(/\/dashboard/);

	await page.getByRole('link', { name: /your account/ }).click();
	await expect(page.getByRole('heading', { name: 'Two-step sign-in' })).toBeVisible();
	await expect(page.getByText('Off.', { exact: true })).toBeVisible();
	await page.getByRole('button', { name: 'Set up two-step sign-in' }).click();
	await expect(page.getByRole('img', { name: /QR code/ })).toBeVisible();
	await expectNoAxeViolations(page);
	const secret = (await page.locator('code.key').innerText()).replace(/\s+/g, '');
	expect(secret).toMatch(/^[A-Z2-7]{32}$/);

	// a wrong code is answered beside the field, and the set-up is still there to try again
	await page.getByLabel('Code from your app').fill('12345');
	await page.getByRole('button', { name: 'Turn on two-step sign-in' }).click();
	await expect(page.locator('#confirm-code-error')).toContainText('6 digits');
	await page.getByLabel('Code from your app').fill(totpCode(secret, Date.now() - 30_000));
	await page.getByRole('button', { name: 'Turn on two-step sign-in' }).click();
	await expect(page.getByRole('status')).toContainText('Two-step sign-in is on');
	await expect(page.getByText('On.', { exact: true })).toBeVisible();
	await page.getByRole('button', { name: 'Sign out' }).click();
	await context.close();

	// signing in again: the password, then the code page (checked with axe, which needs JavaScript)
	const checked = await browser.newContext();
	const codePage = await checked.newPage();
	await signInWithPassword(codePage);
	await expect(codePage).toHaveURL(/\/sign-in\/code\?redirectTo=/);
	await expectNoAxeViolations(codePage);
	await checked.close();

	// and on a phone without JavaScript
	const phone = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 320, height: 640 } });
	const second = await phone.newPage();
	await signInWithPassword(second);
	await expect(second).toHaveURL(/\/sign-in\/code\?redirectTo=/);
	await expect(second.getByRole('heading', { name: /Enter the code/ })).toBeVisible();
	// nothing behind the sign-in is open to a session without the code
	await second.goto('/dashboard/overview');
	await expect(second).toHaveURL(/\/sign-in\/code\?redirectTo=%2Fdashboard%2Foverview/);
	const csv = await phone.request.get('/dashboard/overview/overview.csv');
	expect(csv.status()).toBe(403);

	const wrong = String((Number(totpCode(secret)) + 1) % 1_000_000).padStart(6, '0');
	await second.getByLabel('Code').fill(wrong);
	await second.getByRole('button', { name: 'Continue' }).click();
	await expect(second.locator('#code-error')).toContainText('not right');
	await expect(second).toHaveTitle(/^Error: /);
	await second.getByLabel('Code').fill(totpCode(secret));
	await second.getByRole('button', { name: 'Continue' }).click();
	await expect(second).toHaveURL(/\/dashboard\/overview/);
	await expect(second.getByRole('heading', { level: 1 })).toBeVisible();

	// turned off again with a code, so that the password alone signs in
	await second.goto('/account');
	await second.getByLabel('Code from your app').fill(totpCode(secret, Date.now() + 30_000));
	await second.getByRole('button', { name: 'Turn off two-step sign-in' }).click();
	await expect(second.getByRole('status')).toContainText('Two-step sign-in is off');
	await phone.close();

	const third = await browser.newContext();
	const last = await third.newPage();
	await signInWithPassword(last);
	await expect(last).toHaveURL(/\/dashboard/);
	await third.close();
});
