import { randomUUID } from 'node:crypto';
import { expect, test, type Browser, type Page, type Route } from '@playwright/test';
import {
	answerRequired,
	expectNoAxeViolations,
	expectPageLanguage,
	pressAndWait,
	signedInContext,
	useSession
} from './helpers';

// Languages added and translated, surveys answered in them with axe on the way: the longest
// journeys of the suite. Each test that answers a whole survey says what it needs; the rest are
// given three times the default (measured at up to 97 s on two busy cores).
test.describe.configure({ timeout: 540_000 });

/**
 * axe-core on pages as a browser without JavaScript got them: axe needs JavaScript to run, so the
 * same HTML is shown again, from the same address with the same styles, in a page whose own
 * scripts are blocked. One such page, in a browser of its own, serves a whole test: `close` it at
 * the end.
 */
async function axeWithoutJs(browser: Browser) {
	const context = await browser.newContext({ javaScriptEnabled: true });
	const checker = await context.newPage();
	await checker.route(/\.js(\?|$)/, (route) => route.abort());
	return {
		check: async (page: Page) => {
			const html = await page.content();
			const url = page.url();
			const serve = (route: Route) => route.fulfill({ body: html, contentType: 'text/html' });
			await checker.route(url, serve);
			await checker.goto(url);
			await expectNoAxeViolations(checker);
			await checker.unroute(url, serve);
		},
		close: () => context.close()
	};
}

/** How many responses the survey's languages page counts for a language, as the lead reads it. */
async function responsesIn(browser: Browser, code: string): Promise<number> {
	const lead = await signedInContext(browser, 'lead');
	const page = await lead.newPage();
	await page.goto('/surveys');
	await page.getByRole('link', { name: 'Your experience of the EHC plan process' }).first().click();
	await page.getByRole('link', { name: 'Languages and translations' }).click();
	const text = await page.getByTestId(`language-responses-${code}`).innerText();
	await lead.close();
	return Number(text.replace(/[^0-9]/g, ''));
}

/**
 * The parent carer survey in a language: every question page, check your answers, send and thank
 * you, each page in the language and passing axe. `words` are the language's interface words.
 */
async function answerInLanguage(
	page: Page,
	axe: (page: Page) => Promise<void>,
	words: {
		continue: string;
		questionOne: string;
		firstQuestion: string;
		check: string;
		send: string;
		thanks: string;
	},
	lang: string,
	dir: 'ltr' | 'rtl'
) {
	await test.step(`answers every question page in ${lang}`, async () => {
		await expect(page).toHaveURL(/\/q\/1\?lang=/);
		await expectPageLanguage(page, lang, dir);
		await expect(page.getByText(words.questionOne)).toBeVisible();
		// the five statements about the plan share the first page
		await expect(page.getByRole('group', { name: words.firstQuestion })).toBeVisible();
		await axe(page);
		for (let i = 0; i < 20 && !/\/check/.test(page.url()); i++) {
			await expectPageLanguage(page, lang, dir);
			await expect(page.getByRole('button', { name: words.continue, exact: true })).toBeVisible();
			await answerRequired(page);
			await pressAndWait(page, words.continue);
			await axe(page);
		}
	});
	await test.step(`checks the answers and sends them, thanked in ${lang}`, async () => {
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(words.check);
		await expectPageLanguage(page, lang, dir);
		await expect(page.getByText(words.firstQuestion).first()).toBeVisible();
		await pressAndWait(page, words.send);
		await expect(page).toHaveURL(/\/thanks\?lang=/);
		await expectPageLanguage(page, lang, dir);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(words.thanks);
		await axe(page);
	});
}

const URDU = {
	continue: 'جاری رکھیں',
	questionOne: 'صفحہ 1 (کل 4)',
	firstQuestion: 'مجھے لگا کہ EHC پلان کے عمل میں مجھے پوری طرح شامل کیا گیا',
	check: 'اپنے جوابات چیک کریں',
	send: 'میرے جوابات بھیجیں',
	thanks: 'شکریہ۔ آپ کے جوابات بھیج دیے گئے ہیں۔'
};

const POLISH = {
	continue: 'Dalej',
	questionOne: 'Strona 1 z 4',
	firstQuestion: 'Czuję, że byłem/byłam w pełni zaangażowany/zaangażowana w proces planu EHC',
	check: 'Sprawdź swoje odpowiedzi',
	send: 'Wyślij moje odpowiedzi',
	thanks: 'Dziękujemy. Twoje odpowiedzi zostały wysłane.'
};

