import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, signIn, useSession } from './helpers';

const VIEW = '/dashboard/equity?survey=ehc-journey&by=support';

test('a lead sees the gaps between groups, with a summary, a chart with its name, a table and downloads', async ({
	page
}) => {
	await useSession(page, 'lead');
	await page.goto(VIEW);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Gaps between groups');
	const summary = page.getByTestId('equity-summary');
	// never a percentage without its n
	await expect(summary).toContainText(/ranged from \d+% of [\d,]+ \(.+\) to \d+% of [\d,]+ \(.+\)/);
	await expect(summary).toContainText(
		/of \d+ groups? tested (differs|differ) from the rest by more than chance/
	);
	const chart = page.getByRole('img', { name: (await summary.textContent())!.trim() });
	await expect(chart).toBeVisible();
	const table = page.getByTestId('equity-table');
	await expect(table.getByRole('row')).not.toHaveCount(1);
	await expect(table).toContainText('Gap at the baseline');
	await expect(page.getByText(/adjusted for them with Holm’s method|One comparison was made/)).toBeVisible();
	await expectNoAxeViolations(page);

	const query = new URL(page.url()).search.slice(1);
	const csv = await page.request.get(`/dashboard/equity/download?${query}&format=csv`);
	expect(csv.status()).toBe(200);
	expect(csv.headers()['content-type']).toContain('text/csv');
	const text = await csv.text();
	expect(text).toContain('Group,Answered (n),Positive,Share (%)');
	expect(text.split('\n').filter((line) => line.trim()).length).toBeGreaterThan(2);
	const png = await page.request.get(`/dashboard/equity/download?${query}&format=png`);
	expect(png.headers()['content-type']).toBe('image/png');
	expect((await png.body()).subarray(1, 4).toString()).toBe('PNG');
	const svg = await page.request.get(`/dashboard/equity/download?${query}&format=svg`);
	expect(await svg.text()).toMatch(/^<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
});

test('forum members see the gaps under the disclosure rule, without JavaScript, at 320 px', async ({
	browser
}) => {
	const context = await browser.newContext({
		javaScriptEnabled: false,
		viewport: { width: 320, height: 800 }
	});
	const page = await context.newPage();
	await useSession(page, 'forum');
	await page.goto(`${VIEW}&wave=nonesuch`);
	// a filter that names nothing is said, not silently replaced
	await expect(page.getByRole('status')).toContainText('has no wave “nonesuch”');
	// the closed repeat, as the database publishes it under the rule: the summary says what the table shows
	await page.goto(`${VIEW}&wave=ehc-journey-repeat-1`);
	const table = page.getByTestId('equity-table');
	await expect(table.getByRole('row').nth(1)).toBeVisible();
	const shares = await table.locator('tbody td:nth-child(3)').allInnerTexts();
	const shown = shares.filter((s) => /% of \d/.test(s));
	await expect(page.getByTestId('equity-summary')).toContainText(
		shown.length === 0
			? 'no group has figures to show: each is hidden to protect the people in small groups, or has no answers'
			: /ranged from \d+% of [\d,]+|in the one group with figures/
	);
	// a hidden figure is [c], never a 0% that lies
	for (const s of shares) expect(s).toMatch(/^(\[c\]|No answers|\d+% of [\d,]+ \(.+\))$/);
	await expect(page.getByText('How small numbers are protected')).toBeVisible();
	// the chart fits the phone
	const box = await page.locator('figure.chart svg').boundingBox();
	expect(box!.width).toBeLessThanOrEqual(320);
	await context.close();
});

test('the equity view passes axe for scrutiny, and refuses downloads to anyone signed out', async ({
	page,
	browser
}) => {
	await signIn(page, 'scrutiny');
	await page.goto(VIEW);
	await expect(page.getByTestId('equity-summary')).toBeVisible();
	await expectNoAxeViolations(page);
	const signedOut = await browser.newContext();
	const response = await signedOut.request.get(
		new URL('/dashboard/equity/download?survey=ehc-journey&format=csv', page.url()).toString()
	);
	expect(response.status()).toBe(401);
	await signedOut.close();
});
