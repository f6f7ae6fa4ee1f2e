import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { day, expectNoAxeViolations, signedInContext, useSession } from './helpers';

/**
 * A question that depends on an earlier answer (issue 14, "Logic"): a lead builds a survey with a
 * condition without JavaScript, a respondent answers it both ways without JavaScript (the server
 * decides the next page, Back and Change work, the progress line counts only the pages seen, check
 * your answers lists only the questions shown, and an answer that a changed answer hides is dropped
 * and the respondent told), and axe checks the builder's and the respondent's conditional pages
 * with scripts on (axe runs in the page). Respondents with scripts on take both paths too; then the
 * dashboard says who was asked a conditional indicator, and the responses downloaded as CSV and as a
 * spreadsheet leave the hidden question empty for the people who were not asked it.
 */
test.use({ javaScriptEnabled: false });

const PLAN = 'Does your child have an EHC plan?';
const HELPS = 'What in the plan helps your child most?';
const ELSE = 'Is there anything else you would like to tell us?';
/** an indicator asked only of people with a plan (Yes counts as positive) */
const DIFF = 'Is the plan making a difference?';
const IN_WORDS = `Shown only to people who answered Yes to ‘${PLAN}’.`;
const PLAN_KEY = 'does_your_child_have_an_ehc_plan';
const DIFF_KEY = 'is_the_plan_making_a_difference';

async function addQuestion(page: Page, kind: string, prompt: string, fill?: () => Promise<void>) {
	await page.getByRole('link', { name: 'Add a question' }).click();
	await page.getByLabel(kind).check();
	await page.getByRole('button', { name: 'Continue' }).click();
	await page.getByLabel('Question', { exact: true }).fill(prompt);
	await fill?.();
	await page.getByRole('button', { name: 'Add the question' }).click();
	await expect(page.getByRole('heading', { level: 3, name: prompt })).toBeVisible();
}

/** "Page 2 of 4" as [2, 4]. */
async function progress(page: Page): Promise<[number, number]> {
	const text = (await page.locator('#progress-label').textContent()) ?? '';
	const m = /Page (\d+) of (\d+)/.exec(text);
	if (!m) throw new Error(`no progress line: ${text}`);
	return [Number(m[1]), Number(m[2])];
}

/** Continue until check your answers, answering nothing more. */
async function continueToCheck(page: Page) {
	for (let i = 0; i < 6 && !/\/check(\?|$)/.test(page.url()); i++) {
		await page.getByRole('button', { name: /^Continue$/ }).click();
		await page.waitForLoadState();
	}
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Check your answers');
}

const planGroup = (page: Page) => page.getByRole('group', { name: new RegExp(PLAN.replace('?', '\\?')) });
/** Continue, or, having come from check your answers to change one, its wording in that case */
const SAVE_CHANGE = 'Save and go back to your answers';
const checkRow = (page: Page, prompt: string) => page.locator('.summary .row').filter({ hasText: prompt });

