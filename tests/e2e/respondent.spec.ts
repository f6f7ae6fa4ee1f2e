import { expect, test } from '@playwright/test';
import { answerRequired, expectNoAxeViolations, REQUIRED_EHC_QUESTIONS, tabTo } from './helpers';

test.describe('a parent carer answering the EHC plan survey', () => {
	test('answers with the keyboard alone', async ({ page }) => {
		await page.goto('/s/ehc-journey');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(
			'Your experience of the EHC plan process'
		);

		for (const key of REQUIRED_EHC_QUESTIONS) {
			// Tab reaches a radio group on its first option; an arrow key moves to and picks the next one.
			await tabTo(page, (el) => el.name === key);
			await page.keyboard.press('ArrowDown');
		}
		await tabTo(page, (el) => el.name === 'what_would_help');
		await page.keyboard.type('Please answer emails within a week.');
		await tabTo(page, (el) => el.tag === 'button');
		await page.keyboard.press('Enter');

		await expect(page).toHaveURL(/\/s\/ehc-journey\/thanks$/);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(
			'Thank you. Your answers have been sent.'
		);
		await expectNoAxeViolations(page);
	});

	test('sees what to fix beside each field, with every other answer kept', async ({ page }) => {
		await page.goto('/s/ehc-journey');
		await page
			.getByRole('group', { name: /fully involved/ })
			.getByLabel('Agree', { exact: true })
			.check();
		await page.getByLabel(/What one thing would have made/).fill('x'.repeat(1001));
		await page.getByRole('button', { name: 'Send my answers' }).click();

		const summary = page.getByRole('alert');
		await expect(summary.getByRole('heading')).toHaveText('There is a problem');
		await expect(summary).toBeFocused();
		await expect(summary.getByRole('link')).toHaveCount(5);
		await expect(
			summary.getByRole('link', { name: /1,000 characters or fewer. It has 1,001/ })
		).toBeVisible();
		await expect(page).toHaveTitle(/^Error: /);

		const communication = page.getByRole('group', { name: /Communication/ });
		await expect(communication.getByText('Answer this question to continue.')).toBeVisible();
		// what was given is still there
		await expect(
			page.getByRole('group', { name: /fully involved/ }).getByLabel('Agree', { exact: true })
		).toBeChecked();
		await expect(page.getByLabel(/What one thing would have made/)).toHaveValue('x'.repeat(1001));
		await expectNoAxeViolations(page);

		// the link in the summary takes the keyboard to the field
		await summary.getByRole('link').first().click();
		await expect(page.locator('#q-communication_good')).toBeFocused();
	});

	test('shows markup typed into an answer as text, never as markup', async ({ page }) => {
		await page.goto('/s/ehc-journey');
		await page
			.getByLabel(/What one thing would have made/)
			.fill('<script>window.pwned = 1</script><b>bold</b>');
		await page.getByRole('button', { name: 'Send my answers' }).click();
		await expect(page.getByRole('alert')).toBeVisible();
		await expect(page.getByLabel(/What one thing would have made/)).toHaveValue(
			'<script>window.pwned = 1</script><b>bold</b>'
		);
		expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
	});

	test('the survey page, the easy-read switch and the about-you questions pass axe', async ({ page }) => {
		await page.goto('/s/ehc-journey');
		await expect(page.getByRole('heading', { name: 'About you' })).toBeVisible();
		await expect(page.getByLabel('Ethnic group')).toBeVisible();
		await expectNoAxeViolations(page);
		await page.getByRole('link', { name: 'Switch to easy read' }).click();
		await expect(page).toHaveURL(/easy=1/);
		await expectNoAxeViolations(page);
	});

	test('the easy-read survey for children shows faces and passes axe', async ({ page }) => {
		await page.goto('/s/my-say');
		await expect(page.getByRole('radio').first()).toBeVisible();
		await expectNoAxeViolations(page);
	});
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('a respondent answers and sends the survey', async ({ page }) => {
		await page.goto('/s/ehc-journey');
		await answerRequired(page);
		await page.getByLabel('Stage of education').selectOption('secondary');
		await page.getByLabel('Panel code').fill('k7qp 2mxa');
		await page.getByRole('button', { name: 'Send my answers' }).click();
		await expect(page).toHaveURL(/\/s\/ehc-journey\/thanks$/);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(
			'Thank you. Your answers have been sent.'
		);
	});

	test('a bad answer comes back with a message and the other answers kept', async ({ page }) => {
		await page.goto('/s/ehc-journey');
		await page.locator('input[name="fully_involved"][value="disagree"]').check();
		await page.getByLabel('Panel code').fill('nope');
		await page.getByRole('button', { name: 'Send my answers' }).click();
		await expect(page.getByRole('heading', { name: 'There is a problem' })).toBeVisible();
		await expect(page.getByText(/A panel code is 8 letters and numbers/).first()).toBeVisible();
		await expect(page.locator('input[name="fully_involved"][value="disagree"]')).toBeChecked();
		await expect(page.getByLabel('Panel code')).toHaveValue('nope');
	});
});

test.describe('surveys that cannot be answered', () => {
	test('an unknown survey is a 404 page', async ({ page }) => {
		const response = await page.goto('/s/no-such-survey');
		expect(response?.status()).toBe(404);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
		await expectNoAxeViolations(page);
	});

	test('a closed wave says so, and when it closed', async ({ page }) => {
		await page.goto('/s/ehc-journey-baseline');
		await expect(page.getByRole('heading', { name: 'This survey has closed' })).toBeVisible();
		await expect(page.getByText(/It closed on \d{1,2} [A-Z][a-z]+ \d{4}/)).toBeVisible();
		await expect(page.getByRole('button', { name: 'Send my answers' })).toHaveCount(0);
		await expectNoAxeViolations(page);
	});

	test('a wave not yet open says when it opens', async ({ page }) => {
		await page.goto('/s/settings-voice');
		await expect(page.getByRole('heading', { name: 'This survey is not open yet' })).toBeVisible();
		await expect(page.getByText(/It opens on \d{1,2} [A-Z][a-z]+ \d{4}/)).toBeVisible();
		await expectNoAxeViolations(page);
	});
});
