import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, signedInContext, useSession } from './helpers';

/**
 * Historic totals (issue 13): a lead imports the totals of an earlier wave published as percentages ("75% of
 * 85"), is told first that the number who answered is required, sees on the dashboard that the figures were
 * reconstructed from published percentages, and deletes the wave as a mistake with a reason, without
 * JavaScript. Officers and forum members cannot delete a wave. (axe needs scripts: the pages are checked
 * with them on; the forms are plain posts either way.)
 */

const QUESTION = 'fully_involved';

function csv(rows: string[]): { name: string; mimeType: string; buffer: Buffer } {
	return {
		name: 'totals.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from(
			['question_key,option_value,dimension,category,n,share,base', ...rows, ''].join('\n'),
			'utf8'
		)
	};
}

test('a lead imports published percentages, sees them marked as reconstructed, and deletes the wave with a reason', async ({
	page,
	browser
}) => {
	// four pages checked by axe, an import refused and made, the dashboard and a deletion: a whole journey,
	// measured at about 40 s on two busy cores, so three times the default
	test.slow();
	const label = `Parent carer survey 2019 ${Date.now().toString(36)}`;
	const slug = `ehc-2019-${Date.now().toString(36)}`;
	await useSession(page, 'lead');

	await test.step('the import page explains the file, with an example', async () => {
		await page.goto('/imports/surveys/ehc-journey/aggregate');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Import the totals of an earlier wave');
		await expect(page.getByRole('table', { name: 'An example file of counts' })).toBeVisible();
		await expect(page.getByText('Give it for every question you give answers for')).toBeVisible();
		await expectNoAxeViolations(page);
	});

	async function fillWave() {
		await page.getByLabel('Name of the wave').fill(label);
		await page.getByLabel('No, a repeat').check();
		await page.getByLabel('Date it opened').fill('2019-03-01');
		await page.getByLabel('Date it closed').fill('2019-04-30');
		await page.getByLabel('Link name').fill(slug);
	}

	await test.step('answers without the number who answered are refused, naming the row and the question', async () => {
		await fillWave();
		await page
			.getByLabel('CSV file of counts')
			.setInputFiles(csv([',,,,85,,', `${QUESTION},agree,,,,75,85`, `${QUESTION},disagree,,,,25,85`]));
		await page.getByRole('button', { name: 'Import the totals' }).click();
		await expect(page.getByRole('alert')).toContainText(
			'1 problem with the counts. Nothing has been imported.'
		);
		const problems = page.getByRole('table', { name: /Problems with the counts/ });
		await expect(problems.getByRole('row').nth(1)).toContainText('3');
		await expect(problems).toContainText(`Give how many answered ${QUESTION}`);
		await expectNoAxeViolations(page);
	});

	await test.step('with the number who answered, the percentages are imported as whole people', async () => {
		await fillWave();
		await page
			.getByLabel('CSV file of counts')
			.setInputFiles(
				csv([
					',,,,85,,',
					`${QUESTION},,,,85,,`,
					`${QUESTION},agree,,,,75,85`,
					`${QUESTION},disagree,,,,25,85`
				])
			);
		await page.getByRole('button', { name: 'Import the totals' }).click();
		const done = page.getByRole('status');
		await expect(done).toContainText(`Imported “${label}”`);
		await expect(done).toContainText('2 counts were worked out from percentages and rounded to whole people');
	});

	await test.step('the dashboard says the figures were reconstructed from published percentages', async () => {
		await page.goto(`/dashboard?survey=ehc-journey&indicator=${QUESTION}`);
		const row = page
			.getByRole('table', { name: /Figures behind the chart/ })
			.getByRole('row', { name: new RegExp(label) });
		// 75% of 85 is 63.75: 64 people
		await expect(row).toContainText('reconstructed from percentages');
		await expect(row).toContainText('85');
		await expect(row).toContainText('64');
		await expect(
			page
				.getByRole('paragraph')
				.filter({ hasText: `the figures for ${label} were reconstructed from published percentages` })
		).toBeVisible();
		await expectNoAxeViolations(page);
	});

	let deleteUrl = '';
	await test.step('the lead finds the wave on its survey and is asked for a reason', async () => {
		await page.goto('/surveys');
		await page.getByRole('link', { name: 'Your experience of the EHC plan process' }).click();
		await expectNoAxeViolations(page);
		await page.getByRole('link', { name: `Delete “${label}”` }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Delete “${label}”`);
		await expect(page.getByText('This cannot be undone')).toBeVisible();
		deleteUrl = new URL(page.url()).pathname;
		await expectNoAxeViolations(page);

		await page.getByRole('button', { name: 'Delete the wave and its responses' }).click();
		await expect(page.locator('#reason-error')).toContainText('Give the reason for deleting this wave');
		await expect(page.getByRole('alert')).toContainText('Give the reason for deleting this wave');
		await expectNoAxeViolations(page);
	});

	await test.step('officers and forum members cannot delete it', async () => {
		for (const role of ['officer', 'forum'] as const) {
			const context = await signedInContext(browser, role, { javaScriptEnabled: false });
			const other = await context.newPage();
			const response = await other.goto(deleteUrl);
			expect({ role, status: response?.status() }).toEqual({ role, status: 403 });
			await context.close();
		}
	});

	await test.step('without JavaScript, the reason is required beside its field, and with it the wave is deleted', async () => {
		const context = await signedInContext(browser, 'lead', { javaScriptEnabled: false });
		const noScript = await context.newPage();
		await noScript.goto(deleteUrl);
		await noScript.getByRole('button', { name: 'Delete the wave and its responses' }).click();
		await expect(noScript.locator('#reason-error')).toContainText('Give the reason for deleting this wave');
		await noScript
			.getByLabel('Why are you deleting this wave?')
			.fill('Imported by mistake: the 2019 report was for another area.');
		await noScript.getByRole('button', { name: 'Delete the wave and its responses' }).click();
		await expect(noScript.getByRole('status')).toContainText(
			`“${label}” has been deleted, with its imported totals.`
		);
		await expect(noScript.getByRole('link', { name: `Delete “${label}”` })).toHaveCount(0);
		await context.close();
		await page.goto(`/dashboard?survey=ehc-journey&indicator=${QUESTION}`);
		await expect(page.getByRole('row', { name: new RegExp(label) })).toHaveCount(0);
	});
});
