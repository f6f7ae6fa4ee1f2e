import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations, signedInContext } from './helpers';

/**
 * From feedback to decisions, over time (issue 11, "Published"): the lead and the forum read, by quarter,
 * the themes with a published response, the wait from comment to response and the activities by level,
 * each with its one-sentence summary, its chart (drawn on the server: no JavaScript needed) and its table.
 */

async function open(page: Page) {
	await page.goto('/themes');
	await page.getByRole('link', { name: 'From feedback to decisions, over time' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('From feedback to decisions, over time');
}

test('the lead reads the three charts over time, without JavaScript, each with its summary and table', async ({
	browser
}) => {
	const lead = await signedInContext(browser, 'lead', { javaScriptEnabled: false });
	const page = await lead.newPage();
	await open(page);
	// the demo's comments come without themes; other specs (feedback.spec.ts) add some earlier in the run.
	// Either way the section says what it has: no empty chart when there is nothing, else a chart named by
	// its summary and a table of the quarters
	const themes = page.getByTestId('themes-over-time');
	await expect(themes.getByRole('heading', { level: 2 })).toHaveText('Themes with a published response');
	const themeSummary = (await themes.locator('.summary').innerText()).trim();
	if (themeSummary === 'No feedback has been given a theme yet, so there is nothing to chart.') {
		await expect(themes.getByRole('img')).toHaveCount(0);
		await expect(themes.getByRole('table')).toHaveCount(0);
	} else {
		expect(themeSummary).toMatch(/\.$/);
		await expect(themes.getByRole('img', { name: themeSummary })).toBeVisible();
		expect(await themes.getByRole('table').getByRole('row').count()).toBeGreaterThan(1);
	}
	for (const [id, heading] of [
		['responses-over-time', 'Days from comment to published response'],
		['activities-over-time', 'Activities by level of participation']
	] as const) {
		const section = page.getByTestId(id);
		await expect(section.getByRole('heading', { level: 2 })).toHaveText(heading);
		const summary = (await section.locator('.summary').innerText()).trim();
		expect(summary).toMatch(/\.$/);
		// the demo has published decisions citing comments, and activities: each chart is drawn, named by its summary
		await expect(section.getByRole('img', { name: summary })).toBeVisible();
		expect(await section.getByRole('table').getByRole('row').count()).toBeGreaterThan(1);
	}
	// the activities' table adds up: the last column is the sum of the levels in each quarter
	const rows = page.getByTestId('activities-over-time').getByRole('table').getByRole('row');
	for (let i = 1; i < (await rows.count()); i++) {
		const cells = (await rows.nth(i).getByRole('cell').allInnerTexts()).map((c) =>
			Number(c.replace(/,/g, ''))
		);
		expect(cells.slice(0, -1).reduce((s, n) => s + n, 0)).toBe(cells.at(-1));
	}
	// a wait is given with its number of comments, in the chart and the table
	const waits = page.getByTestId('responses-over-time');
	await expect(waits.locator('.summary')).toHaveText(
		/^For the [\d,]+ comments that got their first published response in \w{3} to \w{3} \d{4}, the middle wait from comment to response was [\d,]+ days?\.$/
	);
	await lead.close();
});

test('the forum reads it under the disclosure rule, and the page passes axe', async ({ browser }) => {
	const forum = await signedInContext(browser, 'forum');
	const page = await forum.newPage();
	await open(page);
	await expect(page.getByText(/shown under the disclosure rule/)).toBeVisible();
	await expect(page.getByTestId('activities-over-time').getByRole('table')).toBeVisible();
	await expectNoAxeViolations(page);
	await forum.close();
});
