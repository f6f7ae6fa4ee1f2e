import { expect, test } from '@playwright/test';
import {
	account,
	answerUntilCheck,
	completeSurvey,
	expectNoAxeViolations,
	hiddenFields,
	responsesShown,
	signIn,
	useSession
} from './helpers';

const OPEN_WAVE = 'ehc-journey-repeat-2';

test('a wrong password gets a message that does not say which part was wrong', async ({ page }) => {
	const lead = account('lead');
	for (const [email, password] of [
		[lead.email, 'not-the-password'],
		['nobody@northbridge.example', lead.password]
	] as const) {
		await page.goto('/sign-in');
		await page.getByLabel('Email address').fill(email);
		await page.getByLabel('Password').fill(password);
		await page.getByRole('button', { name: 'Sign in' }).click();
		await expect(page.getByRole('alert')).toContainText(
			'The email address or password is not right. Check them and try again.'
		);
		await expect(page.getByLabel('Password')).toHaveValue('');
	}
	await expectNoAxeViolations(page);
});

test('an empty sign-in form is answered beside each field', async ({ page }) => {
	await page.goto('/sign-in');
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page.getByText('Enter your email address.').first()).toBeVisible();
	await expect(page.getByText('Enter your password.').first()).toBeVisible();
});

test('the dashboard is for signed-in members only', async ({ page }) => {
	await page.goto('/dashboard');
	await expect(page).toHaveURL(/\/sign-in\?redirectTo=%2Fdashboard/);
});

test('a lead signs in and sees a new answer move the trend chart', async ({ page, browser }) => {
	const figure = page.getByRole('figure');
	let before = 0;
	await test.step('the lead signs in and reads the indicators and the open wave’s count', async () => {
		await signIn(page, 'lead');
		// a lead's home is the overview; the trend is one view away
		await expect(page).toHaveURL(/\/dashboard\/overview$/);
		await page.goto('/dashboard');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Indicators');
		await expect(figure.locator('svg').first()).toBeVisible();
		await expect(figure.getByRole('table', { name: /^Figures behind the chart/ })).toBeVisible();
		before = await responsesShown(page, OPEN_WAVE);
		expect(before).toBeGreaterThan(0);
	});

	await test.step('a parent carer answers in another browser', async () => {
		const respondent = await browser.newContext();
		const form = await respondent.newPage();
		await completeSurvey(form, 'strongly_agree');
		await respondent.close();
	});

	await test.step('the dashboard counts one more, in its table and in the chart’s data table', async () => {
		await page.reload();
		expect(await responsesShown(page, OPEN_WAVE)).toBe(before + 1);
		// the chart's data table shows the same n for the open wave
		const row = figure
			.getByRole('row')
			.filter({ hasText: /Autumn|Spring|Summer|Winter/ })
			.last();
		await expect(row).toContainText(String(before + 1));
	});
});

test('the same form sent twice is counted once', async ({ page, browser }) => {
	await useSession(page, 'lead');
	await page.goto('/dashboard');
	const before = await responsesShown(page, OPEN_WAVE);

	await test.step('a parent carer without JavaScript sends the check-your-answers form twice', async () => {
		const respondent = await browser.newContext({ javaScriptEnabled: false });
		const form = await respondent.newPage();
		await answerUntilCheck(form);
		// the check-your-answers form, sent twice, as a double click without JavaScript would
		const check = new URL(form.url());
		const fields = new URLSearchParams(await hiddenFields(form));
		fields.set('nav', 'send');
		for (let i = 0; i < 2; i++) {
			const res = await form.request.post(check.pathname, {
				data: fields.toString(),
				maxRedirects: 0,
				headers: {
					origin: check.origin,
					accept: 'text/html',
					'content-type': 'application/x-www-form-urlencoded'
				}
			});
			expect(res.status()).toBe(303);
			expect(res.headers()['location']).toBe('/s/ehc-journey/thanks');
		}
		await respondent.close();
	});

	await page.reload();
	expect(await responsesShown(page, OPEN_WAVE)).toBe(before + 1);
});

test('signing out ends the session', async ({ page }) => {
	// Signing out ends every session of the account, so not one of the shared roles (SHARED_ROLES).
	await signIn(page, 'admin');
	await page.goto('/surveys');
	const surveyPath = await page
		.getByRole('link', { name: 'Your experience of the EHC plan process' })
		.getAttribute('href');
	const signedIn = await page.context().cookies();
	await page.getByRole('button', { name: 'Sign out' }).click();
	await expect(page).toHaveURL(/\/sign-in/);
	await expect(page.getByRole('status')).toHaveText('You have signed out.');
	await page.goto('/dashboard');
	await expect(page).toHaveURL(/\/sign-in/);

	// The cookie from before signing out, kept (a shared computer's history, a copied cookie) and sent
	// again: the download of responses is refused as signed out (401), and the organisation's backup and
	// a new survey (forms posted) are sent to sign in, not only the pages.
	await page.context().addCookies(signedIn);
	const origin = new URL(page.url()).origin;
	const asBefore = { maxRedirects: 0, headers: { origin, accept: 'text/html' } };
	const title = `Made after signing out ${Date.now()}`;
	const download = await page.request.get(
		`${surveyPath}/responses/download?wave=all&format=csv&values=codes`,
		asBefore
	);
	expect(download.status()).toBe(401);
	expect(await download.text()).toMatch(/sign in again/i);
	const attempts = [
		page.request.post('/settings/backup/download', { ...asBefore, form: {} }),
		page.request.post('/surveys/new', { ...asBefore, form: { title, audience: 'parent_carers' } })
	];
	for (const res of await Promise.all(attempts)) {
		expect(res.status()).toBe(303);
		expect(res.headers()['location']).toMatch(/^\/sign-in\?redirectTo=/);
	}
	await useSession(page, 'lead');
	await page.goto('/surveys');
	await expect(page.getByRole('heading', { name: 'Your experience of the EHC plan process' })).toBeVisible();
	await expect(page.getByText(title)).toHaveCount(0);
});

