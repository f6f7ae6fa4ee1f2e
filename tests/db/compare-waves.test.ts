/**
 * Two waves side by side (/dashboard/compare): the view's figures come through api.indicator_trend, so a forum
 * member gets a small wave's figures hidden ([c]), never the raw counts a lead sees, and no verdict on them;
 * checked through the very function the page and its downloads call, on both engines.
 */
import { beforeAll, expect, it } from 'vitest';
import type { Client as ApiClient } from '$lib/server/api';
import { comparePage, compareRows } from '$lib/server/compare/page';
import { forEachEngine, type Organisation, type Survey } from './engines';

forEachEngine('comparing two waves', (engine) => {
	let org: Organisation;
	let survey: Survey;
	let later: { id: string; slug: string };
	let lead: ApiClient;
	let forum: ApiClient;
	let url: URL;

	beforeAll(async () => {
		org = await engine.createOrganisation();
		survey = await engine.createSurvey(org, { waves: ['closed'] });
		lead = (await engine.signInAs(await engine.createMember(org, 'lead'))) as unknown as ApiClient;
		forum = (await engine.signInAs(await engine.createMember(org, 'forum'))) as unknown as ApiClient;
		// a second closed wave, after the baseline, that few answered
		const [row] = await engine.db.query<{ id: string }>(
			`insert into app.waves (organisation_id, survey_id, slug, kind, label, opens_at, closes_at)
			 values ($1, $2, $3, 'repeat', 'Winter 2024', '2024-09-01T12:00:00Z', '2024-12-20T12:00:00Z')
			 returning id`,
			[org.id, survey.id, `${survey.slug}-winter`]
		);
		later = { id: row!.id, slug: `${survey.slug}-winter` };
		const baseline = survey.waves.closed!;
		await engine.addResponses(survey, baseline, 20, { feel: 'agree' });
		await engine.addResponses(survey, baseline, 20, { feel: 'disagree' });
		const winter = { ...baseline, id: later.id, slug: later.slug };
		await engine.addResponses(survey, winter, 3, { feel: 'agree' });
		await engine.addResponses(survey, winter, 2, { feel: 'disagree' });
		url = new URL(
			`http://localhost/dashboard/compare?org=${org.slug}&survey=${survey.slug}&a=${baseline.slug}&b=${later.slug}&indicator=feel`
		);
	});

	it(`${engine.label} shows a lead the exact small figures, marked small, with no verdict on too little`, async () => {
		const page = await comparePage(lead, url);
		expect(page.problems).toEqual([]);
		const [row] = page.comparison!.rows;
		expect(row!.a).toMatchObject({ n: 40, positive: 20, share: 0.5 });
		expect(row!.b).toMatchObject({ n: 5, positive: 3, status: 'shown', smallNumbers: true });
		expect(row!.verdict).toBe('too few answers');
		expect(page.summary).toContain('60% of 5 in Winter 2024');
	});

	it(`${engine.label} gives a forum member the small wave hidden ([c]), never its raw counts`, async () => {
		const page = await comparePage(forum, url);
		expect(page.problems).toEqual([]);
		const [row] = page.comparison!.rows;
		expect(row!.b.status).toBe('suppressed');
		expect(row!.b.positive).toBeNull();
		expect(row!.b.share).toBeNull();
		expect(row!.b.interval).toBeNull();
		expect(row!.verdict).toBe('no figures');
		expect(row!.a.share).not.toBeNull();
		// nothing of 3 of 5 in the summary, the chart or the CSV
		expect(page.summary).toMatch(/Winter 2024 is hidden, because a count is too small/);
		expect(page.svg).not.toMatch(/% of 5\b/);
		const csv = compareRows(page);
		const col = (name: string) => csv[0]!.indexOf(name);
		expect(csv[1]![col('B positive')]).toBe('[c]');
		expect(csv[1]![col('B share (%)')]).toBeNull();
		expect(JSON.stringify(csv)).not.toMatch(/\b60\b/);
	});

	it(`${engine.label} says so when a filter names nothing, and never compares a wave with itself`, async () => {
		const wrong = new URL(url);
		wrong.searchParams.set('b', 'no-such-wave');
		wrong.searchParams.set('indicator', 'nonesuch');
		const page = await comparePage(lead, wrong);
		expect(page.problems).toEqual([
			`“${page.selection.survey!.title}” has no wave “no-such-wave”: showing Winter 2024 as wave B instead.`,
			`“${page.selection.survey!.title}” has no indicator “nonesuch”: comparing every indicator instead.`
		]);
		const same = new URL(url);
		same.searchParams.set('b', survey.waves.closed!.slug);
		const again = await comparePage(lead, same);
		expect(again.problems[0]).toMatch(
			/^Wave A and wave B are both Wave closed: showing Winter 2024 as wave B instead\.$/
		);
		expect(again.b!.id).toBe(later.id);
	});
});
