import { expect, test, type Page } from '@playwright/test';
import { DEMO_ORGANISATION_NAME } from '../../src/lib/server/demo/accounts';
import { answerRequired, pressAndWait, useSession } from './helpers';

// The respondent's rough edges of issue 14, each as a respondent (or the officer previewing) would
// notice it: words that run off a phone's screen, boxes instead of Urdu letters, a page title that
// says the survey's name twice, grown-up safety words on the children's easy-read page, and a
// preview banner that stops short of the page's edge.

const SURVEY = 'Your experience of the EHC plan process';

/** The page scrolls sideways: its content is wider than the window (WCAG 1.4.10, reflow). */
async function sideways(page: Page) {
	await page.waitForLoadState('load');
	return page.evaluate(() => ({
		scroll: document.documentElement.scrollWidth,
		client: document.documentElement.clientWidth
	}));
}

test.describe('long words wrap on a narrow screen', () => {
	for (const width of [320, 390]) {
		test(`the Polish survey at ${width} px: no page scrolls sideways`, async ({ page }) => {
			await page.setViewportSize({ width, height: 800 });
			await page.goto('/s/ehc-journey?lang=pl');
			await pressAndWait(page, 'Rozpocznij ankietę');
			await expect(page).toHaveURL(/\/q\/1\?lang=pl$/);
			// the slash-joined word of the first question, on the page and wrapped
			await expect(page.getByText('zaangażowany/zaangażowana').first()).toBeVisible();
			for (let i = 0; i < 6 && !/\/check/.test(page.url()); i++) {
				const w = await sideways(page);
				expect(w.scroll, `${page.url()} is ${w.scroll} px wide in ${w.client} px`).toBeLessThanOrEqual(
					w.client
				);
				await answerRequired(page);
				await pressAndWait(page, 'Dalej');
			}
			await expect(page).toHaveURL(/\/check/);
			const w = await sideways(page);
			expect(w.scroll).toBeLessThanOrEqual(w.client);
		});
	}
});

test.describe('Urdu and Arabic are shown in a font that has their letters', () => {
	/** the fonts a page asks for, with the bytes each took on the wire */
	async function fontsOf(page: Page, url: string) {
		const fonts: { url: string; bytes: number }[] = [];
		const seen: Promise<void>[] = [];
		page.on('response', (r) => {
			if (r.request().resourceType() === 'font')
				seen.push(r.body().then((b) => void fonts.push({ url: r.url(), bytes: b.length })));
		});
		await page.goto(url);
		await page.evaluate(() => document.fonts.ready.then(() => undefined));
		await page.waitForLoadState('networkidle');
		await Promise.all(seen);
		return fonts;
	}

	test('an Urdu page loads Noto Nastaliq Urdu, one woff2 within the budget; others load no font', async ({
		page
	}) => {
		await test.step('the Urdu welcome page draws its letters in Noto Nastaliq Urdu', async () => {
			const fonts = await fontsOf(page, '/s/ehc-journey?lang=ur');
			expect(fonts).toHaveLength(1);
			expect(fonts[0]!.url).toMatch(/noto-nastaliq-urdu-arabic-400-normal.*\.woff2$/);
			// the budget: the one font, the Arabic letters at one weight, at most 170 KB (it is
			// cached after the first page, so every later page costs what it did before)
			expect(fonts[0]!.bytes).toBeLessThanOrEqual(170 * 1024);
			const drawn = await page.evaluate(() => document.fonts.check('16px "Noto Nastaliq Urdu"', 'اردو'));
			expect(drawn).toBe(true);
			const family = await page.locator('h1').evaluate((h) => getComputedStyle(h).fontFamily);
			expect(family).toContain('Noto Nastaliq Urdu');
		});
		await test.step('the English and Polish pages load no font at all', async () => {
			expect(await fontsOf(page, '/s/ehc-journey')).toEqual([]);
			expect(await fontsOf(page, '/s/ehc-journey?lang=pl')).toEqual([]);
			const family = await page.locator('h1').evaluate((h) => getComputedStyle(h).fontFamily);
			expect(family).not.toContain('Noto');
		});
	});
});

