import { expect, test, type Page } from '@playwright/test';
import { day, expectNoAxeViolations, useSession } from './helpers';

const WARNING =
	'People have already answered this question. Results before and after this change may not be comparable.';

async function addQuestion(page: Page, kind: string, prompt: string, fill?: () => Promise<void>) {
	await page.getByRole('link', { name: 'Add a question' }).click();
	await page.getByLabel(kind).check();
	await page.getByRole('button', { name: 'Continue' }).click();
	await page.getByLabel('Question', { exact: true }).fill(prompt);
	await fill?.();
	await page.getByRole('button', { name: 'Add the question' }).click();
	await expect(page.getByRole('status')).toHaveText('The question has been added.');
	await expect(page.getByRole('heading', { level: 3, name: prompt })).toBeVisible();
}

/** Answers a wave as a respondent would, whether it asks everything on one page or a page at a time. */
async function answerWave(page: Page, slug: string, prompt: string) {
	await page.goto(`/s/${slug}`);
	const start = page.getByRole('button', { name: 'Start the survey' });
	if (await start.isVisible()) await start.click();
	await expect(page.getByText(prompt)).toBeVisible();
	for (let i = 0; i < 10; i++) {
		const agree = page.locator('input[type="radio"][value="agree"]');
		if ((await agree.count()) > 0) await agree.first().check();
		const send = page.getByRole('button', { name: 'Send my answers' });
		if (await send.isVisible()) {
			await send.click();
			break;
		}
		await page.getByRole('button', { name: /^Continue$/ }).click();
	}
	await expect(page).toHaveURL(/thanks$/);
}

