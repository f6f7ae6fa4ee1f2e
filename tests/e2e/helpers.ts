import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { DEMO_ACCOUNTS, type DemoRole } from '../../src/lib/server/demo/accounts';

/** WCAG 2.2 AA, as axe-core tests it. */
export async function expectNoAxeViolations(page: Page) {
	const results = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
		.analyze();
	const summary = results.violations.map(
		(v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`
	);
	expect(summary).toEqual([]);
}

export function account(role: DemoRole) {
	const a = DEMO_ACCOUNTS.find((x) => x.role === role);
	if (!a) throw new Error(`no demo account for ${role}`);
	return a;
}

export async function signIn(page: Page, role: DemoRole) {
	const a = account(role);
	await page.goto('/sign-in');
	await page.getByLabel('Email address').fill(a.email);
	await page.getByLabel('Password').fill(a.password);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page).toHaveURL(/\/dashboard/);
}

/** Presses Tab until the focused element matches, as a keyboard user moves through a page. */
export async function tabTo(
	page: Page,
	matches: (el: { name: string; value: string; type: string; tag: string }) => boolean,
	limit = 200
) {
	for (let i = 0; i < limit; i++) {
		await page.keyboard.press('Tab');
		const el = await page.evaluate(() => {
			const a = document.activeElement as HTMLInputElement | null;
			return {
				name: a?.name ?? '',
				value: a?.value ?? '',
				type: a?.type ?? '',
				tag: a?.tagName.toLowerCase() ?? ''
			};
		});
		if (matches(el)) return;
	}
	throw new Error('the element was never reached with Tab');
}

/** The number of responses the dashboard's waves table shows for a wave. */
export async function responsesShown(page: Page, waveSlug: string): Promise<number> {
	const text = await page.getByTestId(`wave-responses-${waveSlug}`).innerText();
	return Number(text.replace(/[^0-9]/g, ''));
}

/** The five agreement questions of the demo parent carer survey that need an answer. */
export const REQUIRED_EHC_QUESTIONS = [
	'fully_involved',
	'communication_good',
	'plan_reflects_needs',
	'outcomes_clear',
	'provision_meets_needs'
];

/** Answers whichever required question of the parent carer survey the page shows. */
export async function answerRequired(page: Page, value = 'agree') {
	for (const key of REQUIRED_EHC_QUESTIONS) {
		const radio = page.locator(`input[type="radio"][name="${key}"][value="${value}"]`);
		if ((await radio.count()) > 0) await radio.check();
	}
}

/**
 * Presses Continue (or the button that goes back to check your answers) and waits for the page it
 * posts to. (A page whose answer needs fixing comes back with it, whatever the address.)
 */
export async function continueTo(page: Page) {
	await Promise.all([
		page.waitForNavigation(),
		page.getByRole('button', { name: /^(Continue|Save and go back to your answers)$/ }).click()
	]);
}

/** The hidden fields a form carries (the answers of the other pages, among them), as a browser posts them. */
export async function hiddenFields(page: Page, form = 'form[method="post"]'): Promise<[string, string][]> {
	const pairs: [string, string][] = [];
	for (const input of await page.locator(`${form} input[type="hidden"]`).all()) {
		pairs.push([(await input.getAttribute('name')) ?? '', (await input.getAttribute('value')) ?? '']);
	}
	return pairs;
}

/**
 * Starts the parent carer survey (at `origin`, default the test server) and answers page after page,
 * each required question with `value`, until the check-your-answers page.
 */
export async function answerUntilCheck(page: Page, value = 'agree', origin = '') {
	await page.goto(`${origin}/s/ehc-journey`);
	await page.getByRole('button', { name: 'Start the survey' }).click();
	await expect(page).toHaveURL(/\/q\/1$/);
	for (let i = 0; i < 20 && !/\/check$/.test(page.url()); i++) {
		await answerRequired(page, value);
		await continueTo(page);
	}
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Check your answers');
}

/**
 * The parent carer survey from an address whose page has a "Start the survey" button (an invitation
 * link, say): every page, check your answers, send, the thank-you page.
 */
export async function completeSurveyFrom(page: Page, url: string, value = 'agree') {
	await page.goto(url);
	await page.getByRole('button', { name: 'Start the survey' }).click();
	await expect(page).toHaveURL(/\/q\/1$/);
	for (let i = 0; i < 20 && !/\/check$/.test(page.url()); i++) {
		await answerRequired(page, value);
		await continueTo(page);
	}
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Check your answers');
	await page.getByRole('button', { name: 'Send my answers' }).click();
	await expect(page).toHaveURL(/\/thanks$/);
}

/** The whole parent carer survey: every page, check your answers, send, the thank-you page. */
export async function completeSurvey(page: Page, value = 'agree', origin = '') {
	await answerUntilCheck(page, value, origin);
	await page.getByRole('button', { name: 'Send my answers' }).click();
	await expect(page).toHaveURL(/\/thanks$/);
}

/** The resume code a question page shows, as K7QP-2MXA. */
export async function resumeCodeOf(page: Page): Promise<string> {
	return (await page.locator('.resume-code').innerText()).trim();
}
