import { expect, test, type Page } from '@playwright/test';
import {
	answerRequired,
	completeSurveyFrom,
	expectNoAxeViolations,
	expectPageLanguage,
	pressAndWait,
	resumeCodeOf,
	signedInContext,
	useSession
} from './helpers';

/** As the lead, makes one-time links for the parent carer survey's open wave: their addresses. */
async function makeLinks(page: Page, count: number): Promise<string[]> {
	await useSession(page, 'lead');
	await page.goto('/surveys');
	await page.getByRole('link', { name: 'Your experience of the EHC plan process' }).click();
	await page
		.getByRole('table')
		.getByRole('row')
		.filter({ has: page.getByRole('cell', { name: 'Open', exact: true }) })
		.getByRole('link', { name: /^Invitation links/ })
		.click();
	await page.getByLabel('How many links').fill(String(count));
	await page.getByRole('button', { name: 'Make the links' }).click();
	await expect(page.getByRole('status')).toContainText(`${count} link`);
	// the newest links come first
	const links = await page.getByTestId('invitation-link').allInnerTexts();
	return links.slice(0, count).map((l) => l.trim());
}

const URDU_TITLE = 'EHC پلان کے عمل کے بارے میں آپ کا تجربہ';

test('a lead makes two one-time links; a parent carer answers through one, and it cannot be used again', async ({
	page,
	browser
}) => {
	// links made, the whole survey answered through one, axe on five pages: measured at 41 to 66 s
	// on two busy cores, so three times the default
	test.slow();
	const links = page.getByTestId('invitation-link');
	let url = '';

	await test.step('the lead opens the invitation links of the open wave', async () => {
		await useSession(page, 'lead');
		await page.goto('/surveys');
		await page.getByRole('link', { name: 'Your experience of the EHC plan process' }).click();
		const openWave = page
			.getByRole('table')
			.getByRole('row')
			.filter({ has: page.getByRole('cell', { name: 'Open', exact: true }) });
		await openWave.getByRole('link', { name: /^Invitation links/ }).click();
		await expect(page.getByRole('heading', { level: 1 })).toContainText('Invitation links for');
		await expectNoAxeViolations(page);
	});

	await test.step('a count out of range is answered beside the field', async () => {
		await page.getByLabel('How many links').fill('0');
		await page.getByRole('button', { name: 'Make the links' }).click();
		await expect(page.locator('.field--error').getByText('Make at least 1 link.')).toBeVisible();
	});

	await test.step('makes two links with a note, each not used yet', async () => {
		await page.getByLabel('How many links').fill('2');
		await page.getByLabel('Note (optional)').fill('after annual review');
		await page.getByRole('button', { name: 'Make the links' }).click();
		await expect(page.getByRole('status')).toHaveText('2 links have been made.');
		await expect(links).toHaveCount(2);
		url = (await links.first().innerText()).trim();
		expect(url).toMatch(/\/s\/i\/[A-Za-z0-9_-]{22}$/);
		await expect(page.getByRole('row').filter({ hasText: url })).toContainText('Not used');
		await expect(page.getByRole('row').filter({ hasText: url })).toContainText('after annual review');
		await expectNoAxeViolations(page);
	});

	await test.step('a parent carer, not signed in, answers through the link; the link then says it was used', async () => {
		const respondent = await browser.newContext();
		const r = await respondent.newPage();
		await r.goto(url);
		await expect(r.getByRole('heading', { level: 1 })).toHaveText('Your experience of the EHC plan process');
		await expectNoAxeViolations(r);
		await completeSurveyFrom(r, url);

		// the same link again says it was used, and what to do
		await r.goto(url);
		await expect(r.getByRole('heading', { level: 1 })).toHaveText('This link has already been used');
		await expect(r.getByText('contact the team')).toBeVisible();
		await expect(r.getByRole('button', { name: 'Start the survey' })).toHaveCount(0);
		await expectNoAxeViolations(r);
		await respondent.close();
	});

	await test.step('the lead sees the link marked as used', async () => {
		await page.reload();
		await expect(page.getByRole('row').filter({ hasText: url })).toContainText('Used on');
	});
});

