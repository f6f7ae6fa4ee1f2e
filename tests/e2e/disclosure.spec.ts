import { expect, test } from '@playwright/test';
import { account, expectNoAxeViolations, signIn } from './helpers';

// axe-core needs JavaScript: pages checked without it are checked again with it, at the same address.

test('an admin changes the disclosure rule without JavaScript, with messages beside the fields', async ({
	page: withScripts,
	browser
}) => {
	test.setTimeout(120_000); // two browsers, six form posts and axe twice, on busy cores
	const context = await browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	await signIn(page, 'admin');
	await page.goto('/settings');
	await page.getByRole('link', { name: 'Choose how small numbers are protected' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Small numbers in published figures');
	await expect(page.getByTestId('current-rule')).toHaveText('Under 10 hidden');

	// a threshold under 3: the message is beside the field and in the summary, nothing is saved
	await page.getByLabel('Our own rule').check();
	await page.getByLabel('Smallest count shown').fill('2');
	await page.getByLabel('Round the counts shown to the nearest').fill('0');
	await page.getByRole('button', { name: 'Save the rule' }).click();
	await expect(page.locator('#threshold-error')).toContainText('whole number from 3 to 100');
	await expect(page.locator('#rounding_base-error')).toContainText('whole number from 1');
	await expect(page.getByRole('alert')).toContainText('There is a problem');
	await expect(page).toHaveTitle(/^Error: /);
	await expect(page.getByTestId('current-rule')).toHaveText('Under 10 hidden');

	await page.getByLabel('Smallest count shown').fill('5');
	await page.getByLabel('Round the counts shown to the nearest').fill('1');
	await page.getByRole('button', { name: 'Save the rule' }).click();
	await expect(page.getByRole('status')).toContainText(
		'Every figure published from now on follows “Under 5 hidden”'
	);
	await expect(page.getByTestId('current-rule')).toHaveText('Under 5 hidden');
	const history = page.getByRole('table');
	await expect(history.getByRole('row').nth(1)).toContainText('Under 5 hidden');
	await expect(history.getByRole('row').nth(1)).toContainText(account('admin').email);
	await expect(history).toContainText('Under 10 hidden');

	// and back to the default, so the other specs read the demo under it
	await page.getByLabel('Under 10 hidden').check();
	await page.getByRole('button', { name: 'Save the rule' }).click();
	await expect(page.getByTestId('current-rule')).toHaveText('Under 10 hidden');
	await context.close();

	await signIn(withScripts, 'admin');
	await withScripts.goto('/settings/disclosure');
	await expectNoAxeViolations(withScripts);
	await withScripts.getByLabel('Our own rule').check();
	await withScripts.getByLabel('Smallest count shown').fill('101');
	await withScripts.getByRole('button', { name: 'Save the rule' }).click();
	await expect(withScripts.locator('#threshold-error')).toContainText('whole number from 3 to 100');
	await expectNoAxeViolations(withScripts);
});

test('the disclosure rule is for admins only', async ({ page }) => {
	await signIn(page, 'lead');
	const response = await page.goto('/settings/disclosure');
	expect(response?.status()).toBe(403);
});

test("a forum member's dashboard shows hidden figures as [c], and staff see them with a warning", async ({
	page,
	browser
}) => {
	test.setTimeout(120_000); // two dashboards of the whole demo, and axe
	await signIn(page, 'forum');
	await page.goto('/dashboard?by=ethnicity');
	const groups = page.getByTestId('group-table');
	await expect(groups).toBeVisible();
	await expect(groups.getByRole('cell', { name: '[c]', exact: true }).first()).toBeVisible();
	// never a blank, a zero or a dash where a figure is hidden
	for (const cell of await groups.getByRole('cell').all()) {
		expect((await cell.innerText()).trim()).not.toMatch(/^(|–|-)$/);
	}
	await expect(page.getByRole('heading', { name: 'How small numbers are protected' })).toBeVisible();
	await expectNoAxeViolations(page);

	const staff = await (await browser.newContext()).newPage();
	await signIn(staff, 'lead');
	await staff.goto('/dashboard?by=ethnicity');
	const exact = staff.getByTestId('group-table');
	await expect(exact.getByText('small number').first()).toBeVisible();
	await expect(exact.getByRole('cell', { name: '[c]', exact: true })).toHaveCount(0);
});
