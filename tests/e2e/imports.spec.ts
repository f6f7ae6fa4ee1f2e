import { expect, test } from '@playwright/test';
import {
	answerRequired,
	expectNoAxeViolations,
	REQUIRED_EHC_QUESTIONS,
	responsesShown,
	useSession
} from './helpers';

/**
 * A closed wave of the demo: staff may still add what was given on paper or at an event while it ran,
 * and respondents (other tests running at the same time) cannot change its count.
 */
const WAVE = 'ehc-journey-repeat-1';

/** A day inside that wave (it opened about seven months ago, for six weeks), as a CSV or a date field writes it. */
function dayInWave(): string {
	const day = new Date();
	day.setMonth(day.getMonth() - 7);
	day.setDate(day.getDate() + 14);
	return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(day);
}

function csv(rows: string[][]): Buffer {
	const header = ['given_on', 'channel', ...REQUIRED_EHC_QUESTIONS];
	return Buffer.from([header, ...rows].map((r) => r.join(',')).join('\n') + '\n', 'utf8');
}

async function dashboardCount(page: import('@playwright/test').Page) {
	await page.goto('/dashboard?survey=ehc-journey');
	return responsesShown(page, WAVE);
}

test('a lead imports a CSV: a bad row is named and nothing is written, then all rows go in', async ({
	page
}) => {
	// a file refused twice and imported, the dashboard read three times and axe on four pages:
	// measured at 43 to 53 s on two busy cores, so three times the default
	test.slow();
	await useSession(page, 'lead');
	const before = await dashboardCount(page);
	const good = REQUIRED_EHC_QUESTIONS.map(() => 'agree');
	const bad = REQUIRED_EHC_QUESTIONS.map((_, i) => (i === 0 ? 'maybe' : 'agree'));

	await test.step('the lead goes from the dashboard to the CSV import of a wave', async () => {
		await page.getByRole('link', { name: 'Add responses' }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Add responses');
		await expectNoAxeViolations(page);

		await page.goto(`/imports/waves/${WAVE}/csv`);
		await expectNoAxeViolations(page);
	});

	await test.step('a file saved in the wrong encoding is refused', async () => {
		await page.getByLabel('CSV file').setInputFiles({
			name: 'latin1.csv',
			mimeType: 'text/csv',
			buffer: Buffer.from([0x66, 0x65, 0x65, 0x6c, 0x0a, 0x43, 0x61, 0x66, 0xe9, 0x0a])
		});
		await page.getByRole('button', { name: 'Check the file' }).click();
		await expect(page.getByRole('alert')).toContainText('The file is not UTF-8 text');
	});

	await test.step('a file with a bad row names the row and writes nothing', async () => {
		await page.getByLabel(/file/).setInputFiles({
			name: 'event.csv',
			mimeType: 'text/csv',
			buffer: csv([
				[dayInWave(), 'event', ...good],
				[dayInWave(), 'event', ...bad],
				[dayInWave(), 'paper', ...good]
			])
		});
		await page.getByRole('button', { name: 'Check the file' }).click();
		await expect(page.getByRole('alert')).toContainText('1 of 3 rows need attention');
		const table = page.getByRole('table', { name: /Rows that need attention/ });
		await expect(table.getByRole('row').nth(1)).toContainText('3');
		await expect(table).toContainText(REQUIRED_EHC_QUESTIONS[0]!);
		await expect(table).toContainText('“maybe” is not one of its answers');
		await expect(page.getByRole('button', { name: /Import all/ })).toHaveCount(0);
		await expectNoAxeViolations(page);
		expect(await dashboardCount(page)).toBe(before);
	});

	await test.step('the file fixed is checked again and every row goes in', async () => {
		await page.goto(`/imports/waves/${WAVE}/csv`);
		await page.getByLabel('CSV file').setInputFiles({
			name: 'event.csv',
			mimeType: 'text/csv',
			buffer: csv([
				[dayInWave(), 'event', ...good],
				[dayInWave(), 'event', ...good],
				[dayInWave(), 'paper', ...good]
			])
		});
		await page.getByRole('button', { name: 'Check the file' }).click();
		await expect(page.getByText('All 3 rows are right.')).toBeVisible();
		await page.getByRole('button', { name: 'Import all 3 rows' }).click();
		await expect(page.getByRole('status')).toContainText('Imported 3 responses');
		expect(await dashboardCount(page)).toBe(before + 3);
	});
});

test('a lead types in a paper response, with a date outside the wave refused beside the field', async ({
	page
}) => {
	await useSession(page, 'lead');
	const before = await dashboardCount(page);

	await test.step('a date outside the wave is refused beside the field, and the answers are kept', async () => {
		await page.goto(`/imports/waves/${WAVE}/enter`);
		await expectNoAxeViolations(page);

		await page.getByLabel('On paper').check();
		await page.getByLabel('Date the answers were given').fill('2001-01-01');
		await answerRequired(page);
		await page.getByRole('button', { name: 'Save this response' }).click();
		await expect(page.getByRole('alert')).toContainText('The date must be between');
		await expect(page.locator('#given_on-error')).toContainText('when this wave ran');
		await expectNoAxeViolations(page);
		// the answers given are kept
		await expect(page.locator(`input[name="${REQUIRED_EHC_QUESTIONS[0]}"][value="agree"]`)).toBeChecked();
	});

	await test.step('a date inside the wave saves it, and the dashboard counts it', async () => {
		await page.getByLabel('Date the answers were given').fill(dayInWave());
		await page.getByRole('button', { name: 'Save this response' }).click();
		await expect(page.getByRole('status')).toContainText('Response saved');
		expect(await dashboardCount(page)).toBe(before + 1);
	});
});

test('the page for importing the totals of an earlier wave is accessible', async ({ page }) => {
	await useSession(page, 'lead');
	await page.goto('/imports/surveys/ehc-journey/aggregate');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Import the totals of an earlier wave');
	await page.getByRole('button', { name: 'Import the totals' }).click();
	await expect(page.getByRole('alert')).toContainText('Choose a CSV file of counts.');
	await expectNoAxeViolations(page);
});
