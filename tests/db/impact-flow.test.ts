/**
 * From feedback to decisions (issue 11, "Published"): api.impact_flow gives the flow of feedback items
 * from their priority tag to the decision they support and on to its status; api.indicator_decisions
 * the decisions citing an indicator, for its trend. Each role tried; staff get exact figures and every
 * decision, forum and scrutiny published decisions only and figures under the disclosure rule, with no
 * hidden flow that can be worked out as the priority's items minus the flows shown. Held items never
 * count, for anyone.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { forEachEngine, type Client, type Organisation, type Survey, type User } from './engines';

type Who = 'admin' | 'lead' | 'officer' | 'forum' | 'scrutiny' | 'safeguarding' | 'stranger';
const ROLES: Who[] = ['admin', 'lead', 'officer', 'forum', 'scrutiny', 'safeguarding', 'stranger'];
const FLOW_READERS: Who[] = ['admin', 'lead', 'officer', 'forum', 'scrutiny'];
const STAFF: Who[] = ['admin', 'lead', 'officer'];

interface Link {
	source: string;
	target: string;
	value: number | null;
	symbol: string | null;
	small: boolean;
}
interface Flow {
	exact: boolean;
	nodes: { key: string; kind: string; label?: string }[];
	links: Link[];
}

const today = () => new Date().toISOString().slice(0, 10);

forEachEngine('the flow from feedback to decisions, and decisions on an indicator', (engine) => {
	let org: Organisation;
	let other: Organisation;
	let survey: Survey;
	let school: string;
	let heard: string;
	let done: string;
	let unpublished: string;
	const users = {} as Record<Who, User>;
	const clients = {} as Record<Who, Client>;

	/** n comments tagged with a priority (and themes), added straight to the table. */
	async function comments(n: number, priority: string, themes: string[] = []): Promise<string[]> {
		const ids: string[] = [];
		for (let i = 0; i < n; i++) {
			const [row] = await engine.db.query<{ id: string }>(
				`insert into app.feedback (organisation_id, channel, given_on, body)
				 values ($1, 'forum', $2, $3) returning id`,
				[org.id, today(), `Comment ${i} under ${priority}`]
			);
			ids.push(row!.id);
			await engine.db.query(
				'insert into app.feedback_priorities (feedback_id, priority_id, organisation_id) values ($1, $2, $3)',
				[row!.id, priority, org.id]
			);
			for (const theme of themes)
				await engine.db.query(
					'insert into app.feedback_themes (feedback_id, theme, organisation_id) values ($1, $2, $3)',
					[row!.id, theme, org.id]
				);
		}
		return ids;
	}

	async function decide(priority: string, status: string, publish: boolean): Promise<string> {
		const { data, error } = await clients.lead.rpc('save_decision', {
			p_organisation_id: org.id,
			p_you_said: `Said about ${status}`,
			p_we_did: `Did about ${status}`,
			p_status: status,
			p_priority_id: priority,
			p_decided_on: today()
		});
		expect(error).toBeNull();
		const id = (data as { id: string }).id;
		if (publish) expect((await clients.lead.rpc('publish_decision', { p_id: id })).error).toBeNull();
		return id;
	}

	async function link(decision: string, ref: Record<string, string>) {
		const { error } = await clients.officer.rpc('link_evidence', { p_decision_id: decision, ...ref });
		expect(error).toBeNull();
	}

	async function flow(who: Who): Promise<Flow> {
		const { data, error } = await clients[who].rpc('impact_flow', { p_organisation_id: org.id });
		expect(error, who).toBeNull();
		return data as Flow;
	}
	const linkOf = (f: Flow, source: string, target: string) =>
		f.links.find((l) => l.source === source && l.target === target);

	beforeAll(async () => {
		org = await engine.createOrganisation();
		other = await engine.createOrganisation();
		school = await engine.createPriority(org, 'Getting to school');
		heard = await engine.createPriority(org, 'Being heard');
		survey = await engine.createSurvey(org, { waves: ['closed'] });
		for (const role of ['admin', 'lead', 'officer', 'forum', 'scrutiny', 'safeguarding'] as const)
			users[role] = await engine.createMember(org, role);
		users.stranger = await engine.createMember(other, 'lead');
		for (const [k, u] of Object.entries(users)) clients[k as Who] = await engine.signInAs(u);

		// Getting to school: 15 comments, 3 of them behind a published decision that is done (under the
		// threshold of 10), 12 behind none; and one more behind it, held for safeguarding
		const schoolItems = await comments(15, school);
		done = await decide(school, 'done', true);
		for (const id of schoolItems.slice(0, 3)) await link(done, { p_feedback_id: id });
		const [held] = await comments(1, school);
		await link(done, { p_feedback_id: held! });
		expect(
			(await clients.officer.rpc('flag_feedback', { p_id: held, p_reason: 'Worried' })).error
		).toBeNull();

		// Being heard: 20 comments on clubs, behind an agreed decision not yet published (through the theme)
		await comments(20, heard, ['clubs']);
		unpublished = await decide(heard, 'agreed', false);
		await link(unpublished, { p_theme: 'clubs' });

		// both decisions cite the indicator
		await link(done, { p_question_id: survey.questions.feel.id });
		await link(unpublished, { p_question_id: survey.questions.feel.id });
	});

	describe('api.impact_flow', () => {
		it('is read by staff, forum and scrutiny, and refused to the safeguarding lead, other areas and visitors', async () => {
			for (const who of ROLES) {
				const { data, error } = await clients[who].rpc('impact_flow', { p_organisation_id: org.id });
				if (FLOW_READERS.includes(who)) {
					expect(error, who).toBeNull();
					expect((data as Flow).exact, who).toBe(STAFF.includes(who));
				} else {
					expect(error?.hint, who).toBe('not_permitted');
				}
			}
			const anon = await engine.anon().rpc('impact_flow', { p_organisation_id: org.id });
			expect(anon.error).not.toBeNull();
			expect(anon.data).toBeNull();
		});

		it('gives staff every decision and exact counts, never counting a held item', async () => {
			for (const who of STAFF) {
				const f = await flow(who);
				expect(linkOf(f, 'feedback', `p:${school}`)).toMatchObject({ value: 15, symbol: null });
				expect(linkOf(f, `p:${school}`, `d:${done}`)).toMatchObject({ value: 3, small: true });
				expect(linkOf(f, `d:${done}`, 's:done')).toMatchObject({ value: 3 });
				expect(linkOf(f, `p:${school}`, 'none')).toMatchObject({ value: 12, small: false });
				// the unpublished decision, through its theme
				expect(linkOf(f, `p:${heard}`, `d:${unpublished}`)).toMatchObject({ value: 20 });
				expect(linkOf(f, `d:${unpublished}`, 's:agreed')).toMatchObject({ value: 20 });
				expect(linkOf(f, `p:${heard}`, 'none')).toBeUndefined();
				expect(f.nodes.map((n) => n.key)).toEqual([
					'feedback',
					`p:${school}`,
					`p:${heard}`,
					`d:${done}`,
					`d:${unpublished}`,
					'none',
					's:done',
					's:agreed'
				]);
			}
		});

		it('gives forum and scrutiny published decisions only, a small flow hidden, and nothing to subtract', async () => {
			for (const who of ['forum', 'scrutiny'] as const) {
				const f = await flow(who);
				expect(
					f.nodes.some((n) => n.key === `d:${unpublished}`),
					who
				).toBe(false);
				expect(JSON.stringify(f)).not.toContain('Said about agreed');
				// the unpublished decision's comments have no published decision yet
				expect(linkOf(f, `p:${heard}`, 'none')).toMatchObject({ value: 20, symbol: null });
				expect(linkOf(f, 'feedback', `p:${school}`)).toMatchObject({ value: 15, symbol: null });
				// 3 is under the threshold: hidden, on both of its flows
				expect(linkOf(f, `p:${school}`, `d:${done}`)).toMatchObject({ value: null, symbol: '[c]' });
				expect(linkOf(f, `d:${done}`, 's:done')).toMatchObject({ value: null, symbol: '[c]' });
				// and 15 - 12 would give it away: the 12 is hidden too
				expect(linkOf(f, `p:${school}`, 'none')).toMatchObject({ value: null, symbol: '[c]' });
				expect(JSON.stringify(f.links)).not.toMatch(/"value":(3|12)\b/);
			}
		});

		it('leaves no hidden flow that a reader can work out from the priority minus the flows shown', async () => {
			const f = await flow('forum');
			for (const node of f.nodes.filter((n) => n.kind === 'priority')) {
				const total = linkOf(f, 'feedback', node.key)!;
				const parts = f.links.filter((l) => l.source === node.key);
				const hidden = parts.filter((l) => l.value === null);
				if (total.value !== null && hidden.length > 0) {
					// the attack: the priority's items minus every flow shown, spread over what is hidden
					const rest = total.value - parts.reduce((sum, l) => sum + (l.value ?? 0), 0);
					expect(hidden.length, `${node.key}: ${rest} left over for one hidden flow`).toBeGreaterThan(1);
				}
			}
			// and for this priority the attack was possible without secondary suppression
			expect(f.links.filter((l) => l.source === `p:${school}` && l.value === null)).toHaveLength(2);
		});

		it('counts an item once it is no longer held', async () => {
			const before = await flow('lead');
			expect(linkOf(before, `p:${school}`, `d:${done}`)?.value).toBe(3);
			const [row] = await engine.db.query<{ id: string }>(
				`select f.id from app.feedback f where f.organisation_id = $1 and f.held`,
				[org.id]
			);
			await engine.db.query('update app.feedback set held = false where id = $1', [row!.id]);
			const after = await flow('lead');
			expect(linkOf(after, `p:${school}`, `d:${done}`)?.value).toBe(4);
			expect(linkOf(after, 'feedback', `p:${school}`)?.value).toBe(16);
			await engine.db.query('update app.feedback set held = true where id = $1', [row!.id]);
		});

		it('is empty for a local area with no tagged feedback', async () => {
			const { data, error } = await clients.stranger.rpc('impact_flow', { p_organisation_id: other.id });
			expect(error).toBeNull();
			expect(data).toMatchObject({ exact: true, nodes: [], links: [] });
		});
	});

	describe('api.indicator_decisions', () => {
		it('gives staff every decision citing the indicator, and everyone else the published ones', async () => {
			for (const who of ROLES) {
				const { data, error } = await clients[who].rpc('indicator_decisions', {
					p_question_id: survey.questions.feel.id
				});
				if (who === 'stranger') {
					expect(error?.hint, who).toBe('not_permitted');
					continue;
				}
				expect(error, who).toBeNull();
				const ids = (data as { id: string; decided_on: string }[]).map((d) => d.id);
				expect(ids.sort(), who).toEqual(STAFF.includes(who) ? [done, unpublished].sort() : [done]);
				expect((data as { decided_on: string }[])[0]!.decided_on).toBe(today());
			}
			const other = await clients.lead.rpc('indicator_decisions', {
				p_question_id: survey.questions.services.id
			});
			expect(other.data).toEqual([]);
		});
	});
});