test('a condition built without JavaScript, answered both ways with and without it, counted, downloaded, axe-clean', async ({
	page,
	browser
}) => {
	// a survey built, answered three times and checked with axe on five pages: a whole journey, so
	// three times the default (the builder's own journey was measured at 47 to 108 s on two busy cores)
	test.slow();
	const title = `Short breaks ${Date.now()}`;
	let surveyUrl = '';
	let slug = '';

	await test.step('the lead builds a survey of three questions and opens its baseline', async () => {
		await useSession(page, 'lead');
		await page.goto('/surveys');
		await page.getByRole('link', { name: 'Create a survey' }).click();
		await page.getByLabel('Title').fill(title);
		await page.getByLabel('Parent carers').check();
		await page.getByLabel('Introduction').fill('Tell us about short breaks.');
		await page.getByRole('button', { name: 'Create survey' }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
		surveyUrl = page.url();
		await addQuestion(page, 'Yes, no or not sure', PLAN, async () => {
			await page.getByLabel('People must answer this question').check();
		});
		await addQuestion(page, 'Free text', HELPS, async () => {
			await page.getByLabel('Most characters an answer may have').fill('300');
			await page.getByLabel('People must answer this question').check();
		});
		await addQuestion(page, 'Free text', ELSE, async () => {
			await page.getByLabel('Most characters an answer may have').fill('300');
		});
		await addQuestion(page, 'Yes, no or not sure', DIFF);
		await page.getByRole('link', { name: 'Add the baseline wave' }).click();
		await page.getByLabel('Opening date').fill(day(0));
		await page.getByLabel('Closing date').fill(day(30));
		await page.getByRole('button', { name: 'Add the wave' }).click();
		await expect(page.getByRole('status')).toContainText('The wave has been added.');
		const link = await page
			.getByRole('table')
			.getByRole('row')
			.filter({ hasText: 'Baseline' })
			.getByRole('link', { name: /^\/s\// })
			.getAttribute('href');
		slug = link!.slice(3);
	});

	await test.step('a condition that names no answer is refused beside the question it is on', async () => {
		await page.getByRole('link', { name: `When to ask “${HELPS}”` }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(`When to ask “${HELPS}”`);
		await expect(page.getByText('Everyone is asked this question.')).toBeVisible();
		const plan = page.getByRole('group', { name: `“${PLAN}”` });
		await plan.getByRole('radio', { name: 'Only if they chose one of these answers' }).check();
		await page.getByRole('button', { name: 'Save when to ask' }).click();
		const message = `Choose at least one answer to ‘${PLAN}’.`;
		await expect(page.getByRole('alert').getByRole('link', { name: message })).toBeVisible();
		await expect(plan.locator('.error-message')).toContainText(message);
	});

	await test.step('shown only to people who answered Yes: said in plain words', async () => {
		const plan = page.getByRole('group', { name: `“${PLAN}”` });
		await plan.getByRole('radio', { name: 'Only if they chose one of these answers' }).check();
		await plan.getByRole('checkbox', { name: 'Yes', exact: true }).check();
		await page.getByRole('button', { name: 'Save when to ask' }).click();
		await expect(page).toHaveURL(/\/surveys\/[0-9a-f-]{36}#question-[0-9a-f-]{36}$/);
		await expect(page.getByRole('status')).toContainText(
			`“${HELPS}” is shown only to people who answered Yes`
		);
		const item = page
			.locator('ol.questions > li')
			.filter({ has: page.getByRole('heading', { level: 3, name: HELPS }) });
		await expect(item.locator('.condition')).toHaveText(IN_WORDS);
		// the first question has nothing before it to depend on
		await expect(page.getByRole('link', { name: `When to ask “${PLAN}”` })).toHaveCount(0);
	});

	await test.step('the last question, an indicator, is asked only of people with a plan too', async () => {
		await page.getByRole('link', { name: `When to ask “${DIFF}”` }).click();
		const plan = page.getByRole('group', { name: `“${PLAN}”` });
		await plan.getByRole('radio', { name: 'Only if they chose one of these answers' }).check();
		await plan.getByRole('checkbox', { name: 'Yes', exact: true }).check();
		await page.getByRole('button', { name: 'Save when to ask' }).click();
		await expect(page.getByRole('status')).toContainText(
			`“${DIFF}” is shown only to people who answered Yes`
		);
	});

	await test.step('the builder’s page passes axe (scripts on, for axe)', async () => {
		// scripts on: a context made in this file would take the file's javaScriptEnabled: false
		const staff = await signedInContext(browser, 'lead', { javaScriptEnabled: true });
		const p = await staff.newPage();
		await p.goto(surveyUrl);
		await p.getByRole('link', { name: `When to ask “${HELPS}”` }).click();
		// the survey's page says the same words for both conditional questions: wait for the condition's own page
		await expect(p.getByRole('heading', { level: 1 })).toHaveText(`When to ask “${HELPS}”`);
		await expect(p.getByText(IN_WORDS)).toBeVisible();
		await expect(
			p.getByRole('group', { name: `“${PLAN}”` }).getByRole('checkbox', { name: 'Yes', exact: true })
		).toBeChecked();
		await expectNoAxeViolations(p);
		await staff.close();
	});

	const respondent = await browser.newContext({ javaScriptEnabled: false });
	const r = await respondent.newPage();
	let base = 0;
	await test.step('No: the dependent page is skipped going on and going back, and not counted', async () => {
		// the respondent pages keep a survey for a few seconds (src/lib/server/respondent/context.ts)
		await expect(async () => {
			await r.goto(`/s/${slug}`);
			await r.getByRole('button', { name: 'Start the survey' }).click();
			await expect(r).toHaveURL(/\/q\/1$/);
		}).toPass({ timeout: 30_000 });
		const [first, total] = await progress(r);
		expect(first).toBe(1);
		base = total;
		await planGroup(r).getByRole('radio', { name: 'No', exact: true }).check();
		await r.getByRole('button', { name: 'Continue' }).click();
		await expect(r).toHaveURL(/\/q\/3$/);
		await expect(r.getByRole('heading', { level: 1 })).toContainText(ELSE);
		expect(await progress(r)).toEqual([2, base]);
		await r.getByRole('button', { name: 'Back' }).click();
		await expect(r).toHaveURL(/\/q\/1$/);
		await expect(planGroup(r).getByRole('radio', { name: 'No', exact: true })).toBeChecked();
		await r.getByRole('button', { name: 'Continue' }).click();
		await expect(r).toHaveURL(/\/q\/3$/);
		await r.getByRole('button', { name: 'Back' }).click();
		await expect(r).toHaveURL(/\/q\/1$/);
	});

	await test.step('No: check your answers lists only the questions shown, and the answers go', async () => {
		await r.getByRole('button', { name: 'Continue' }).click();
		await continueToCheck(r);
		await expect(checkRow(r, PLAN)).toContainText('No');
		await expect(checkRow(r, ELSE)).toBeVisible();
		await expect(checkRow(r, HELPS)).toHaveCount(0);
		await r.getByRole('button', { name: 'Send my answers' }).click();
		await expect(r).toHaveURL(/thanks$/);
	});
	await respondent.close();

	const second = await browser.newContext({ javaScriptEnabled: false });
	const y = await second.newPage();
	await test.step('Yes: the dependent question is asked, counted and required', async () => {
		await y.goto(`/s/${slug}`);
		await y.getByRole('button', { name: 'Start the survey' }).click();
		await planGroup(y).getByRole('radio', { name: 'Yes', exact: true }).check();
		await y.getByRole('button', { name: 'Continue' }).click();
		await expect(y).toHaveURL(/\/q\/2$/);
		await expect(y.getByRole('heading', { level: 1 })).toContainText(HELPS);
		expect(await progress(y)).toEqual([2, base + 2]);
		await y.getByRole('button', { name: 'Continue' }).click();
		await expect(
			y.getByRole('alert').getByRole('link', { name: 'Answer this question to continue.' })
		).toBeVisible();
		await y.getByLabel(HELPS).fill('The respite weekends');
		await y.getByRole('button', { name: 'Continue' }).click();
		await expect(y).toHaveURL(/\/q\/3$/);
		expect(await progress(y)).toEqual([3, base + 2]);
		await y.getByRole('button', { name: 'Continue' }).click();
		await expect(y).toHaveURL(/\/q\/4$/);
		expect(await progress(y)).toEqual([4, base + 2]);
		await y.getByRole('group', { name: DIFF }).getByRole('radio', { name: 'Yes', exact: true }).check();
		await continueToCheck(y);
		await expect(checkRow(y, HELPS)).toContainText('The respite weekends');
		await expect(checkRow(y, DIFF)).toContainText('Yes');
	});

	await test.step('changed to No: the answer it now hides is dropped, and the respondent told', async () => {
		await checkRow(y, PLAN)
			.getByRole('button', { name: /Change/ })
			.click();
		await planGroup(y).getByRole('radio', { name: 'No', exact: true }).check();
		await y.getByRole('button', { name: SAVE_CHANGE }).click();
		await expect(y).toHaveURL(/\/check$/);
		const notice = y.getByRole('status').filter({ hasText: 'Because you changed an earlier answer' });
		await expect(notice).toContainText(HELPS);
		await expect(notice).toContainText(DIFF);
		await expect(checkRow(y, HELPS)).toHaveCount(0);
		await expect(checkRow(y, DIFF)).toHaveCount(0);
		// not carried in the form any more, so not sent
		await expect(y.locator('input[type="hidden"][value="The respite weekends"]')).toHaveCount(0);
	});

	await test.step('changed back to Yes: the question is asked again before checking', async () => {
		await checkRow(y, PLAN)
			.getByRole('button', { name: /Change/ })
			.click();
		await planGroup(y).getByRole('radio', { name: 'Yes', exact: true }).check();
		await y.getByRole('button', { name: SAVE_CHANGE }).click();
		await expect(y).toHaveURL(/\/q\/2\?change=1$/);
		await expect(y.getByLabel(HELPS)).toHaveValue('');
		await y.getByLabel(HELPS).fill('Help at school');
		await y.getByRole('button', { name: SAVE_CHANGE }).click();
		// the other question a Yes brings back is asked too
		await expect(y).toHaveURL(/\/q\/4\?change=1$/);
		await y.getByRole('group', { name: DIFF }).getByRole('radio', { name: 'Yes', exact: true }).check();
		await y.getByRole('button', { name: SAVE_CHANGE }).click();
		await expect(y).toHaveURL(/\/check$/);
		await expect(checkRow(y, HELPS)).toContainText('Help at school');
		await expect(checkRow(y, DIFF)).toContainText('Yes');
		await y.getByRole('button', { name: 'Send my answers' }).click();
		await expect(y).toHaveURL(/thanks$/);
	});
	await second.close();

	await test.step('axe on the conditional page and on check your answers telling of a dropped answer', async () => {
		const withScripts = await browser.newContext({ javaScriptEnabled: true });
		const a = await withScripts.newPage();
		await a.goto(`/s/${slug}`);
		await a.getByRole('button', { name: 'Start the survey' }).click();
		await planGroup(a).getByRole('radio', { name: 'Yes', exact: true }).check();
		await a.getByRole('button', { name: 'Continue' }).click();
		await expect(a).toHaveURL(/\/q\/2$/);
		await expectNoAxeViolations(a);
		await a.getByLabel(HELPS).fill('Clubs');
		await a.getByRole('button', { name: 'Continue' }).click();
		await continueToCheck(a);
		await checkRow(a, PLAN)
			.getByRole('button', { name: /Change/ })
			.click();
		await planGroup(a).getByRole('radio', { name: 'Not sure', exact: true }).check();
		await a.getByRole('button', { name: SAVE_CHANGE }).click();
		await expect(a.getByRole('status').filter({ hasText: HELPS })).toBeVisible();
		await expectNoAxeViolations(a);
		// with scripts on, the answer the change hid is not sent either
		await expect(checkRow(a, HELPS)).toHaveCount(0);
		await a.getByRole('button', { name: 'Send my answers' }).click();
		await expect(a).toHaveURL(/thanks$/);
		await withScripts.close();
	});

	await test.step('with scripts on, Yes: the questions it brings are asked and sent', async () => {
		const withScripts = await browser.newContext({ javaScriptEnabled: true });
		const j = await withScripts.newPage();
		await j.goto(`/s/${slug}`);
		await j.getByRole('button', { name: 'Start the survey' }).click();
		await planGroup(j).getByRole('radio', { name: 'Yes', exact: true }).check();
		await j.getByRole('button', { name: 'Continue' }).click();
		await expect(j).toHaveURL(/\/q\/2$/);
		await j.getByLabel(HELPS).fill('Speech therapy');
		await j.getByRole('button', { name: 'Continue' }).click();
		await expect(j).toHaveURL(/\/q\/3$/);
		await j.getByRole('button', { name: 'Continue' }).click();
		await expect(j).toHaveURL(/\/q\/4$/);
		await j.getByRole('group', { name: DIFF }).getByRole('radio', { name: 'No', exact: true }).check();
		await continueToCheck(j);
		await expect(checkRow(j, DIFF)).toContainText('No');
		await j.getByRole('button', { name: 'Send my answers' }).click();
		await expect(j).toHaveURL(/thanks$/);
		await withScripts.close();
	});

	// four responses: No and Yes without scripts, Not sure and Yes with them
	await test.step('the dashboard says who was asked the conditional indicator, and counts only them', async () => {
		await page.goto('/dashboard');
		await page.getByLabel('Survey').selectOption({ label: title });
		await page.getByRole('button', { name: 'Show', exact: true }).click();
		await page.getByLabel('Indicator', { exact: true }).selectOption({ label: DIFF });
		await page.getByRole('button', { name: 'Show', exact: true }).click();
		await expect(page.getByRole('heading', { level: 2, name: DIFF })).toBeVisible();
		await expect(page.getByTestId('asked-of')).toContainText(
			`Asked only of people who answered Yes to ‘${PLAN}’.`
		);
		// the base is the two people who were asked, not the four who took part
		const baseline = page.getByRole('table').first().getByRole('row').filter({ hasText: 'Baseline' });
		await expect(baseline.getByRole('cell').nth(2)).toHaveText('2');
		// everyone was asked the plan question: no such line
		await page.getByLabel('Indicator', { exact: true }).selectOption({ label: PLAN });
		await page.getByRole('button', { name: 'Show', exact: true }).click();
		await expect(page.getByRole('heading', { level: 2, name: PLAN })).toBeVisible();
		await expect(page.getByTestId('asked-of')).toHaveCount(0);
	});

	await test.step('downloaded, the hidden question is empty for the people not asked it', async () => {
		await page.goto(surveyUrl);
		await page.getByRole('link', { name: 'Download responses' }).click();
		await page.getByRole('group', { name: 'Which responses' }).getByRole('radio').first().check();
		await page.getByLabel('CSV', { exact: true }).check();
		await page.getByRole('radio', { name: /Codes, for analysis/ }).check();
		const csv = await downloaded(page);
		const rows = parse(csv, { bom: true, columns: true }) as Record<string, string>[];
		expect(rows.map((r) => [r[PLAN_KEY], r[DIFF_KEY]]).sort()).toEqual([
			['no', ''],
			['not_sure', ''],
			['yes', 'no'],
			['yes', 'yes']
		]);

		await page.getByRole('radio', { name: /Spreadsheet \(XLSX\)/ }).check();
		await page.getByRole('radio', { name: /Words, as respondents saw them/ }).check();
		const workbook = new ExcelJS.Workbook();
		await workbook.xlsx.load((await downloaded(page)) as unknown as ArrayBuffer);
		const sheet = workbook.getWorksheet('Responses')!;
		const headings = (sheet.getRow(1).values as unknown[]).slice(1);
		const [plan, diff] = [headings.indexOf(PLAN_KEY) + 1, headings.indexOf(DIFF_KEY) + 1];
		const cells: [string, string][] = [];
		sheet.eachRow((row, n) => {
			if (n > 1) cells.push([String(row.getCell(plan).value ?? ''), String(row.getCell(diff).value ?? '')]);
		});
		expect(cells.sort()).toEqual([
			['No', ''],
			['Not sure', ''],
			['Yes', 'No'],
			['Yes', 'Yes']
		]);
	});
});

async function downloaded(page: Page): Promise<Buffer> {
	const [d] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: 'Download' }).click()
	]);
	return readFile((await d.path())!);
}