test('a wave for the people invited only: its public address takes no answers, a link still does', async ({
	browser
}) => {
	// the setting saved twice and a whole survey answered through a link: three times the default
	test.slow();
	const staff = await signedInContext(browser, 'lead', { javaScriptEnabled: false });
	const page = await staff.newPage();
	await page.goto('/surveys');
	await page.getByRole('link', { name: 'Your experience of the EHC plan process' }).click();
	await page
		.getByRole('table')
		.getByRole('row')
		.filter({ has: page.getByRole('cell', { name: 'Open', exact: true }) })
		.getByRole('link', { name: /^Invitation links/ })
		.click();
	const invitationsPage = page.url();
	const who = page.getByRole('group', { name: /^Who can answer/ });
	const save = async (choice: RegExp, said: string) => {
		await page.goto(invitationsPage);
		await who.getByRole('radio', { name: choice }).check();
		await page.getByRole('button', { name: 'Save who can answer' }).click();
		await expect(page.getByRole('status')).toContainText(said);
	};
	try {
		await test.step('the lead, without JavaScript, keeps the open wave for the people invited', async () => {
			await expect(who.getByRole('radio', { name: /^Anyone with the survey/ })).toBeChecked();
			await save(
				/^Only people with an invitation link/,
				'Only people with an invitation link can now answer'
			);
			await expect(who.getByRole('radio', { name: /^Only people with an invitation link/ })).toBeChecked();
			// the survey's page says so beside the wave's address
			await page.getByRole('link', { name: /^Back to/ }).click();
			await expect(page.getByText('Invitation links only: this address takes no answers')).toBeVisible();
			await page.goto(invitationsPage);
		});

		let url = '';
		await test.step('and makes a link', async () => {
			await page.getByLabel('How many links').fill('1');
			await page.getByRole('button', { name: 'Make the links' }).click();
			await expect(page.getByRole('status')).toHaveText('1 link has been made.');
			url = (await page.getByTestId('invitation-link').first().innerText()).trim();
		});

		await test.step('the public address says it is for the people invited, with no way to start', async () => {
			const visitor = await browser.newContext();
			const v = await visitor.newPage();
			// the respondent pages keep a survey for a few seconds (src/lib/server/respondent/context.ts)
			await expect(async () => {
				await v.goto('/s/ehc-journey');
				await expect(
					v.getByRole('heading', { level: 2, name: 'This survey is for the people invited' })
				).toBeVisible({ timeout: 1_000 });
			}).toPass({ timeout: 20_000 });
			await expect(v.getByTestId('invitation-only')).toContainText(
				'If you were sent a link, please use that link.'
			);
			await expect(v.getByRole('button', { name: 'Start the survey' })).toHaveCount(0);
			await expectNoAxeViolations(v);
			await visitor.close();
		});

		await test.step('a parent carer with the link answers and sends', async () => {
			const respondent = await browser.newContext({ javaScriptEnabled: false });
			const r = await respondent.newPage();
			await completeSurveyFrom(r, url);
			await respondent.close();
		});
	} finally {
		// the other tests answer this wave from its public address
		await save(/^Anyone with the survey/, 'Anyone with the survey’s address can now answer');
		// and the public address offers the start again before the next test comes to it
		await expect(async () => {
			await page.goto('/s/ehc-journey');
			await expect(page.getByRole('button', { name: 'Start the survey' })).toBeVisible({ timeout: 1_000 });
		}).toPass({ timeout: 20_000 });
		await staff.close();
	}
});

test('an unknown invitation link is a 404 page that says what to do', async ({ page }) => {
	const response = await page.goto('/s/i/AAAAAAAAAAAAAAAAAAAAAA');
	expect(response?.status()).toBe(404);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
	await expect(page.getByText('Ask the person who sent it to you for a new link.')).toBeVisible();
});

