import { randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, signedInContext } from './helpers';

/**
 * "We did": a lead records a decision with its evidence and publishes it, without JavaScript; a
 * signed-out visitor then finds it on the public "you said, we did" page, its easy-read version and
 * its downloads, with the number of people behind it hidden as [c] (one comment is under the rule).
 */
test('a lead records a decision with evidence and publishes it; the public sees it, in easy read too', async ({
	browser
}) => {
	// about fifteen pages without scripts, two axe checks and three downloads: about 30 s measured on
	// the shared machine
	test.slow();
	const ref = randomBytes(3).toString('hex');
	const youSaid = `Families want the annual review paperwork a week before the meeting (${ref})`;
	const weDid = `Review paperwork now goes out ten working days before every meeting (${ref})`;

	const lead = await signedInContext(browser, 'lead', { javaScriptEnabled: false });
	const page = await lead.newPage();

	await test.step('the lead opens Decisions from the navigation, and a form sent empty is answered', async () => {
		await page.goto('/dashboard');
		await page
			.getByRole('navigation', { name: 'Main' })
			.getByRole('link', { name: 'Decisions', exact: true })
			.click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Decisions: “we did”');
		await page.getByRole('link', { name: 'Record a decision' }).click();
		await page.getByRole('button', { name: 'Record the decision' }).click();
		await expect(page).toHaveTitle(/^Error: /);
		await expect(page.locator('#you_said-error')).toContainText('Summarise what people said.');
		await expect(page.locator('#status-error')).toContainText('Choose the status.');
	});

	await test.step('the lead records the decision', async () => {
		await page.getByLabel('You said: what people told us').fill(youSaid);
		await page.getByLabel('We did: what was done, or will be done').fill(weDid);
		await page.getByRole('radio', { name: 'Done', exact: true }).check();
		await page
			.getByLabel('Strategy priority')
			.selectOption({ label: 'Quality and efficiency of EHC processes' });
		await page.getByLabel('Who took the decision').fill('SEND Improvement Board');
		await page.getByLabel('Date of the decision').fill('2026-11-12');
		await page.getByRole('radio', { name: /^Co-production/ }).check();
		await page
			.getByLabel('Will this decision make things more equal?')
			.fill('Yes: every family gets the same time.');
		await page.getByRole('button', { name: 'Record the decision' }).click();
		await expect(page.getByRole('status')).toContainText('Decision recorded');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Change a decision');
	});

	await test.step('the lead links a comment found in the feedback, and an activity', async () => {
		await page.getByLabel('Words or theme').fill('annual review');
		await page.getByRole('button', { name: 'Search the feedback' }).click();
		await page
			.getByRole('button', { name: /^Link the comment/ })
			.first()
			.click();
		await expect(page.getByRole('status')).toHaveText('Evidence linked.');
		await expect(page.getByText(/^Comment:/)).toHaveCount(1);

		await page.getByLabel('Theme', { exact: true }).fill('no such theme');
		await page.getByRole('button', { name: 'Link the theme' }).click();
		await expect(page.locator('#theme-error')).toContainText('No feedback of this local area has the theme');

		const activity = await page
			.locator('#activity option', { hasText: 'Post-16 focus group' })
			.getAttribute('value');
		await page.getByLabel('Engagement activity').selectOption(activity!);
		await page.getByRole('button', { name: 'Link the activity' }).click();
		await expect(page.getByRole('status')).toHaveText('Evidence linked.');
		await expect(page.getByText('Activity: Post-16 focus group')).toBeVisible();
	});

	await test.step('the lead publishes it', async () => {
		await page.getByRole('button', { name: 'Publish the decision' }).click();
		await expect(page.getByRole('status')).toContainText('Published');
		await expect(page.getByRole('button', { name: 'Take it off the public page' })).toBeVisible();
		await lead.close();
	});

	await test.step('the forum reads it among the published decisions, the count hidden as [c]', async () => {
		const forum = await signedInContext(browser, 'forum', { javaScriptEnabled: false });
		const f = await forum.newPage();
		await f.goto('/decisions');
		const item = f.getByRole('listitem').filter({ hasText: youSaid });
		await expect(item).toContainText('[c]');
		await expect(item).not.toContainText('1 person');
		await expect(f.getByRole('link', { name: 'Record a decision' })).toHaveCount(0);
		await forum.close();
	});

	// a visitor's browser, signed out; scripts on, for axe
	const visitor = await browser.newContext();
	const v = await visitor.newPage();
	const card = v.getByRole('listitem').filter({ hasText: youSaid });

	await test.step('a signed-out visitor sees the card, with one person hidden as [c]', async () => {
		await v.goto('/o/northbridge/you-said-we-did');
		await expect(v.getByRole('heading', { level: 1 })).toHaveText('You said, we did');
		await expect(card).toContainText(weDid);
		await expect(card).toContainText('[c]');
		await expect(card).toContainText('Done');
		await expect(card).toContainText('SEND Improvement Board');
		await expect(card).not.toContainText('1 person');
		await expect(v.getByRole('complementary', { name: 'How small numbers are protected' })).toBeVisible();
		await expectNoAxeViolations(v);
	});

	await test.step('the filters keep it, or leave it out', async () => {
		await v.getByLabel('Status').selectOption({ label: 'Not possible' });
		await v.getByRole('button', { name: 'Show decisions' }).click();
		await expect(card).toHaveCount(0);
		await v.getByLabel('Status').selectOption({ label: 'Done' });
		await v.getByLabel('Priority').selectOption({ label: 'Quality and efficiency of EHC processes' });
		await v.getByRole('button', { name: 'Show decisions' }).click();
		await expect(card).toBeVisible();
	});

	await test.step('the easy read version shows it in plain words', async () => {
		await v.getByRole('link', { name: 'Read the easy read version' }).click();
		await expect(v).toHaveURL(/view=easy/);
		await expect(card).toContainText('We have done it');
		await expect(card).toContainText('A few people told us');
		await expectNoAxeViolations(v);
	});

	await test.step('the CSV, JSON and Atom downloads answer with the card', async () => {
		const csv = await v.request.get('/o/northbridge/you-said-we-did.csv');
		expect(csv.headers()['content-type']).toContain('text/csv');
		expect(await csv.text()).toContain(weDid);
		const json = await v.request.get('/o/northbridge/you-said-we-did.json?status=done');
		const body = (await json.json()) as {
			priorities: { cards: { we_did: string; people_symbol: string }[] }[];
		};
		const found = body.priorities.flatMap((g) => g.cards).find((c) => c.we_did === weDid);
		expect(found?.people_symbol).toBe('[c]');
		const atom = await v.request.get('/o/northbridge/you-said-we-did.atom');
		expect(atom.headers()['content-type']).toContain('application/atom+xml');
		expect(await atom.text()).toContain(ref);
		await visitor.close();
	});
});

