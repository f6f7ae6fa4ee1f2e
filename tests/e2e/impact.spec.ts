import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, signedInContext } from './helpers';

/**
 * From feedback to decisions (issue 11, "Published"): on /impact a lead follows the demo's comments from
 * their priority to the decisions they support and their status, with exact figures, without JavaScript;
 * a forum member sees the same flow with the small one hidden ([c]) and no unpublished decision, and
 * axe finds nothing on the page. On the dashboard, the decisions citing an indicator are marked on its
 * trend and listed beside it.
 */
test('a lead and a forum member follow feedback to decisions; decisions are marked on the trend', async ({
	browser
}) => {
	test.slow();

	await test.step('the lead reads the flow without JavaScript, with exact figures', async () => {
		const lead = await signedInContext(browser, 'lead', { javaScriptEnabled: false });
		const page = await lead.newPage();
		await page.goto('/dashboard');
		await page.getByRole('link', { name: 'From feedback to decisions' }).click();
		await expect(page).toHaveURL(/\/impact$/);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('From feedback to decisions');
		const flow = page.getByTestId('impact-flow');
		await expect(flow.locator('.summary')).toContainText(/^Feedback tagged under \d+ strategy priorit/);
		// the unpublished proposal is there for staff
		await expect(flow.locator('.summary')).toContainText('1 proposed');
		const chart = flow.locator('svg.flow-chart');
		await expect(chart).toHaveAttribute('role', 'img');
		await expect(chart.locator('path.flow-link').first()).toBeAttached();
		await expect(chart.locator('path.flow-link.hidden')).toHaveCount(0);
		const table = flow.getByRole('table', { name: 'Comments flowing from each step to the next' });
		await expect(table.getByRole('row', { name: /Quiet place.*Proposed/i })).toHaveCount(1);
		// the decision resting on a handful of comments: exact for staff, with the small-number warning
		const small = table.getByRole('row', { name: /special school places.*Not possible/ });
		await expect(small.getByRole('cell').last()).toHaveText(/^[1-9]\s*small number$/);
		await expect(table).not.toContainText('[c]');
		await lead.close();
	});

	await test.step('the forum member sees published decisions only, the small flows hidden', async () => {
		const forum = await signedInContext(browser, 'forum');
		const page = await forum.newPage();
		await page.goto('/impact');
		const flow = page.getByTestId('impact-flow');
		await expect(flow.locator('.summary')).toContainText('published decision');
		await expect(flow.locator('.summary')).not.toContainText('proposed');
		const table = flow.getByRole('table', { name: 'Comments flowing from each step to the next' });
		await expect(table).not.toContainText('quiet place');
		const small = table.getByRole('row', { name: /special school places.*Not possible/ });
		await expect(small.getByRole('cell').last()).toHaveText('[c]');
		await expect(table).not.toContainText('small number');
		await expect(flow.locator('svg.flow-chart path.flow-link.hidden').first()).toBeAttached();
		await expect(flow.locator('svg.flow-chart text.flow-value', { hasText: '[c]' }).first()).toBeAttached();
		await expect(flow.getByText(/\[c\]: hidden under the disclosure rule/)).toBeVisible();
		await expectNoAxeViolations(page);

		// the trend of an indicator two published decisions cite; decisions filed under its strategy priority
		// are drawn too, each row saying why it is there
		await page.goto('/dashboard?survey=ehc-journey&indicator=communication_good');
		const decisions = page.getByTestId('trend-decisions');
		await expect(decisions.getByRole('row', { name: /Cites this indicator/ })).toHaveCount(2);
		const labels = await decisions.getByRole('rowheader').allInnerTexts();
		expect(labels.slice(0, 2)).toEqual(['D1', 'D2']);
		await expect(decisions.getByRole('row')).toHaveCount(labels.length + 1);
		await expect(page.locator('.wide svg.trend-chart line.decision-marker')).toHaveCount(labels.length);
		await expect(page.locator('.wide svg.trend-chart text.decision-label')).toHaveText(labels);
		await expect(decisions).not.toContainText('(not published)');

		// an indicator cited only by an unpublished proposal: nothing for the forum
		await page.goto('/dashboard?survey=my-say&indicator=feel_listened_to');
		await expect(page.getByTestId('trend-decisions')).toHaveCount(0);
		await expect(page.locator('.wide svg.trend-chart line.decision-marker')).toHaveCount(0);
		await forum.close();
	});

	await test.step('the lead sees the unpublished proposal on its indicator, marked as such', async () => {
		const lead = await signedInContext(browser, 'lead', { javaScriptEnabled: false });
		const page = await lead.newPage();
		await page.goto('/dashboard?survey=my-say&indicator=feel_listened_to');
		const decisions = page.getByTestId('trend-decisions');
		await expect(decisions.getByRole('row', { name: /D1.*quiet place.*not published/i })).toHaveCount(1);
		await expect(page.locator('.wide svg.trend-chart line.decision-marker')).toHaveCount(1);
		await lead.close();
	});
});
