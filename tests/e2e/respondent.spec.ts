import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import {
	answerRequired,
	answerUntilCheck,
	continueTo,
	expectNoAxeViolations,
	REQUIRED_EHC_QUESTIONS,
	resumeCodeOf,
	tabTo
} from './helpers';

interface DemoSurvey {
	slug: string;
	title: string;
	audience: string;
	introduction: string[];
	privacyNotice: string[];
	questions: { prompt: string }[];
}

/** A survey of the demo data, as src/lib/server/demo/data/surveys.json gives it. */
function demoSurvey(slug: string): DemoSurvey {
	const file = fileURLToPath(new URL('../../src/lib/server/demo/data/surveys.json', import.meta.url));
	const survey = (JSON.parse(readFileSync(file, 'utf8')) as DemoSurvey[]).find((s) => s.slug === slug);
	if (!survey) throw new Error(`no demo survey ${slug}`);
	return survey;
}

async function start(page: Page, slug = 'ehc-journey') {
	await page.goto(`/s/${slug}`);
	await page.getByRole('button', { name: 'Start the survey' }).click();
	await expect(page).toHaveURL(/\/q\/1(\?easy=1)?$/);
}

/** No horizontal scrolling at 320 CSS pixels wide (WCAG 1.4.10 reflow). */
async function expectNoSideways(page: Page) {
	// measured once the page has loaded; a check that lands between two documents tries again
	await page.waitForLoadState('load');
	await expect
		.poll(() => page.evaluate(() => document.documentElement?.scrollWidth ?? Infinity).catch(() => Infinity))
		.toBeLessThanOrEqual(320);
}

