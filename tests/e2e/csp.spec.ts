import { expect, test, type Page } from '@playwright/test';
import { useSession } from './helpers';

/**
 * The Content-Security-Policy allows no inline style ('unsafe-inline' is not in style-src): every page with
 * a chart, for respondents, the public and staff, loads and navigates with no style refused (Chromium
 * reports each refusal on the console), the charts keep their look from app.css, and SvelteKit's
 * announcer of client-side navigations, allowed by its hash alone, stays out of sight.
 */

const REFUSED = /Content Security Policy/i;

/** Every refusal the page reports from now on. */
function refusals(page: Page): string[] {
	const seen: string[] = [];
	page.on('console', (message) => {
		if (REFUSED.test(message.text())) seen.push(`${page.url()}: ${message.text()}`);
	});
	return seen;
}

async function styleSource(page: Page, path: string): Promise<string> {
	const response = await page.goto(path);
	const csp = response?.headers()['content-security-policy'] ?? '';
	return /style-src ([^;]*)/.exec(csp)?.[1] ?? '';
}

test('respondents and the public: no inline style allowed, and none refused', async ({ page }) => {
	test.setTimeout(90_000);
	const seen = refusals(page);
	const styleSrc = await styleSource(page, '/s/ehc-journey');
	expect(styleSrc).not.toContain('unsafe-inline');
	expect(styleSrc).toContain("'unsafe-hashes'");
	await page.getByRole('button', { name: /start/i }).first().click();
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	// an Urdu page takes its font's style sheet as a file, never as a <style> in the page
	for (const path of ['/s/ehc-journey?lang=ur', '/o/northbridge/figures', '/o/northbridge/you-said-we-did']) {
		await page.goto(path);
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	}
	expect(seen).toEqual([]);
});

test('an Urdu page’s font sheet is a style sheet that names its font; a font that is not one is not found', async ({
	page,
	request
}) => {
	await page.goto('/s/ehc-journey?lang=ur');
	const href = await page.locator('link[rel="stylesheet"][href^="/fonts/"]').getAttribute('href');
	expect(href).toMatch(/^\/fonts\/[a-z-]+\.css$/);
	const sheet = await request.get(href!);
	expect(sheet.status()).toBe(200);
	expect(sheet.headers()['content-type']).toContain('text/css');
	expect(await sheet.text()).toContain('@font-face');
	const missing = await request.get('/fonts/no-such-font.css');
	expect(missing.status()).toBe(404);
	expect(await missing.text()).not.toContain('@font-face');
});

test('every chart a lead sees is drawn with no style refused, and keeps its look', async ({ page }) => {
	test.setTimeout(150_000);
	await useSession(page, 'lead');
	const seen = refusals(page);
	expect(await styleSource(page, '/dashboard/overview')).not.toContain('unsafe-inline');
	const charts: [string, string][] = [
		['/dashboard?survey=ehc-journey&indicator=fully_involved', 'svg.trend-chart'],
		['/dashboard/equity?survey=ehc-journey&by=support', 'svg.equity-chart'],
		[
			'/dashboard/compare?survey=ehc-journey&a=ehc-journey-baseline&b=ehc-journey-repeat-1',
			'svg.compare-chart'
		],
		['/dashboard/distribution?survey=ehc-journey', 'svg.distribution-chart'],
		['/dashboard/reach?survey=ehc-journey', 'svg.reach-chart'],
		[
			'/dashboard/journeys?survey=ehc-journey&from=ehc-journey-baseline&to=ehc-journey-repeat-1',
			'svg.journey-chart'
		],
		['/impact', 'svg.flow-chart']
	];
	for (const [path, selector] of charts) {
		await page.goto(path);
		const chart = page.locator(selector).first();
		await expect(chart, path).toBeVisible();
		// the chart's text colour and size now come as attributes, its background and block layout from
		// app.css: the same look as when they were inline styles
		const look = await chart.evaluate((svg) => {
			const style = getComputedStyle(svg);
			return {
				background: style.backgroundColor,
				fontSize: style.fontSize,
				hasStyle: svg.hasAttribute('style')
			};
		});
		expect(look, path).toEqual({
			background: 'rgb(255, 255, 255)',
			fontSize: expect.stringMatching(/^1[24]px$/),
			hasStyle: false
		});
		expect(await page.locator('main style, main [style]').count(), path).toBe(0);
	}
	// once the page's script has started, SvelteKit adds its announcer of client-side navigations, whose
	// one style attribute the hash allows: it stays out of sight, and says where a navigation went
	await page.goto('/dashboard/overview');
	const announcer = page.locator('#svelte-announcer');
	await expect(announcer).toBeAttached();
	expect(await announcer.evaluate((element) => getComputedStyle(element).position)).toBe('absolute');
	await page.getByRole('navigation', { name: 'Dashboards' }).getByRole('link', { name: 'Reach' }).click();
	await expect(page).toHaveURL(/\/dashboard\/reach/);
	await expect(page.locator('svg.reach-chart')).toBeVisible();
	await expect(announcer).not.toBeEmpty();
	expect(await announcer.evaluate((element) => getComputedStyle(element).position)).toBe('absolute');
	expect(seen).toEqual([]);
});
