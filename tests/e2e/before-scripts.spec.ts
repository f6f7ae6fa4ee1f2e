import { randomBytes } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { signedInContext } from './helpers';

/**
 * On a slow connection a signed-in page is plain HTML for a while before its script runs (hydration).
 * What a member ticks or types in that while must still be there when the script has run, and be sent.
 */

/**
 * Opens `url` with the app's scripts held back until the returned function is called; that function
 * lets them load and waits until the page has started (no more requests for half a second).
 */
async function openBeforeScripts(page: Page, url: string): Promise<() => Promise<void>> {
	let release!: () => void;
	const held = new Promise<void>((resolve) => (release = resolve));
	await page.route('**/_app/immutable/**', async (route) => {
		await held;
		await route.continue();
	});
	await page.goto(url, { waitUntil: 'domcontentloaded' });
	return async () => {
		release();
		await page.waitForLoadState('networkidle');
		await page.unrouteAll({ behavior: 'wait' });
	};
}

test('feedback added with its choices made before the page had started is added as chosen', async ({
	browser
}) => {
	const context = await signedInContext(browser, 'officer');
	const page = await context.newPage();
	const text = `The ramp at the library is too steep (${randomBytes(3).toString('hex')})`;
	const start = await openBeforeScripts(page, '/feedback/new');
	await page.getByLabel('At a forum').check();
	await page.getByLabel('Date it was given').fill(new Date().toISOString().slice(0, 10));
	await page.getByLabel('What was said').fill(text);
	await start();

	await expect(page.getByLabel('At a forum')).toBeChecked();
	await expect(page.getByLabel('What was said')).toHaveValue(text);
	await page.getByRole('button', { name: 'Add the feedback' }).click();
	await expect(page.getByRole('status')).toHaveText('Added to the feedback.');
	await expect(page.getByText(text)).toBeVisible();
	await context.close();
});

test('filters set before the page had started are kept and used, and follow the page once it runs', async ({
	browser
}) => {
	const context = await signedInContext(browser, 'officer');
	const page = await context.newPage();
	const start = await openBeforeScripts(page, '/feedback');
	const words = page.getByLabel('Words or theme');
	const untagged = page.getByLabel('Only comments not yet tagged with a priority');
	await words.fill('bus');
	await untagged.check();
	await start();

	await expect(words).toHaveValue('bus');
	await expect(untagged).toBeChecked();
	await page.getByRole('button', { name: 'Show feedback' }).click();
	await expect(page).toHaveURL(/[?&]q=bus\b/);
	await expect(page).toHaveURL(/[?&]untagged=1\b/);

	// the page's own link to all the feedback is followed in the browser: the fields show no filter again
	await page.getByRole('navigation').getByRole('link', { name: 'Feedback', exact: true }).click();
	await expect(page).toHaveURL(/\/feedback$/);
	await expect(words).toHaveValue('');
	await expect(untagged).not.toBeChecked();
	await context.close();
});
