import { expect, test } from '@playwright/test';
import { signedInContext, signIn } from './helpers';

/** The safeguarding phrase list and the strategy priorities, kept on their pages without JavaScript. */
test.use({ javaScriptEnabled: false });

test('the safeguarding lead keeps the phrase list; an empty or match-everything entry is refused', async ({
	page
}) => {
	await signIn(page, 'safeguarding');
	await page.goto('/safeguarding/phrases');
	const phrase = page.getByLabel('Add a word or phrase');
	const add = page.getByRole('button', { name: 'Add it' });

	await test.step('an entry that would match everything is refused, saying why', async () => {
		await phrase.fill('   ');
		await add.click();
		await expect(page.getByRole('link', { name: /at least one letter or digit/ })).toBeVisible();
		await phrase.fill('the');
		await add.click();
		await expect(page.locator('#phrase-error')).toContainText('would match ordinary comments');
		await expect(phrase).toHaveValue('the');
	});

	await test.step('a real phrase is added, and can be removed', async () => {
		await phrase.fill('Locks me in the shed');
		await add.click();
		await expect(page.getByRole('status')).toContainText('Added.');
		await expect(page.getByText('locks me in the shed', { exact: true })).toBeVisible();
		await page.getByRole('button', { name: 'Remove “locks me in the shed”' }).click();
		await expect(page.getByRole('status')).toContainText('Removed “locks me in the shed”.');
	});
});

test('a lead adds a priority, moves it to the top, deletes it while no feedback is filed under it, and starts from a real strategy', async ({
	browser
}) => {
	const lead = await signedInContext(browser, 'lead', { javaScriptEnabled: false });
	const page = await lead.newPage();
	await page.goto('/priorities');

	await test.step('a priority needs a title', async () => {
		await page.getByRole('button', { name: 'Add the priority' }).click();
		await expect(page.getByRole('link', { name: "Enter the priority's title." })).toBeVisible();
	});

	await test.step('added, then moved to the top', async () => {
		await page.getByLabel('Code (optional)').fill('T1');
		await page.getByLabel('Title').fill('Travel to school');
		await page.getByRole('button', { name: 'Add the priority' }).click();
		await expect(page.getByRole('status')).toContainText('Added “Travel to school”.');
		await page.getByRole('link', { name: 'Change Travel to school' }).click();
		await page.getByLabel('Place in the order').fill('1');
		await page.getByRole('button', { name: 'Save the priority' }).click();
		await expect(page.getByRole('row').nth(1)).toContainText('Travel to school');
	});

	await test.step('with no feedback filed under it, it is deleted', async () => {
		await page.getByRole('button', { name: 'Delete Travel to school' }).click();
		await expect(page.getByRole('status')).toContainText('Deleted.');
		await expect(page.getByText('Travel to school')).toHaveCount(0);
	});

	await test.step("a real strategy's priorities are added word for word", async () => {
		await page.getByLabel('Thurrock SEND pupil engagement strategy 2021–23').check();
		await page.getByRole('button', { name: 'Add these priorities' }).click();
		await expect(page.getByRole('status')).toContainText('Added the 4 priorities');
		await expect(
			page
				.getByRole('row')
				.filter({ hasText: 'celebrate success in the positive changes that have been made' })
		).toBeVisible();
		// the same again would give two priorities one code: refused, nothing added
		await page.getByLabel('Thurrock SEND pupil engagement strategy 2021–23').check();
		await page.getByRole('button', { name: 'Add these priorities' }).click();
		await expect(page.getByRole('link', { name: /codes are already used/ })).toBeVisible();
	});
	await lead.close();
});