test('an officer records an engagement activity without JavaScript, and it counts in reach', async ({
	browser
}) => {
	const ref = randomBytes(3).toString('hex');
	const officer = await signedInContext(browser, 'officer', { javaScriptEnabled: false });
	const page = await officer.newPage();
	await page.goto('/decisions/activities');
	const reach = async () =>
		Number((await page.getByText(/took part across all activities/).textContent())?.replace(/\D/g, ''));
	const before = await reach();

	await page.getByRole('link', { name: 'Record an activity' }).click();
	await page.getByLabel('Name').fill(`School council meeting ${ref}`);
	await page.getByLabel('Children and young people').fill('-3');
	await page.getByRole('button', { name: 'Record the activity' }).click();
	await expect(page).toHaveTitle(/^Error: /);
	await expect(page.locator('#kind-error')).toContainText('Choose the type of activity.');
	await expect(page.locator('#children_young_people-error')).toContainText('Enter 0 or more.');

	await page.getByRole('radio', { name: 'Forum', exact: true }).check();
	await page.getByRole('radio', { name: /^Engagement/ }).check();
	await page.getByRole('radio', { name: 'Primary school' }).check();
	await page.getByLabel('Children and young people').fill('12');
	await page.getByLabel('Professionals').fill('2');
	await page.getByRole('button', { name: 'Record the activity' }).click();
	await expect(page.getByRole('status')).toHaveText('Activity recorded.');
	const row = page.getByRole('row').filter({ hasText: ref });
	await expect(row).toContainText('14');
	await expect(row).toContainText('Children and young people 12, Professionals 2');
	expect(await reach()).toBe(before + 14);
	await officer.close();
});