test.describe('page titles', () => {
	const ORG = DEMO_ORGANISATION_NAME;

	/** The title says the survey's name once, and ends with the page's survey and organisation. */
	async function expectTitle(page: Page, first: string | RegExp, survey: string) {
		const title = await page.title();
		expect(title.split(survey).length - 1, title).toBe(1);
		expect(title.endsWith(`${survey} – ${ORG}`), title).toBe(true);
		if (typeof first === 'string') expect(title.startsWith(`${first} – `), title).toBe(true);
		else expect(title).toMatch(first);
	}

	test('each page of the survey names the page, then the survey, then the organisation', async ({ page }) => {
		await test.step('in English: welcome, each page by its step and count, check your answers', async () => {
			await page.goto('/s/ehc-journey');
			await expect(page).toHaveTitle(`${SURVEY} – ${ORG}`);
			await pressAndWait(page, 'Start the survey');
			await expectTitle(page, 'Page 1 of 4', SURVEY);
			await answerRequired(page);
			await pressAndWait(page, 'Continue');
			await expectTitle(page, 'Page 2 of 4', SURVEY);
			await pressAndWait(page, 'Continue');
			await expectTitle(page, 'Who is answering (Page 3 of 4)', SURVEY);
			await pressAndWait(page, 'Continue');
			await expectTitle(page, /^About you/, SURVEY);
			await pressAndWait(page, 'Continue');
			await expectTitle(page, 'Check your answers', SURVEY);
		});
		await test.step('in Polish and in Urdu, with the survey’s translated name once', async () => {
			await page.goto('/s/ehc-journey?lang=pl');
			const polish = (await page.locator('h1').innerText()).trim();
			await pressAndWait(page, 'Rozpocznij ankietę');
			await expectTitle(page, 'Strona 1 z 4', polish);
			await page.goto('/s/ehc-journey?lang=ur');
			const urdu = (await page.locator('h1').innerText()).trim();
			await pressAndWait(page, 'سروے شروع کریں');
			await expectTitle(page, 'صفحہ 1 (کل 4)', urdu);
		});
		await test.step('a page of one question is named by its question', async () => {
			await page.goto('/s/my-say');
			await pressAndWait(page, 'Start the survey');
			await expect(page.locator('h1')).toContainText('Do adults at school listen to you?');
			await expectTitle(page, 'Do adults at school listen to you?', 'My say about school and college');
		});
	});
});

test('the children’s welcome page says what keeps them safe in easy read', async ({ page }) => {
	await page.goto('/s/my-say');
	const safety = page.getByTestId('safety');
	await expect(safety).toContainText('You do not have to tell us your name.');
	await expect(safety).toContainText('If you tell us someone is being hurt');
	// not the standard version's words
	await expect(safety).not.toContainText('When we may have to act');
	await expect(safety).not.toContainText('the person whose job is to keep people safe will read it');
	// the parent carer survey keeps its standard words, and has the easy ones on its easy-read path
	await page.goto('/s/ehc-journey');
	await expect(page.getByTestId('safety')).toContainText('When we may have to act');
	await page.goto('/s/ehc-journey?easy=1');
	await expect(page.getByTestId('safety')).toContainText('If you tell us someone is being hurt');
});

test('the preview banner spans the whole width of a wide screen', async ({ page }) => {
	await page.setViewportSize({ width: 1280, height: 800 });
	await useSession(page, 'officer');
	await page.goto('/s/ehc-journey?preview=1');
	const banner = page.getByText('Preview: answers are not saved');
	await expect(banner).toBeVisible();
	const box = await banner.evaluate((el) => {
		const b = (el.closest('p') ?? el).getBoundingClientRect();
		return { left: b.left, width: b.width, page: document.documentElement.clientWidth };
	});
	expect(box.left).toBe(0);
	expect(box.width).toBe(box.page);
});
