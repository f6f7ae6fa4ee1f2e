import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, signedInContext } from './helpers';

/**
 * The staff pages of "we did" pass axe-core (WCAG 2.2 AA) as a lead sees them with scripts on: the
 * list, a new decision (empty and with its errors shown), a decision with its evidence, the
 * engagement activities (list, new, one) and the test questions. The demo organisation has
 * decisions and activities to show.
 */
test('the staff decision pages have no axe-core violations', async ({ browser }) => {
	// eight pages, nine axe checks on the shared machine
	test.slow();
	const lead = await signedInContext(browser, 'lead');
	const page = await lead.newPage();

	await test.step('the list of decisions', async () => {
		await page.goto('/decisions');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Decisions: “we did”');
		await expectNoAxeViolations(page);
	});

	await test.step('a new decision, empty and then sent empty with its errors beside the fields', async () => {
		await page.goto('/decisions/new');
		await expectNoAxeViolations(page);
		await page.getByRole('button', { name: 'Record the decision' }).click();
		await expect(page.locator('#you_said-error')).toContainText('Summarise what people said.');
		await expectNoAxeViolations(page);
	});

	await test.step('a decision, with its evidence, to change', async () => {
		await page.goto('/decisions');
		await page
			.getByRole('link', { name: /^Change, link evidence or publish/ })
			.first()
			.click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Change a decision');
		await expectNoAxeViolations(page);
	});

	await test.step('the engagement activities: the list, a new one and one of them', async () => {
		await page.goto('/decisions/activities');
		await expectNoAxeViolations(page);
		const first = page.locator('a[href^="/decisions/activities/"]:not([href$="/new"])').first();
		const href = await first.getAttribute('href');
		await page.goto('/decisions/activities/new');
		await expectNoAxeViolations(page);
		await page.goto(href!);
		await expectNoAxeViolations(page);
	});

	await test.step('the test questions', async () => {
		await page.goto('/decisions/test-questions');
		await expectNoAxeViolations(page);
	});
	await lead.close();
});