test.describe('an invitation link in another language', () => {
	// a link made and the whole survey answered in Urdu, with axe on four pages: measured at 39 to
	// 84 s on two busy cores, so three times the default
	test.describe.configure({ timeout: 540_000 });

	test('a parent carer chooses Urdu on the link, answers right to left and sends, every page passing axe', async ({
		page,
		browser
	}) => {
		const [url] = await test.step('the lead makes a link', () => makeLinks(page, 1));
		const respondent = await browser.newContext();
		const r = await respondent.newPage();

		await test.step('the link opens in English and offers the languages, each in its own name', async () => {
			await r.goto(url!);
			await expectPageLanguage(r, 'en-GB', 'ltr');
			const nav = r.getByRole('navigation', { name: 'Choose a language' });
			await expect(nav.getByRole('link', { name: 'English' })).toHaveAttribute('aria-current', 'true');
			await expect(nav.getByRole('link', { name: 'Polski' })).toHaveAttribute('lang', 'pl');
			await expect(nav.getByRole('link', { name: 'اردو' })).toHaveAttribute('dir', 'rtl');
			await nav.getByRole('link', { name: 'اردو' }).click();
		});

		await test.step('in Urdu, the welcome page is right to left', async () => {
			await expect(r).toHaveURL(/\/s\/i\/[A-Za-z0-9_-]{22}\?lang=ur$/);
			await expectPageLanguage(r, 'ur', 'rtl');
			await expect(r.getByRole('heading', { level: 1 })).toHaveText(URDU_TITLE);
			await expect(r.getByText('نے آپ سے یہ سروے مکمل کرنے کی درخواست کی ہے۔')).toBeVisible();
			await expect(r.getByRole('navigation', { name: 'زبان منتخب کریں' })).toBeVisible();
			// the wave's name is not translated: marked as English
			await expect(r.locator('.org [lang="en-GB"]')).toHaveCount(1);
			await expectNoAxeViolations(r);
			await r.getByRole('button', { name: 'سروے شروع کریں' }).click();
		});

		await test.step('the survey goes on in Urdu to the thank-you page', async () => {
			await expect(r).toHaveURL(/\/q\/1\?lang=ur$/);
			await expectPageLanguage(r, 'ur', 'rtl');
			await expect(
				r.getByRole('group', { name: 'مجھے لگا کہ EHC پلان کے عمل میں مجھے پوری طرح شامل کیا گیا' })
			).toBeVisible();
			await expectNoAxeViolations(r);
			for (let i = 0; i < 20 && !/\/check/.test(r.url()); i++) {
				await expectPageLanguage(r, 'ur', 'rtl');
				await answerRequired(r);
				await pressAndWait(r, 'جاری رکھیں');
			}
			await expect(r.getByRole('heading', { level: 1 })).toHaveText('اپنے جوابات چیک کریں');
			await r.getByRole('button', { name: 'میرے جوابات بھیجیں' }).click();
			await expect(r).toHaveURL(/\/thanks\?lang=ur$/);
			await expectPageLanguage(r, 'ur', 'rtl');
		});

		await test.step('the link again, in Urdu: used, with the survey’s open link in Urdu too', async () => {
			await r.goto(`${url}?lang=ur`);
			await expectPageLanguage(r, 'ur', 'rtl');
			await expect(r.getByRole('heading', { level: 1 })).toHaveText('یہ لنک پہلے ہی استعمال ہو چکا ہے');
			await expect(r.getByRole('link', { name: URDU_TITLE })).toHaveAttribute(
				'href',
				'/s/ehc-journey?lang=ur'
			);
			await expect(r.getByRole('button', { name: 'سروے شروع کریں' })).toHaveCount(0);
			await expectNoAxeViolations(r);
		});
		await respondent.close();
	});

	test('without JavaScript, the language chosen on the link is kept with the answers from the start', async ({
		page,
		browser
	}) => {
		const [url] = await makeLinks(page, 1);
		const respondent = await browser.newContext({ javaScriptEnabled: false });
		const r = await respondent.newPage();
		await r.goto(url!);
		await r.getByRole('link', { name: 'Polski' }).click();
		await expectPageLanguage(r, 'pl', 'ltr');
		await expect(r.getByRole('heading', { level: 1 })).toHaveText('Twoje doświadczenia z procesem planu EHC');
		await r.getByRole('button', { name: 'Rozpocznij ankietę' }).click();
		await expect(r).toHaveURL(/\/q\/1\?lang=pl$/);
		await expectPageLanguage(r, 'pl', 'ltr');
		await expect(r.getByText('Strona 1 z 4')).toBeVisible();

		// nothing answered yet: the draft the link started already holds the language
		const code = await resumeCodeOf(r);
		await respondent.clearCookies();
		await r.goto('/s/ehc-journey');
		await r.getByLabel('Your code').fill(code);
		await r.getByRole('button', { name: 'Continue my survey' }).click();
		await expect(r).toHaveURL(/\/q\/1\?lang=pl$/);
		await expectPageLanguage(r, 'pl', 'ltr');
		await respondent.close();
	});
});

// Last in this file on purpose: the database counts unknown links per client address, and this run's
// server sees every test's browser at the one address (127.0.0.1), which stays blocked from invitation
// links for ten minutes after this test. No other file opens a link (tests/e2e/form-posts.spec.ts asks
// only for addresses refused before the database is asked).
test('after 20 unknown links from one connection, even a real link answers 429 with when to try again', async ({
	page,
	browser
}) => {
	const [url] = await makeLinks(page, 1);
	const respondent = await browser.newContext();
	const r = await respondent.newPage();
	// an unknown link answers 404 until the address is blocked (the 404 test above may already count)
	let status = 404;
	for (let i = 0; i < 21 && status === 404; i++) {
		const guess = `${'ABCDEFGHIJKLMNOPQRSTUV'[i]}${'x'.repeat(20)}${i % 10}`;
		status = (await r.goto(`/s/i/${guess}`))!.status();
	}
	expect(status).toBe(429);
	const refused = await r.goto(url!);
	expect(refused?.status()).toBe(429);
	// as the database said: Retry-After in seconds, up to 10 minutes
	expect(Number(await refused?.headerValue('retry-after'))).toBeGreaterThan(500);
	await expect(r.getByRole('heading', { level: 1 })).toHaveText('Please wait before trying again');
	await expect(
		r.getByText(/Too many tries from your connection\. Please try again in (10|9) minutes\./)
	).toBeVisible();
	await expectNoAxeViolations(r);
	await respondent.close();
});