test.describe('survey staff adding a language', () => {
	test('add Arabic to a survey, translate some of it, and respondents see it right to left', async ({
		page
	}) => {
		await test.step('an officer opens the languages of the children’s survey', async () => {
			await useSession(page, 'officer');
			await page.goto('/surveys');
			await page.getByRole('link', { name: 'My say about school and college' }).first().click();
			await page.getByRole('link', { name: 'Languages and translations' }).click();
			await expect(page.getByRole('heading', { level: 1 })).toHaveText('Languages');
		});

		await test.step('another language without its details is told beside each field what is missing', async () => {
			await page.getByLabel('Language', { exact: true }).selectOption('other');
			await page.getByRole('button', { name: 'Add the language' }).click();
			await expect(page.getByRole('alert')).toContainText("Enter the language's code, like pl for Polish.");
			await expect(page.locator('#code-error')).toContainText("Enter the language's code");
			await expect(page.locator('#direction-error')).toContainText('Choose the direction');
		});

		await test.step('adds Arabic and translates the title and a question, right to left', async () => {
			await page.getByLabel('Language', { exact: true }).selectOption('ar');
			await page.getByRole('button', { name: 'Add the language' }).click();
			await expect(page).toHaveURL(/\/languages\/ar$/);
			await expect(page.getByRole('heading', { level: 1 })).toHaveText('Translate into العربية');
			await expect(page.getByText(/^0 of \d+ texts translated\.$/)).toBeVisible();

			// each text beside its English, marked while it is not translated
			await expect(page.locator('#t-title')).toHaveAccessibleName('Title Not translated yet');
			await expect(page.locator('#t-title-english')).toHaveText('English: My say about school and college');
			await page.locator('#t-title').fill('رأيي في المدرسة والكلية');
			await page.locator('#t-q-feel_listened_to-prompt').fill('هل يستمع إليك الكبار في المدرسة؟');
			await expect(page.locator('#t-title')).toHaveAttribute('dir', 'rtl');
			await expect(page.locator('#t-title')).toHaveAttribute('lang', 'ar');
			await page.getByRole('button', { name: 'Save the translations' }).click();

			await expect(page).toHaveURL(/\/languages$/);
			await expect(page.getByRole('status')).toContainText('Translations into العربية saved: 2 of');
			const row = page.getByRole('row', { name: /العربية/ });
			await expect(row).toContainText('Right to left');
			await expect(row).toContainText('missing');
		});

		await test.step('a respondent chooses it on the welcome page, in its own name, and reads right to left', async () => {
			await page.context().clearCookies();
			await page.goto('/s/my-say');
			await page.getByRole('link', { name: 'العربية' }).click();
			await expectPageLanguage(page, 'ar', 'rtl');
			await expect(page.getByRole('heading', { level: 1 })).toHaveText('رأيي في المدرسة والكلية');
			// not translated: the introduction stays in English, marked as English
			await expect(page.getByText('This is about you.')).toHaveAttribute('lang', 'en-GB');
			await page.getByRole('button', { name: 'ابدأ الاستبيان' }).click();
			await expect(page.getByRole('heading', { level: 1 })).toContainText('هل يستمع إليك الكبار في المدرسة؟');
			// the interface words come from the app's Arabic catalogue
			await expect(page.getByRole('button', { name: 'متابعة', exact: true })).toBeVisible();
			await expect(page.getByText('الصفحة 1 من')).toBeVisible();
			await expectNoAxeViolations(page);
		});
	});

	test('a translation too long is refused beside its field, without JavaScript too', async ({ browser }) => {
		const context = await signedInContext(browser, 'lead', { javaScriptEnabled: false });
		const page = await context.newPage();
		await page.goto('/surveys');
		await page.getByRole('link', { name: 'Your experience of the EHC plan process' }).first().click();
		await page.getByRole('link', { name: 'Languages and translations' }).click();
		await page.getByRole('link', { name: 'Translate into Polski' }).click();
		await expect(page.getByText(/^(\d+) of \1 texts translated\.$/)).toBeVisible();
		await page.locator('#t-title').fill('x'.repeat(201));
		await page.getByRole('button', { name: 'Save the translations' }).click();
		await expect(page.locator('#t-title-error')).toContainText(
			'Keep the translation to 200 characters or fewer.'
		);
		await expect(page.getByRole('alert')).toContainText('Title: Keep the translation to 200 characters');
		await context.close();
	});
});