test.describe('a parent carer answering the EHC plan survey', () => {
	test('answers with the keyboard alone, a page at a time', async ({ page }) => {
		// the whole survey by Tab, a key at a time: measured at 45 s
		// on two busy cores (load average about 20), so three times the default
		test.slow();
		await test.step('starts the survey from the welcome page with Tab and Enter', async () => {
			await page.goto('/s/ehc-journey');
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(
				'Your experience of the EHC plan process'
			);
			await tabTo(page, (el) => el.tag === 'button' && el.type === 'submit');
			await page.keyboard.press('Enter');
			await expect(page).toHaveURL(/\/q\/1$/);
			// the five statements about the plan share the first page
			await expect(page.getByText('Page 1 of 4')).toBeVisible();
		});

		await test.step('answers the five statements with Tab and the arrow keys', async () => {
			for (const key of REQUIRED_EHC_QUESTIONS) {
				// Tab reaches a radio group on its first option; an arrow key moves to and picks the next one.
				await tabTo(page, (el) => el.name === key);
				await page.keyboard.press('ArrowDown');
			}
			await tabTo(page, (el) => el.type === 'submit');
			await page.keyboard.press('Enter');
			await expect(page).toHaveURL(/\/q\/2$/);
		});

		await test.step('types an answer to the optional question and goes on to check your answers', async () => {
			await tabTo(page, (el) => el.name === 'what_would_help');
			await page.keyboard.type('Please answer emails within a week.');
			for (const n of [3, 4]) {
				await tabTo(page, (el) => el.type === 'submit');
				await page.keyboard.press('Enter');
				await expect(page).toHaveURL(new RegExp(`/q/${n}$`));
			}
			await tabTo(page, (el) => el.type === 'submit');
			await page.keyboard.press('Enter');
			await expect(page.getByRole('heading', { level: 1 })).toHaveText('Check your answers');
			await expect(page.getByText('Please answer emails within a week.')).toBeVisible();
		});

		await test.step('sends the answers with the keyboard and is thanked', async () => {
			await tabTo(page, (el) => el.type === 'submit' && el.value === 'send');
			await page.keyboard.press('Enter');

			await expect(page).toHaveURL(/\/s\/ehc-journey\/thanks$/);
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(
				'Thank you. Your answers have been sent.'
			);
			await expectNoAxeViolations(page);
		});
	});

	test('sees what to fix beside the field, with the summary focused and the answer kept', async ({
		page
	}) => {
		// three pages sent wrong and shown again, with axe on two: measured at 48 s
		// on two busy cores (load average about 20), so three times the default
		test.slow();
		const summary = page.getByRole('alert');
		await test.step('a page sent empty lists every required question, each also beside itself', async () => {
			await start(page);
			await page.getByRole('button', { name: 'Continue' }).click();

			await expect(summary.getByRole('heading')).toHaveText('There is a problem');
			await expect(summary).toBeFocused();
			await expect(page).toHaveTitle(/^Error: /);
			await expect(summary.getByRole('link')).toHaveCount(5);
			const group = page.getByRole('group', { name: /fully involved/ });
			await expect(group.getByText('Answer this question to continue.')).toBeVisible();
			await expectNoAxeViolations(page);
		});

		await test.step('the summary’s link takes the keyboard to the field, and what was answered is kept', async () => {
			await summary.getByRole('link').first().click();
			await expect(page.locator('#q-fully_involved')).toBeFocused();
			await page.locator('input[type="radio"][name="outcomes_clear"][value="agree"]').check();
			await page.getByRole('button', { name: 'Continue' }).click();
			await expect(page.getByRole('alert').getByRole('link')).toHaveCount(4);
			await expect(page.locator('input[type="radio"][name="outcomes_clear"][value="agree"]')).toBeChecked();
		});

		await test.step('an answer too long is refused with its length, and kept as typed', async () => {
			await answerRequired(page);
			await continueTo(page);
			await expect(page).toHaveURL(/\/q\/2$/);
			await page.getByLabel(/What one thing would have made/).fill('x'.repeat(1001));
			await page.getByRole('button', { name: 'Continue' }).click();
			await expect(page.getByRole('alert')).toBeFocused();
			await expect(
				page.getByRole('alert').getByRole('link', { name: /1,000 characters or fewer. It has 1,001/ })
			).toBeVisible();
			await expect(page.getByLabel(/What one thing would have made/)).toHaveValue('x'.repeat(1001));
			await expectNoAxeViolations(page);
		});
	});

	test('shows markup typed into an answer as text, never as markup', async ({ page }) => {
		const markup = '<script>window.pwned = 1</script><b>bold</b>';
		await start(page);
		for (let i = 0; i < 4; i++) {
			await answerRequired(page);
			if (i === 1) await page.getByLabel(/What one thing would have made/).fill(markup);
			await continueTo(page);
		}
		await expect(page).toHaveURL(/\/check$/);
		await expect(page.getByText(markup)).toBeVisible();
		await expect(page.locator('.answer b')).toHaveCount(0);
		expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
	});

	test('Back, and the browser back and forward buttons, keep the answers', async ({ page }) => {
		await start(page);
		await answerRequired(page);
		await page.locator('input[type="radio"][name="fully_involved"][value="disagree"]').check();
		await continueTo(page);
		await expect(page.getByText('Your answers are saved.')).toBeVisible();
		await page.locator('input[type="radio"][name="annual_review_on_time"][value="yes"]').check();
		await page.getByRole('button', { name: 'Back' }).click();
		await expect(page).toHaveURL(/\/q\/1$/);
		await expect(page.locator('input[type="radio"][name="fully_involved"][value="disagree"]')).toBeChecked();
		await expect(page.getByText('Your answers are saved.')).toBeVisible();

		// the browser's own buttons: each page shows the answers as they are now
		await page.goBack();
		await expect(page).toHaveURL(/\/q\/2$/);
		await expect(
			page.locator('input[type="radio"][name="annual_review_on_time"][value="yes"]')
		).toBeChecked();
		await page.goForward();
		await expect(page).toHaveURL(/\/q\/1$/);
		await expect(page.locator('input[type="radio"][name="fully_involved"][value="disagree"]')).toBeChecked();
	});

	test('changes an answer from check your answers', async ({ page }) => {
		await test.step('answers every page up to check your answers', async () => {
			await answerUntilCheck(page, 'agree');
			await expectNoAxeViolations(page);
		});
		const row = page.locator('.row').filter({ hasText: 'Communication with the SEND team was good' });
		await expect(row.locator('dd.answer')).toHaveText('Agree');
		await row.getByRole('button', { name: /Change/ }).click();
		await expect(page).toHaveURL(/\/q\/1\?change=1$/);
		await expect(page.locator('input[type="radio"][name="communication_good"][value="agree"]')).toBeChecked();
		await page.locator('input[type="radio"][name="communication_good"][value="strongly_disagree"]').check();
		await continueTo(page);
		await expect(page).toHaveURL(/\/check$/);
		await expect(row.locator('dd.answer')).toHaveText('Strongly disagree');
		await page.getByRole('button', { name: 'Send my answers' }).click();
		await expect(page).toHaveURL(/\/thanks$/);
	});

	test('resumes with the code in a new browser after closing the first mid-way', async ({ browser }) => {
		const code = await test.step('answers a page and a half in a first browser, and closes it', async () => {
			const first = await browser.newContext();
			const page = await first.newPage();
			await start(page);
			await answerRequired(page);
			await page.locator('input[type="radio"][name="fully_involved"][value="strongly_agree"]').check();
			await continueTo(page);
			// the script keeps the answers as the draft, and shows the code that finds them
			await expect(page.locator('.resume-code')).toBeVisible();
			const code = await resumeCodeOf(page);
			expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
			// answered but not sent on: saved as it was given
			const saved = page.waitForResponse(
				(r) => r.request().method() === 'POST' && /\/s\/ehc-journey\/[0-9a-f-]{36}$/.test(r.url()) && r.ok()
			);
			await page.locator('input[type="radio"][name="annual_review_on_time"][value="no"]').check();
			await saved;
			await first.close();
			return code;
		});

		const second = await browser.newContext();
		const again = await second.newPage();
		await again.goto('/s/ehc-journey');
		await again.getByLabel('Your code').fill(code.toLowerCase().replace('-', ' '));
		await again.getByRole('button', { name: 'Continue my survey' }).click();
		await expect(again).toHaveURL(/\/q\/2$/);
		await expect(
			again.locator('input[type="radio"][name="annual_review_on_time"][value="no"]')
		).toBeChecked();
		await again.getByRole('button', { name: 'Back' }).click();
		await expect(
			again.locator('input[type="radio"][name="fully_involved"][value="strongly_agree"]')
		).toBeChecked();
		await second.close();
	});

	test('the address of a survey under way opens no answers elsewhere; its code does, and the first tab then stops', async ({
		browser
	}) => {
		const first = await browser.newContext();
		const page = await first.newPage();
		await start(page);
		await answerRequired(page);
		await page.locator('input[type="radio"][name="fully_involved"][value="strongly_agree"]').check();
		await continueTo(page);
		await expect(page.getByText('Your answers are saved.')).toBeVisible();
		const address = page.url();
		const code = await resumeCodeOf(page);

		const locked = async (p: Page) => {
			await expect(p.getByRole('heading', { level: 1 })).toHaveText('Continue a survey you started');
			await expect(
				p.getByText('this page does not show them to someone who only has its address')
			).toBeVisible();
			await expect(p.locator('input[type="radio"]')).toHaveCount(0);
			await expect(p.getByText(code)).toHaveCount(0);
		};
		await test.step('a new tab of the same browser, as someone using the device next would open it', async () => {
			const tab = await first.newPage();
			await tab.goto(address);
			await locked(tab);
			await expectNoAxeViolations(tab);
			await tab.close();
		});
		await test.step('another browser, with and without JavaScript', async () => {
			for (const javaScriptEnabled of [true, false]) {
				const other = await browser.newContext({ javaScriptEnabled });
				const p = await other.newPage();
				await p.goto(address);
				await locked(p);
				// the address of the draft itself, and its check your answers
				await p.goto(address.replace(/\/q\/\d+.*$/, ''));
				await locked(p);
				await p.goto(address.replace(/\/q\/\d+.*$/, '/check'));
				await locked(p);
				await other.close();
			}
		});
		await test.step('in the first tab, a reload still shows the answers', async () => {
			await page.reload();
			await expect(page).toHaveURL(address);
			await expect(page.getByRole('heading', { level: 1 })).not.toHaveText('Continue a survey you started');
			await expect(page.getByText(code)).toBeVisible();
			await page.getByRole('button', { name: 'Back' }).click();
			await expect(
				page.locator('input[type="radio"][name="fully_involved"][value="strongly_agree"]')
			).toBeChecked();
		});
		await test.step('the code, typed on the page the address shows, opens the answers', async () => {
			const other = await browser.newContext({ javaScriptEnabled: false });
			const p = await other.newPage();
			await p.goto(address);
			await p.getByLabel('Your code').fill(code);
			await p.getByRole('button', { name: 'Continue my survey' }).click();
			// the page the first tab was last on
			await expect(p).toHaveURL(/\/q\/1$/);
			await expect(
				p.locator('input[type="radio"][name="fully_involved"][value="strongly_agree"]')
			).toBeChecked();
			await other.close();
		});
		await test.step('the first tab, whose key the code replaced, no longer opens them', async () => {
			await page.reload();
			await locked(page);
		});
		await first.close();
	});

	test('asks for a code to finish later, and the page says it is saved', async ({ page }) => {
		await start(page);
		await answerRequired(page);
		await page.getByRole('button', { name: 'Save my answers to finish later' }).click();
		await expect(page.getByRole('status')).toHaveText('Your answers so far are saved.');
		await expect(page).toHaveURL(/\/q\/1$/);
		expect(await resumeCodeOf(page)).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
		await expect(page.locator('input[type="radio"][name="fully_involved"][value="agree"]')).toBeChecked();
		await expectNoAxeViolations(page);
	});

	test('an unknown resume code is answered beside the field', async ({ page }) => {
		await page.goto('/s/ehc-journey');
		await page.getByLabel('Your code').fill('ZZZZ-ZZZZ-ZZZZ');
		await page.getByRole('button', { name: 'Continue my survey' }).click();
		await expect(page.getByRole('alert')).toBeFocused();
		await expect(page.locator('#resume_code-error')).toContainText(
			'We could not find answers with this code'
		);
		await expect(page.getByLabel('Your code')).toHaveValue('ZZZZ-ZZZZ-ZZZZ');
		await expectNoAxeViolations(page);
	});

	test('reads a question aloud where the browser can speak', async ({ page }) => {
		await page.addInitScript(() => {
			const said: string[] = [];
			(window as unknown as { said: string[] }).said = said;
			window.speechSynthesis.speak = (u: SpeechSynthesisUtterance) => void said.push(u.text);
		});
		await start(page);
		await expect(page.getByRole('button', { name: 'Read this question aloud' })).toHaveCount(5);
		await page.getByRole('button', { name: 'Read this question aloud' }).first().click();
		const said = await page.evaluate(() => (window as unknown as { said: string[] }).said);
		expect(said).toEqual([
			'I felt fully involved in the EHC plan process. The answers are: Strongly agree. Agree. Neither agree nor disagree. Disagree. Strongly disagree.'
		]);
	});

	test('every kind of page passes axe', async ({ page }) => {
		// axe on seven pages: measured at 110 s on two busy cores before axe was put in each page
		// once; three times the default is more than three times that
		test.slow();
		await test.step('the welcome page', async () => {
			await page.goto('/s/ehc-journey');
			await expectNoAxeViolations(page);
			await page.getByRole('button', { name: 'Start the survey' }).click();
		});
		// 1: five agreement statements; 2: yes, no or not sure, and free text; 3: who; 4: about you
		for (let n = 1; n <= 4; n++) {
			await test.step(`question page ${n}`, async () => {
				await expect(page).toHaveURL(new RegExp(`/q/${n}$`));
				await expectNoAxeViolations(page);
				if (n === 3) await expect(page.getByRole('group', { name: /Who is filling in/ })).toBeVisible();
				if (n === 4) {
					await expect(page.getByRole('heading', { name: /About you/ })).toBeVisible();
					await expect(page.getByLabel('Ethnic group')).toBeVisible();
				}
				await answerRequired(page);
				await continueTo(page);
			});
		}
		await test.step('check your answers, and the thank-you page', async () => {
			await expectNoAxeViolations(page);
			await page.getByRole('button', { name: 'Send my answers' }).click();
			await expectNoAxeViolations(page);
		});
	});

	test('works on a 320 pixel wide screen without sideways scrolling', async ({ page }) => {
		await page.setViewportSize({ width: 320, height: 640 });
		await page.goto('/s/ehc-journey');
		await expectNoSideways(page);
		await page.getByRole('button', { name: 'Start the survey' }).click();
		await expect(page).toHaveURL(/\/q\/1$/);
		for (let n = 1; n <= 4; n++) {
			await expectNoSideways(page);
			await answerRequired(page);
			await continueTo(page);
		}
		await expectNoSideways(page);
		await page.goto('/s/my-say');
		await page.getByRole('button', { name: 'Start the survey' }).click();
		await expectNoSideways(page);
	});
});

