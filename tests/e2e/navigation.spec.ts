import { expect, test } from '@playwright/test';
import { signedInContext } from './helpers';

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
