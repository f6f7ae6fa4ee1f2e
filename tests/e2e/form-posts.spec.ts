import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { signedInContext } from './helpers';

/** The survey's form endpoints answer a post that is not a form with 400 or 415, never 500. */
test('a JSON or other non-form post to the survey and draft endpoints is refused, never a 500', async ({
	request,
	baseURL
}) => {
	const origin = new URL(baseURL!).origin;
	const response = randomUUID();
	const targets = [
		`/s/ehc-journey/${response}`, // the page's script keeping the draft
		`/s/ehc-journey/${response}/q/1`, // a page of the survey
		`/s/ehc-journey/${response}/check`, // check your answers
		'/s/ehc-journey?/resume' // a resume code
	];
	for (const target of targets) {
		await test.step(target, async () => {
			const asJson = await request.post(target, {
				data: { answers: { fully_involved: 'agree' }, nav: 'continue' },
				headers: { origin },
				maxRedirects: 0
			});
			expect(asJson.status()).toBe(415);
			const asText = await request.post(target, {
				data: 'nav=continue',
				headers: { origin, 'content-type': 'text/plain' },
				maxRedirects: 0
			});
			expect(asText.status()).toBe(415);
			// a form's content type whose body is not that form
			const broken = await request.post(target, {
				data: 'not multipart at all',
				headers: { origin, 'content-type': 'multipart/form-data; boundary=xyz' },
				maxRedirects: 0
			});
			expect(broken.status()).toBe(400);
		});
	}
});

test('signed-in pages are never cached; the sign-in page neither', async ({ browser, request }) => {
	expect((await request.get('/sign-in')).headers()['cache-control']).toBe('no-store');
	const context = await signedInContext(browser, 'lead');
	for (const path of ['/dashboard', '/surveys', '/imports']) {
		const res = await context.request.get(path, { maxRedirects: 0 });
		expect(res.status(), path).toBe(200);
		expect(res.headers()['cache-control'], path).toBe('no-store');
	}
	await context.close();
});

/**
 * A NUL character (%00) cannot be kept by PostgreSQL (SQLSTATE 22021 in text, 22P05 in jsonb). Wherever
 * one arrives in what is sent, in a posted answer or a resume code, the answer is a 400 that says so in
 * plain words (or a message beside the field), never a 500, and nothing is written; in an address, the
 * page is not found.
 */
test.describe('a NUL character in what is sent', () => {
	const UNKEPT = /a character that cannot be kept/;
	const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
	/** a form posted by a browser without JavaScript (asking for the page, not an action's JSON) */
	const posting = (baseURL: string | undefined) => ({
		origin: new URL(baseURL!).origin,
		'content-type': 'application/x-www-form-urlencoded',
		accept: 'text/html'
	});
	const key = () => randomUUID().replaceAll('-', '');

	test('in an answer kept as a draft: 400, and no draft written', async ({ request, baseURL }) => {
		const headers = posting(baseURL);
		const response = randomUUID();
		const refusedKey = key();
		await test.step("the page's script keeping the draft", async () => {
			const res = await request.post(`/s/ehc-journey/${response}`, {
				data: form({ what_would_help: 'a\u0000b', from: '2', draft_key: refusedKey }),
				headers,
				maxRedirects: 0
			});
			expect(res.status()).toBe(400);
			expect(await res.text()).toMatch(UNKEPT);
		});
		await test.step('finish later (nav=later), in an answer and in a panel code', async () => {
			const cases: Record<string, string>[] = [{ what_would_help: 'a\u0000b' }, { panel_code: 'A\u0000B' }];
			for (const fields of cases) {
				const res = await request.post(`/s/ehc-journey/${response}/q/2`, {
					data: form({ ...fields, nav: 'later', from: '2', draft_key: refusedKey }),
					headers,
					maxRedirects: 0
				});
				expect(res.status(), JSON.stringify(fields)).toBe(400);
				expect(await res.text()).toMatch(UNKEPT);
			}
		});
		await test.step('nothing was kept: the response id takes a draft under another key', async () => {
			// had any of the refused posts kept a draft, it would be locked to refusedKey (409 locked)
			const res = await request.post(`/s/ehc-journey/${response}`, {
				data: form({ what_would_help: 'ab', from: '2', draft_key: key() }),
				headers,
				maxRedirects: 0
			});
			expect(res.status()).toBe(200);
			expect(await res.json()).toMatchObject({ saved: true });
		});
	});

	test('in a free-text answer on Continue: a message beside the field', async ({ request, baseURL }) => {
		const res = await request.post(`/s/ehc-journey/${randomUUID()}/q/2`, {
			data: form({ what_would_help: 'a\u0000b', nav: 'continue', from: '2', draft_key: key() }),
			headers: posting(baseURL),
			maxRedirects: 0
		});
		expect(res.status()).toBe(400);
		expect(await res.text()).toMatch(/id="q-what_would_help-error"[^]*a character that cannot be kept/);
	});

	test('in a resume code: 400 with the resume form', async ({ request, baseURL }) => {
		const res = await request.post('/s/ehc-journey?/resume', {
			data: form({ resume_code: '\u0000' }),
			headers: posting(baseURL),
			maxRedirects: 0
		});
		expect(res.status()).toBe(400);
		expect(await res.text()).toMatch(/We could not find answers with this code/);
	});

	// An address is a link that someone followed: one that holds a NUL is no page at all, and its answer
	// is the page that says so and what to do (ask for a new link), before the database is asked.
	test('in an address: 404, the page not found, never a 500', async ({ request }) => {
		const paths = [
			'/s/%00',
			'/s/i/%00',
			'/s/x%00/thanks',
			'/o/%00/figures',
			'/o/x%00/you-said-we-did',
			'/o/x%00/you-said-we-did.json',
			'/o/x%00/you-said-we-did.csv',
			'/o/x%00/you-said-we-did.atom',
			'/o/northbridge%00/figures.csv',
			'/o/x%00/figures/picture'
		];
		for (const path of paths) {
			const res = await request.get(path, { maxRedirects: 0, headers: { accept: 'text/html' } });
			expect.soft(res.status(), path).toBe(404);
			expect.soft(await res.text(), path).toMatch(/<h1>Page not found<\/h1>/);
		}
	});

	test('in a signed-in search: 400, and the staff page says to check what was entered, not to try later', async ({
		browser
	}) => {
		const context = await signedInContext(browser, 'lead');
		const res = await context.request.get('/feedback?q=%00', { maxRedirects: 0 });
		expect(res.status()).toBe(400);
		expect(await res.text()).toMatch(UNKEPT);
		const page = await context.newPage();
		await page.goto('/feedback?q=%00');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sorry, this could not be done');
		await expect(page.getByText('check what you entered')).toBeVisible();
		await expect(page.getByText('try again in a few minutes')).toHaveCount(0);
		await context.close();
	});
});
