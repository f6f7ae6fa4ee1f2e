import { expect, test } from '@playwright/test';
import { continueTo, expectNoAxeViolations, useSession } from './helpers';

const BANNER = 'Preview: answers are not saved';

test('a lead previews a survey that is not open yet, page by page, and nothing is kept', async ({
	page,
	browser
}) => {
	// every page of a survey previewed, with axe on three: measured at 53 s
	// on two busy cores (load average about 20), so three times the default
	test.slow();
	let surveyUrl = '';
	await test.step('the lead opens the schools’ survey, whose wave is not open yet, and previews it', async () => {
		await useSession(page, 'lead');
		await page.goto('/surveys');
		await page.getByRole('link', { name: 'EHC plans: the view from schools and settings' }).click();
		await expect(page).toHaveURL(/\/surveys\/[0-9a-f-]{36}$/);
		surveyUrl = page.url();
		await expect(page.getByRole('table').getByRole('row').filter({ hasText: 'Baseline' })).toContainText(
			'Not open yet'
		);
		// someone not signed in has just opened the survey's address: the server's copy for the next
		// few seconds is what they may see, with no questions before launch; the preview is whole
		const visitor = await browser.newContext();
		const seen = await visitor.request.get('/s/settings-voice-baseline');
		expect(await seen.text()).toContain('This survey is not open yet');
		await visitor.close();
		await page.getByRole('link', { name: 'Preview as a respondent' }).click();
		await expect(page).toHaveURL(/\/s\/settings-voice-baseline\?preview=1$/);
	});

	await test.step('the welcome page, as respondents will see it once the wave opens', async () => {
		await expect(page.getByText(BANNER)).toBeVisible();
		await expect(page.getByRole('heading', { name: 'This survey is not open yet' })).toHaveCount(0);
		await expectNoAxeViolations(page);
		await page.getByRole('button', { name: 'Start the survey' }).click();
	});

	await test.step('the first question; left out, it is answered beside the field as for respondents', async () => {
		await expect(page).toHaveURL(/\/q\/1\?preview=1$/);
		await expect(page.getByRole('heading', { level: 1 })).toContainText(
			'The EHC plan accurately reflects the needs'
		);
		await expect(page.getByText(BANNER)).toBeVisible();
		await expectNoAxeViolations(page);

		await page.getByRole('button', { name: 'Continue' }).click();
		await expect(page.locator('.error-summary, [role="alert"]').first()).toBeVisible();
		await expect(page.getByText(BANNER)).toBeVisible();
	});

	await test.step('each question, then who is answering and about you, each marked as a preview', async () => {
		const seen: string[] = [];
		for (let i = 0; i < 10 && !/\/check\?/.test(page.url()); i++) {
			await expect(page.getByText(BANNER)).toBeVisible();
			seen.push(await page.getByRole('heading', { level: 1 }).innerText());
			const agree = page.locator('input[type="radio"][value="agree"]');
			if ((await agree.count()) > 0) await agree.first().check();
			await continueTo(page);
		}
		expect(seen).toEqual(
			expect.arrayContaining([
				expect.stringContaining('Who is answering'),
				expect.stringContaining('About you')
			])
		);
	});

	await test.step('check your answers shows what was given in the preview, and sends nothing', async () => {
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Check your answers');
		await expect(page.getByText(BANNER)).toBeVisible();
		await expect(page.getByText('Agree').first()).toBeVisible();
		await expectNoAxeViolations(page);
		await page.getByRole('button', { name: 'Send my answers' }).click();
		await expect(page.getByText(BANNER)).toBeVisible();
	});

	await test.step('the survey page still counts no response for the wave', async () => {
		await page.goto(surveyUrl);
		await expect(page.getByRole('table').getByRole('row').filter({ hasText: 'Baseline' })).toContainText(
			'Not open yet'
		);
		const responses = page
			.getByRole('table')
			.getByRole('row')
			.filter({ hasText: 'Baseline' })
			.locator('td.num');
		await expect(responses).toHaveText('0');
	});
});

test('without signing in, ?preview=1 shows the ordinary page: not open yet', async ({ page }) => {
	await page.goto('/s/settings-voice-baseline?preview=1');
	await expect(page.getByRole('heading', { name: 'This survey is not open yet' })).toBeVisible();
	await expect(page.getByText(BANNER)).toHaveCount(0);
	await expect(page.getByRole('button', { name: 'Start the survey' })).toHaveCount(0);
	await page.goto('/s/settings-voice-baseline/00000000-0000-4000-8000-000000000000/q/1?preview=1');
	await expect(page.getByRole('heading', { name: 'This survey is not open yet' })).toBeVisible();
	await expectNoAxeViolations(page);
});

test('a forum member asking for a preview gets the ordinary page', async ({ page }) => {
	await useSession(page, 'forum');
	await page.goto('/s/settings-voice-baseline?preview=1');
	await expect(page.getByRole('heading', { name: 'This survey is not open yet' })).toBeVisible();
	await expect(page.getByText(BANNER)).toHaveCount(0);
});
