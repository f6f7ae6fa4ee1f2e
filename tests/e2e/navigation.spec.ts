import { expect, test } from '@playwright/test';
import { signIn, signedInContext } from './helpers';

// The staff navigation shows each role only what it can use (a link that only refuses is noise).
test('the forum is not offered "Add responses" nor "Decisions"; an officer is', async ({ browser }) => {
	const links = async (role: 'forum' | 'officer') => {
		const context = await signedInContext(browser, role);
		const page = await context.newPage();
		await page.goto('/dashboard');
		const names = await page.getByRole('navigation', { name: 'Main' }).getByRole('link').allTextContents();
		await context.close();
		return names.map((n) => n.trim());
	};
	const forum = await links('forum');
	expect(forum).toContain('Dashboard');
	expect(forum).not.toContain('Add responses');
	expect(forum).not.toContain('Decisions');
	// themes, counts and published quotes, never the comments themselves
	expect(forum).toContain('Themes and quotes');
	expect(forum).not.toContain('Feedback');
	const officer = await links('officer');
	expect(officer).toContain('Add responses');
	expect(officer).toContain('Decisions');
});

// A page a role may not use answers 403 in staff words, inside the staff layout: never the respondents'
// "Your answers have not been lost", which means nothing to a councillor.
test('a page the forum may not use says so in staff words, with the navigation kept', async ({ browser }) => {
	const context = await signedInContext(browser, 'forum');
	const page = await context.newPage();
	const response = await page.goto('/settings');
	expect(response?.status()).toBe(403);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('You cannot use this page');
	await expect(
		page.getByText("Only an administrator or lead can change the organisation's settings.")
	).toBeVisible();
	await expect(page.getByText(/ask your local area’s administrator to change your role/)).toBeVisible();
	await expect(page.getByText(/answers have not been lost/)).toHaveCount(0);
	await expect(
		page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboard' })
	).toBeVisible();
	await expect(page).toHaveTitle('You cannot use this page – Co-production Impact');
	await context.close();
});

// Each role starts where its work is: the lead on the overview, the forum on who is being heard, and every
// dashboard view is one link away from the others.
test('signing in lands each role on its home, and the dashboards link to one another', async ({
	browser
}) => {
	const landing = async (role: 'lead' | 'forum') => {
		const context = await browser.newContext();
		const page = await context.newPage();
		await signIn(page, role);
		const url = new URL(page.url()).pathname;
		const views = await page
			.getByRole('navigation', { name: 'Dashboards' })
			.getByRole('link')
			.allTextContents();
		await context.close();
		return { url, views: views.map((v) => v.trim()) };
	};
	const lead = await landing('lead');
	expect(lead.url).toBe('/dashboard/overview');
	expect(lead.views).toEqual([
		'Overview',
		'Trends',
		'Compare two waves',
		'Every answer',
		'Gaps between groups',
		'Who took part',
		'Reach',
		'Journeys'
	]);
	expect((await landing('forum')).url).toBe('/dashboard/reach');
});