test.describe('easy read', () => {
	test('the switch keeps easy read on every page, with easy words to the end', async ({ page }) => {
		// the whole survey in easy read, with axe on two pages: measured at 47 s
		// on two busy cores (load average about 20), so three times the default
		test.slow();
		await test.step('switches to easy read on the welcome page', async () => {
			await page.goto('/s/ehc-journey');
			await page.getByRole('link', { name: 'Switch to easy read' }).click();
			await expect(page).toHaveURL(/easy=1/);
			await expectNoAxeViolations(page);
			await page.getByRole('button', { name: 'Start the survey' }).click();
		});

		await test.step('the first page asks in easy words', async () => {
			await expect(page).toHaveURL(/\/q\/1\?easy=1$/);
			const involved = page.getByRole('group', { name: /People asked what I think, and listened/ });
			await expect(involved).toBeVisible();
			await answerRequired(page, 'agree');
			await involved.getByLabel('Yes, a lot').check();
			await expectNoAxeViolations(page);
			await continueTo(page);
		});

		await test.step('every page after it stays in easy read, to check your answers and send', async () => {
			await expect(page).toHaveURL(/\/q\/2\?easy=1$/);
			for (let i = 2; i <= 4; i++) {
				const yes = page.getByRole('radio', { name: 'Yes', exact: true });
				if ((await yes.count()) > 0) await yes.check();
				await continueTo(page);
			}
			await expect(page).toHaveURL(/\/check\?easy=1$/);
			await expect(page.getByText('Yes, a lot')).toBeVisible();
			await page.getByRole('button', { name: 'Send my answers' }).click();
			await expect(page).toHaveURL(/\/thanks$/);
		});
	});

	test('the survey for children has faces, and passes axe', async ({ page }) => {
		await start(page, 'my-say');
		await expect(page.getByRole('radio', { name: 'Happy' })).toBeVisible();
		// OpenMoji's faces, decorative beside the words
		const faces = page.locator('.choices img[src^="/symbols/openmoji/"]');
		await expect(faces).toHaveCount(3);
		await expect(faces.first()).toHaveAttribute('src', '/symbols/openmoji/1F600.svg');
		await expect(faces.first()).toHaveAttribute('alt', '');
		await expectNoAxeViolations(page);
		await page.getByRole('radio', { name: 'Happy' }).check();
		await continueTo(page);
		await expect(page.getByText('Page 2 of 6')).toBeVisible();
	});
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('a respondent answers every page and sends the survey', async ({ page }) => {
		await start(page);
		await expect(page.getByRole('button', { name: 'Read this question aloud' })).toBeHidden();
		for (let n = 1; n <= 4; n++) {
			await answerRequired(page);
			if (n === 3) await page.getByRole('textbox', { name: /^Panel code/ }).fill('k7qp 2mxa');
			if (n === 4) await page.getByLabel('Stage of education').selectOption('secondary');
			await continueTo(page);
		}
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Check your answers');
		await expect(page.locator('.row').filter({ hasText: 'Stage of education' })).toContainText('Secondary');
		await page.getByRole('button', { name: 'Send my answers' }).click();
		await expect(page).toHaveURL(/\/s\/ehc-journey\/thanks$/);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(
			'Thank you. Your answers have been sent.'
		);
	});

	test('a bad answer comes back with a message and the answer kept', async ({ page }) => {
		await start(page);
		for (let n = 1; n <= 2; n++) {
			await answerRequired(page);
			await continueTo(page);
		}
		await page.locator('input[name="assistance"][value="helped"]').check();
		await page.getByRole('textbox', { name: /^Panel code/ }).fill('nope');
		await page.getByRole('button', { name: 'Continue' }).click();
		await expect(page.getByRole('heading', { name: 'There is a problem' })).toBeVisible();
		await expect(page.locator('#panel_code-error')).toContainText('A panel code is 8 letters and numbers');
		await expect(page.locator('input[type="radio"][name="assistance"][value="helped"]')).toBeChecked();
		await expect(page.getByRole('textbox', { name: /^Panel code/ })).toHaveValue('nope');
	});
});

