import { expect, test } from '@playwright/test';

test('GET /healthz reports the database mode and the applied migration', async ({ request }) => {
	const res = await request.get('/healthz');
	expect(res.status()).toBe(200);
	const body = await res.json();
	expect(body).toMatchObject({ status: 'ok', database: 'embedded' });
	expect(body.migration).toMatch(/^\d{14}$/);
});

test('the home and sign-in pages pass axe', async ({ page }) => {
	const { expectNoAxeViolations } = await import('./helpers');
	await page.goto('/');
	await expectNoAxeViolations(page);
	await page.goto('/sign-in');
	await expectNoAxeViolations(page);
});
