import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, signedInContext, useSession } from './helpers';

const PAGE = '/dashboard/reach?survey=ehc-journey';

test('a lead sees who each wave reached, by channel and group, and the panel that came back', async ({
	page
}) => {
	test.setTimeout(90_000);
	await useSession(page, 'lead');
	await page.goto(PAGE);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Reach');
	await expect(page.getByTestId('reach').locator('svg.reach-chart')).toBeVisible();
	await expect(page.getByTestId('reach-summary')).toContainText(
		/people answered .*panel members? answered both/
	);
	const waves = page.getByTestId('reach-waves');
	await expect(waves.getByRole('row', { name: /ehc|Baseline|baseline/i }).first()).toBeVisible();
	await expect(page.getByTestId('reach-channel')).toContainText('On paper');
	await expect(page.getByTestId('reach-setting')).toBeVisible();
	const csv = await page.request.get('/dashboard/reach/reach.csv?survey=ehc-journey');
	expect(csv.headers()['content-type']).toContain('text/csv');
	const text = await csv.text();
	expect(text).toContain('respondents');
	expect(text).toContain('panel');
	// the chart as a picture, for papers and slides
	const png = await page.request.get('/dashboard/reach/picture?format=png&survey=ehc-journey');
	expect(png.headers()['content-type']).toBe('image/png');
	const svg = await page.request.get('/dashboard/reach/picture?format=svg&survey=ehc-journey');
	expect(await svg.text()).toContain('role="img"');
	expect((await page.request.get('/dashboard/reach/picture?format=gif&survey=ehc-journey')).status()).toBe(
		400
	);
	await expectNoAxeViolations(page);
});

test('a forum member sees counts under the disclosure rule: [c], never a small number', async ({ page }) => {
	test.setTimeout(90_000);
	await useSession(page, 'forum');
	await page.goto(PAGE);
	await expect(page.getByTestId('reach-summary')).toBeVisible();
	await expect(page.locator('.small-number')).toHaveCount(0);
	for (const cell of await page.locator('[data-testid^="reach-"] td.number').allTextContents()) {
		const t = cell.trim();
		if (/^\d[\d,]*$/.test(t)) {
			const n = Number(t.replace(/,/g, ''));
			// under the demo's rule (under 10 hidden) a shown count is 0 or 10 or more
			expect(n === 0 || n >= 10, t).toBe(true);
		} else expect(t).toMatch(/^(\[c\]|no answers|–|\(the baseline\))$/);
	}
	await expectNoAxeViolations(page);
});

test('reach works without JavaScript, and a survey that does not exist is said in words', async ({
	browser
}) => {
	const context = await signedInContext(browser, 'lead', { javaScriptEnabled: false });
	const page = await context.newPage();
	await page.goto('/dashboard/reach');
	await expect(page.getByTestId('reach').locator('svg')).toBeVisible();
	await page.getByLabel('Survey', { exact: true }).selectOption('ehc-journey');
	await page.getByRole('button', { name: 'Show' }).click();
	await expect(page).toHaveURL(/survey=ehc-journey/);
	await expect(page.getByTestId('reach-waves')).toBeVisible();
	const response = await page.goto('/dashboard/reach?survey=nothing-here');
	expect(response?.status()).toBe(200);
	await expect(page.getByTestId('reach-problem')).toContainText('There is no survey “nothing-here”');
	await context.close();
});
