import { expect, test } from '@playwright/test';
import { day, expectNoAxeViolations, useSession } from './helpers';

test('a lead finds a symbol by word for a question, and the respondent sees it', async ({
	page,
	browser
}) => {
	// a survey built and answered, with axe on two pages: measured at 66 s (past its 60 s)
	// on two busy cores (load average about 20), so three times the default
	test.slow();
	await test.step('the lead creates a survey for children and young people, in easy read', async () => {
		await useSession(page, 'lead');
		await page.goto('/surveys');
		await page.getByRole('link', { name: 'Create a survey' }).click();
		const title = `Travelling to school ${Date.now()}`;
		await page.getByLabel('Title').fill(title);
		await page.getByLabel('Children and young people').check();
		await page.getByLabel(/Show it in easy read from the start/).check();
		await page.getByRole('button', { name: 'Create survey' }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
	});

	await test.step('searches for “bus”: the matches come back as choices, with what was typed kept', async () => {
		await page.getByRole('link', { name: 'Add a question' }).click();
		await page.getByLabel('Yes, no or not sure').check();
		await page.getByRole('button', { name: 'Continue' }).click();
		await page.getByLabel('Question', { exact: true }).fill('Do you like the school bus?');

		await page.locator('#symbol_query').fill('bus');
		await page.getByRole('button', { name: 'Search symbols (Symbol for the question (optional))' }).click();
		await expect(page.locator('#symbol').getByRole('status')).toContainText('match “bus”');
		await expect(page.getByLabel('Question', { exact: true })).toHaveValue('Do you like the school bus?');
		const bus = page.locator('#symbol').getByRole('radio', { name: 'bus', exact: true });
		await expect(bus).toBeVisible();
		await expect(page.locator('#symbol img[alt="bus"]')).toHaveAttribute(
			'src',
			'/symbols/openmoji/1F68C.svg'
		);
		await expectNoAxeViolations(page);
		await bus.check();
		await page.getByRole('button', { name: 'Add the question' }).click();
		await expect(page.getByRole('status')).toHaveText('The question has been added.');
	});

	await test.step('the question keeps its symbol when changed', async () => {
		await page.getByRole('link', { name: 'Change “Do you like the school bus?”' }).click();
		await expect(page.locator('#symbol').getByRole('radio', { name: 'bus', exact: true })).toBeChecked();
		await page.goBack();
	});

	const link = await test.step('adds an open baseline', async () => {
		await page.getByRole('link', { name: 'Add the baseline wave' }).click();
		await page.getByLabel('Opening date').fill(day(0));
		await page.getByLabel('Closing date').fill(day(30));
		await page.getByRole('button', { name: 'Add the wave' }).click();
		await expect(page.getByRole('status')).toContainText('The wave has been added.');
		return page
			.getByRole('table')
			.getByRole('row')
			.filter({ hasText: 'Baseline' })
			.getByRole('link', { name: /^\/s\// })
			.getAttribute('href');
	});

	await test.step('the respondent sees the bus beside the question, as decoration', async () => {
		const respondent = await browser.newContext();
		const r = await respondent.newPage();
		await r.goto(link!);
		const start = r.getByRole('button', { name: 'Start the survey' });
		if (await start.isVisible()) await start.click();
		await expect(r.getByText('Do you like the school bus?')).toBeVisible();
		const img = r.locator('img[src="/symbols/openmoji/1F68C.svg"]');
		await expect(img).toBeVisible();
		await expect(img).toHaveAttribute('alt', '');
		expect((await r.request.get('/symbols/openmoji/1F68C.svg')).ok()).toBe(true);
		await expectNoAxeViolations(r);
		await respondent.close();
	});
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('the symbol search re-renders the form on the server, and an option symbol is kept', async ({
		page
	}) => {
		// a survey built, with symbols searched on the server twice: measured at 51 s
		// on two busy cores (load average about 20), so three times the default
		test.slow();
		await useSession(page, 'lead');
		await page.goto('/surveys');
		await page.getByRole('link', { name: 'Create a survey' }).click();
		const title = `Symbols without scripts ${Date.now()}`;
		await page.getByLabel('Title').fill(title);
		await page.getByLabel('Children and young people').check();
		await page.getByRole('button', { name: 'Create survey' }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);

		await page.getByRole('link', { name: 'Add a question' }).click();
		await page.getByLabel('Three faces').check();
		await page.getByRole('button', { name: 'Continue' }).click();
		await page.getByLabel('Question', { exact: true }).fill('How was the bus today?');
		// the faces come with their OpenMoji faces
		await expect(
			page.locator('#option_symbol-0').getByRole('radio', { name: 'grinning face' })
		).toBeChecked();

		await page.locator('#option_symbol_query-1').fill('THUMBS');
		await page.getByRole('button', { name: 'Search symbols (Symbol for option 2 (optional))' }).click();
		await expect(page.getByLabel('Question', { exact: true })).toHaveValue('How was the bus today?');
		await page.locator('#option_symbol-1').getByRole('radio', { name: 'thumbs up' }).check();
		await page.getByRole('button', { name: 'Add the question' }).click();
		await expect(page.getByRole('status')).toHaveText('The question has been added.');

		await page.getByRole('link', { name: 'Change “How was the bus today?”' }).click();
		await expect(page.locator('#option_symbol-1').getByRole('radio', { name: 'thumbs up' })).toBeChecked();
		await expect(page.locator('#symbol').getByRole('radio', { name: 'No symbol' })).toBeChecked();
	});
});
