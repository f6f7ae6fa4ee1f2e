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