test.describe('without JavaScript, finishing later', () => {
	test.use({ javaScriptEnabled: false });

	test('nothing is kept until asked; then the code finds the answers in another browser', async ({
		browser
	}) => {
		// the survey begun in one browser and finished in another: measured at 46 s
		// on two busy cores (load average about 20), so three times the default
		test.slow();
		const code =
			await test.step('going from page to page keeps nothing; asked, the answers are saved with a code', async () => {
				const first = await browser.newContext({ javaScriptEnabled: false });
				const page = await first.newPage();
				await start(page);
				// there is no code until the respondent asks
				await expect(page.locator('.resume-code')).toBeHidden();
				await answerRequired(page);
				await page.locator('input[type="radio"][name="outcomes_clear"][value="disagree"]').check();
				await continueTo(page);
				await page.getByLabel(/What one thing would have made/).fill('Fewer forms.');
				await page.getByRole('button', { name: 'Save my answers to finish later' }).click();
				await expect(page.getByRole('status')).toHaveText('Your answers so far are saved.');
				await expect(page).toHaveURL(/\/q\/2$/);
				await expect(page.getByLabel(/What one thing would have made/)).toHaveValue('Fewer forms.');
				const code = await resumeCodeOf(page);
				expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
				await first.close();
				return code;
			});

		await test.step('in another browser the code finds the answers, and sends them', async () => {
			const second = await browser.newContext({ javaScriptEnabled: false });
			const again = await second.newPage();
			await again.goto('/s/ehc-journey');
			await again.getByLabel('Your code').fill(code);
			await again.getByRole('button', { name: 'Continue my survey' }).click();
			await expect(again).toHaveURL(/\/q\/2$/);
			await expect(again.getByLabel(/What one thing would have made/)).toHaveValue('Fewer forms.');
			await again.getByRole('button', { name: 'Back' }).click();
			await expect(
				again.locator('input[type="radio"][name="outcomes_clear"][value="disagree"]')
			).toBeChecked();
			// sent from here, the answers given in the first browser are in the response
			for (let i = 0; i < 4; i++) await continueTo(again);
			await expect(
				again.locator('.row').filter({ hasText: 'The outcomes in the plan are clear' })
			).toContainText('Disagree');
			await expect(again.getByText(code)).toBeVisible();
			await again.getByRole('button', { name: 'Send my answers' }).click();
			await expect(again).toHaveURL(/\/thanks$/);
			await second.close();
		});
	});

	test('a page posted with nonsense keeps nothing, and Send refuses it with a message', async ({ page }) => {
		await start(page);
		const first = new URL(page.url());
		const base = first.pathname.replace(/\/q\/1$/, '');
		const post = (path: string, form: Record<string, string>) =>
			page.request.post(`${base}${path}`, {
				form,
				maxRedirects: 0,
				headers: { origin: first.origin, accept: 'text/html' }
			});
		// an unknown button, a page that does not exist, a field the survey does not have
		const odd = await post('/q/2', { nav: 'hack', from: 'x', shoe_size: '12', fully_involved: 'banana' });
		expect(odd.status()).toBe(200);
		expect(await odd.text()).not.toContain('shoe_size');
		// nothing was kept: the response id has no draft, so its address leads back to the start
		const kept = await page.request.get(base, { maxRedirects: 0 });
		expect(kept.headers()['location']).toBe('/s/ehc-journey?missing=1');
		// sent as it is, every answer is checked again: an answer not among the choices is refused
		const sent = await post('/check', { nav: 'send', fully_involved: 'banana' });
		expect(sent.status()).toBe(400);
		const html = await sent.text();
		expect(html).toContain('There is a problem');
		expect(html).toContain('Choose one of the answers given.');
	});

	test('switching to easy read half-way keeps the answers', async ({ page }) => {
		await start(page);
		await answerRequired(page, 'disagree');
		await page.getByRole('button', { name: 'Switch to easy read' }).click();
		await expect(page).toHaveURL(/\/q\/1\?easy=1$/);
		await expect(page.getByRole('group', { name: /People asked what I think/ })).toBeVisible();
		await expect(page.locator('input[type="radio"][name="fully_involved"][value="disagree"]')).toBeChecked();
	});
});

