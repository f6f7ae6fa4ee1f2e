/**
 * From feedback to decisions, over time (api.impact_over_time, 20261204900100_impact_over_time.sql):
 * themes first raised each quarter and those with a published response, the comments that got their
 * first published response each quarter with the median wait, and activities by level. Exact for admins,
 * leads and officers; the numbers of comments under the disclosure rule for everyone else, with no
 * median over fewer than the threshold; held comments never count; outsiders and anon refused.
 */
import { beforeAll, expect, it } from 'vitest';
import { forEachEngine, MEMBER_ROLES, type Client, type MemberRole, type Organisation } from './engines';

interface OverTime {
	exact: boolean;
	rule: { threshold: number };
	themes: { quarter: string; raised: number; answered: number }[];
	responses: {
		quarter: string;
		comments: number | null;
		comments_symbol: string | null;
		median_days: number | null;
	}[];
	activities: { quarter: string; participation: string; activities: number }[];
}

forEachEngine('impact over time', (engine) => {
	let org: Organisation;
	const clients = {} as Record<MemberRole | 'leadOfOther' | 'outsider', Client>;

	async function comment(given: string, themes: string[], held = false): Promise<string> {
		const [f] = await engine.db.query<{ id: string }>(
			`insert into app.feedback (organisation_id, channel, given_on, body, held)
			 values ($1, 'event', $2, 'A comment', $3) returning id`,
			[org.id, given, held]
		);
		for (const theme of themes) {
			await engine.db.query(
				'insert into app.feedback_themes (feedback_id, theme, organisation_id) values ($1, $2, $3)',
				[f!.id, theme, org.id]
			);
		}
		return f!.id;
	}

	async function decision(publishedAt: string | null, evidence: { feedback?: string[]; themes?: string[] }) {
		const [d] = await engine.db.query<{ id: string }>(
			`insert into app.decisions (organisation_id, you_said, we_did, status, published, published_at)
			 values ($1, 'You said', 'We did', 'done', $2, $3) returning id`,
			[org.id, publishedAt !== null, publishedAt]
		);
		for (const id of evidence.feedback ?? []) {
			await engine.db.query(
				`insert into app.decision_evidence (organisation_id, decision_id, kind, feedback_id) values ($1, $2, 'feedback', $3)`,
				[org.id, d!.id, id]
			);
		}
		for (const theme of evidence.themes ?? []) {
			await engine.db.query(
				`insert into app.decision_evidence (organisation_id, decision_id, kind, theme) values ($1, $2, 'theme', $3)`,
				[org.id, d!.id, theme]
			);
		}
	}

	beforeAll(async () => {
		org = await engine.createOrganisation();
		for (const role of MEMBER_ROLES)
			clients[role] = await engine.signInAs(await engine.createMember(org, role));
		clients.leadOfOther = await engine.signInAs(
			await engine.createMember(await engine.createOrganisation(), 'lead')
		);
		clients.outsider = await engine.signInAs(await engine.createUser());

		// January to March 2026: twelve comments on transport, answered thirty days later by a decision
		// citing the theme; one comment held for safeguarding, with a theme of its own, cited too
		for (let i = 0; i < 12; i++) await comment('2026-01-10', ['transport']);
		const held = await comment('2026-01-10', ['secret'], true);
		await decision('2026-02-09T12:00:00Z', { themes: ['transport'], feedback: [held] });
		// April to June: three on respite, two of them cited by a decision thirty days later; one on ramps
		const respite = [
			await comment('2026-04-05', ['respite']),
			await comment('2026-04-05', ['respite']),
			await comment('2026-04-05', ['respite'])
		];
		await comment('2026-04-06', ['ramps']);
		await decision('2026-05-05T12:00:00Z', { feedback: respite.slice(0, 2) });
		// not published: no response yet
		await decision(null, { themes: ['ramps'] });

		for (const [held_on, participation] of [
			['2026-02-01', 'co_production'],
			['2026-03-01', 'consultation'],
			['2026-05-01', 'consultation']
		]) {
			await engine.db.query(
				`insert into app.engagement_activities (organisation_id, title, held_on, kind, participation)
				 values ($1, 'An activity', $2, 'event', $3)`,
				[org.id, held_on, participation]
			);
		}
	});

	const read = async (c: Client) => {
		const { data, error } = await c.rpc('impact_over_time', { p_organisation_id: org.id });
		return { data: data as unknown as OverTime, error };
	};

	const THEMES = [
		{ quarter: '2026-01-01', raised: 1, answered: 1 },
		{ quarter: '2026-04-01', raised: 2, answered: 1 }
	];
	const ACTIVITIES = [
		{ quarter: '2026-01-01', participation: 'co_production', activities: 1 },
		{ quarter: '2026-01-01', participation: 'consultation', activities: 1 },
		{ quarter: '2026-04-01', participation: 'consultation', activities: 1 }
	];

	it('gives admins, leads and officers exact figures, held comments never counted', async () => {
		for (const role of ['admin', 'lead', 'officer'] as const) {
			const { data, error } = await read(clients[role]);
			expect(error).toBeNull();
			expect({ role, exact: data.exact }).toEqual({ role, exact: true });
			expect(data.themes).toEqual(THEMES);
			expect(data.responses).toEqual([
				{ quarter: '2026-01-01', comments: 12, comments_symbol: null, median_days: 30 },
				{ quarter: '2026-04-01', comments: 2, comments_symbol: null, median_days: 30 }
			]);
			expect(data.activities).toEqual(ACTIVITIES);
		}
	});

	it('gives forum, scrutiny and safeguarding the comments under the rule, and no median over too few', async () => {
		for (const role of ['forum', 'scrutiny', 'safeguarding'] as const) {
			const { data, error } = await read(clients[role]);
			expect(error).toBeNull();
			expect(data.rule.threshold).toBe(10);
			expect({ role, exact: data.exact }).toEqual({ role, exact: false });
			expect(data.themes).toEqual(THEMES);
			expect(data.responses).toEqual([
				{ quarter: '2026-01-01', comments: 12, comments_symbol: null, median_days: 30 },
				{ quarter: '2026-04-01', comments: null, comments_symbol: '[c]', median_days: null }
			]);
			expect(data.activities).toEqual(ACTIVITIES);
		}
	});

	it('leaves a forum member nothing to recover the hidden quarter from', async () => {
		// no total of comments anywhere to subtract the shown quarter from, and every other published
		// count that includes the two comments is hidden too (the themes page's count of respite comments)
		const { data } = await read(clients.forum);
		expect(Object.keys(data).sort()).toEqual(['activities', 'exact', 'responses', 'rule', 'themes']);
		const shown = JSON.stringify(data.responses);
		expect(shown).not.toMatch(/"comments":2\b/);
		const overview = await clients.forum.rpc('feedback_overview', { p_organisation_id: org.id });
		const themes = (overview.data as unknown as { themes: { theme: string; items: number | null }[] }).themes;
		expect(themes.find((t) => t.theme === 'respite')?.items).toBeNull();
		expect(themes.find((t) => t.theme === 'secret')).toBeUndefined();
	});

	it('refuses another organisation, an outsider and anon', async () => {
		for (const who of ['leadOfOther', 'outsider'] as const) {
			const { error } = await read(clients[who]);
			expect({ who, hint: error?.hint }).toEqual({ who, hint: 'not_permitted' });
		}
		const anon = await engine.anon().rpc('impact_over_time', { p_organisation_id: org.id });
		expect(anon.error).not.toBeNull();
		expect(anon.data).toBeNull();
	});
});
