import { expect, test, type Page } from '@playwright/test';
import { answerRequired, continueTo, expectNoAxeViolations } from './helpers';

/** From the welcome page of the parent carer survey to its "who is filling in" page. */
async function toWhoPage(page: Page) {
	await page.goto('/s/ehc-journey');
	await page.getByRole('button', { name: 'Start the survey' }).click();
	for (let i = 0; i < 20; i++) {
		if ((await page.getByRole('group', { name: /Who is filling in/ }).count()) > 0) return;
		await answerRequired(page);
		await continueTo(page);
	}
	throw new Error('never reached the "who is filling in" page');
}

for (const javaScriptEnabled of [true, false]) {
	test.describe(javaScriptEnabled ? 'with JavaScript' : 'without JavaScript', () => {
		test.use({ javaScriptEnabled });

		test('a first-time respondent takes the panel code offered, and sees it before sending', async ({
			page
		}) => {
			await toWhoPage(page);
			if (javaScriptEnabled) await expectNoAxeViolations(page);
			const offer = page.getByRole('checkbox', { name: /This is my first time: give me this panel code/ });
			const code = (await offer.getAttribute('value')) ?? '';
			expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
			// the code is in the checkbox's own name, so a screen reader reads it out
			await expect(offer).toHaveAccessibleName(new RegExp(code));
			await offer.check();
			for (let i = 0; i < 5 && !/\/check$/.test(page.url()); i++) await continueTo(page);
			await expect(page.getByRole('heading', { level: 1 })).toHaveText('Check your answers');
			await expect(page.getByText(code)).toBeVisible();
			await page.getByRole('button', { name: 'Send my answers' }).click();
			await expect(page).toHaveURL(/\/thanks$/);
		});
	});
}

test('a code typed in wins over the one offered, and the offer goes once a code is kept', async ({
	page
}) => {
	await toWhoPage(page);
	await page.getByRole('textbox', { name: /^Panel code/ }).fill('k7qp-2mxa');
	await page.getByRole('checkbox', { name: /give me this panel code/ }).check();
	await continueTo(page);
	await page.getByRole('button', { name: 'Back' }).click();
	await expect(page.getByRole('textbox', { name: /^Panel code/ })).toHaveValue(/k7qp-2mxa/i);
	await expect(page.getByRole('checkbox', { name: /give me this panel code/ })).toHaveCount(0);
});
