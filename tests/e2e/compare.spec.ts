import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, signedInContext, signIn, useSession } from './helpers';

const VIEW = '/dashboard/compare?survey=ehc-journey&a=ehc-journey-baseline&b=ehc-journey-repeat-1';
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

test('a lead compares two waves side by side: summary, chart, table, Holm, and downloads', async ({
	page
}) => {
	await useSession(page, 'lead');
	await page.goto(VIEW);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Compare two waves');
	await expect(page.getByRole('link', { name: 'Compare two waves' })).toHaveAttribute('aria-current', 'page');
	const summary = page.getByTestId('compare-summary');
	await expect(summary).toContainText(/^From .+ to .+, of \d+ indicators compared: /);
	await expect(page.getByRole('img', { name: (await summary.textContent())!.trim() })).toBeVisible();
	const table = page.getByTestId('compare-table');
	await expect(table.getByRole('row')).not.toHaveCount(1);
	// never a percentage without its n
	for (const cell of await table.locator('tbody td:nth-child(3), tbody td:nth-child(5)').allInnerTexts())
		expect(cell).toMatch(/^(\d+% of [\d,]+ \(\d+%–\d+%\)( so far)?|\[c\]|.*(not asked|no answers).*)$/);
	await expect(table).toContainText(/(up|down) \d+ percentage points? \(between/);
	await expect(page.getByText(/comparisons? (was|were) made/)).toBeVisible();
	await expectNoAxeViolations(page);

	const query = new URL(page.url()).search.slice(1);
	const csv = await page.request.get(`/dashboard/compare/download?${query}&format=csv`);
	expect(csv.status()).toBe(200);
	expect(csv.headers()['content-type']).toContain('text/csv');
	const text = await csv.text();
	expect(text).toContain('A answered (n),A positive,A share (%)');
	expect(text).toContain('I felt fully involved in the EHC plan process');
	const svg = await page.request.get(`/dashboard/compare/download?${query}&format=svg`);
	expect(svg.headers()['content-type']).toContain('image/svg+xml');
	expect(await svg.text()).toMatch(/^<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
	const png = await page.request.get(`/dashboard/compare/download?${query}&format=png`);
	expect(png.headers()['content-type']).toBe('image/png');
	expect([...(await png.body()).subarray(0, 8)]).toEqual(PNG_SIGNATURE);
	// a download never swaps a filter that names nothing for another
	const wrongQuery = new URLSearchParams(query);
	wrongQuery.set('b', 'nonesuch');
	const wrong = await page.request.get(`/dashboard/compare/download?${wrongQuery}&format=csv`);
	expect(wrong.status()).toBe(404);

	// one indicator, with the open wave: figures so far, no verdict yet
	await page.goto(
		'/dashboard/compare?survey=ehc-journey&a=ehc-journey-baseline&b=ehc-journey-repeat-2&indicator=fully_involved'
	);
	await expect(page.getByTestId('compare-summary')).toContainText(
		/so far, until .+ so there is no verdict yet\.$/
	);
	await expect(page.getByTestId('compare-table').getByRole('row')).toHaveCount(2);
});

test('forum members compare under the disclosure rule, without JavaScript, at 320 px, with a clear message for a filter naming nothing', async ({
	browser
}) => {
	const context = await signedInContext(browser, 'forum', {
		javaScriptEnabled: false,
		viewport: { width: 320, height: 800 }
	});
	const page = await context.newPage();
	await page.goto(
		'/dashboard/compare?survey=ehc-journey&a=nonesuch&b=ehc-journey-repeat-1&indicator=nonesuch'
	);
	await expect(page.getByRole('status')).toContainText('has no wave “nonesuch”');
	await expect(page.getByRole('status')).toContainText(
		'has no indicator “nonesuch”: comparing every indicator instead'
	);
	// the form works without JavaScript: choose another wave B and compare
	await page.getByLabel('Wave B').selectOption('ehc-journey-repeat-2');
	await page.getByRole('button', { name: 'Compare' }).click();
	await expect(page).toHaveURL(/b=ehc-journey-repeat-2/);
	const table = page.getByTestId('compare-table');
	await expect(table.getByRole('row').nth(1)).toBeVisible();
	// figures as the rule publishes them: no staff "small number" warnings, a hidden figure is [c]
	await expect(page.getByText('small number', { exact: true })).toHaveCount(0);
	for (const cell of await table.locator('tbody td:nth-child(3), tbody td:nth-child(5)').allInnerTexts())
		expect(cell).toMatch(/^(\d+% of [\d,]+ \(\d+%–\d+%\)( so far)?|\[c\]|.*(not asked|no answers).*)$/);
	await expect(page.getByText('How small numbers are protected')).toBeVisible();
	// the chart fits the phone, and the page does not scroll sideways
	const box = await page.locator('figure.chart svg').boundingBox();
	expect(box!.width).toBeLessThanOrEqual(320);
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
	// another survey chosen without JavaScript: the form still sends the first survey's waves, which are
	// dropped for the new survey's own, with no message about waves it never had
	await page.getByLabel('Survey').selectOption('my-say');
	await page.getByRole('button', { name: 'Compare' }).click();
	await expect(page).toHaveURL(/survey=my-say/);
	expect(page.url()).not.toContain('ehc-journey');
	await expect(page.getByText(/has no (wave|indicator)/)).toHaveCount(0);
	await expect(page.getByLabel('Survey')).toHaveValue('my-say');
	await context.close();
});

test('the compare view passes axe for forum and scrutiny, and refuses downloads to anyone signed out', async ({
	page,
	browser
}) => {
	await useSession(page, 'forum');
	await page.goto(VIEW);
	await expect(page.getByTestId('compare-summary')).toBeVisible();
	await expectNoAxeViolations(page);
	const scrutiny = await browser.newContext();
	const councillor = await scrutiny.newPage();
	await signIn(councillor, 'scrutiny');
	await councillor.goto(VIEW);
	await expect(councillor.getByTestId('compare-summary')).toBeVisible();
	await expectNoAxeViolations(councillor);
	await scrutiny.close();
	const signedOut = await browser.newContext();
	const response = await signedOut.request.get(
		new URL('/dashboard/compare/download?survey=ehc-journey&format=csv', page.url()).toString()
	);
	expect(response.status()).toBe(401);
	await signedOut.close();
});

test('the trend and the overview download their pictures; the public figures page offers each chart’s', async ({
	browser
}) => {
	const context = await signedInContext(browser, 'lead', { javaScriptEnabled: false });
	const page = await context.newPage();
	await page.goto('/dashboard?survey=ehc-journey&indicator=communication_good');
	for (const format of ['csv', 'svg', 'png'] as const) {
		const href = await page
			.locator('section[aria-labelledby="trend-heading"] .downloads')
			.getByRole('link', { name: new RegExp(`\\(${format.toUpperCase()}\\)`) })
			.getAttribute('href');
		expect(href).toContain('indicator=communication_good');
		const response = await page.request.get(href!);
		expect(response.status()).toBe(200);
		const body = await response.body();
		if (format === 'csv') {
			expect(response.headers()['content-type']).toContain('text/csv');
			expect(body.toString()).toContain('Answered (n),Positive,Share (%)');
		} else if (format === 'svg') {
			expect(response.headers()['content-type']).toContain('image/svg+xml');
			expect(body.toString()).toMatch(/^<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
		} else {
			expect(response.headers()['content-type']).toBe('image/png');
			expect([...body.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
		}
	}

	await page.goto('/dashboard/overview');
	const overviewPng = await page.request.get(
		(await page.getByRole('link', { name: 'PNG', exact: true }).getAttribute('href'))!
	);
	expect(overviewPng.headers()['content-type']).toBe('image/png');
	expect([...(await overviewPng.body()).subarray(0, 8)]).toEqual(PNG_SIGNATURE);
	const overviewSvg = await page.request.get(
		(await page.getByRole('link', { name: 'SVG', exact: true }).getAttribute('href'))!
	);
	const svgText = await overviewSvg.text();
	expect(svgText).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
	expect(svgText).toContain('Overview of indicators');
	expect(svgText).toContain('Direction of travel');

	// publish an indicator, read its picture signed out, then stop publishing it
	await page.goto('/dashboard?survey=ehc-journey&indicator=outcomes_clear');
	await page.getByRole('button', { name: 'Publish this indicator' }).click();
	await expect(page.getByRole('button', { name: 'Stop publishing this indicator' })).toBeVisible();
	const visitor = await browser.newContext({ javaScriptEnabled: false });
	try {
		const publicPage = await visitor.newPage();
		await publicPage.goto('/o/northbridge/figures');
		const section = publicPage.locator('section').filter({ hasText: 'Download this chart' }).first();
		const png = await publicPage.request.get(
			(await section.getByRole('link', { name: 'picture (PNG)' }).getAttribute('href'))!
		);
		expect(png.status()).toBe(200);
		expect([...(await png.body()).subarray(0, 8)]).toEqual(PNG_SIGNATURE);
		const svg = await publicPage.request.get(
			(await section.getByRole('link', { name: 'picture (SVG)' }).getAttribute('href'))!
		);
		expect(await svg.text()).toMatch(/^<svg [^>]*role="img"/);
		const missing = await publicPage.request.get(
			'/o/northbridge/figures/picture?survey=ehc-journey&indicator=nonesuch&format=svg'
		);
		expect(missing.status()).toBe(404);
	} finally {
		await page.getByRole('button', { name: 'Stop publishing this indicator' }).click();
		await expect(page.getByRole('button', { name: 'Publish this indicator' })).toBeVisible();
		await visitor.close();
		await context.close();
	}
});
