import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, signIn, signedInContext } from './helpers';

// axe-core needs JavaScript: the page is checked with it, after the download without it.

test('an admin downloads the organisation backup without JavaScript; a lead may not', async ({
	page: withScripts,
	browser
}) => {
	test.setTimeout(180_000); // two browsers, a sign-in, a download of every demo row and axe, on busy cores
	const context = await browser.newContext({ javaScriptEnabled: false, acceptDownloads: true });
	const page = await context.newPage();
	await signIn(page, 'admin');
	await page.goto('/settings');
	await page.getByRole('link', { name: 'Download a backup' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Backup');

	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: 'Download the backup' }).click()
	]);
	expect(download.suggestedFilename()).toMatch(/^northbridge-backup-\d{4}-\d{2}-\d{2}\.json$/);
	const backup = JSON.parse(await readFile((await download.path())!, 'utf8')) as {
		organisation: { slug: string };
		checksum: string;
		tables: Record<string, unknown[]>;
	};
	expect(backup.organisation.slug).toBe('northbridge');
	expect(backup.checksum).toMatch(/^sha256:[0-9a-f]{64}$/);
	expect(backup.tables.responses!.length).toBeGreaterThan(100);
	await context.close();

	// the download is in the audit log, in words
	await signIn(withScripts, 'admin');
	await withScripts.goto('/audit');
	await expect(withScripts.getByRole('main')).toContainText('Downloaded a backup of the organisation');
	await withScripts.goto('/settings/backup');
	await expectNoAxeViolations(withScripts);

	const lead = await signedInContext(browser, 'lead');
	const leadPage = await lead.newPage();
	const refused = await leadPage.goto('/settings/backup');
	expect(refused?.status()).toBe(403);
	const post = await leadPage.request.post('/settings/backup/download', {
		headers: { origin: new URL(leadPage.url()).origin },
		form: {}
	});
	expect(post.status()).toBe(403);
	await lead.close();
});
