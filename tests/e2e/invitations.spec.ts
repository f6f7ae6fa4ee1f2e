import { expect, test } from '@playwright/test';
import { completeSurveyFrom, expectNoAxeViolations, signIn } from './helpers';

test('a lead makes two one-time links; a parent carer answers through one, and it cannot be used again', async ({
	page,
	browser
}) => {
	await signIn(page, 'lead');
	await page.goto('/surveys');
	await page.getByRole('link', { name: 'Your experience of the EHC plan process' }).click();
	const openWave = page
		.getByRole('table')
		.getByRole('row')
		.filter({ has: page.getByRole('cell', { name: 'Open', exact: true }) });
	await openWave.getByRole('link', { name: /^Invitation links/ }).click();
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Invitation links for');
	await expectNoAxeViolations(page);

	// a count out of range is answered beside the field
	await page.getByLabel('How many links').fill('0');
	await page.getByRole('button', { name: 'Make the links' }).click();
	await expect(page.locator('.field--error').getByText('Make at least 1 link.')).toBeVisible();

	await page.getByLabel('How many links').fill('2');
	await page.getByLabel('Note (optional)').fill('after annual review');
	await page.getByRole('button', { name: 'Make the links' }).click();
	await expect(page.getByRole('status')).toHaveText('2 links have been made.');
	const links = page.getByTestId('invitation-link');
	await expect(links).toHaveCount(2);
	const url = (await links.first().innerText()).trim();
	expect(url).toMatch(/\/s\/i\/[A-Za-z0-9_-]{22}$/);
	await expect(page.getByRole('row').filter({ hasText: url })).toContainText('Not used');
	await expect(page.getByRole('row').filter({ hasText: url })).toContainText('after annual review');
	await expectNoAxeViolations(page);

	// a respondent, who is not signed in, answers through the link
	const respondent = await browser.newContext();
	const r = await respondent.newPage();
	await r.goto(url);
	await expect(r.getByRole('heading', { level: 1 })).toHaveText('Your experience of the EHC plan process');
	await expectNoAxeViolations(r);
	await completeSurveyFrom(r, url);

	// the same link again says it was used, and what to do
	await r.goto(url);
	await expect(r.getByRole('heading', { level: 1 })).toHaveText('This link has already been used');
	await expect(r.getByText('contact the team')).toBeVisible();
	await expect(r.getByRole('button', { name: 'Start the survey' })).toHaveCount(0);
	await expectNoAxeViolations(r);
	await respondent.close();

	await page.reload();
	await expect(page.getByRole('row').filter({ hasText: url })).toContainText('Used on');
});

test('an unknown invitation link is a 404 page that says what to do', async ({ page }) => {
	const response = await page.goto('/s/i/AAAAAAAAAAAAAAAAAAAAAA');
	expect(response?.status()).toBe(404);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
	await expect(page.getByText('Ask the person who sent it to you for a new link.')).toBeVisible();
});
