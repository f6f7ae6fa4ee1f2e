import { test as setup } from '@playwright/test';
import { SHARED_ROLES, sessionFile, signIn } from './helpers';

/**
 * One sign-in through the form for each shared role, kept for the whole run (see SHARED_ROLES):
 * tests that need a member signed in start from this session instead of signing in again.
 */
for (const role of SHARED_ROLES) {
	setup(`the ${role} signs in once for the run`, async ({ page }) => {
		await signIn(page, role);
		await page.context().storageState({ path: sessionFile(role) });
	});
}