test.describe("a language's about-you texts, name and direction", () => {
	test('the translation page lists the about-you questions and answers; the name and direction are changed, errors beside their fields', async ({
		page,
		browser
	}) => {
		let address = '';
		await test.step('an officer adds Punjabi in Shahmukhi by mistake as left to right, under its English name', async () => {
			await useSession(page, 'officer');
			await page.goto('/surveys');
			await page.getByRole('link', { name: 'My say about school and college' }).first().click();
			await page.getByRole('link', { name: 'Languages and translations' }).click();
			await page.getByLabel('Language', { exact: true }).selectOption('other');
			await page.getByLabel('Code', { exact: true }).fill('pa-PK');
			await page.getByLabel('Its own name').fill('Punjabi');
			await page.getByLabel('Left to right, like English').check();
			await page.getByRole('button', { name: 'Add the language' }).click();
			await expect(page).toHaveURL(/\/languages\/pa-PK$/);
			address = page.url();
		});

		await test.step('the about-you questions and their answers are listed, each beside its English', async () => {
			await expect(
				page.getByRole('heading', { level: 2, name: 'About you: Stage of education' })
			).toBeVisible();
			await expect(page.locator('#t-about-phase-prompt')).toHaveAccessibleName(
				'About-you question “Stage of education” Not translated yet'
			);
			await expect(page.locator('#t-about-phase-prompt-english')).toHaveText('English: Stage of education');
			await expect(page.locator('#t-about-phase-primary-label')).toHaveAccessibleName(
				'Answer “Primary school” of about-you question “Stage of education” Not translated yet'
			);
			await expect(page.locator('#t-about-ethnicity-prefer_not_to_say-label-english')).toHaveText(
				'English: Prefer not to say'
			);
		});

		const details = page.getByRole('region', { name: 'Name and direction' });
		await test.step('the name and direction, as added; a name left out is answered beside the field', async () => {
			await expect(details.getByLabel('Its own name')).toHaveValue('Punjabi');
			await expect(details.getByLabel('Left to right, like English')).toBeChecked();
			await details.getByLabel('Its own name').fill(' ');
			await details.getByRole('button', { name: 'Save the name and direction' }).click();
			await expect(page.locator('#name-error')).toContainText(
				"Enter the language's name as its speakers write it, like Polski."
			);
			await expect(page.getByRole('alert')).toContainText('Name: Enter the language');
			await expectNoAxeViolations(page);
		});

		await test.step('the officer puts its own name and right to left', async () => {
			await details.getByLabel('Its own name').fill('پنجابی');
			await details.getByLabel('Right to left, like Arabic and Urdu').check();
			await details.getByRole('button', { name: 'Save the name and direction' }).click();
			await expect(page).toHaveURL(/\/languages$/);
			await expect(page.getByRole('status')).toContainText('پنجابی (pa-PK) saved: written right to left.');
			const row = page.getByRole('row', { name: /پنجابی/ });
			await expect(row).toContainText('Right to left');
			await expect(row.locator('span[lang="pa-PK"]')).toHaveAttribute('dir', 'rtl');
		});

		await test.step('without JavaScript, the server answers a name too long beside the field, and keeps the name', async () => {
			const context = await signedInContext(browser, 'officer', { javaScriptEnabled: false });
			const plain = await context.newPage();
			await plain.goto(address);
			await expect(plain.getByLabel('Its own name')).toHaveValue('پنجابی');
			await expect(plain.getByLabel('Right to left, like Arabic and Urdu')).toBeChecked();
			await plain.getByLabel('Its own name').fill('ਪ'.repeat(61));
			await plain.getByRole('button', { name: 'Save the name and direction' }).click();
			await expect(plain.locator('#name-error')).toContainText('Keep the name to 60 characters or fewer.');
			await expect(plain.getByRole('alert')).toContainText('Name: Keep the name to 60 characters or fewer.');
			await plain.goto(address);
			await expect(plain.getByRole('heading', { level: 1 })).toHaveText('Translate into پنجابی');
			await context.close();
		});
	});
});