test('a lead builds a survey with a baseline and a repeat, and a change of wording after answers warns', async ({
	page,
	browser
}) => {
	// a whole survey built, a wave answered and both changed, with axe on seven pages: measured at
	// 47 s (load average 20) and 108 s (load average 30) on two busy cores, so three times the default
	test.slow();
	const title = `Getting to school ${Date.now()}`;
	let surveyUrl = '';

	await test.step('the lead creates a survey, told beside the title when it is left empty', async () => {
		await useSession(page, 'lead');
		await page.goto('/surveys');
		await page.getByRole('link', { name: 'Create a survey' }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Create a survey');

		// an empty title is answered beside the field
		await page.getByRole('button', { name: 'Create survey' }).click();
		await expect(page.locator('.field--error').getByText('Enter a title.')).toBeVisible();
		await expect(page.getByRole('alert')).toContainText('Enter a title.');
		await expectNoAxeViolations(page);

		await page.getByLabel('Title').fill(title);
		await page.getByLabel('Parent carers').check();
		await page.getByLabel('Introduction').fill('Tell us how your child gets to school.');
		await page.getByRole('button', { name: 'Create survey' }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
		surveyUrl = page.url();
	});

	await test.step('adds an agree-or-disagree question and a free-text one', async () => {
		await addQuestion(page, 'Agree or disagree (five points)', 'The school bus comes on time');
		await expectNoAxeViolations(page);
		await addQuestion(page, 'Free text', 'What would make the journey better?', async () => {
			await page.getByLabel('Most characters an answer may have').fill('300');
		});
	});

	await test.step('sees a standard kind offered with its positive options ticked', async () => {
		await page.getByRole('link', { name: 'Add a question' }).click();
		await page.getByLabel('Agree or disagree (five points)').check();
		await page.getByRole('button', { name: 'Continue' }).click();
		await expect(page.getByRole('checkbox', { name: 'Counts as positive (option 1)' })).toBeChecked();
		await expect(page.getByRole('checkbox', { name: 'Counts as positive (option 3)' })).not.toBeChecked();
		await expectNoAxeViolations(page);
		await page.goto(surveyUrl);
	});

	await test.step('moves the free-text question up and back down, without relying on scripts', async () => {
		await page.getByRole('button', { name: 'Move up “What would make the journey better?”' }).click();
		await expect(page.getByRole('heading', { level: 3 }).first()).toHaveText(
			'What would make the journey better?'
		);
		await page.getByRole('button', { name: 'Move down “What would make the journey better?”' }).click();
		await expect(page.getByRole('heading', { level: 3 }).first()).toHaveText('The school bus comes on time');
	});

	await test.step('adds the baseline, told beside the field when it closes before it opens', async () => {
		await page.getByRole('link', { name: 'Add the baseline wave' }).click();
		await expect(page.getByRole('radio', { name: /^Baseline/ })).toBeChecked();
		await page.getByLabel('Opening date').fill(day(0));
		await page.getByLabel('Closing date').fill(day(-3));
		await page.getByRole('button', { name: 'Add the wave' }).click();
		await expect(
			page.locator('.field--error').getByText('The closing date must be on or after the opening date.')
		).toBeVisible();
		await expectNoAxeViolations(page);
		await page.getByLabel('Closing date').fill(day(30));
		await page.getByRole('button', { name: 'Add the wave' }).click();
		await expect(page.getByRole('status')).toContainText('The wave has been added.');
	});

	const rows = page.getByRole('table').getByRole('row');
	await test.step('adds a repeat wave for next term, not open yet', async () => {
		await page.getByRole('link', { name: 'Add a repeat wave' }).click();
		await expect(page.getByRole('radio', { name: /^Repeat/ })).toBeChecked();
		await page.getByLabel('Name of the wave').fill('Next term');
		await page.getByLabel('Opening date').fill(day(60));
		await page.getByLabel('Closing date').fill(day(90));
		await page.getByRole('button', { name: 'Add the wave' }).click();
		await expect(page.getByRole('status')).toContainText('The wave has been added.');
		await expect(rows.filter({ hasText: 'Baseline' })).toContainText('Open');
		await expect(rows.filter({ hasText: 'Next term' })).toContainText('Not open yet');
		await expectNoAxeViolations(page);
	});

	await test.step('a respondent answers the open baseline through its link', async () => {
		const baselineLink = await rows
			.filter({ hasText: 'Baseline' })
			.getByRole('link', { name: /^\/s\// })
			.getAttribute('href');
		expect(baselineLink).toMatch(/^\/s\/getting-to-school-\d+-baseline$/);
		const preview = page.getByRole('link', { name: 'Preview as a respondent' });
		await expect(preview).toHaveAttribute('href', baselineLink!);
		const respondent = await browser.newContext();
		await answerWave(await respondent.newPage(), baselineLink!.slice(3), 'The school bus comes on time');
		await respondent.close();
	});

	await test.step('the lead changes the wording, warned that the answers may not compare', async () => {
		await page.goto(surveyUrl);
		await page.getByRole('link', { name: 'Change “The school bus comes on time”' }).click();
		await expect(page.getByText('People have already answered this question.').first()).toBeVisible();
		await expect(
			page.getByText('People have already answered this question, so it cannot be deleted.')
		).toBeVisible();
		await expectNoAxeViolations(page);
		await page.getByLabel('Question', { exact: true }).fill('The school bus is on time');
		await page.getByRole('button', { name: 'Save the question' }).click();
		await expect(page.getByRole('status')).toContainText(WARNING);
		await expect(page.getByRole('heading', { level: 3, name: 'The school bus is on time' })).toBeVisible();
		await expect(page.getByText('Version 2')).toBeVisible();
	});

	await test.step('changes the repeat’s dates so that it has closed, refused first beside the field', async () => {
		const nextTerm = page.getByRole('table').getByRole('row').filter({ hasText: 'Next term' });
		const nextTermLink = await nextTerm.getByRole('link', { name: /^\/s\// }).getAttribute('href');
		await page.getByRole('link', { name: 'Change dates of “Next term”' }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Change the dates of “Next term”');
		await expect(page.getByLabel('Opening date')).toHaveValue(day(60));
		await expect(page.getByLabel('Closing date')).toHaveValue(day(90));
		await page.getByLabel('Opening date').fill(day(-10));
		await page.getByLabel('Closing date').fill(day(-12));
		await page.getByRole('button', { name: 'Change the dates' }).click();
		await expect(
			page.locator('.field--error').getByText('The closing date must be on or after the opening date.')
		).toBeVisible();
		await expectNoAxeViolations(page);
		await page.getByLabel('Closing date').fill(day(-1));
		await page.getByRole('button', { name: 'Change the dates' }).click();
		await expect(page.getByRole('status')).toContainText('The dates of “Next term” have been changed.');
		await expect(nextTerm).toContainText('Closed');
		await page.goto(nextTermLink!);
		await expect(page.getByRole('heading', { name: 'This survey has closed' })).toBeVisible();
	});
});

test('forum members read a survey without the editing controls', async ({ page }) => {
	await useSession(page, 'forum');
	await page.goto('/surveys');
	await expect(page.getByRole('link', { name: 'Create a survey' })).toHaveCount(0);
	await page.getByRole('link', { name: 'Your experience of the EHC plan process' }).click();
	await expect(page.getByRole('heading', { level: 2, name: 'Questions' })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Add a question' })).toHaveCount(0);
	await expect(page.getByRole('button', { name: /Move (up|down)/ })).toHaveCount(0);
	await expect(page.getByRole('link', { name: /^Change dates/ })).toHaveCount(0);
	await expectNoAxeViolations(page);
});
