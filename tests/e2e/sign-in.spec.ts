import { expect, test } from '@playwright/test';
import { account, signedInContext } from './helpers';

// Each as it would be written in a link to /sign-in?redirectTo=…, aimed at another site.
const HOSTILE_TARGETS = [
	'/%09/evil.example',
	'/%0A/evil.example',
	'/%0D%0A/evil.example',
	'//evil.example',
	'/%5Cevil.example',
	'javascript:alert(1)'
];

test('the sign-in page never sends a signed-in member to another site, and never fails', async ({
	browser,
	baseURL
}) => {
	const context = await signedInContext(browser, 'lead');
	for (const target of HOSTILE_TARGETS) {
		await test.step(`redirectTo=${target}`, async () => {
			const response = await context.request.get(`/sign-in?redirectTo=${target}`, { maxRedirects: 0 });
			expect(response.status()).toBe(303);
			const location = response.headers()['location'] ?? '';
			expect(new URL(location, baseURL).origin).toBe(new URL(baseURL!).origin);
		});
	}
	await context.close();
});

test('signing in with a hostile redirectTo lands on the home of the role on this site', async ({
	browser,
	baseURL
}) => {
	// Without JavaScript, the browser itself follows the answer to the form's post.
	const context = await browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	const admin = account('admin');
	await page.goto('/sign-in');
	// The hidden field as a crafted page could post it: a tab the browser drops from the address.
	await page.locator('input[name="redirectTo"]').evaluate((el) => {
		(el as HTMLInputElement).value = '/\t/evil.example';
	});
	await page.getByLabel('Email address').fill(admin.email);
	await page.getByLabel('Password').fill(admin.password);
	await page.getByRole('button', { name: 'Sign in' }).click();
	// an admin's home: the overview of every indicator
	await expect(page).toHaveURL(`${new URL(baseURL!).origin}/dashboard/overview`);
	// the session's cookie: HttpOnly, SameSite=Lax, and gone after a week, not the 400 days
	// @supabase/ssr asks for
	const session = (await context.cookies()).filter((c) => c.name.includes('auth-token'));
	expect(session.length).toBeGreaterThan(0);
	for (const cookie of session) {
		expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
		const days = (cookie.expires - Date.now() / 1000) / 86400;
		expect(days).toBeGreaterThan(6.9);
		expect(days).toBeLessThanOrEqual(7.01);
	}
	await context.close();
});

test('after 10 wrong passwords for an address the form says to wait, with 429 and Retry-After', async ({
	page,
	request,
	baseURL
}) => {
	const email = `locked-out-${Date.now()}@northbridge.example`;
	const origin = new URL(baseURL!).origin;
	await test.step('10 wrong passwords are each answered as wrong', async () => {
		for (let i = 0; i < 10; i++) {
			const res = await request.post('/sign-in', {
				form: { email, password: `wrong-${i}`, redirectTo: '' },
				headers: { origin, accept: 'text/html' },
				maxRedirects: 0
			});
			expect(res.status()).toBe(400);
		}
	});
	await test.step('the 11th is refused before its password is checked, and says when to try again', async () => {
		const res = await request.post('/sign-in', {
			form: { email, password: 'anything', redirectTo: '' },
			headers: { origin, accept: 'text/html' },
			maxRedirects: 0
		});
		expect(res.status()).toBe(429);
		expect(Number(res.headers()['retry-after'])).toBeGreaterThan(800);

		await page.goto('/sign-in');
		await page.getByLabel('Email address').fill(email);
		await page.getByLabel('Password').fill('anything');
		await page.getByRole('button', { name: 'Sign in' }).click();
		await expect(
			page.getByText('Too many attempts to sign in. Wait 15 minutes and try again.').first()
		).toBeVisible();
	});
});
