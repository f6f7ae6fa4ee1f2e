import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, signIn, signedInContext } from './helpers';

// axe-core needs JavaScript: pages checked without it are checked again with it, at the same address.

test('an admin picks the local authority and uploads figures without JavaScript; lead and forum read the view', async ({
	page: withScripts,
	browser
}) => {
	test.setTimeout(180_000); // three browsers, five form posts and axe four times, on busy cores
	const context = await browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	await signIn(page, 'admin');
	await page.goto('/settings');
	await page.getByRole('link', { name: 'Choose your local authority or upload your own figures' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Population figures');

	// nothing chosen: the message beside the field, nothing loaded
	await page.getByRole('button', { name: 'Load the DfE figures' }).click();
	await expect(page.locator('#la_code-error')).toContainText('Choose your local authority.');
	await expect(page).toHaveTitle(/^Error: /);

	await page.getByLabel('Local authority', { exact: true }).selectOption({ label: 'Hartlepool' });
	await page.getByLabel('January 2025').check();
	await page.getByRole('button', { name: 'Load the DfE figures' }).click();
	await expect(page.getByRole('status')).toContainText('Loaded DfE’s figures for Hartlepool, January 2025.');
	await expect(page.getByRole('table')).toContainText('EHC plans in Hartlepool');

	// an upload with bad rows: nothing loaded, each row named
	await page.getByLabel('CSV file of population figures').setInputFiles({
		name: 'ours.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from(
			'dimension,group,count,source,year\nsupport,total,100,Census,2025\nsupport,wizards,5,Census,2025\nsupport,ehcp,-4,Census,2025\nsupport,sen_support,120,Census,2025\n'
		)
	});
	await page.getByRole('button', { name: 'Upload the figures' }).click();
	const problems = page.getByRole('table', { name: /Problems in the file/ });
	await expect(problems).toContainText('negative');
	await expect(problems.getByRole('row')).toHaveCount(2); // header and row 3 (the file alone shows it)
	await page.getByLabel('CSV file of population figures').setInputFiles({
		name: 'ours.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from(
			'dimension,group,count,source,year\nsupport,total,100,Census,2025\nsupport,wizards,5,Census,2025\nsupport,sen_support,120,Census,2025\n'
		)
	});
	await page.getByRole('button', { name: 'Upload the figures' }).click();
	await expect(problems).toContainText('Unknown group “wizards”');
	await expect(problems).toContainText('more than its total of 100');
	await expect(page.getByRole('table', { name: /Population figures loaded/ })).not.toContainText('Uploaded');
	// and a good one
	await page.getByLabel('CSV file of population figures').setInputFiles({
		name: 'ours.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from(
			'dimension,group,count,source,year\nsupport,total,5000,Our census,2025\nsupport,sen_support,3900,Our census,2025\nsupport,EHC plan,1100,Our census,2025\n'
		)
	});
	await page.getByRole('button', { name: 'Upload the figures' }).click();
	await expect(page.getByRole('status')).toContainText('Loaded 3 rows from ours.csv.');
	await expect(page.getByRole('table', { name: /Population figures loaded/ })).toContainText('Our census');
	await context.close();

	await signIn(withScripts, 'admin');
	await withScripts.goto('/settings/population');
	await expectNoAxeViolations(withScripts);

	// the lead: exact figures, the source and year, a summary, a table and a download
	const lead = await (await signedInContext(browser, 'lead')).newPage();
	await lead.goto('/dashboard/representation');
	await expect(lead.getByRole('heading', { level: 1 })).toHaveText('Are we hearing from everyone?');
	await expect(lead.getByTestId('as-at')).toContainText('Figures as at');
	await expect(lead.getByTestId('as-at')).toContainText('Department for Education');
	await expect(lead.getByTestId('as-at')).toContainText('January 2025, Hartlepool');
	await expect(lead.getByTestId('response-rate')).toContainText(
		'children and young people with an EHC plan in Hartlepool'
	);
	await expect(lead.getByText('You see exact figures')).toBeVisible();
	const ethnicity = lead.getByRole('region', { name: 'Ethnic group' });
	await expect(ethnicity.getByTestId('summary-ethnicity')).not.toBeEmpty();
	await expect(ethnicity.getByRole('img')).toBeVisible();
	await expect(ethnicity.getByRole('table')).toContainText('Asian: Pakistani');
	// every wave of every survey (kind of respondent), each a link to its own view
	const overview = lead.getByRole('region', { name: 'Every wave and kind of respondent' });
	await expect(overview.getByRole('row')).not.toHaveCount(0);
	await expect(overview).toContainText('Parent carers');
	const href = await lead.getByRole('link', { name: 'Download these figures (CSV)' }).getAttribute('href');
	const csv = await lead.request.get(href!);
	expect(csv.status()).toBe(200);
	const text = await csv.text();
	expect(text).toContain('respondent_share');
	expect(text).toContain('Department for Education');
	const svgHref = await lead
		.getByRole('link', { name: 'Download the ethnic group chart (SVG)' })
		.getAttribute('href');
	const svg = await lead.request.get(svgHref!);
	expect(svg.headers()['content-type']).toContain('image/svg+xml');
	expect(await svg.text()).toContain('role="img"');
	// the same picture as a PNG made on the server, for papers and slides that take no SVG
	const png = await lead.request.get(svgHref!.replace('representation.svg', 'representation.png'));
	expect(png.headers()['content-type']).toBe('image/png');
	expect((await png.body()).subarray(1, 4).toString()).toBe('PNG');
	await expectNoAxeViolations(lead);

	// the uploaded figures, compared by support
	await lead
		.getByLabel('Compared with', { exact: true })
		.selectOption({ label: 'Your own: Our census, 2025' });
	await lead.getByRole('button', { name: 'Show' }).click();
	await expect(lead.getByTestId('as-at')).toContainText('Population: Our census, 2025');
	await expect(lead.getByRole('region', { name: 'Support in place' }).getByRole('table')).toContainText(
		'SEN support (no EHC plan)'
	);

	// a filter that names nothing: a message, not an error page
	const missing = await lead.goto('/dashboard/representation?survey=no-such-survey');
	expect(missing?.status()).toBe(200);
	await expect(lead.getByTestId('representation-problem')).toContainText(
		'There is no survey “no-such-survey”'
	);

	// readable on a phone: the chart fits 320 px
	await lead.setViewportSize({ width: 320, height: 800 });
	await lead.goto('/dashboard/representation');
	const box = await lead.getByRole('region', { name: 'Ethnic group' }).getByRole('img').boundingBox();
	expect(box!.width).toBeLessThanOrEqual(320);
	await lead.context().close();

	// the forum: the figures under the rule, without JavaScript too
	const forum = await (await signedInContext(browser, 'forum', { javaScriptEnabled: false })).newPage();
	await forum.goto('/dashboard/representation');
	await expect(forum.getByText('Small numbers are protected')).toBeVisible();
	await expect(forum.getByText('You see exact figures')).toHaveCount(0);
	await expect(forum.getByRole('region', { name: 'Ethnic group' }).getByRole('table')).toBeVisible();
	await forum.context().close();
	const forumScripts = await (await signedInContext(browser, 'forum')).newPage();
	await forumScripts.goto('/dashboard/representation');
	await expect(forumScripts.getByTestId('as-at')).toContainText('Hartlepool');
	await expectNoAxeViolations(forumScripts);
	await forumScripts.context().close();
});

test('population figures are for admins only', async ({ browser }) => {
	const page = await (await signedInContext(browser, 'lead')).newPage();
	const response = await page.goto('/settings/population');
	expect(response?.status()).toBe(403);
	await page.context().close();
});
