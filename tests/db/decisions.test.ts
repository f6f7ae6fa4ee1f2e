/**
 * Decisions ("we did"), their evidence, engagement activities and the public "you said, we did": each
 * role tried, allowed and denied; bad input refused with a message per field; evidence from another
 * organisation refused; and the disclosure rule on "N people told us": hidden as '[c]' under the
 * threshold for anon and the forum, exact for a lead, and a comment held for safeguarding never counted.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { forEachEngine, type Client, type Organisation, type Survey, type User } from './engines';

type Who = 'admin' | 'lead' | 'officer' | 'forum' | 'scrutiny' | 'safeguarding' | 'stranger';

interface Card {
	id: string;
	you_said: string;
	we_did: string | null;
	status: string;
	people: number | null;
	people_symbol: string | null;
	activities: { id: string; took_part: number | null; took_part_symbol: string | null; by_group: unknown }[];
}
interface Listed {
	exact: boolean;
	decisions: Card[];
}
interface Published {
	organisation: { name: string; slug: string };
	rule: { threshold: number; rounding_base: number };
	priorities: { id: string | null; title: string; cards: Card[] }[];
}

const today = () => new Date().toISOString().slice(0, 10);

forEachEngine('decisions and "you said, we did"', (engine) => {
	let org: Organisation;
	let other: Organisation;
	let survey: Survey;
	let otherSurvey: Survey;
	let priority: string;
	const users = {} as Record<Who, User>;
	const clients = {} as Record<Who, Client>;
	/** feedback items of org: three from survey responses (Bus was late), twelve added with the theme clubs */
	let busItems: string[];
	let clubItems: string[];
	let otherItem: string;

	async function itemIds(organisationId: string, body: string): Promise<string[]> {
		const rows = await engine.db.query<{ id: string }>(
			'select id from app.feedback where organisation_id = $1 and body = $2 order by created_at, id',
			[organisationId, body]
		);
		return rows.map((r) => r.id);
	}

	async function save(who: Who, args: Record<string, unknown> = {}) {
		return clients[who].rpc('save_decision', {
			p_organisation_id: org.id,
			p_you_said: 'The buses to school are late.',
			p_status: 'agreed',
			...args
		});
	}

	async function newDecision(args: Record<string, unknown> = {}): Promise<string> {
		const { data, error } = await save('lead', args);
		expect(error).toBeNull();
		return (data as { id: string }).id;
	}

	async function published(client: Client = engine.anon()): Promise<Published> {
		const { data, error } = await client.rpc('you_said_we_did', { p_slug: org.slug });
		expect(error).toBeNull();
		return data as Published;
	}
	const cardIn = (p: Published, id: string) => p.priorities.flatMap((g) => g.cards).find((c) => c.id === id);

	async function listed(who: Who): Promise<Listed> {
		const { data, error } = await clients[who].rpc('list_decisions', { p_organisation_id: org.id });
		expect(error, who).toBeNull();
		return data as Listed;
	}

	beforeAll(async () => {
		org = await engine.createOrganisation();
		other = await engine.createOrganisation();
		priority = await engine.createPriority(org, 'Getting to school');
		survey = await engine.createSurvey(org, { waves: ['closed'] });
		otherSurvey = await engine.createSurvey(other, { waves: ['closed'] });
		for (const role of ['admin', 'lead', 'officer', 'forum', 'scrutiny', 'safeguarding'] as const)
			users[role] = await engine.createMember(org, role);
		users.stranger = await engine.createMember(other, 'lead');
		for (const [k, u] of Object.entries(users)) clients[k as Who] = await engine.signInAs(u);

		await engine.addResponses(survey, survey.waves.closed!, 3, { feel: 'agree', comment: 'Bus was late' });
		busItems = await itemIds(org.id, 'Bus was late');
		for (let i = 0; i < 12; i++) {
			const { error } = await clients.officer.rpc('add_feedback', {
				p_organisation_id: org.id,
				p_channel: 'youth_cabinet',
				p_given_on: today(),
				p_text: 'More after-school clubs'
			});
			expect(error).toBeNull();
		}
		clubItems = await itemIds(org.id, 'More after-school clubs');
		for (const id of clubItems) {
			const { error } = await clients.officer.rpc('tag_feedback', { p_id: id, p_themes: ['clubs'] });
			expect(error).toBeNull();
		}
		await engine.addResponses(otherSurvey, otherSurvey.waves.closed!, 1, {
			feel: 'agree',
			comment: 'Theirs'
		});
		otherItem = (await itemIds(other.id, 'Theirs'))[0]!;
	});

	describe('recording', () => {
		it('lets admins, leads and officers record a decision, and no one else', async () => {
			for (const who of ['admin', 'lead', 'officer'] as const) {
				const { data, error } = await save(who, { p_we_did: `Recorded by the ${who}` });
				expect(error, who).toBeNull();
				expect(data, who).toMatchObject({ published: false });
			}
			for (const who of ['forum', 'scrutiny', 'safeguarding', 'stranger'] as const) {
				const { error } = await save(who);
				expect(error?.hint, who).toBe('not_permitted');
			}
			const anon = await engine.anon().rpc('save_decision', {
				p_organisation_id: org.id,
				p_you_said: 'x',
				p_status: 'agreed'
			});
			expect(anon.error).not.toBeNull();
			expect(
				(await listed('lead')).decisions.filter((d) => d.we_did?.startsWith('Recorded by'))
			).toHaveLength(3);
		});

		it('refuses bad input with a message for each field, and writes nothing', async () => {
			const before = (await listed('lead')).decisions.length;
			const { error } = await save('lead', {
				p_you_said: '   ',
				p_status: 'not_possible',
				p_not_possible_reason: ' ',
				p_priority_id: await engine.createPriority(other, 'Theirs'),
				p_participation: 'shouting',
				p_decided_on: '1999-12-31'
			});
			expect(error?.hint).toBe('invalid_decision');
			expect(JSON.parse(error!.details)).toEqual({
				you_said: 'Summarise what people said.',
				not_possible_reason: 'Say why it is not possible: people deserve to know.',
				priority_id: 'Choose one of your own strategy priorities.',
				participation: 'Choose a level of participation.',
				decided_on: 'Enter a date from 2000 on.'
			});
			const status = await save('lead', { p_status: 'maybe' });
			expect(JSON.parse(status.error!.details)).toEqual({ status: 'Choose the status.' });
			expect((await listed('lead')).decisions.length).toBe(before);
		});

		it('keeps a not-possible decision with its reason, and the answers to the test questions', async () => {
			await clients.lead.rpc('set_decision_test_questions', {
				p_organisation_id: org.id,
				p_questions: ['Will this decision make things more equal?', '  ', 'Is this the best we can do?']
			});
			const { data: questions } = await clients.forum.rpc('decision_test_questions', {
				p_organisation_id: org.id
			});
			expect(questions).toEqual([
				'Will this decision make things more equal?',
				'Is this the best we can do?'
			]);
			const refused = await clients.officer.rpc('set_decision_test_questions', {
				p_organisation_id: org.id,
				p_questions: ['x']
			});
			expect(refused.error?.hint).toBe('not_permitted');

			const id = await newDecision({
				p_status: 'not_possible',
				p_not_possible_reason: 'The contract runs until 2028.',
				p_we_did: 'We asked the transport provider to report delays.',
				p_test_answers: [{ question: 'Will this decision make things more equal?', answer: ' Yes ' }]
			});
			const { data } = await clients.officer.rpc('decision', { p_id: id });
			expect(data).toMatchObject({
				status: 'not_possible',
				not_possible_reason: 'The contract runs until 2028.',
				test_answers: [{ question: 'Will this decision make things more equal?', answer: 'Yes' }]
			});
			for (const who of ['forum', 'scrutiny', 'safeguarding', 'stranger'] as const) {
				const { data: none } = await clients[who].rpc('decision', { p_id: id });
				expect(none, who).toBeNull();
			}
		});
	});

	describe('evidence', () => {
		let decision: string;
		beforeAll(async () => {
			decision = await newDecision({ p_we_did: 'Evidence test' });
		});

		it('links comments, themes, indicators and activities of its own organisation', async () => {
			const { data: activity } = await clients.officer.rpc('save_activity', {
				p_organisation_id: org.id,
				p_title: 'Transport focus group',
				p_held_on: today(),
				p_kind: 'focus_group',
				p_participation: 'co_design',
				p_took_part: { children_young_people: 4, parent_carers: 2 }
			});
			const links = [
				{ p_feedback_id: busItems[0] },
				{ p_theme: ' Clubs ' },
				{ p_question_id: survey.questions.feel.id },
				{ p_activity_id: (activity as { id: string }).id }
			];
			for (const link of links) {
				const { error } = await clients.officer.rpc('link_evidence', { p_decision_id: decision, ...link });
				expect(error, JSON.stringify(link)).toBeNull();
			}
			// linking twice links once
			const again = await clients.lead.rpc('link_evidence', {
				p_decision_id: decision,
				p_feedback_id: busItems[0]
			});
			expect(again.data).toMatchObject({ kind: 'feedback', people: 13 });
			const { data } = await clients.lead.rpc('decision', { p_id: decision });
			const evidence = (data as { evidence: { kind: string; label: string }[] }).evidence;
			expect(evidence.map((e) => [e.kind, e.label])).toEqual([
				['activity', 'Transport focus group'],
				['feedback', 'Bus was late'],
				['indicator', 'I feel listened to.'],
				['theme', 'clubs']
			]);
		});

		it('refuses evidence from another organisation, a held comment, an unknown theme, or none', async () => {
			const { data: theirs } = await clients.stranger.rpc('save_activity', {
				p_organisation_id: other.id,
				p_title: 'Their event',
				p_held_on: today(),
				p_kind: 'event',
				p_participation: 'informing'
			});
			const refused = [
				{ p_feedback_id: otherItem },
				{ p_question_id: otherSurvey.questions.feel.id },
				{ p_activity_id: (theirs as { id: string }).id },
				{ p_theme: 'no such theme' },
				{},
				{ p_feedback_id: busItems[1], p_theme: 'clubs' }
			];
			for (const link of refused) {
				const { error } = await clients.lead.rpc('link_evidence', { p_decision_id: decision, ...link });
				expect(error?.hint, JSON.stringify(link)).toBe('invalid_evidence');
				expect(Object.keys(JSON.parse(error!.details))).toEqual(['evidence']);
			}
			// the other organisation's lead cannot link to this decision, nor forum or scrutiny
			for (const who of ['stranger', 'forum', 'scrutiny', 'safeguarding'] as const) {
				const { error } = await clients[who].rpc('link_evidence', {
					p_decision_id: decision,
					p_feedback_id: busItems[1]
				});
				expect(error?.hint, who).toBe('not_permitted');
			}
			const { data } = await clients.lead.rpc('decision', { p_id: decision });
			expect((data as { evidence: unknown[] }).evidence).toHaveLength(4);
		});

		it('unlinks evidence, for staff only', async () => {
			const { data } = await clients.lead.rpc('decision', { p_id: decision });
			const theme = (data as { evidence: { id: string; kind: string }[] }).evidence.find(
				(e) => e.kind === 'theme'
			)!;
			const forum = await clients.forum.rpc('unlink_evidence', { p_id: theme.id });
			expect(forum.error?.hint).toBe('not_permitted');
			const { error } = await clients.officer.rpc('unlink_evidence', { p_id: theme.id });
			expect(error).toBeNull();
			const { data: after } = await clients.lead.rpc('decision', { p_id: decision });
			expect(after).toMatchObject({ people: 1 });
		});
	});

	describe('publishing and the disclosure rule', () => {
		let few: string;
		let many: string;
		beforeAll(async () => {
			few = await newDecision({ p_you_said: 'The buses are late', p_priority_id: priority });
			many = await newDecision({
				p_you_said: 'There are not enough clubs',
				p_we_did: 'Two new after-school clubs open in January.',
				p_status: 'in_progress'
			});
			for (const id of busItems)
				await clients.lead.rpc('link_evidence', { p_decision_id: few, p_feedback_id: id });
			await clients.lead.rpc('link_evidence', { p_decision_id: many, p_theme: 'clubs' });
		});

		it('publishes only with "what we did", and only for admins and leads', async () => {
			const empty = await clients.lead.rpc('publish_decision', { p_id: few });
			expect(empty.error?.hint).toBe('invalid_decision');
			expect(Object.keys(JSON.parse(empty.error!.details))).toEqual(['we_did']);
			for (const who of ['officer', 'forum', 'scrutiny', 'safeguarding', 'stranger'] as const) {
				const { error } = await clients[who].rpc('publish_decision', { p_id: many });
				expect(error?.hint, who).toBe('not_permitted');
			}
			expect(cardIn(await published(), many)).toBeUndefined();

			const saved = await save('officer', {
				p_id: few,
				p_you_said: 'The buses are late',
				p_we_did: 'The bus company now texts families about delays.',
				p_status: 'done',
				p_priority_id: priority
			});
			expect(saved.error).toBeNull();
			for (const id of [few, many]) {
				const { data, error } = await clients.lead.rpc('publish_decision', { p_id: id });
				expect(error).toBeNull();
				expect(data).toMatchObject({ published: true });
			}
			// a published decision keeps its "what we did"
			const emptied = await save('lead', { p_id: few, p_we_did: '', p_priority_id: priority });
			expect(Object.keys(JSON.parse(emptied.error!.details))).toEqual(['we_did']);
		});

		it("hides a count under the threshold as '[c]' from the public and the forum; a lead sees it exactly", async () => {
			const pub = await published();
			expect(pub.rule.threshold).toBe(10);
			expect(cardIn(pub, few)).toMatchObject({
				people: null,
				people_symbol: '[c]',
				we_did: 'The bus company now texts families about delays.',
				status: 'done'
			});
			expect(cardIn(pub, many)).toMatchObject({ people: 12, people_symbol: null });
			// staff's own words stay inside: the theme linked, the owner
			expect(Object.keys(cardIn(pub, many)!)).not.toContain('themes');
			expect(Object.keys(cardIn(pub, many)!)).not.toContain('owner');
			expect(pub.priorities.map((g) => g.title)).toEqual(['Getting to school', 'Other decisions']);

			for (const who of ['forum', 'scrutiny'] as const) {
				const list = await listed(who);
				expect(list.exact).toBe(false);
				expect(list.decisions.map((d) => d.id).sort(), who).toEqual([few, many].sort());
				expect(
					list.decisions.find((d) => d.id === few),
					who
				).toMatchObject({ people: null, people_symbol: '[c]' });
			}
			const lead = await listed('lead');
			expect(lead.exact).toBe(true);
			expect(lead.decisions.find((d) => d.id === few)).toMatchObject({ people: 3, people_symbol: null });
			// staff see the unpublished ones too
			expect(lead.decisions.length).toBeGreaterThan(2);
		});

		it('rounds shown counts to the rule in force', async () => {
			const { error } = await clients.admin.rpc('set_disclosure_rule', {
				p_organisation_id: org.id,
				p_kind: 'nhs_england'
			});
			expect(error).toBeNull();
			expect(cardIn(await published(), many)).toMatchObject({ people: 10 });
			expect(cardIn(await published(), few)).toMatchObject({ people: null, people_symbol: '[c]' });
			expect((await listed('lead')).decisions.find((d) => d.id === many)).toMatchObject({ people: 12 });
			await clients.admin.rpc('set_disclosure_rule', { p_organisation_id: org.id, p_kind: 'under_10' });
		});

		it('never counts a comment held for safeguarding, for anyone', async () => {
			const { error } = await clients.officer.rpc('flag_feedback', {
				p_id: clubItems[0],
				p_reason: 'worried'
			});
			expect(error).toBeNull();
			expect((await listed('lead')).decisions.find((d) => d.id === many)).toMatchObject({ people: 11 });
			expect(cardIn(await published(), many)).toMatchObject({ people: 11 });
			expect((await listed('forum')).decisions.find((d) => d.id === many)).toMatchObject({ people: 11 });
			// a held comment cannot be linked at all
			const link = await clients.lead.rpc('link_evidence', {
				p_decision_id: few,
				p_feedback_id: clubItems[0]
			});
			expect(link.error?.hint).toBe('invalid_evidence');
		});

		it('answers anyone for a known slug, null for an unknown one, and takes a card off when unpublished', async () => {
			const { data: none } = await engine.anon().rpc('you_said_we_did', { p_slug: 'no-such-place' });
			expect(none).toBeNull();
			expect(cardIn(await published(clients.stranger), many)).toBeDefined();
			const off = await clients.admin.rpc('publish_decision', { p_id: many, p_published: false });
			expect(off.data).toMatchObject({ published: false });
			expect(cardIn(await published(), many)).toBeUndefined();
			expect((await listed('forum')).decisions.map((d) => d.id)).toEqual([few]);
		});

		it('keeps every change in the audit log, read by admins', async () => {
			const { data } = await clients.admin.rpc('audit_log', { p_organisation_id: org.id, p_limit: 1000 });
			const actions = new Set((data as { action: string }[]).map((e) => e.action));
			for (const a of [
				'decision.added',
				'decision.changed',
				'decision.published',
				'decision.unpublished',
				'decision.evidence_linked',
				'decision.evidence_unlinked',
				'decision.test_questions',
				'activity.added'
			])
				expect(actions.has(a), a).toBe(true);
		});

		it('retires, never deletes, a priority with decisions filed under it', async () => {
			const { data } = await clients.lead.rpc('remove_priority', { p_id: priority });
			expect(data).toMatchObject({ retired: true });
			expect(cardIn(await published(), few)).toBeDefined();
		});
	});

	describe('engagement activities', () => {
		it('lets staff record activities, refuses bad input, and no one else', async () => {
			const bad = await clients.lead.rpc('save_activity', {
				p_organisation_id: org.id,
				p_title: ' ',
				p_held_on: '2999-01-01',
				p_kind: 'party',
				p_participation: 'coercion',
				p_phase: 'university',
				p_took_part: { children_young_people: -1, parent_carers: 'many' }
			});
			expect(bad.error?.hint).toBe('invalid_activity');
			expect(Object.keys(JSON.parse(bad.error!.details)).sort()).toEqual(
				['held_on', 'kind', 'participation', 'phase', 'title', 'took_part'].sort()
			);
			for (const who of ['forum', 'scrutiny', 'safeguarding', 'stranger'] as const) {
				const { error } = await clients[who].rpc('save_activity', {
					p_organisation_id: org.id,
					p_title: 'x',
					p_held_on: today(),
					p_kind: 'event',
					p_participation: 'informing'
				});
				expect(error?.hint, who).toBe('not_permitted');
			}
			const { data, error } = await clients.admin.rpc('save_activity', {
				p_organisation_id: org.id,
				p_title: 'Young Inspectors visit',
				p_held_on: today(),
				p_kind: 'young_inspectors',
				p_participation: 'co_production',
				p_phase: 'secondary',
				p_took_part: { children_young_people: 14, professionals: 0 }
			});
			expect(error).toBeNull();
			expect(data).toMatchObject({ took_part: 14 });
		});

		it('gives staff the numbers by group and the reach; the forum one total per activity under the rule', async () => {
			const { data: staff } = await clients.officer.rpc('list_activities', { p_organisation_id: org.id });
			const s = staff as {
				exact: boolean;
				reach: Record<string, number>;
				activities: { title: string; took_part: number; by_group: Record<string, number> | null }[];
			};
			expect(s.exact).toBe(true);
			expect(s.reach).toEqual({ children_young_people: 18, parent_carers: 2 });
			expect(s.activities.find((a) => a.title === 'Transport focus group')).toMatchObject({
				took_part: 6,
				by_group: { children_young_people: 4, parent_carers: 2 }
			});
			const { data: forum } = await clients.forum.rpc('list_activities', { p_organisation_id: org.id });
			const f = forum as typeof s & { activities: { took_part_symbol: string | null }[] };
			expect(f.exact).toBe(false);
			expect(f.reach).toBeNull();
			expect(f.activities.find((a) => a.title === 'Transport focus group')).toMatchObject({
				took_part: null,
				took_part_symbol: '[c]',
				by_group: null
			});
			expect(f.activities.find((a) => a.title === 'Young Inspectors visit')).toMatchObject({ took_part: 14 });
			const { error } = await clients.stranger.rpc('list_activities', { p_organisation_id: org.id });
			expect(error?.hint).toBe('not_permitted');
		});
	});

	describe('deleting', () => {
		interface Entry {
			action: string;
			actor: string;
			subject_id: string;
			at: string;
			detail: { before?: { you_said?: string; title?: string } };
		}
		async function audit(): Promise<Entry[]> {
			const { data, error } = await clients.admin.rpc('audit_log', {
				p_organisation_id: org.id,
				p_limit: 1000
			});
			expect(error).toBeNull();
			return data as Entry[];
		}
		async function activity(title: string): Promise<string> {
			const { data, error } = await clients.officer.rpc('save_activity', {
				p_organisation_id: org.id,
				p_title: title,
				p_held_on: today(),
				p_kind: 'event',
				p_participation: 'engagement',
				p_took_part: { parent_carers: 3 }
			});
			expect(error).toBeNull();
			return (data as { id: string }).id;
		}

		it('takes a published decision off the public page with its evidence, kept in the audit log', async () => {
			const id = await newDecision({
				p_you_said: 'Delete me: the ramps are too steep',
				p_we_did: 'New ramps.'
			});
			await clients.lead.rpc('link_evidence', { p_decision_id: id, p_feedback_id: busItems[0] });
			expect((await clients.lead.rpc('publish_decision', { p_id: id })).error).toBeNull();
			expect(cardIn(await published(), id)).toBeDefined();
			// an officer does not delete a published decision; no one outside the staff does
			for (const who of ['officer', 'forum', 'scrutiny', 'safeguarding', 'stranger'] as const) {
				const { error } = await clients[who].rpc('delete_decision', { p_id: id });
				expect(error?.hint, who).toBe('not_permitted');
			}
			expect((await engine.anon().rpc('delete_decision', { p_id: id })).error).not.toBeNull();
			expect(cardIn(await published(), id)).toBeDefined();

			const { data, error } = await clients.lead.rpc('delete_decision', { p_id: id });
			expect(error).toBeNull();
			expect(data).toEqual({ id, was_published: true });
			expect(cardIn(await published(), id)).toBeUndefined();
			expect((await listed('lead')).decisions.map((d) => d.id)).not.toContain(id);
			const left = await engine.db.query('select 1 from app.decision_evidence where decision_id = $1', [id]);
			expect(left).toEqual([]);
			const entry = (await audit()).find((e) => e.action === 'decision.deleted' && e.subject_id === id)!;
			expect(entry.actor).toBe(users.lead.email);
			expect(entry.detail.before?.you_said).toBe('Delete me: the ramps are too steep');
			expect(Date.now() - new Date(entry.at).getTime()).toBeLessThan(10 * 60_000);
			// deleting it again: it is not there
			expect((await clients.lead.rpc('delete_decision', { p_id: id })).error?.hint).toBe('not_permitted');
		});

		it('lets an officer delete a decision that is not published', async () => {
			const id = await newDecision({ p_you_said: 'An officer deletes this draft' });
			const { error } = await clients.officer.rpc('delete_decision', { p_id: id });
			expect(error).toBeNull();
			expect((await listed('lead')).decisions.map((d) => d.id)).not.toContain(id);
		});

		it('refuses to delete an activity cited as evidence, naming the decisions, until it is unlinked', async () => {
			const act = await activity('Coffee morning to delete');
			const id = await newDecision({ p_you_said: 'Parents want a coffee morning each term' });
			const { data: link } = await clients.lead.rpc('link_evidence', {
				p_decision_id: id,
				p_activity_id: act
			});
			const refused = await clients.lead.rpc('delete_activity', { p_id: act });
			expect(refused.error?.hint).toBe('activity_cited');
			expect(JSON.parse(refused.error!.details).title).toBe(
				'This activity is evidence for a decision: “Parents want a coffee morning each term”. ' +
					'Unlink it from each decision first.'
			);
			const acts = await clients.lead.rpc('list_activities', { p_organisation_id: org.id });
			expect(JSON.stringify(acts.data)).toContain('Coffee morning to delete');

			await clients.lead.rpc('unlink_evidence', { p_id: (link as { id: string }).id });
			for (const who of ['forum', 'scrutiny', 'safeguarding', 'stranger'] as const) {
				const { error } = await clients[who].rpc('delete_activity', { p_id: act });
				expect(error?.hint, who).toBe('not_permitted');
			}
			const { error } = await clients.officer.rpc('delete_activity', { p_id: act });
			expect(error).toBeNull();
			const after = await clients.lead.rpc('list_activities', { p_organisation_id: org.id });
			expect(JSON.stringify(after.data)).not.toContain('Coffee morning to delete');
			const entry = (await audit()).find((e) => e.action === 'activity.deleted' && e.subject_id === act)!;
			expect(entry.actor).toBe(users.officer.email);
			expect(entry.detail.before?.title).toBe('Coffee morning to delete');
		});
	});

	it('keeps the tables to staff: forum, scrutiny and safeguarding read no row, anon none at all', async () => {
		for (const table of ['decisions', 'decision_evidence', 'engagement_activities']) {
			for (const who of ['forum', 'scrutiny', 'safeguarding'] as const) {
				const rows = await engine.queryAs('authenticated', users[who].id, `select 1 from app.${table}`);
				expect(rows, `${who} ${table}`).toEqual([]);
			}
			const staff = await engine.queryAs('authenticated', users.officer.id, `select 1 from app.${table}`);
			expect(staff.length, table).toBeGreaterThan(0);
			await expect(engine.queryAs('anon', null, `select 1 from app.${table}`)).rejects.toThrow(
				/permission denied/
			);
		}
	});
});