test('the dashboard passes axe', async ({ page }) => {
	await useSession(page, 'lead');
	await page.goto('/dashboard');
	await expectNoAxeViolations(page);
});

test('a change of which answers count as positive is marked on the trend, and the earlier figures can be shown again', async ({
	page
}) => {
	test.slow();
	await useSession(page, 'lead');
	const trend = '/dashboard?survey=ehc-journey&indicator=outcomes_clear';
	const figures = page.getByRole('table', { name: /^Figures behind the chart/ });
	const save = async (agreeCounts: boolean) => {
		await page.goto('/surveys');
		await page.getByRole('link', { name: 'Your experience of the EHC plan process' }).click();
		await page.getByRole('link', { name: 'Change “The outcomes in the plan are clear”' }).click();
		await page.getByRole('checkbox', { name: 'Counts as positive (option 2)' }).setChecked(agreeCounts);
		await page.getByRole('button', { name: 'Save the question' }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(
			'Your experience of the EHC plan process'
		);
	};

	let before = '';
	await test.step('the lead reads the figures as published, with no change marked', async () => {
		await page.goto(trend);
		await expect(figures).toBeVisible();
		before = await figures.locator('tbody').innerText();
		await expect(page.getByTestId('trend-definition-changes')).toHaveCount(0);
	});

	await test.step('"Agree" stops counting as positive in the builder', async () => {
		await save(false);
	});

	await test.step('the trend marks the change, says what changed, and judges no change across it', async () => {
		await page.goto(trend);
		const changes = page.getByTestId('trend-definition-changes');
		await expect(changes.getByRole('rowheader')).toHaveText(['C1']);
		await expect(changes).toContainText(
			'The answers counted as positive changed from “Strongly agree” or “Agree” to “Strongly agree”.'
		);
		await expect(page.locator('.wide svg.trend-chart line.definition-marker')).toHaveCount(1);
		await expect(page.locator('.wide svg.trend-chart text.definition-label')).toHaveText('C1');
		await expect(page.getByRole('figure').locator('.summary')).toContainText(
			'which answers count as positive changed on'
		);
		expect(await figures.locator('tbody').innerText()).not.toBe(before);
		await expectNoAxeViolations(page);
	});

	await test.step('"show as defined before" gives back the figures published before the change', async () => {
		await page.getByRole('link', { name: /^Show as defined before / }).click();
		await expect(page).toHaveURL(/[?&]definition=1(&|$)/);
		await expect(page.getByTestId('as-defined')).toContainText(
			'count “Strongly agree” or “Agree” as positive'
		);
		expect(await figures.locator('tbody').innerText()).toBe(before);
		await expect(page.locator('.wide svg.trend-chart line.definition-marker')).toHaveCount(1);
		await expectNoAxeViolations(page);
		// a definition the indicator never had: said so, and the one in force shown
		await page.goto(`${trend}&definition=9`);
		await expect(page.getByTestId('definition-error')).toContainText('This indicator has no such definition');
		await expect(figures).toBeVisible();
	});

	await test.step('"Agree" counts again, for the specs that follow', async () => {
		await save(true);
	});
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('on a phone 320 pixels wide, the trend is drawn narrow so its text stays readable', async ({
		page
	}) => {
		await page.setViewportSize({ width: 320, height: 800 });
		await useSession(page, 'lead');
		await page.goto('/dashboard');
		const chart = page.getByRole('figure').getByRole('img');
		await expect(chart).toBeVisible();
		// text of 14 in a chart 360 wide, drawn at the width the phone gives it
		const shown = (await chart.boundingBox())!.width;
		const drawn = Number(await chart.getAttribute('width'));
		expect(drawn).toBe(360);
		expect((14 * shown) / drawn).toBeGreaterThanOrEqual(10);
	});

	test('a lead signs in and reads the chart, its summary and its table', async ({ page }) => {
		await signIn(page, 'lead');
		await page.goto('/dashboard');
		const figure = page.getByRole('figure');
		await expect(figure.getByRole('img')).toBeVisible();
		await expect(figure.locator('figcaption')).toContainText(/\d+% of [\d,]+/);
		await expect(figure.getByRole('table', { name: /^Figures behind the chart/ })).toBeVisible();
		// choosing another indicator is a plain GET form
		await page.getByLabel('Indicator', { exact: true }).selectOption({ index: 1 });
		await page.getByRole('button', { name: 'Show', exact: true }).click();
		await expect(page).toHaveURL(/indicator=/);
		await expect(figure.getByRole('img')).toBeVisible();
	});
});
