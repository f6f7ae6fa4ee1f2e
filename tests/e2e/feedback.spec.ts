import { randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { answerRequired, continueTo, signedInContext, signIn } from './helpers';

/**
 * A disclosure sent through the survey form without JavaScript reaches the safeguarding lead's queue
 * (on their home, too) and nowhere else; once they close it with an action, staff read and tag it, all
 * without JavaScript.
 */
test.use({ javaScriptEnabled: false });

test('a disclosure goes to the safeguarding queue only, until it is closed with an action', async ({
	page,
	browser
}) => {
	// a whole survey, two sign-ins and five staff pages: about 25 s measured on the shared machine
	test.slow();
	const ref = randomBytes(3).toString('hex');
	const disclosure = `My partner hits me when the kids are asleep (${ref})`;

	await test.step('a parent carer writes it in the survey, without JavaScript', async () => {
		await page.goto('/s/ehc-journey');
		await page.getByRole('button', { name: 'Start the survey' }).click();
		for (let i = 0; i < 20 && !/\/check$/.test(page.url()); i++) {
			await answerRequired(page);
			const comment = page.locator('textarea[name="what_would_help"]');
			if ((await comment.count()) > 0) await comment.fill(disclosure);
			await continueTo(page);
		}
		await expect(page.getByText(disclosure)).toBeVisible();
		await page.getByRole('button', { name: 'Send my answers' }).click();
		await expect(page).toHaveURL(/\/thanks$/);
	});

	await test.step('the lead does not see it in the feedback', async () => {
		const lead = await signedInContext(browser, 'lead', { javaScriptEnabled: false });
		const leadPage = await lead.newPage();
		await leadPage.goto(`/feedback?q=${ref}`);
		await expect(leadPage.getByRole('heading', { name: /^0 comments/ })).toBeVisible();
		await expect(leadPage.getByText(disclosure)).toHaveCount(0);
		await lead.close();
	});

	const safeguarding = await browser.newContext({ javaScriptEnabled: false });
	const lead = await safeguarding.newPage();
	await test.step('the safeguarding lead finds it on their home and in the queue', async () => {
		await signIn(lead, 'safeguarding');
		const queue = lead.getByRole('region', { name: 'Safeguarding queue' });
		await expect(queue.getByText(disclosure)).toBeVisible();
		await lead.getByRole('link', { name: 'Open the safeguarding queue' }).click();
		const row = lead.getByRole('row').filter({ hasText: disclosure });
		await expect(row).toContainText('Holds “hits me”');
		await row.getByRole('link', { name: /Review/ }).click();
	});

	await test.step('it closes only with an action', async () => {
		await lead.getByRole('button', { name: 'Close the flag' }).click();
		await expect(lead.getByRole('link', { name: 'Choose the action you took.' })).toBeVisible();
		await lead.getByLabel("Referred to children's services").check();
		await lead.getByLabel('Note (optional)').fill('MASH referral made');
		await lead.getByRole('button', { name: 'Close the flag' }).click();
		await expect(lead.getByRole('status')).toContainText("Closed: referred to children's services");
		await expect(lead.getByText(disclosure)).toHaveCount(0);
		await safeguarding.close();
	});

	await test.step('then the officer reads and tags it', async () => {
		const officer = await signedInContext(browser, 'officer', { javaScriptEnabled: false });
		const p = await officer.newPage();
		await p.goto(`/feedback?q=${ref}`);
		await expect(p.getByText(disclosure)).toBeVisible();
		await p.getByRole('link', { name: 'Read and tag this comment' }).click();
		await p
			.getByRole('group', { name: /strategy priorities/ })
			.getByRole('checkbox')
			.first()
			.check();
		// a theme the database refuses is answered beside the field
		await p.getByLabel('Themes').fill(`family support, ${'a very long theme '.repeat(6)}`);
		await p.getByRole('button', { name: 'Save the tags' }).click();
		await expect(p.getByText('Keep each theme to 80 characters or fewer.').first()).toBeVisible();
		await p
			.getByRole('group', { name: /strategy priorities/ })
			.getByRole('checkbox')
			.first()
			.check();
		await p.getByLabel('Themes').fill('Domestic abuse, family support');
		await p.getByLabel('Negative').check();
		await p.getByRole('button', { name: 'Save the tags' }).click();
		await expect(p.getByRole('status')).toContainText('Tags saved.');
		await expect(p.getByText('Themes: domestic abuse, family support.')).toBeVisible();
		await officer.close();
	});
});

test('the inbox filters by who said it and by theme, and the count matches the choice', async ({
	browser
}) => {
	const lead = await signedInContext(browser, 'lead', { javaScriptEnabled: false });
	const page = await lead.newPage();
	await page.goto('/feedback');
	const heading = page.locator('#results');
	const all = Number(/^([\d,]+)/.exec((await heading.innerText()).trim())![1]!.replace(/,/g, ''));
	// the demo's comments carry their respondents' about-you answers: each group says how many it has
	const group = page.getByLabel('Who said it');
	const options = group.locator('option:not([value=""])');
	expect(await options.count()).toBeGreaterThan(1);
	const first = options.first();
	const [label, value] = [await first.innerText(), await first.getAttribute('value')];
	const n = Number(/\(([\d,]+)\)$/.exec(label)![1]!.replace(/,/g, ''));
	expect(n).toBeGreaterThan(0);
	expect(n).toBeLessThan(all);
	await group.selectOption(value!);
	await page.getByRole('button', { name: 'Show feedback' }).click();
	await expect(page).toHaveURL(new RegExp(`group=${encodeURIComponent(value!)}`));
	await expect(heading).toHaveText(new RegExp(`^\\s*${n.toLocaleString('en-GB')}\\s+comments?`));
	await expect(page.getByLabel('Who said it')).toHaveValue(value!);

	// a theme given in the first test is offered, and finds its comment
	await page.goto('/feedback');
	await page.getByLabel('Theme', { exact: true }).selectOption('domestic abuse');
	await page.getByRole('button', { name: 'Show feedback' }).click();
	await expect(heading).toHaveText(/^\s*1\s+comment\b/);
	await expect(page.getByText('Themes: domestic abuse, family support.')).toBeVisible();
	await lead.close();
});
