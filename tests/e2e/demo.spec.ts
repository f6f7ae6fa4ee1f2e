import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './helpers';

test('in the demo the home page says so and leads to the demo surveys', async ({ page }) => {
	await page.goto('/');
	const demo = page.getByRole('region', { name: 'This is a demonstration' });
	await expect(demo).toBeVisible();
	await expect(demo).toContainText('Northbridge is a fictional local area');
	await expectNoAxeViolations(page);
	await demo.getByRole('link', { name: 'Your experience of the EHC plan process' }).click();
	await expect(page).toHaveURL(/\/s\/ehc-journey$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your experience of the EHC plan process');
});