test.describe('a parent carer answering in Urdu', () => {
	test('chooses Urdu on the welcome page and answers every page right to left, passing axe', async ({
		page,
		browser
	}) => {
		// the whole survey with axe on every page: measured at 125 s on two busy cores when it also
		// signed in twice and ran axe the slow way; at least three times what it may take now
		test.setTimeout(600_000);
		const before = await test.step('the lead reads how many answered in Urdu', () =>
			responsesIn(browser, 'ur'));

		await test.step('the parent carer chooses Urdu on the welcome page, laid out right to left', async () => {
			await page.goto('/s/ehc-journey');
			const nav = page.getByRole('navigation', { name: 'Choose a language' });
			await expect(nav.getByRole('link', { name: 'Polski' })).toHaveAttribute('lang', 'pl');
			await expect(nav.getByRole('link', { name: 'اردو' })).toHaveAttribute('dir', 'rtl');
			await nav.getByRole('link', { name: 'اردو' }).click();

			await expectPageLanguage(page, 'ur', 'rtl');
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(
				'EHC پلان کے عمل کے بارے میں آپ کا تجربہ'
			);
			await expect(page.getByRole('navigation', { name: 'زبان منتخب کریں' })).toBeVisible();
			// laid out right to left: the start button sits at the right of the page
			const box = (await page.getByRole('button', { name: 'سروے شروع کریں' }).boundingBox())!;
			expect(box.x + box.width).toBeGreaterThan((page.viewportSize()!.width * 2) / 3);
			await expectNoAxeViolations(page);
			await page.getByRole('button', { name: 'سروے شروع کریں' }).click();
		});

		await answerInLanguage(page, expectNoAxeViolations, URDU, 'ur', 'rtl');
		await test.step('the lead sees one more answer in Urdu', async () => {
			expect(await responsesIn(browser, 'ur')).toBe(before + 1);
		});
	});

	test('the error for a question left out is in Urdu', async ({ page }) => {
		await page.goto('/s/ehc-journey?lang=ur');
		await page.getByRole('button', { name: 'سروے شروع کریں' }).click();
		await pressAndWait(page, URDU.continue);
		await expect(page.getByRole('alert')).toContainText('ایک مسئلہ ہے');
		await expect(page.locator('#q-fully_involved-error')).toContainText(
			'آگے بڑھنے کے لیے اس سوال کا جواب دیں۔'
		);
		await expectPageLanguage(page, 'ur', 'rtl');
		await expectNoAxeViolations(page);
	});
});

