/**
 * Suggestions a person confirms: keywords staff keep per priority, and a classifier trained on the
 * organisation's own confirmed tags, suggest priorities for a comment; a person accepts one (it is
 * tagged through api.tag_feedback) or says "not this" (never suggested again for it). Each role is tried.
 */
import { beforeAll, expect, it } from 'vitest';
import { forEachEngine, parseDetails, type Client, type Organisation, type User } from './engines';

interface Suggestion {
	priority_id: string;
	confidence: number;
	sources: string[];
	keywords: string[];
}

forEachEngine('suggestions', (engine) => {
	let org: Organisation;
	let other: Organisation;
	let ehc: string;
	let transport: string;
	let shortBreaks: string;
	let otherPriority: string;
	const users = {} as Record<
		'admin' | 'lead' | 'officer' | 'forum' | 'scrutiny' | 'safeguarding' | 'stranger',
		User
	>;
	const clients = {} as Record<keyof typeof users, Client>;

	async function addItem(text: string): Promise<string> {
		const { data, error } = await clients.officer.rpc('add_feedback', {
			p_organisation_id: org.id,
			p_channel: 'event',
			p_given_on: new Date().toISOString().slice(0, 10),
			p_text: text
		});
		expect(error).toBeNull();
		return (data as { id: string }).id;
	}

	async function suggestions(id: string, who: keyof typeof users = 'officer') {
		const { data, error } = await clients[who].rpc('feedback_suggestions', { p_id: id });
		expect(error, who).toBeNull();
		return data as Suggestion[];
	}

	beforeAll(async () => {
		org = await engine.createOrganisation();
		other = await engine.createOrganisation();
		ehc = await engine.createPriority(org, 'Quality and efficiency of EHC processes');
		transport = await engine.createPriority(org, 'Travel to school');
		shortBreaks = await engine.createPriority(org, 'Short breaks and support for families');
		otherPriority = await engine.createPriority(other, 'Theirs');
		for (const role of ['admin', 'lead', 'officer', 'forum', 'scrutiny', 'safeguarding'] as const)
			users[role] = await engine.createMember(org, role);
		users.stranger = await engine.createMember(other, 'lead');
		for (const [k, u] of Object.entries(users)) clients[k as keyof typeof users] = await engine.signInAs(u);
	});

	it('lets admins and leads keep keywords, in the audit log, and refuses everyone else', async () => {
		const { data, error } = await clients.lead.rpc('add_priority_keyword', {
			p_priority_id: ehc,
			p_keyword: '  EHC   plan '
		});
		expect(error).toBeNull();
		expect(data).toMatchObject({ keyword: 'EHC plan' });
		const added = await clients.admin.rpc('add_priority_keyword', {
			p_priority_id: transport,
			p_keyword: 'taxi'
		});
		expect(added.error).toBeNull();
		for (const who of ['officer', 'forum', 'scrutiny', 'safeguarding', 'stranger'] as const) {
			const { error } = await clients[who].rpc('add_priority_keyword', {
				p_priority_id: ehc,
				p_keyword: 'annual review'
			});
			expect(error?.hint, who).toBe('not_permitted');
		}
		const anon = await engine.anon().rpc('add_priority_keyword', { p_priority_id: ehc, p_keyword: 'review' });
		expect(anon.error).not.toBeNull();
		// the lead of another organisation cannot remove ours either
		const id = (added.data as { id: string }).id;
		for (const who of ['officer', 'forum', 'scrutiny', 'stranger'] as const) {
			const { error } = await clients[who].rpc('remove_priority_keyword', { p_id: id });
			expect(error?.hint, who).toBe('not_permitted');
		}
		// staff who tag read them; forum and scrutiny do not
		const read = await clients.officer.rpc('priority_keywords', { p_priority_id: ehc });
		expect(read.data).toEqual([expect.objectContaining({ keyword: 'EHC plan' })]);
		for (const who of ['forum', 'scrutiny', 'stranger'] as const) {
			const { data: none } = await clients[who].rpc('priority_keywords', { p_priority_id: ehc });
			expect(none, who).toEqual([]);
		}
		const [audit] = await engine.db.query<{ n: number }>(
			`select count(*)::int as n from app.audit_log where organisation_id = $1 and action = 'priority.keyword_added'`,
			[org.id]
		);
		expect(audit!.n).toBe(2);
	});

	it('refuses an empty keyword, a long one, a duplicate (in any form) and one that matches everything', async () => {
		const cases: [string, RegExp][] = [
			['   ', /Enter a word/],
			['x'.repeat(61), /60 characters/],
			['e', /almost every comment/],
			['the', /almost every comment/],
			['EHC plans', /already a keyword/]
		];
		for (const [keyword, message] of cases) {
			const { error } = await clients.lead.rpc('add_priority_keyword', {
				p_priority_id: ehc,
				p_keyword: keyword
			});
			expect(error?.hint, keyword).toBe('invalid_keyword');
			expect(parseDetails(error?.details).keyword, keyword).toMatch(message);
		}
		const [row] = await engine.db.query<{ n: number }>(
			'select count(*)::int as n from app.priority_keywords where priority_id = $1',
			[ehc]
		);
		expect(row!.n).toBe(1);
	});

	it('suggests a priority whose keyword a comment holds, in another form of the word', async () => {
		const id = await addItem('We are still waiting for the EHC plans to be finished after eight months.');
		const s = await suggestions(id);
		expect(s[0]).toMatchObject({ priority_id: ehc, sources: ['keywords'], keywords: ['EHC plan'] });
		expect(s[0]!.confidence).toBeGreaterThan(0);
		expect(s[0]!.confidence).toBeLessThanOrEqual(1);
		for (const who of ['admin', 'lead'] as const)
			expect((await suggestions(id, who))[0]!.priority_id).toBe(ehc);
	});

	it('refuses suggestions to forum, scrutiny, safeguarding, another organisation and anon', async () => {
		const id = await addItem('The taxi never comes on time.');
		for (const who of ['forum', 'scrutiny', 'safeguarding', 'stranger'] as const) {
			const { error } = await clients[who].rpc('feedback_suggestions', { p_id: id });
			expect(error?.hint, who).toBe('not_permitted');
			const accept = await clients[who].rpc('accept_suggestion', { p_id: id, p_priority_id: transport });
			expect(accept.error, who).not.toBeNull();
			const reject = await clients[who].rpc('reject_suggestion', { p_id: id, p_priority_id: transport });
			expect(reject.error, who).not.toBeNull();
		}
		const anon = await engine.anon().rpc('feedback_suggestions', { p_id: id });
		expect(anon.error).not.toBeNull();
	});

	it('gives a held item no suggestions for staff other than the safeguarding lead', async () => {
		const id = await addItem('My taxi driver hits me');
		for (const who of ['admin', 'lead', 'officer'] as const) {
			const { data, error } = await clients[who].rpc('feedback_suggestions', { p_id: id });
			expect(data, who).toBeNull();
			expect(error?.hint, who).toBe('not_permitted');
		}
	});

	it('learns from confirmed tags: a comment about short breaks gets that priority first once a few are tagged', async () => {
		const probe = await addItem(
			'We have had no respite for a year and my son cannot go to the holiday club any more.'
		);
		const before = await suggestions(probe);
		expect(before.find((s) => s.priority_id === shortBreaks)).toBeUndefined();
		const tagged: [string, string][] = [
			['Respite care at weekends gave us our first night of sleep in months.', shortBreaks],
			['The holiday club was cancelled and there was no respite over summer.', shortBreaks],
			['We need more short breaks and respite for families like ours.', shortBreaks],
			['My son loved the holiday club, please keep it going.', shortBreaks],
			['The annual review was late again and the plan was out of date.', ehc],
			['Nobody told us when the assessment would be finished.', ehc],
			['The school bus is always late.', transport]
		];
		for (const [text, priority] of tagged) {
			const item = await addItem(text);
			const { error } = await clients.officer.rpc('tag_feedback', { p_id: item, p_priority_ids: [priority] });
			expect(error).toBeNull();
		}
		const after = await suggestions(probe);
		expect(after[0]).toMatchObject({ priority_id: shortBreaks, sources: ['learned'] });
		expect(after[0]!.confidence).toBeGreaterThan(0.1);
	});

	it('tags an accepted suggestion through the tagging function, keeping other tags, and never suggests a rejected one again', async () => {
		const id = await addItem('The taxi is late and the EHC plan still says the wrong school.');
		await clients.officer.rpc('tag_feedback', { p_id: id, p_themes: ['travel'], p_sentiment: 'negative' });
		const s = (await suggestions(id)).filter((x) => x.sources.includes('keywords'));
		expect(s.map((x) => x.priority_id).sort()).toEqual([ehc, transport].sort());

		const rejected = await clients.officer.rpc('reject_suggestion', { p_id: id, p_priority_id: ehc });
		expect(rejected.error).toBeNull();
		const accepted = await clients.officer.rpc('accept_suggestion', { p_id: id, p_priority_id: transport });
		expect(accepted.error).toBeNull();
		expect(accepted.data).toMatchObject({
			priorities: [transport],
			themes: ['travel'],
			sentiment: 'negative'
		});
		const left = (await suggestions(id)).map((x) => x.priority_id);
		expect(left).not.toContain(ehc);
		expect(left).not.toContain(transport);

		const { data: item } = await clients.lead.rpc('feedback_item', { p_id: id });
		expect(item).toMatchObject({ priorities: [transport] });
		const [log] = await engine.db.query<{ actions: string[] }>(
			`select array_agg(action order by id) as actions from app.audit_log where subject_id = $1`,
			[id]
		);
		expect(log!.actions).toEqual(['feedback.tagged', 'feedback.suggestion_rejected', 'feedback.tagged']);
		// another organisation's priority is refused, and nothing is written
		const foreign = await clients.officer.rpc('accept_suggestion', {
			p_id: id,
			p_priority_id: otherPriority
		});
		expect(foreign.error?.hint).toBe('invalid_tags');
		const foreignReject = await clients.officer.rpc('reject_suggestion', {
			p_id: id,
			p_priority_id: otherPriority
		});
		expect(foreignReject.error?.hint).toBe('invalid_tags');
	});

	it('removes a keyword (audit-logged), after which it suggests nothing', async () => {
		const { data } = await clients.admin.rpc('priority_keywords', { p_priority_id: transport });
		const [taxi] = data as { id: string }[];
		const { error } = await clients.lead.rpc('remove_priority_keyword', { p_id: taxi!.id });
		expect(error).toBeNull();
		const id = await addItem('A taxi would help.');
		expect((await suggestions(id)).find((s) => s.sources.includes('keywords'))).toBeUndefined();
		const [audit] = await engine.db.query<{ n: number }>(
			`select count(*)::int as n from app.audit_log where organisation_id = $1 and action = 'priority.keyword_removed'`,
			[org.id]
		);
		expect(audit!.n).toBe(1);
	});
});
