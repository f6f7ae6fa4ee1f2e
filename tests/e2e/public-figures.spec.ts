import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, useSession } from './helpers';

const INDICATOR = '/dashboard?survey=ehc-journey&indicator=fully_involved';

test('a lead publishes an indicator without JavaScript, and anyone reads it signed out, under the rule', async ({
	browser
}) => {
	test.setTimeout(120_000); // three browsers and axe twice, on busy cores
	const lead = await browser.newContext({ javaScriptEnabled: false });
	const page = await lead.newPage();
	await useSession(page, 'lead');
	await page.goto(INDICATOR);
	await page.getByRole('button', { name: 'Publish this indicator' }).click();
	// back on the same indicator, now published
	await expect(page).toHaveURL(/indicator=fully_involved/);
	await expect(page.getByRole('button', { name: 'Stop publishing this indicator' })).toBeVisible();

	const visitor = await browser.newContext();
	const publicPage = await visitor.newPage();
	await publicPage.goto('/o/northbridge/figures');
	await expect(publicPage.getByRole('heading', { level: 1 })).toHaveText(
		'What children, young people and families told us'
	);
	await expect(
		publicPage.getByRole('heading', { level: 2, name: 'I felt fully involved in the EHC plan process' })
	).toBeVisible();
	// a summary that never gives a percentage without its n, and the table behind the chart
	await expect(publicPage.locator('figcaption').first()).toContainText(/\d+% of [\d,]+/);
	await expect(publicPage.getByRole('table').first()).toContainText('Answered (n)');
	await expect(publicPage.getByText('How small numbers are protected')).toBeVisible();
	// no exact figures for a signed-out reader: no "small number" warnings meant for staff
	await expect(publicPage.getByText('small number', { exact: true })).toHaveCount(0);
	await expectNoAxeViolations(publicPage);
	const csv = await publicPage.request.get('/o/northbridge/figures.csv');
	expect(csv.status()).toBe(200);
	expect(await csv.text()).toContain('I felt fully involved in the EHC plan process');

	// the forum cannot publish: no button
	const forum = await browser.newContext();
	const forumPage = await forum.newPage();
	await useSession(forumPage, 'forum');
	await forumPage.goto(INDICATOR);
	await expect(forumPage.getByRole('button', { name: /publish/i })).toHaveCount(0);

	// and the lead stops publishing it: the public page says there is nothing
	await page.getByRole('button', { name: 'Stop publishing this indicator' }).click();
	await expect(page.getByRole('button', { name: 'Publish this indicator' })).toBeVisible();
	await publicPage.goto('/o/northbridge/figures');
	await expect(publicPage.getByText('has not published any figures yet')).toBeVisible();
	await expectNoAxeViolations(publicPage);
	const missing = await publicPage.request.get('/o/no-such-place/figures');
	expect(missing.status()).toBe(404);
	for (const context of [lead, visitor, forum]) await context.close();
});
