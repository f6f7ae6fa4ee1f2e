import { randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { signedInContext } from './helpers';

/**
 * Suggestions a person confirms, without JavaScript: a lead keeps keywords on two priorities (a
 * match-everything or duplicate keyword is refused beside the field); an officer adds a comment that
 * holds both, sees both suggested with a confidence, says "not this" to one and accepts the other, and
 * the comment ends up tagged with the accepted one only.
 */
test.use({ javaScriptEnabled: false });

const ADULTHOOD = 'Planning for pathways to adulthood';
const EARLY = 'Early identification and support';

test('a lead keeps keywords; an officer rejects one suggestion and accepts another', async ({ browser }) => {
	// two sign-ins and about ten form posts: about 20 s on the shared machine
	test.slow();
	const ref = randomBytes(3).toString('hex');
	// words of this run's own, so that no other comment holds them
	const adulthoodWord = `collegeplan${ref}`;
	const earlyWord = `earlyhelp${ref}`;

	const leadContext = await signedInContext(browser, 'lead', { javaScriptEnabled: false });
	const lead = await leadContext.newPage();
	await test.step('the lead keeps a keyword on each of two priorities', async () => {
		await lead.goto('/priorities');
		await lead.getByRole('link', { name: `Change ${ADULTHOOD}` }).click();
		const keyword = lead.getByLabel('Add a keyword');
		const add = lead.getByRole('button', { name: 'Add the keyword' });
		await keyword.fill('a');
		await add.click();
		await expect(lead.locator('#keyword-error')).toContainText('would match almost every comment');
		await expect(keyword).toHaveValue('a');
		await keyword.fill('the');
		await add.click();
		await expect(lead.locator('#keyword-error')).toContainText('would match almost every comment');
		await keyword.fill(adulthoodWord);
		await add.click();
		await expect(lead.getByRole('status')).toContainText(`Added the keyword “${adulthoodWord}”`);
		await lead.getByLabel('Add a keyword').fill(adulthoodWord.toUpperCase());
		await lead.getByRole('button', { name: 'Add the keyword' }).click();
		await expect(lead.locator('#keyword-error')).toContainText('is already a keyword');

		await lead.goto('/priorities');
		await lead.getByRole('link', { name: `Change ${EARLY}` }).click();
		await lead.getByLabel('Add a keyword').fill(earlyWord);
		await lead.getByRole('button', { name: 'Add the keyword' }).click();
		await expect(lead.getByRole('status')).toContainText(`Added the keyword “${earlyWord}”`);
	});

	const officerContext = await signedInContext(browser, 'officer', { javaScriptEnabled: false });
	const page = await officerContext.newPage();
	const comment = `At the forum a parent said the ${adulthoodWord} came too late and ${earlyWord} never came (${ref}).`;
	await test.step('the officer adds a comment that holds both, and opens it', async () => {
		await page.goto('/feedback/new');
		await page.getByLabel('At a forum').check();
		await page.getByLabel('Date it was given').fill(new Date().toISOString().slice(0, 10));
		await page.getByLabel('What was said').fill(comment);
		await page.getByRole('button', { name: 'Add the feedback' }).click();
		await page.goto(`/feedback?q=${ref}`);
		await page.getByRole('link', { name: 'Read and tag this comment' }).click();
		await expect(page.locator('blockquote', { hasText: comment })).toBeVisible();
	});

	const suggestions = page.locator('.suggestions li');
	await test.step('both priorities are suggested, each with its confidence and source', async () => {
		await expect(suggestions.filter({ hasText: ADULTHOOD })).toContainText(/\d+% confidence/);
		await expect(suggestions.filter({ hasText: ADULTHOOD })).toContainText(`“${adulthoodWord}”`);
		await expect(suggestions.filter({ hasText: EARLY })).toContainText(`“${earlyWord}”`);
	});

	await test.step('"not this" for one: it is not suggested again', async () => {
		await page.getByRole('button', { name: `Not this (${EARLY})` }).click();
		await expect(page.getByRole('status')).toContainText('will not be suggested for this comment again');
		await expect(suggestions.filter({ hasText: EARLY })).toHaveCount(0);
	});

	await test.step('accepting the other tags the comment with it', async () => {
		await page.getByRole('button', { name: `Accept ${ADULTHOOD}` }).click();
		await expect(page.getByRole('status')).toContainText('Suggestion accepted');
		await expect(suggestions.filter({ hasText: ADULTHOOD })).toHaveCount(0);
		const tags = page.getByRole('group', { name: /strategy priorities/ });
		await expect(tags.getByLabel(ADULTHOOD)).toBeChecked();
		await expect(tags.getByLabel(EARLY)).not.toBeChecked();
	});

	await test.step('the inbox files it under the accepted priority only', async () => {
		await page.goto(`/feedback?q=${ref}&untagged=1`);
		await expect(page.getByText(comment)).toHaveCount(0);
	});

	await leadContext.close();
	await officerContext.close();
});
