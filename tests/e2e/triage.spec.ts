import { randomBytes } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { signedInContext } from './helpers';

/**
 * Getting through many comments: the triage view (keys with JavaScript, ordinary forms and links without)
 * and tagging a ticked selection of the inbox at once, all or nothing.
 */

async function addComment(page: Page, text: string) {
	await page.goto('/feedback/new');
	await page.getByLabel('At a forum').check();
	await page.getByLabel('Date it was given').fill(new Date().toISOString().slice(0, 10));
	await page.getByLabel('What was said').fill(text);
	await page.getByRole('button', { name: 'Add the feedback' }).click();
	await expect(page.getByRole('status')).toBeVisible();
}

/** The label of the priority on number key n, without its key. */
async function priorityOnKey(page: Page, n: number): Promise<string> {
	const label = await page
		.getByText(new RegExp(`^\\[${n}\\] `))
		.first()
		.textContent();
	return label!.replace(/^\[\d\] /, '').trim();
}

test('comments are read and tagged with the triage keys, and one is flagged after a confirmation', async ({
	browser
}) => {
	test.slow();
	const ref = randomBytes(3).toString('hex');
	const context = await signedInContext(browser, 'officer');
	const page = await context.newPage();
	const comments = [
		`Buses are late (${ref})`,
		`The wait for a plan (${ref})`,
		`More youth clubs in the holidays (${ref})`
	];
	for (const c of comments) await addComment(page, c);

	await page.goto(`/feedback?q=${ref}&untagged=1`);
	await page.getByRole('link', { name: /Triage these comments/ }).click();
	await expect(page.getByRole('heading', { name: 'Comment 1 of 3' })).toBeVisible();
	const first = (await page.locator('blockquote').textContent())!;
	const one = await priorityOnKey(page, 1);
	const two = await priorityOnKey(page, 2);

	// typing in a field is not a command
	await page.getByLabel('Themes').fill('1');
	await expect(page.getByRole('checkbox', { name: `[1] ${one}` })).not.toBeChecked();
	await page.getByLabel('Themes').fill('');
	await page.getByRole('heading', { name: 'Comment 1 of 3' }).focus();

	await page.keyboard.press('1');
	await expect(page.getByRole('status').filter({ hasText: 'Tags saved' })).toContainText(one);
	await expect(page.getByRole('checkbox', { name: `[1] ${one}` })).toBeChecked();
	await page.keyboard.press('1');
	await expect(page.getByRole('status').filter({ hasText: 'Tags saved' })).toContainText('No priorities');
	await page.keyboard.press('2');
	await expect(page.getByRole('status').filter({ hasText: 'Tags saved' })).toContainText(two);

	// it has left the "untagged" list: next is the one that took its place
	await page.keyboard.press('j');
	await expect(page.locator('blockquote')).not.toHaveText(first);
	await expect(page.getByRole('heading', { name: 'Comment 1 of 2' })).toBeFocused();
	const second = (await page.locator('blockquote').textContent())!;
	await page.keyboard.press('ArrowRight');
	await expect(page.getByRole('heading', { name: 'Comment 2 of 2' })).toBeFocused();
	const third = (await page.locator('blockquote').textContent())!;
	expect([first, second]).not.toContain(third);
	await page.keyboard.press('k');
	await expect(page.locator('blockquote')).toHaveText(second);

	// flag: asked first; Escape cancels, Enter sends
	await page.keyboard.press('s');
	const yes = page.getByRole('button', { name: 'Yes, send it to the safeguarding lead' });
	await expect(yes).toBeFocused();
	await page.keyboard.press('Escape');
	await expect(yes).toHaveCount(0);
	await page.keyboard.press('s');
	await expect(yes).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(page.getByRole('status').filter({ hasText: 'Sent to the safeguarding lead' })).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Comment 1 of 1' })).toBeVisible();
	await expect(page.locator('blockquote')).toHaveText(third);
	await page.keyboard.press('1');
	await expect(page.getByRole('status').filter({ hasText: 'Tags saved' })).toContainText(one);

	// the inbox: two tagged, the flagged one gone from it
	await page.goto(`/feedback?q=${ref}`);
	await expect(page.getByRole('heading', { name: /^2 comments/ })).toBeVisible();
	await expect(page.getByText(second)).toHaveCount(0);
	await page.goto(`/feedback?q=${ref}&untagged=1`);
	await expect(page.getByRole('heading', { name: /^0 comments/ })).toBeVisible();
	await context.close();
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('the triage view is one comment a page, with forms and next and previous links', async ({
		browser
	}) => {
		test.slow();
		const ref = randomBytes(3).toString('hex');
		const context = await signedInContext(browser, 'officer', { javaScriptEnabled: false });
		const page = await context.newPage();
		for (const c of [`Clubs closed early (${ref})`, `No ramp at the library (${ref})`])
			await addComment(page, c);

		await page.goto(`/feedback?q=${ref}&untagged=1`);
		await page.getByRole('link', { name: /Triage these comments/ }).click();
		await expect(page.getByRole('heading', { name: 'Comment 1 of 2' })).toBeVisible();
		const first = (await page.locator('blockquote').textContent())!;
		const one = await priorityOnKey(page, 1);
		await page.getByRole('checkbox', { name: `[1] ${one}` }).check();
		await page.getByLabel('Themes').fill('access');
		await page.getByRole('button', { name: 'Save the tags' }).click();
		await expect(page.getByText('Tags saved.')).toBeVisible();
		await expect(page.locator('blockquote')).toHaveText(first);
		await expect(page.getByRole('checkbox', { name: `[1] ${one}` })).toBeChecked();
		await expect(page).toHaveURL(new RegExp(`q=${ref}`));

		await page.getByRole('link', { name: /Next comment/ }).click();
		const second = (await page.locator('blockquote').textContent())!;
		expect(second).not.toBe(first);
		await page.getByRole('button', { name: /Send to the safeguarding lead/ }).click();
		await expect(page.getByText('Send this comment to the safeguarding lead?')).toBeVisible();
		await expect(page.locator('blockquote')).toHaveText(second);
		await page.getByRole('button', { name: 'Yes, send it to the safeguarding lead' }).click();
		await expect(page.getByText(/^Sent to the safeguarding lead/)).toBeVisible();
		await expect(page.getByRole('heading', { name: 'No comments left in this list' })).toBeVisible();

		await page.goto(`/feedback?q=${ref}`);
		await expect(page.getByRole('heading', { name: /^1 comment$/ })).toBeVisible();
		await context.close();
	});

	test('two ticked comments are tagged at once; a selection holding a flagged one is refused whole', async ({
		browser
	}) => {
		test.slow();
		const ref = randomBytes(3).toString('hex');
		const context = await signedInContext(browser, 'officer', { javaScriptEnabled: false });
		const page = await context.newPage();
		const texts = [`Respite is hard to get (${ref})`, `Short breaks stopped (${ref})`, `Held one (${ref})`];
		for (const c of texts) await addComment(page, c);

		await page.goto(`/feedback?q=${ref}`);
		await expect(page.getByRole('heading', { name: /^3 comments/ })).toBeVisible();
		const pick = (text: string) => page.getByRole('listitem').filter({ hasText: text }).getByRole('checkbox');
		// nothing ticked: said beside the list
		await page.getByLabel('And, or instead, the theme').fill('respite');
		await page.getByRole('button', { name: 'Tag the ticked comments' }).click();
		await expect(page.locator('#ids-error')).toContainText('Choose the comments to tag');

		const priority = page.getByLabel('With the priority');
		const chosen = (await priority.locator('option').nth(1).textContent())!.trim();
		await pick(texts[0]!).check();
		await pick(texts[1]!).check();
		await priority.selectOption({ label: chosen });
		await page.getByLabel('And, or instead, the theme').fill('Respite');
		await page.getByRole('button', { name: 'Tag the ticked comments' }).click();
		await expect(page.getByRole('status')).toContainText('Tagged 2 comments.');
		await expect(page).toHaveURL(new RegExp(`q=${ref}`));
		for (const t of texts.slice(0, 2))
			await expect(page.getByRole('listitem').filter({ hasText: t })).toContainText('respite');

		// the list is open in one tab while the comment is flagged in another
		const other = await context.newPage();
		await other.goto(`/feedback?q=${encodeURIComponent(texts[2]!)}`);
		await other.getByRole('link', { name: 'Read and tag this comment' }).click();
		await other.getByRole('button', { name: 'Send to the safeguarding lead' }).click();
		await expect(other.getByRole('status')).toContainText('Sent to the safeguarding lead');

		await pick(texts[1]!).check();
		await pick(texts[2]!).check();
		await page.getByLabel('And, or instead, the theme').fill('later');
		await page.getByRole('button', { name: 'Tag the ticked comments' }).click();
		await expect(page.getByRole('alert')).toContainText(
			'Nothing was tagged: 1 of the chosen comments has been sent to the safeguarding lead.'
		);
		await page.goto(`/feedback?q=later`);
		await expect(page.getByText(texts[1]!)).toHaveCount(0);
		await context.close();
	});
});
