import { randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { signedInContext } from './helpers';

/**
 * Feedback from a file, without JavaScript: a file with bad rows adds nothing and lists every problem
 * with its spreadsheet row and column; a good one adds every comment. One comment added by hand keeps
 * the about-you answers chosen, and the inbox finds it by them.
 */
test.use({ javaScriptEnabled: false });

const csv = (name: string, lines: string[]) => ({
	name,
	mimeType: 'text/csv',
	buffer: Buffer.from(lines.join('\r\n') + '\r\n')
});

test('a lead adds feedback from a file: all or nothing, every bad row listed', async ({ browser }) => {
	const ref = randomBytes(3).toString('hex');
	const lead = await signedInContext(browser, 'lead', { javaScriptEnabled: false });
	const page = await lead.newPage();
	const count = async () => {
		await page.goto(`/feedback?q=${ref}`);
		return Number(/^\s*([\d,]+)/.exec(await page.locator('#results').innerText())![1]!.replace(/,/g, ''));
	};

	await page.goto('/feedback');
	await page.getByRole('link', { name: 'many comments from a file' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Add feedback from a file');
	const template = await page.request.get('/feedback/import/template.csv');
	expect(template.headers()['content-type']).toContain('text/csv');
	expect(await template.text()).toMatch(/^channel,date,text,about\.phase/);

	// nothing chosen
	await page.getByRole('button', { name: 'Add the feedback' }).click();
	await expect(page.locator('#file-error')).toContainText('Choose a CSV file of feedback.');

	// two bad rows among good ones: nothing is added, both are listed by their row in the spreadsheet
	await page
		.getByLabel('CSV file of feedback')
		.setInputFiles(
			csv('bad.csv', [
				'channel,date,text,about.phase',
				`youth_cabinet,2026-03-14,Good one ${ref},secondary`,
				`carrier_pigeon,2026-03-14,Bad channel ${ref},`,
				`forum,14/03/2026,Bad date ${ref},university`
			])
		);
	await page.getByRole('button', { name: 'Add the feedback' }).click();
	await expect(page).toHaveTitle(/^Error: /);
	const problems = page.getByRole('table', { name: /Problems in the file/ }).getByRole('row');
	await expect(problems).toHaveCount(4);
	await expect(problems.nth(1)).toContainText('3');
	await expect(problems.nth(1)).toContainText('channel');
	await expect(problems.nth(1)).toContainText('“carrier_pigeon” is not a way feedback is given here');
	await expect(page.getByRole('row').filter({ hasText: 'YYYY-MM-DD' })).toContainText('4');
	await expect(page.getByRole('row').filter({ hasText: 'about.phase' })).toContainText('“university”');
	expect(await count()).toBe(0);

	// a good file: every comment added
	await page.goto('/feedback/import');
	await page
		.getByLabel('CSV file of feedback')
		.setInputFiles(
			csv('school-council.csv', [
				'channel,date,text,about.phase',
				`school_council,2026-03-14,More quiet spaces at lunch ${ref},secondary`,
				`At a forum,2026-03-15,Shorter waits for assessments ${ref},`
			])
		);
	await page.getByRole('button', { name: 'Add the feedback' }).click();
	await expect(page.getByRole('status')).toHaveText('Added 2 comments from school-council.csv.');
	expect(await count()).toBe(2);
	await lead.close();
});

test('an officer adds one comment with the about-you answers known, and the inbox finds it by them', async ({
	browser
}) => {
	const ref = randomBytes(3).toString('hex');
	const officer = await signedInContext(browser, 'officer', { javaScriptEnabled: false });
	const page = await officer.newPage();
	await page.goto('/feedback/new');
	await page.getByRole('radio', { name: 'At a forum' }).check();
	await page.getByLabel('What was said').fill(`The bus pass form is too long ${ref}`);
	await page.getByLabel('Stage of education').selectOption({ label: 'Secondary school' });
	await page.getByRole('button', { name: 'Add the feedback' }).click();
	await expect(page.getByRole('status')).toHaveText('Added to the feedback.');
	await page.goto(`/feedback?q=${ref}&group=phase:secondary`);
	await expect(page.locator('#results')).toHaveText(/^\s*1\s+comment\b/);
	await page.goto(`/feedback?q=${ref}&group=phase:primary`);
	await expect(page.locator('#results')).toHaveText(/^\s*0\s+comments\b/);
	await officer.close();
});
