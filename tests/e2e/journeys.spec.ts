import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, signedInContext, useSession } from './helpers';

const CLOSED = '/dashboard/journeys?survey=ehc-journey&from=ehc-journey-baseline&to=ehc-journey-repeat-1';

test('a lead follows the same families from the baseline to a repeat, answer by answer', async ({ page }) => {
	test.setTimeout(90_000);
	await useSession(page, 'lead');
	await page.goto(CLOSED);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Journeys');
	const figure = page.getByTestId('journey');
	await expect(figure.locator('svg.journey-chart')).toBeVisible();
	await expect(page.getByTestId('journey-summary')).toContainText(/\d+ people answered both between/);
	// every answer to every answer for staff: more than two columns of answers, and the linked total
	const table = page.getByTestId('transition-table');
	expect(await table.locator('thead th').count()).toBeGreaterThan(3);
	expect(Number((await page.getByTestId('journey-linked').textContent())?.replace(/,/g, ''))).toBeGreaterThan(
		0
	);
	// the paired verdict, or the true reason there is none, with McNemar's test when there is a change to test
	await expect(page.getByTestId('journey-verdict')).toContainText('people who answered both times');
	await expect(page.getByTestId('journey-method')).toContainText("McNemar's exact test");
	const csv = await page.request.get(
		`${CLOSED.replace('/dashboard/journeys?', '/dashboard/journeys/journey.csv?')}`
	);
	expect(csv.headers()['content-type']).toContain('text/csv');
	expect(await csv.text()).toContain('answer_at_from_wave');
	const png = await page.request.get(
		`${CLOSED.replace('/dashboard/journeys?', '/dashboard/journeys/picture?format=png&')}`
	);
	expect(png.headers()['content-type']).toBe('image/png');
	await expectNoAxeViolations(page);
});

test('a forum member sees positive or not, with small counts as [c] and no exact small numbers', async ({
	page
}) => {
	test.setTimeout(90_000);
	await useSession(page, 'forum');
	await page.goto(CLOSED);
	const table = page.getByTestId('transition-table');
	await expect(table).toBeVisible();
	// two categories a side, and the "All" column
	await expect(table.locator('thead th')).toHaveCount(4);
	await expect(table.locator('thead th').nth(2)).toContainText(/^Not /);
	await expect(page.locator('.small-number')).toHaveCount(0);
	for (const cell of await table.locator('td').allTextContents())
		expect(cell.trim()).toMatch(/^(\[c\]|0|[1-9][\d,]*)$/);
	await expectNoAxeViolations(page);
});

test('a filter that names nothing is answered in words, not with an error', async ({ page }) => {
	await useSession(page, 'lead');
	const response = await page.goto('/dashboard/journeys?survey=ehc-journey&from=no-such-wave');
	expect(response?.status()).toBe(200);
	await expect(page.getByTestId('journey-problem')).toContainText('There is no wave “no-such-wave”');
	await expect(page.getByTestId('journey')).toHaveCount(0);
	await page.goto('/dashboard/journeys?survey=nothing-here');
	await expect(page.getByTestId('journey-problem')).toContainText('There is no survey “nothing-here”');
	await expectNoAxeViolations(page);
});

test('journeys work without JavaScript: the chart, the table and choosing waves', async ({ browser }) => {
	const context = await signedInContext(browser, 'forum', { javaScriptEnabled: false });
	const page = await context.newPage();
	await page.goto('/dashboard/journeys?survey=ehc-journey');
	await expect(page.getByTestId('journey').locator('svg')).toBeVisible();
	await page.getByLabel('To wave').selectOption('ehc-journey-repeat-1');
	await page.getByRole('button', { name: 'Show' }).click();
	await expect(page).toHaveURL(/to=ehc-journey-repeat-1/);
	await expect(page.getByTestId('transition-table')).toBeVisible();
	await context.close();
});

test('journeys and reach fit a phone 320 pixels wide', async ({ page }) => {
	await useSession(page, 'lead');
	await page.setViewportSize({ width: 320, height: 800 });
	for (const path of [CLOSED, '/dashboard/reach?survey=ehc-journey']) {
		await page.goto(path);
		// nothing wider than the screen but the tables, which scroll in their own region
		const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
		expect(overflow, path).toBeLessThanOrEqual(320);
		await page.screenshot({
			path: `test-results/phone-${path.includes('reach') ? 'reach' : 'journeys'}.png`,
			fullPage: true
		});
	}
});
