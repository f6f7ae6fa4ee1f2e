import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations, signedInContext, signIn, useSession } from './helpers';

/**
 * Indicator definitions and the overview (issue 13): a lead defines an indicator with a target through the
 * form and finds it on the overview; scrutiny reads the overview and the list with no edit controls, and
 * is refused the actions; both pages pass axe; without JavaScript the charts, table and form still work,
 * and a survey filter that names nothing gives a clear message.
 */

const suffix = Math.random().toString(36).slice(2, 8);
const LABEL = `Families feel heard ${suffix}`;

/** The value of the first question that has positive answers among the form's choices. */
async function firstIndicatorQuestion(page: Page): Promise<string> {
	const options = page.getByLabel('Question').locator('option');
	for (const option of await options.all()) {
		const value = (await option.getAttribute('value')) ?? '';
		if (value !== '' && !(await option.innerText()).includes('no positive answers')) return value;
	}
	throw new Error('no question left to define as an indicator');
}

test('a lead defines an indicator with a target and sees it on the overview', async ({ page }) => {
	await useSession(page, 'lead');
	await page.goto('/indicators');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Indicators');
	await expectNoAxeViolations(page);

	await page.getByRole('link', { name: 'Define an indicator' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Define an indicator');
	await page.getByLabel('Question').selectOption(await firstIndicatorQuestion(page));
	await page.getByLabel('Label in plain words').fill(LABEL);
	await page.getByLabel('Target share, in % (optional)').fill('120');
	await page.getByLabel('Target date (optional)').fill('2027-07-31');
	await page.getByRole('button', { name: 'Save the indicator' }).click();
	// refused beside the field (and in the summary), nothing saved
	await expect(page.locator('#target_percent-error')).toContainText('A target is a share from 0% to 100%.');
	await expectNoAxeViolations(page);

	await page.getByLabel('Target share, in % (optional)').fill('70');
	await page.getByRole('button', { name: 'Save the indicator' }).click();
	await expect(page).toHaveURL(/\/indicators$/);
	await expect(page.getByRole('status')).toContainText(`Saved “${LABEL}”.`);
	const row = page.getByRole('row').filter({ hasText: LABEL });
	await expect(row).toContainText('70% by 31 July 2027');

	await page.goto('/dashboard/overview');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Overview of indicators');
	const card = page.locator('li.card').filter({ has: page.getByRole('heading', { name: LABEL }) });
	await expect(card).toBeVisible();
	await expect(card).toContainText('Target 70% by 31 July 2027');
	await expect(card.locator('svg[role="img"]')).toBeVisible();
	await expect(page.getByText(/^Of \d+ current indicators?: /)).toBeVisible();
	await expect(page.getByText(/As at \d+ \w+ \d{4}/)).toBeVisible();
	await expect(page.getByRole('table').getByRole('row').filter({ hasText: LABEL })).toBeVisible();
	await expect(page.getByText(/comparisons? (was|were) made/)).toBeVisible();
	await expectNoAxeViolations(page);

	// the table as CSV, with the same indicator and its n
	const csv = await page.request.get('/dashboard/overview/overview.csv');
	expect(csv.status()).toBe(200);
	expect(csv.headers()['content-type']).toContain('text/csv');
	const text = await csv.text();
	expect(text).toContain('Latest answered');
	expect(text).toContain(LABEL);
});

test('scrutiny reads the overview and the list of indicators, with no edit controls, and is refused the actions', async ({
	page
}) => {
	await signIn(page, 'scrutiny');
	await page.goto('/dashboard/overview');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Overview of indicators');
	await expect(page.locator('li.card').first()).toBeVisible();
	await expect(page.getByRole('link', { name: 'Define and change indicators' })).toHaveCount(0);
	await expectNoAxeViolations(page);

	await page.goto('/indicators');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Indicators');
	await expect(page.getByRole('link', { name: 'Define an indicator' })).toHaveCount(0);
	await expect(page.getByRole('button', { name: /Retire/ })).toHaveCount(0);
	await expect(page.getByRole('link', { name: /^Change/ })).toHaveCount(0);
	await expectNoAxeViolations(page);

	const forbidden = await page.goto('/indicators/new');
	expect(forbidden?.status()).toBe(403);

	// a retire form posted by hand is refused too
	await page.goto('/indicators');
	const response = page.waitForResponse((r) => r.url().includes('/indicators?/retire'));
	await page.evaluate(() => {
		const form = document.createElement('form');
		form.method = 'post';
		form.action = '/indicators?/retire';
		const input = document.createElement('input');
		input.name = 'question_id';
		input.value = '00000000-0000-4000-8000-000000000000';
		form.append(input);
		document.body.append(form);
		form.submit();
	});
	expect((await response).status()).toBe(403);
});

test.describe('without JavaScript', () => {
	test('the overview draws its charts and table, the form answers on the server, a filter naming nothing says so', async ({
		browser
	}) => {
		const context = await signedInContext(browser, 'lead', { javaScriptEnabled: false });
		const page = await context.newPage();

		await page.goto('/dashboard/overview');
		await expect(page.locator('li.card svg[role="img"]').first()).toBeVisible();
		await expect(page.getByRole('table')).toBeVisible();

		const missing = await page.goto('/dashboard/overview?survey=no-such-survey');
		expect(missing?.status()).toBe(200);
		await expect(page.getByRole('alert')).toContainText('is called “no-such-survey”');
		await expect(page.locator('li.card')).toHaveCount(0);

		await page.goto('/indicators/new');
		await page.getByLabel('Label in plain words').fill('Checked on the server');
		await page.getByLabel('Target share, in % (optional)').fill('101');
		await page.getByRole('button', { name: 'Save the indicator' }).click();
		await expect(page.locator('#target_percent-error')).toContainText('A target is a share from 0% to 100%.');
		await expect(page.locator('#target_date-error')).toContainText(
			'Give the date the target is to be met by.'
		);
		await expect(page.locator('#question_id-error')).toContainText('Choose the question');
		await context.close();
	});
});

test('the CSV of the overview is for signed-in members only', async ({ request }) => {
	const response = await request.get('/dashboard/overview/overview.csv');
	expect(response.status()).toBe(401);
	expect(await response.text()).not.toContain('Latest answered');
});
