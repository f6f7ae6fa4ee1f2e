import { expect, test } from '@playwright/test';
import { completeSurvey } from './helpers';

/**
 * No third-party requests, no tracking, no cookies: a respondent's whole visit, from the welcome page
 * to the thank-you page, asks only this server for anything, and leaves nothing in the browser.
 * Resuming needs no cookie either: the code, or the address, carries the draft.
 */
for (const javaScriptEnabled of [true, false]) {
	test.describe(javaScriptEnabled ? 'with JavaScript' : 'without JavaScript', () => {
		test.use({ javaScriptEnabled });

		test('answering a survey asks only this server and sets no cookie', async ({
			page,
			context,
			baseURL
		}) => {
			const origins = new Set<string>();
			page.on('request', (request) => {
				origins.add(new URL(request.url()).origin);
			});
			await completeSurvey(page);
			await expect(page.getByRole('heading', { name: /Thank you/ })).toBeVisible();
			expect([...origins]).toEqual([new URL(baseURL!).origin]);
			expect(await context.cookies()).toEqual([]);
			const stored = await page.evaluate(() => ({
				local: localStorage.length,
				session: sessionStorage.length
			}));
			expect(stored).toEqual({ local: 0, session: 0 });
		});
	});
}