test.describe('surveys that cannot be answered', () => {
	test('an unknown survey is a 404 page', async ({ page }) => {
		const response = await page.goto('/s/no-such-survey');
		expect(response?.status()).toBe(404);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
		await expectNoAxeViolations(page);
	});

	test('a closed wave says so, and when it closed', async ({ page }) => {
		await page.goto('/s/ehc-journey-baseline');
		await expect(page.getByRole('heading', { name: 'This survey has closed' })).toBeVisible();
		await expect(page.getByText(/It closed on \d{1,2} [A-Z][a-z]+ \d{4}/)).toBeVisible();
		await expect(page.getByRole('button', { name: 'Start the survey' })).toHaveCount(0);
		await expectNoAxeViolations(page);
	});

	test('a wave not yet open says when it opens, and nothing more, in its page or its data', async ({
		page,
		request
	}) => {
		await page.goto('/s/settings-voice');
		await expect(page.getByRole('heading', { name: 'This survey is not open yet' })).toBeVisible();
		await expect(page.getByText(/It opens on \d{1,2} [A-Z][a-z]+ \d{4}/)).toBeVisible();
		await expectNoAxeViolations(page);

		// the builders' work in progress, which only they see before the survey opens (issue 12)
		const survey = demoSurvey('settings-voice');
		const unseen = [
			...survey.introduction,
			...survey.privacyNotice,
			...survey.questions.map((q) => q.prompt),
			survey.audience
		];
		for (const words of unseen) expect(await page.content()).not.toContain(words);
		// SvelteKit's data endpoint carries what the load returned, whether or not the page shows it
		for (const slug of ['settings-voice', 'settings-voice-baseline']) {
			const response = await request.get(`/s/${slug}/__data.json`);
			expect(response.status(), slug).toBe(200);
			const text = await response.text();
			expect(text, slug).toContain(survey.title);
			for (const words of [...unseen, 'closes_at', 'privacy_notice', 'introduction', '/q/1'])
				expect(text, `${slug}: ${words}`).not.toContain(words);
		}
	});

	test('an address with an unknown response id goes back to the start, saying why', async ({ page }) => {
		await page.goto('/s/ehc-journey/00000000-0000-4000-8000-000000000000/q/1');
		await expect(page).toHaveURL(/\/s\/ehc-journey\?missing=1$/);
		await expect(page.getByRole('heading', { name: 'We could not find those answers' })).toBeVisible();
	});
});
