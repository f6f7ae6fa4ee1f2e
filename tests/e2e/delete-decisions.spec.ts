import { randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { signedInContext } from './helpers';

/**
 * Deleting "we did" records, without JavaScript: a box must be ticked first (nothing goes without it), an
 * activity a decision cites is kept until it is unlinked (the message names the decision), and an officer
 * cannot delete a published decision.
 */
test('an officer deletes a decision and an activity, each only once the box is ticked', async ({
	browser
}) => {
	// about fifteen pages without scripts: about 15 s measured on the shared machine
	test.slow();
	const ref = randomBytes(3).toString('hex');
	const title = `Focus group to delete ${ref}`;
	const youSaid = `A decision recorded by mistake (${ref})`;
	const officer = await signedInContext(browser, 'officer', { javaScriptEnabled: false });
	const page = await officer.newPage();

	await test.step('the officer records an activity and a decision that cites it', async () => {
		await page.goto('/decisions/activities/new');
		await page.getByLabel('Name').fill(title);
		await page.getByRole('radio', { name: 'Forum', exact: true }).check();
		await page.getByRole('radio', { name: /^Engagement/ }).check();
		await page.getByLabel('Children and young people').fill('3');
		await page.getByRole('button', { name: 'Record the activity' }).click();
		await expect(page.getByRole('status')).toHaveText('Activity recorded.');

		await page.goto('/decisions/new');
		await page.getByLabel('You said: what people told us').fill(youSaid);
		await page.getByRole('radio', { name: 'Proposed', exact: true }).check();
		await page.getByRole('button', { name: 'Record the decision' }).click();
		await expect(page.getByRole('status')).toContainText('Decision recorded');
		const activity = await page.locator('#activity option', { hasText: title }).getAttribute('value');
		await page.getByLabel('Engagement activity').selectOption(activity!);
		await page.getByRole('button', { name: 'Link the activity' }).click();
		await expect(page.getByRole('status')).toHaveText('Evidence linked.');
	});

	await test.step('the cited activity is kept, and the message says which decision cites it', async () => {
		await page.goto('/decisions/activities');
		await page.getByRole('link', { name: title }).click();
		await page.getByRole('button', { name: 'Delete the activity' }).click();
		await expect(page).toHaveTitle(/^Error: /);
		await expect(page.locator('#confirm-delete-error')).toContainText(
			'Tick the box to say you want to delete it for good.'
		);
		await page.getByLabel('Yes, delete this activity for good').check();
		await page.getByRole('button', { name: 'Delete the activity' }).click();
		await expect(page.locator('#confirm-delete-error')).toContainText(
			`This activity is evidence for a decision: “${youSaid}”. Unlink it from each decision first.`
		);
		await page.goto('/decisions/activities');
		await expect(page.getByRole('link', { name: title })).toBeVisible();
	});

	await test.step('the decision goes once the box is ticked; then the activity can go', async () => {
		await page.goto('/decisions');
		await page.getByRole('link', { name: new RegExp(ref) }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Change a decision');
		const here = page.url();
		await page.getByRole('button', { name: 'Delete the decision' }).click();
		await expect(page.locator('#confirm-delete-error')).toContainText('Tick the box');
		await page.goto(here);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Change a decision');
		await page.getByLabel('Yes, delete this decision for good').check();
		await page.getByRole('button', { name: 'Delete the decision' }).click();
		await expect(page.getByRole('status')).toHaveText('Decision deleted. The audit log keeps a copy.');
		await expect(page.getByText(ref)).toHaveCount(0);
		expect((await page.goto(here))?.status()).toBe(404);

		await page.goto('/decisions/activities');
		await page.getByRole('link', { name: title }).click();
		await page.getByLabel('Yes, delete this activity for good').check();
		await page.getByRole('button', { name: 'Delete the activity' }).click();
		await expect(page.getByRole('status')).toHaveText('Activity deleted. The audit log keeps a copy.');
		await expect(page.getByRole('link', { name: title })).toHaveCount(0);
	});

	await test.step('a published decision has no delete button for an officer', async () => {
		await page.goto('/decisions');
		const published = page
			.getByRole('listitem')
			.filter({ hasText: /· Published/ })
			.first();
		await published.getByRole('link').first().click();
		await expect(page.getByText('Published on the public page')).toBeVisible();
		await expect(
			page.getByText('This decision is published: only an administrator or a lead can delete it.')
		).toBeVisible();
		await expect(page.getByRole('button', { name: 'Delete the decision' })).toHaveCount(0);
	});
	await officer.close();
});
