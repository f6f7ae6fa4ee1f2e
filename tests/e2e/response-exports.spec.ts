import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { expect, test, type BrowserContext, type Download, type Page } from '@playwright/test';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { expectNoAxeViolations, sessionFile, signedInContext, useSession } from './helpers';

// Responses out (issue 14): an officer downloads a wave's responses as CSV and as a spreadsheet,
// opened here by a CSV parser and a spreadsheet reader as a council's analyst would; the forum is
// refused with a plain message; a wave without responses gives the headings and a note.

const SURVEY = 'Your experience of the EHC plan process';

/** Opens the survey's download page from the surveys list, as staff find it. */
async function openDownloads(page: Page, survey = SURVEY) {
	await page.goto('/surveys');
	await page.getByRole('link', { name: survey }).first().click();
	await page.getByRole('link', { name: 'Download responses' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Download responses');
}

/** The number of responses a choice of wave says it holds: "Baseline (512 responses)". */
async function responsesOf(page: Page, index: number): Promise<number> {
	const label = await page
		.getByRole('group', { name: 'Which responses' })
		.locator('label')
		.nth(index)
		.innerText();
	return Number(/\(([\d,]+) responses?\)/.exec(label)![1]!.replace(/,/g, ''));
}

async function download(page: Page): Promise<{ download: Download; bytes: Buffer }> {
	const [d] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: 'Download' }).click()
	]);
	return { download: d, bytes: await readFile((await d.path())!) };
}

test('an officer downloads a wave as CSV and as a spreadsheet, without JavaScript, and each opens', async ({
	browser
}) => {
	test.slow(); // two downloads of a wave of the demo's responses, on two busy cores
	await test.step('the download page passes axe', async () => {
		const officer = await signedInContext(browser, 'officer');
		const withJs = await officer.newPage();
		await openDownloads(withJs);
		await expectNoAxeViolations(withJs);
		await officer.close();
	});
	// the form is a plain GET form: the file comes back without any script
	const officer = await signedInContext(browser, 'officer', { javaScriptEnabled: false });
	const page = await officer.newPage();
	await openDownloads(page);
	const baseline = await responsesOf(page, 0);
	expect(baseline).toBeGreaterThan(100);

	await test.step('the baseline as CSV, in codes: one row a response, a column a question', async () => {
		await page.getByRole('group', { name: 'Which responses' }).getByRole('radio').first().check();
		await page.getByLabel('CSV', { exact: true }).check();
		await page.getByRole('radio', { name: /Codes, for analysis/ }).check();
		const { download: d, bytes } = await download(page);
		expect(d.suggestedFilename()).toBe('ehc-journey-baseline-responses.csv');
		const rows = parse(bytes, { bom: true, columns: true }) as Record<string, string>[];
		expect(rows).toHaveLength(baseline);
		const columns = Object.keys(rows[0]!);
		expect(columns.slice(0, 6)).toEqual([
			'response_id',
			'wave',
			'submitted_at',
			'channel',
			'language',
			'assistance'
		]);
		expect(columns).toEqual(
			expect.arrayContaining([
				'fully_involved',
				'fully_involved_version',
				'annual_review_on_time',
				'about_phase'
			])
		);
		// free text is held back until the safeguarding review
		expect(columns.filter((c) => c.startsWith('what_would_help'))).toEqual([]);
		expect(new Set(rows.map((r) => r.wave))).toEqual(new Set(['ehc-journey-baseline']));
		const answers = new Set(rows.map((r) => r.fully_involved).filter(Boolean));
		expect(
			[...answers].every((a) =>
				['strongly_agree', 'agree', 'neither', 'disagree', 'strongly_disagree'].includes(a!)
			)
		).toBe(true);
		expect(
			rows.every((r) => r.fully_involved_version === '' || /^\d+$/.test(r.fully_involved_version!))
		).toBe(true);
	});

	await test.step('every wave as a spreadsheet, in words, with its data dictionary', async () => {
		await page.getByRole('radio', { name: /Every wave/ }).check();
		await page.getByRole('radio', { name: /Spreadsheet \(XLSX\)/ }).check();
		await page.getByRole('radio', { name: /Words, as respondents saw them/ }).check();
		const all = await responsesOf(
			page,
			(await page.getByRole('group', { name: 'Which responses' }).locator('label').count()) - 1
		);
		const { download: d, bytes } = await download(page);
		expect(d.suggestedFilename()).toBe('ehc-journey-all-waves-responses.xlsx');
		const workbook = new ExcelJS.Workbook();
		await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
		expect(workbook.worksheets.map((w) => w.name)).toEqual(['Responses', 'Data dictionary']);
		const sheet = workbook.getWorksheet('Responses')!;
		expect(sheet.actualRowCount).toBe(all + 1);
		const headings = (sheet.getRow(1).values as unknown[]).slice(1);
		const col = headings.indexOf('fully_involved') + 1;
		const words = new Set<string>();
		sheet.eachRow((row, n) => {
			if (n > 1 && row.getCell(col).value) words.add(String(row.getCell(col).value));
		});
		expect(
			[...words].every((w) =>
				['Strongly agree', 'Agree', 'Neither agree nor disagree', 'Disagree', 'Strongly disagree'].includes(w)
			)
		).toBe(true);
		const dictionary = workbook.getWorksheet('Data dictionary')!;
		const described = new Map<string, string>();
		dictionary.eachRow((row) => described.set(String(row.getCell(1).value), String(row.getCell(3).value)));
		expect(described.get('fully_involved')).toContain('agree = Agree');
		expect(described.get('what_would_help')).toMatch(/^Not included: free-text answers/);
	});
	await officer.close();
});

