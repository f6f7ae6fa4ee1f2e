import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, useSession } from './helpers';

const VIEW = '/dashboard/distribution?survey=ehc-journey';

test('a lead sees every answer, wave by wave, with a summary, a chart, a table and downloads', async ({
	page
}) => {
	await useSession(page, 'lead');
	await page.goto(VIEW);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Every answer, wave by wave');
	const summary = page.getByTestId('distribution-summary');
	await expect(summary).toContainText(/^In .+, \d+% of [\d,]+ answered .+/);
	await expect(page.getByRole('img', { name: (await summary.textContent())!.trim() })).toBeVisible();
	// staff see each answer, never a share without its n
	const table = page.getByTestId('distribution-table');
	await expect(table).toContainText('Strongly agree');
	for (const cell of await table.locator('tbody td:nth-child(3), tbody td:nth-child(4)').allInnerTexts())
		expect(cell).toMatch(/^(\d[\d,]*|\d+% of [\d,]+|\[c\]|No answers)$/);
	await expectNoAxeViolations(page);
	const query = new URL(page.url()).search.slice(1);
	const csv = await page.request.get(`/dashboard/distribution/download?${query}&format=csv`);
	expect(await csv.text()).toContain(
		'Question,Wave,As at,Answer,Counts as positive,People,Answered (n),Share (%)'
	);
	const png = await page.request.get(`/dashboard/distribution/download?${query}&format=png`);
	expect(png.headers()['content-type']).toBe('image/png');
});

test('forum members get the positive answers and the others, without JavaScript', async ({ browser }) => {
	const context = await browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	await useSession(page, 'forum');
	await page.goto(`${VIEW}&indicator=nonesuch`);
	await expect(page.getByRole('status')).toContainText('has no indicator “nonesuch”');
	await expect(
		page.getByText('Published figures give the answers that count as positive and the others')
	).toBeVisible();
	const table = page.getByTestId('distribution-table');
	await expect(table).not.toContainText('Strongly disagree');
	await expect(page.getByTestId('distribution-summary')).toContainText(/\d+% of [\d,]+ answered/);
	await context.close();
});

test('the distribution passes axe for forum members', async ({ page }) => {
	await useSession(page, 'forum');
	await page.goto(VIEW);
	await expect(page.getByTestId('distribution-summary')).toBeVisible();
	await expectNoAxeViolations(page);
});