test.describe('a page that cannot be shown', () => {
	test('is in Urdu, right to left, when the survey was being answered in Urdu', async ({ page }) => {
		await page.goto('/s/ehc-journey?lang=ur');
		await page.getByRole('button', { name: 'سروے شروع کریں' }).click();
		await expect(page).toHaveURL(/\/q\/1\?lang=ur$/);
		const response = await page.goto(page.url().replace('/q/1?', '/q/99?'));
		expect(response?.status()).toBe(404);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('صفحہ نہیں ملا');
		await expect(page).toHaveTitle('صفحہ نہیں ملا – اپنی رائے دیں');
		await expectPageLanguage(page, 'ur', 'rtl');
		for (const part of ['main', 'header', 'footer']) {
			await expect(page.locator(part)).toHaveAttribute('lang', 'ur');
			await expect(page.locator(part)).toHaveAttribute('dir', 'rtl');
		}
		await expect(page.getByRole('link', { name: 'ہوم پیج پر جائیں' })).toBeVisible();
		await expectNoAxeViolations(page);
	});

	test('says in Polish why what was sent was refused, and passes axe', async ({ page, request, baseURL }) => {
		// a NUL character in an answer kept to finish later: the database cannot keep it (400)
		const address = `/s/ehc-journey/${randomUUID()}/q/2?lang=pl`;
		const refused = await request.post(address, {
			form: {
				what_would_help: 'a\u0000b',
				nav: 'later',
				from: '2',
				draft_key: randomUUID().replaceAll('-', '')
			},
			headers: { origin: new URL(baseURL!).origin, accept: 'text/html' },
			maxRedirects: 0
		});
		expect(refused.status()).toBe(400);
		const html = await refused.text();
		// shown again from the same address, where its styles are, and read as a respondent would
		await page.route(`**${address}`, (route) => route.fulfill({ body: html, contentType: 'text/html' }));
		await page.goto(address);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Niestety nie udało się tego zrobić');
		await expect(page.locator('main')).toContainText('zawiera znak, którego nie można zapisać');
		await expect(page.locator('main')).toHaveAttribute('lang', 'pl');
		await expect(page.locator('main')).not.toContainText('cannot be kept');
		await expectNoAxeViolations(page);
	});
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('a parent carer chooses Polish, answers the whole survey in it and it is recorded in Polish', async ({
		page,
		browser
	}) => {
		// the whole survey with axe on every page, each shown again in a second browser: over 180 s
		// on two busy cores when it also signed in twice and opened a browser for each page; at
		// least three times what it may take now
		test.setTimeout(600_000);
		const axe = await axeWithoutJs(browser);
		const before = await test.step('the lead reads how many answered in Polish', () =>
			responsesIn(browser, 'pl'));

		await test.step('the parent carer chooses Polish on the welcome page', async () => {
			await page.goto('/s/ehc-journey');
			await page.getByRole('link', { name: 'Polski' }).click();
			await expectPageLanguage(page, 'pl', 'ltr');
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(
				'Twoje doświadczenia z procesem planu EHC'
			);
			await axe.check(page);
			await page.getByRole('button', { name: 'Rozpocznij ankietę' }).click();
		});

		await test.step('a required question left out: the error in Polish, beside the question', async () => {
			await pressAndWait(page, POLISH.continue);
			await expect(page.locator('#q-fully_involved-error')).toContainText(
				'Odpowiedz na to pytanie, aby przejść dalej.'
			);
			await axe.check(page);
			await answerRequired(page);
			await pressAndWait(page, POLISH.continue);
			await pressAndWait(page, 'Wstecz');
		});

		await answerInLanguage(page, axe.check, POLISH, 'pl', 'ltr');
		await axe.close();
		await test.step('the lead sees one more answer in Polish', async () => {
			expect(await responsesIn(browser, 'pl')).toBe(before + 1);
		});
	});

	test('the about-you questions and their answers are in Polish, on their page and on check your answers', async ({
		page,
		browser
	}) => {
		const phase = page.getByLabel('Etap edukacji');
		await test.step('the parent carer answers in Polish up to the about-you page', async () => {
			await page.goto('/s/ehc-journey?lang=pl');
			await page.getByRole('button', { name: 'Rozpocznij ankietę' }).click();
			for (
				let i = 0;
				i < 20 && !/O Tobie/.test(await page.getByRole('heading', { level: 1 }).innerText());
				i++
			) {
				await answerRequired(page);
				await pressAndWait(page, POLISH.continue);
			}
		});

		await test.step('the about-you questions and every answer are in Polish', async () => {
			await expectPageLanguage(page, 'pl', 'ltr');
			await expect(page.getByRole('heading', { level: 1 })).toContainText('O Tobie');
			await expect(phase.locator('option')).toContainText([
				'Bez odpowiedzi',
				'Wczesne dzieciństwo (poniżej 5 lat)',
				'Szkoła podstawowa',
				'Szkoła średnia',
				'Po 16. roku życia (16–25 lat)',
				'Wolę nie mówić'
			]);
			await expect(
				page.getByLabel('Okolica').locator('option', { hasText: 'Centralne Northbridge' })
			).toHaveCount(1);
			await expect(
				page.getByLabel('Grupa etniczna').locator('option', { hasText: 'Białe: romskie' })
			).toHaveCount(1);
			// all of it translated: nothing on the page is marked as English
			await expect(page.locator('main [lang="en-GB"]')).toHaveCount(0);
			const axe = await axeWithoutJs(browser);
			await axe.check(page);
			await axe.close();
		});

		await test.step('the answers chosen are in Polish on check your answers', async () => {
			await phase.selectOption({ label: 'Szkoła podstawowa' });
			await page.getByLabel('Płeć').selectOption({ label: 'Wolę nie mówić' });
			await pressAndWait(page, POLISH.continue);
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(POLISH.check);
			await expect(page.locator('.row', { hasText: 'Etap edukacji' })).toContainText('Szkoła podstawowa');
			await expect(page.locator('.row', { hasText: 'Płeć' })).toContainText('Wolę nie mówić');
			await expect(page.locator('dt[lang="en-GB"]')).toHaveCount(0);
		});
	});

	test('the language is kept with the answers: a resume code brings the respondent back in Polish', async ({
		page
	}) => {
		const code =
			await test.step('the parent carer answers a page in Polish and asks for a code', async () => {
				await page.goto('/s/ehc-journey?lang=pl');
				await page.getByRole('button', { name: 'Rozpocznij ankietę' }).click();
				await answerRequired(page);
				await pressAndWait(page, POLISH.continue);
				// without JavaScript, nothing is kept until the respondent asks
				await pressAndWait(page, 'Zapisz moje odpowiedzi, aby dokończyć później');
				await expect(page.getByRole('status')).toHaveText('Twoje dotychczasowe odpowiedzi są zapisane.');
				return (await page.locator('.resume-code').innerText()).trim();
			});

		await test.step('in a browser that kept nothing, the code comes back in Polish', async () => {
			await page.context().clearCookies();
			await page.goto('/s/ehc-journey');
			await page.getByLabel('Your code').fill(code);
			await page.getByRole('button', { name: 'Continue my survey' }).click();
			await expect(page).toHaveURL(/\/q\/2\?lang=pl$/);
			await expectPageLanguage(page, 'pl', 'ltr');
			await expect(page.getByText('Strona 2 z 4')).toBeVisible();
		});
	});
});