test('a wave without responses downloads as its headings and a note', async ({ page }) => {
	await useSession(page, 'officer');
	await openDownloads(page, 'EHC plans: the view from schools and settings');
	await page.getByLabel('CSV', { exact: true }).check();
	const { bytes } = await download(page);
	const rows = parse(bytes, { bom: true, relax_column_count: true }) as string[][];
	expect(rows[0]!.slice(0, 3)).toEqual(['response_id', 'wave', 'submitted_at']);
	expect(rows.slice(1)).toEqual([['No responses yet: this file has the columns only.']]);
});

test('the forum is refused the download with a plain message', async ({ browser, request }) => {
	const lead = await signedInContext(browser, 'lead');
	const page = await lead.newPage();
	await openDownloads(page);
	const address = new URL(page.url());
	await lead.close();

	const forum = await signedInContext(browser, 'forum');
	const forumPage = await forum.newPage();
	const refused = await forumPage.request.get(`${address.pathname}/download?wave=all&format=csv`);
	expect(refused.status()).toBe(403);
	expect(await refused.text()).toContain(
		'Only an administrator, lead or officer of this local area can download its responses.'
	);
	const pageResponse = await forumPage.goto(address.pathname);
	expect(pageResponse?.status()).toBe(403);
	await forum.close();

	// and nobody signed in at all
	const anonymous = await request.get(`${address.pathname}/download?wave=all&format=csv`, {
		maxRedirects: 0
	});
	expect([303, 302, 401, 403]).toContain(anonymous.status());
});

test('a session cookie with a forged token is refused the download as not signed in, not with a 500', async ({
	browser
}) => {
	// the lead's session cookie (one or several chunks, "base64-" and base64url JSON) with the access
	// token's signature replaced by one of the same length, so the cookie keeps its size and chunks
	const state = JSON.parse(await readFile(sessionFile('lead'), 'utf8')) as {
		cookies: Parameters<BrowserContext['addCookies']>[0];
	};
	const chunks = state.cookies
		.filter((c) => c.name.includes('auth-token'))
		.sort((a, b) => a.name.localeCompare(b.name));
	const joined = chunks.map((c) => c.value).join('');
	const encoded = joined.startsWith('base64-');
	const raw = encoded ? Buffer.from(joined.slice(7), 'base64url').toString('utf8') : joined;
	const session = JSON.parse(raw) as { access_token: string };
	const [header, payload, signature] = session.access_token.split('.');
	session.access_token = `${header}.${payload}.${'A'.repeat(signature!.length)}`;
	const json = JSON.stringify(session);
	const forged = encoded ? `base64-${Buffer.from(json).toString('base64url')}` : json;
	let at = 0;
	const cookies = chunks.map((c, i) => {
		const value = i === chunks.length - 1 ? forged.slice(at) : forged.slice(at, at + c.value.length);
		at += c.value.length;
		return { ...c, value };
	});
	const context = await browser.newContext();
	await context.addCookies(cookies);
	const res = await context.request.get(`/surveys/${randomUUID()}/responses/download?wave=all&format=csv`, {
		maxRedirects: 0
	});
	// refused as not signed in: a 401 that says to sign in again, or a redirect to the sign-in page
	if (res.status() === 303) expect(res.headers().location).toMatch(/^\/sign-in/);
	else {
		expect(res.status()).toBe(401);
		expect(await res.text()).toMatch(/sign in again/i);
	}
	await context.close();
});
