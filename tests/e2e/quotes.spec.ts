import { randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, signedInContext } from './helpers';

/**
 * Quotes (issue 11): an officer adds a comment with a name and a phone number in it, redacts it from
 * the suggested draft and marks it quotable, without JavaScript; a lead links it to a decision and
 * publishes it; a signed-out visitor reads the redacted quote on the public page (never the name or
 * the number), and a forum member reads the themes page, a theme of one comment shown as [c].
 */
test('an officer redacts a comment and marks it quotable; the public sees the quote, the forum the themes', async ({
	browser
}) => {
	// about a dozen pages without scripts and one axe check: about 25 s on the shared machine
	test.slow();
	const ref = randomBytes(3).toString('hex');
	const original = `Mrs Jenny Holt phoned me on 07700 900123 and the new transport booking (${ref}) finally worked for my son Jack`;
	const redacted = `[name] phoned me and the new transport booking (${ref}) finally worked for my son [name]`;
	const theme = `transport booking ${ref}`;

	const officer = await signedInContext(browser, 'officer', { javaScriptEnabled: false });
	const page = await officer.newPage();

	await test.step('the officer adds the comment and tags it with a theme', async () => {
		await page.goto('/feedback/new');
		await page.getByRole('group', { name: 'Where was it given?' }).getByRole('radio').first().check();
		await page.getByLabel('Date it was given').fill(new Date().toISOString().slice(0, 10));
		await page.getByLabel('What was said').fill(original);
		await page.getByRole('button', { name: 'Add the feedback' }).click();
		await expect(page.getByRole('status')).toContainText('Added to the feedback.');
		await page.goto(`/feedback?q=${ref}`);
		await page.getByRole('link', { name: 'Read and tag this comment' }).click();
		await page.getByLabel('Themes').fill(theme);
		await page.getByRole('button', { name: 'Save the tags' }).click();
		await expect(page.getByRole('status')).toContainText('Tags saved.');
	});

	await test.step('the draft quote has the name and number taken out; an empty one is refused', async () => {
		await expect(page.locator('#quote-status')).toContainText('Not yet reviewed for quoting');
		const quote = page.getByLabel('The comment as it may be quoted');
		await expect(quote).toHaveValue(
			`[name] phoned me on [phone] and the new transport booking (${ref}) finally worked for my son [name]`
		);
		await quote.fill('  ');
		await page.getByRole('radio', { name: /^Yes: the redacted text may be quoted/ }).check();
		await page.getByRole('button', { name: 'Save as reviewed' }).click();
		await expect(page).toHaveTitle(/^Error: /);
		await expect(page.locator('#quote-error')).toContainText('Enter the comment as it may be quoted');
	});

	await test.step('the officer saves the redaction and marks it quotable', async () => {
		await page.getByLabel('The comment as it may be quoted').fill(redacted);
		await page.getByRole('radio', { name: /^Yes: the redacted text may be quoted/ }).check();
		await page.getByRole('button', { name: 'Save as reviewed' }).click();
		await expect(page.getByRole('status')).toContainText('the redacted text may now be quoted in public');
		await expect(page.locator('#quote-status')).toContainText('may be quoted');
		await expect(page.locator('#quote-status')).toContainText('Reviewed by');
		// the original is kept, for staff
		await expect(page.getByText(original)).toBeVisible();
		await officer.close();
	});

	await test.step('a lead links it to a decision and publishes it', async () => {
		const lead = await signedInContext(browser, 'lead', { javaScriptEnabled: false });
		const l = await lead.newPage();
		await l.goto('/decisions/new');
		await l.getByLabel('You said: what people told us').fill(`Booking school transport is hard (${ref})`);
		await l.getByLabel('We did: what was done, or will be done').fill(`A new booking line (${ref})`);
		await l.getByRole('radio', { name: 'Done', exact: true }).check();
		await l.getByRole('button', { name: 'Record the decision' }).click();
		await expect(l.getByRole('status')).toContainText('Decision recorded');
		await l.getByLabel('Words or theme').fill(ref);
		await l.getByRole('button', { name: 'Search the feedback' }).click();
		await l
			.getByRole('button', { name: /^Link the comment/ })
			.first()
			.click();
		await expect(l.getByRole('status')).toHaveText('Evidence linked.');
		await l.getByRole('button', { name: 'Publish the decision' }).click();
		await expect(l.getByRole('status')).toContainText('Published');
		await lead.close();
	});

	await test.step('a signed-out visitor reads the quote, never the name nor the number', async () => {
		// scripts on, for axe
		const visitor = await browser.newContext();
		const v = await visitor.newPage();
		await v.goto('/o/northbridge/you-said-we-did');
		const card = v.getByRole('listitem').filter({ hasText: `A new booking line (${ref})` });
		await expect(card).toContainText(redacted);
		await expect(card).toContainText('In their words');
		await expect(v.locator('body')).not.toContainText('Jenny Holt');
		await expect(v.locator('body')).not.toContainText('07700 900123');
		await expectNoAxeViolations(v);
		await v.goto('/o/northbridge/you-said-we-did?view=easy');
		await expect(v.getByRole('listitem').filter({ hasText: `A new booking line (${ref})` })).toContainText(
			redacted
		);
		const json = await (await v.request.get('/o/northbridge/you-said-we-did.json')).text();
		expect(json).toContain(redacted);
		expect(json).not.toContain('Jenny Holt');
		await visitor.close();
	});

	await test.step('a forum member reads themes and counts, a theme of one comment as [c]', async () => {
		// scripts on, for axe (the page is the same without them: nothing on it needs scripts)
		const forum = await signedInContext(browser, 'forum');
		const f = await forum.newPage();
		await f.goto('/dashboard');
		await f
			.getByRole('navigation', { name: 'Main' })
			.getByRole('link', { name: 'Themes and quotes' })
			.click();
		await expect(f.getByRole('heading', { level: 1 })).toHaveText('Themes and quotes');
		await expect(f.locator('#summary')).toContainText('Comments have');
		const row = f.getByRole('row').filter({ has: f.getByRole('rowheader', { name: theme, exact: true }) });
		await expect(row.getByRole('cell')).toHaveText('[c]');
		await expect(f.getByText(redacted)).toBeVisible();
		await expect(f.locator('body')).not.toContainText('Jenny Holt');
		await expectNoAxeViolations(f);
		await forum.close();
	});
});
