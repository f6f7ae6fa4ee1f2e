/**
 * Feedback: every free-text answer becomes an item staff read and tag; a disclosure goes to the
 * safeguarding lead's queue at once and nowhere else until it is closed with an action; priorities
 * are retired, not deleted, once feedback is filed under them; staff changes are in an audit log no one
 * can edit. Each role is tried, allowed and denied.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, expect, it } from 'vitest';
import { forEachEngine, rolledBack, type Client, type Organisation, type Survey, type User } from './engines';

interface Item {
	id: string;
	text: string;
	channel: string;
	wave_id: string | null;
	about: Record<string, string>;
	priorities: string[];
	themes: string[];
	sentiment: string | null;
}
interface Inbox {
	total: number;
	items: Item[];
}
interface Queue {
	alert_hours: number;
	items: {
		flag_id: string;
		feedback_id: string;
		text: string;
		overdue: boolean;
		matched_phrase: string | null;
	}[];
}

forEachEngine('feedback and safeguarding', (engine) => {
	let org: Organisation;
	let other: Organisation;
	let survey: Survey;
	const users = {} as Record<
		'admin' | 'lead' | 'officer' | 'forum' | 'scrutiny' | 'safeguarding' | 'stranger',
		User
	>;
	const clients = {} as Record<keyof typeof users, Client>;

	async function submit(comment: string, about: Record<string, string> = {}) {
		const { error } = await engine.server().rpc('submit_response', {
			p_response_id: randomUUID(),
			p_wave_slug: survey.waves.open!.slug,
			p_answers: { feel: 'agree', comment },
			p_about: about
		});
		expect(error).toBeNull();
	}

	async function inbox(who: keyof typeof users, args: Record<string, unknown> = {}) {
		return clients[who].rpc('feedback_inbox', { p_organisation_id: org.id, p_limit: 100, ...args });
	}
	const texts = (data: unknown) => (data as Inbox).items.map((i) => i.text).sort();

	async function queue(): Promise<Queue> {
		const { data, error } = await clients.safeguarding.rpc('safeguarding_queue', {
			p_organisation_id: org.id
		});
		expect(error).toBeNull();
		return data as Queue;
	}

	beforeAll(async () => {
		org = await engine.createOrganisation();
		other = await engine.createOrganisation();
		survey = await engine.createSurvey(org, { waves: ['closed', 'open'] });
		for (const role of ['admin', 'lead', 'officer', 'forum', 'scrutiny', 'safeguarding'] as const)
			users[role] = await engine.createMember(org, role);
		users.stranger = await engine.createMember(other, 'lead');
		for (const [k, u] of Object.entries(users)) clients[k as keyof typeof users] = await engine.signInAs(u);
		// an answer stored before: the trigger makes its item whoever inserts it
		await engine.addResponses(survey, survey.waves.closed!, 1, { feel: 'agree', comment: 'Bus was late' });
		await submit('More clubs please', { phase: 'primary' });
		await submit('My dad hits me');
		await submit('i dont feel safe');
	});

	it('makes an item of every free-text answer, with its wave, channel and about-you answers', async () => {
		const { data, error } = await inbox('officer');
		expect(error).toBeNull();
		expect(texts(data)).toEqual(['Bus was late', 'More clubs please']);
		const clubs = (data as Inbox).items.find((i) => i.text === 'More clubs please')!;
		expect(clubs).toMatchObject({
			channel: 'online',
			wave_id: survey.waves.open!.id,
			about: { phase: 'primary' }
		});
	});

	it('sends a disclosure straight to the safeguarding queue, in words children use, and hides it from staff', async () => {
		const q = await queue();
		expect(q.items.map((i) => i.text).sort()).toEqual(['My dad hits me', 'i dont feel safe']);
		expect(q.items.every((i) => i.matched_phrase && !i.overdue)).toBe(true);
		for (const who of ['admin', 'lead', 'officer'] as const) {
			const { data } = await inbox(who, { p_search: 'hits' });
			expect((data as Inbox).total, who).toBe(0);
		}
		const held = q.items[0]!.feedback_id;
		const { data: item } = await clients.lead.rpc('feedback_item', { p_id: held });
		expect(item).toBeNull();
		// nor straight from the table, under row-level security
		const rows = await engine.queryAs(
			'authenticated',
			users.officer.id,
			'select body from app.feedback where held'
		);
		expect(rows).toEqual([]);
	});

	it('never lets forum, scrutiny, another organisation or a respondent read raw items or the queue', async () => {
		for (const who of ['forum', 'scrutiny', 'stranger', 'safeguarding'] as const) {
			const { error } = await inbox(who);
			expect(error?.message, who).toMatch(/Only administrators, leads and officers/);
		}
		for (const who of ['forum', 'scrutiny'] as const) {
			for (const table of ['feedback', 'feedback_priorities', 'feedback_themes', 'safeguarding_flags']) {
				const rows = await engine.queryAs('authenticated', users[who].id, `select 1 from app.${table}`);
				expect(rows, `${who} ${table}`).toEqual([]);
			}
		}
		for (const who of ['admin', 'lead', 'officer', 'forum', 'stranger'] as const) {
			const { error } = await clients[who].rpc('safeguarding_queue', { p_organisation_id: org.id });
			expect(error?.message, who).toMatch(/Only the safeguarding lead/);
		}
		await expect(engine.queryAs('anon', null, 'select 1 from app.feedback')).rejects.toThrow(
			/permission denied/
		);
		const { error } = await engine.anon().rpc('feedback_inbox', { p_organisation_id: org.id });
		expect(error).not.toBeNull();
	});

	it('lets staff add comments from other channels, checks them, and holds a worrying one', async () => {
		const today = new Date().toISOString().slice(0, 10);
		const { data, error } = await clients.officer.rpc('add_feedback', {
			p_organisation_id: org.id,
			p_channel: 'youth_cabinet',
			p_given_on: today,
			p_text: 'We want a say in the new youth centre.'
		});
		expect(error).toBeNull();
		expect(data).toMatchObject({ held: false });
		const { data: found } = await inbox('lead', { p_channel: 'youth_cabinet' });
		expect(texts(found)).toEqual(['We want a say in the new youth centre.']);

		const bad = await clients.officer.rpc('add_feedback', {
			p_organisation_id: org.id,
			p_channel: 'carrier_pigeon',
			p_given_on: '2999-01-01',
			p_text: '   '
		});
		expect(bad.error?.hint).toBe('invalid_feedback');
		expect(JSON.parse(bad.error!.details)).toEqual({
			channel: 'Choose where this feedback was given.',
			given_on: 'The date cannot be in the future.',
			text: 'Enter what was said.'
		});

		const worrying = await clients.lead.rpc('add_feedback', {
			p_organisation_id: org.id,
			p_channel: 'school_council',
			p_given_on: today,
			p_text: 'One boy said he is scared to go home'
		});
		expect(worrying.data).toMatchObject({ held: true });
		expect((await queue()).items.map((i) => i.text)).toContain('One boy said he is scared to go home');

		for (const who of ['forum', 'scrutiny', 'safeguarding', 'stranger'] as const) {
			const { error: refused } = await clients[who].rpc('add_feedback', {
				p_organisation_id: org.id,
				p_channel: 'event',
				p_given_on: today,
				p_text: 'x'
			});
			expect(refused?.hint, who).toBe('not_permitted');
		}
	});

	it('holds an item any member of staff flags, and releases it only with a recorded action', async () => {
		const { data } = await inbox('officer', { p_search: 'clubs' });
		const clubs = (data as Inbox).items[0]!;
		const flagged = await clients.officer.rpc('flag_feedback', {
			p_id: clubs.id,
			p_reason: 'I know this child'
		});
		expect(flagged.error).toBeNull();
		expect((await inbox('officer', { p_search: 'clubs' })).data).toMatchObject({ total: 0 });
		const entry = (await queue()).items.find((i) => i.feedback_id === clubs.id)!;
		expect(entry).toMatchObject({ matched_phrase: null });

		const forum = await clients.forum.rpc('flag_feedback', { p_id: clubs.id });
		expect(forum.error?.hint).toBe('not_permitted');
		const byLead = await clients.lead.rpc('close_safeguarding_flag', {
			p_flag_id: entry.flag_id,
			p_action: 'no_concern'
		});
		expect(byLead.error?.hint).toBe('not_permitted');
		const noAction = await clients.safeguarding.rpc('close_safeguarding_flag', {
			p_flag_id: entry.flag_id,
			p_action: null
		});
		expect(JSON.parse(noAction.error!.details)).toEqual({ action: 'Choose the action you took.' });
		const otherNoNote = await clients.safeguarding.rpc('close_safeguarding_flag', {
			p_flag_id: entry.flag_id,
			p_action: 'other'
		});
		expect(JSON.parse(otherNoNote.error!.details)).toEqual({ note: 'Say what you did.' });
		expect((await inbox('officer', { p_search: 'clubs' })).data).toMatchObject({ total: 0 });

		const closed = await clients.safeguarding.rpc('close_safeguarding_flag', {
			p_flag_id: entry.flag_id,
			p_action: 'no_concern'
		});
		expect(closed.error).toBeNull();
		expect((await inbox('officer', { p_search: 'clubs' })).data).toMatchObject({ total: 1 });
		expect((await queue()).items.map((i) => i.feedback_id)).not.toContain(clubs.id);
		const [flag] = await engine.db.query<{ closed_by: string; action: string }>(
			'select closed_by, action from app.safeguarding_flags where id = $1',
			[entry.flag_id]
		);
		expect(flag).toEqual({ closed_by: users.safeguarding.id, action: 'no_concern' });
	});

	it('marks a flag that has waited longer than the organisation allows', async () => {
		await engine.db.query(
			`update app.safeguarding_flags set raised_at = now() - interval '25 hours'
			  where organisation_id = $1 and closed_at is null
			    and feedback_id = (select id from app.feedback where body = 'My dad hits me')`,
			[org.id]
		);
		const q = await queue();
		expect(q.alert_hours).toBe(24);
		expect(q.items.filter((i) => i.overdue).map((i) => i.text)).toEqual(['My dad hits me']);
		expect(q.items[0]!.text).toBe('My dad hits me'); // the longest waiting first
	});

	it('keeps a phrase list that admins and safeguarding edit, refusing empty and match-everything entries', async () => {
		const list = await clients.safeguarding.rpc('safeguarding_phrases', { p_organisation_id: org.id });
		const phrases = (list.data as { phrase: string }[]).map((p) => p.phrase);
		expect(phrases).toEqual(
			expect.arrayContaining(['self harm', 'sucide', 'neglect', 'dont feel safe', 'abuse'])
		);

		const refuse = async (phrase: string) => {
			const { error } = await clients.admin.rpc('add_safeguarding_phrase', {
				p_organisation_id: org.id,
				p_phrase: phrase
			});
			expect(error?.hint, phrase).toBe('invalid_phrase');
			return JSON.parse(error!.details).phrase as string;
		};
		expect(await refuse('  !! ')).toBe('Enter a word or phrase with at least one letter or digit.');
		expect(await refuse('a')).toMatch(/at least 3 letters/);
		expect(await refuse('the')).toMatch(/would match ordinary comments/);
		expect(await refuse('Self-harm')).toBe('"self harm" is already in the list.');

		for (const who of ['lead', 'officer', 'forum', 'stranger'] as const) {
			const { error } = await clients[who].rpc('add_safeguarding_phrase', {
				p_organisation_id: org.id,
				p_phrase: 'locked out'
			});
			expect(error?.hint, who).toBe('not_permitted');
			const read = await clients[who].rpc('safeguarding_phrases', { p_organisation_id: org.id });
			expect(read.error?.hint, who).toBe('not_permitted');
		}
		// a new phrase also catches what is already stored
		await submit('nobody feeds the dog');
		const added = await clients.safeguarding.rpc('add_safeguarding_phrase', {
			p_organisation_id: org.id,
			p_phrase: 'Feeds the DOG'
		});
		expect(added.data).toMatchObject({ phrase: 'feeds the dog', held: 1 });
		expect((await queue()).items.map((i) => i.text)).toContain('nobody feeds the dog');
		const removed = await clients.admin.rpc('remove_safeguarding_phrase', {
			p_id: (added.data as { id: string }).id
		});
		expect(removed.error).toBeNull();
	});

	it('ships a starting list that leaves ordinary comments alone', async () => {
		const rows = await engine.db.query<{ phrase: string }>(
			`select p.phrase from app.safeguarding_phrases p, unnest(app.safeguarding_ordinary_comments()) c
			  where p.organisation_id = $1 and position(' ' || p.phrase || ' ' in ' ' || app.safeguarding_normal(c) || ' ') > 0`,
			[org.id]
		);
		expect(rows).toEqual([]);
		const [row] = await engine.db.query<{ m: string }>(`select app.safeguarding_match($1, $2) as m`, [
			org.id,
			'Sometimes I want to DIE, honestly.'
		]);
		expect(row!.m).toBe('want to die');
	});

	it('checks a text for phrases once, however many phrases there are, and each arriving item once', async () => {
		// Functions called within one transaction, counted by PostgreSQL (track_functions). Until
		// migration 20261212000100 the text was normalised once a phrase (154 times in the starting list)
		// and hold_matching matched each item twice: most of a submission's work in the database.
		const { match, one, arrived, more } = await rolledBack(engine.db, async (tx) => {
			const called = async () =>
				new Map(
					(
						await tx.query<{ funcname: string; calls: number | string }>(
							`select funcname, calls from pg_stat_xact_user_functions where schemaname = 'app'`
						)
					).map((r) => [r.funcname, Number(r.calls)])
				);
			await tx.query(`set local track_functions = 'all'`);
			const [phrases] = await tx.query<{ n: number }>(
				`select count(*)::integer as n from app.safeguarding_phrases where organisation_id = $1`,
				[org.id]
			);
			expect(phrases!.n).toBeGreaterThan(100);
			const [match] = await tx.query<{ m: string | null }>(`select app.safeguarding_match($1, $2) as m`, [
				org.id,
				'We waited a long time for speech and language therapy, and I want to die some days.'
			]);
			const one = await called();
			// items not yet held, as they arrive: each is matched once
			const items = await tx.query<{ id: string }>(
				`select f.id from app.feedback f where not f.held
				  and not exists (select 1 from app.safeguarding_flags g where g.feedback_id = f.id and g.closed_at is null)
				  order by f.id limit 3`
			);
			await tx.query(`select app.hold_matching($1::uuid[])`, [items.map((i) => i.id)]);
			const after = await called();
			const more = (name: string) => (after.get(name) ?? 0) - (one.get(name) ?? 0);
			return {
				match: match!.m,
				one,
				arrived: items.length,
				more: { match: more('safeguarding_match'), normal: more('safeguarding_normal') }
			};
		});
		expect(match).toBe('want to die');
		expect(one.get('safeguarding_match')).toBe(1);
		expect(one.get('safeguarding_normal')).toBe(1);
		expect(arrived).toBeGreaterThan(1);
		expect(more).toEqual({ match: arrived, normal: arrived });
	});

	it('tags an item with priorities, themes and a sentiment, and filters by them', async () => {
		const p1 = await engine.createPriority(org, 'Transport');
		const foreign = await engine.createPriority(other, 'Theirs');
		const { data } = await inbox('officer', { p_search: 'bus' });
		const bus = (data as Inbox).items[0]!;
		const tagged = await clients.officer.rpc('tag_feedback', {
			p_id: bus.id,
			p_priority_ids: [p1],
			p_themes: [' Transport ', 'lateness', ''],
			p_sentiment: 'negative'
		});
		expect(tagged.error).toBeNull();
		expect(tagged.data).toMatchObject({
			priorities: [p1],
			themes: ['lateness', 'transport'],
			sentiment: 'negative'
		});
		expect(texts((await inbox('lead', { p_priority_id: p1 })).data)).toEqual(['Bus was late']);
		expect(texts((await inbox('lead', { p_untagged: true })).data)).not.toContain('Bus was late');
		expect(texts((await inbox('lead', { p_search: 'lateness' })).data)).toEqual(['Bus was late']);

		const cross = await clients.officer.rpc('tag_feedback', { p_id: bus.id, p_priority_ids: [foreign] });
		expect(JSON.parse(cross.error!.details)).toEqual({
			priorities: 'Choose from your own strategy priorities.'
		});
		const gone = await clients.officer.rpc('tag_feedback', { p_id: randomUUID(), p_priority_ids: [p1] });
		expect(gone.error?.hint).toBe('invalid_tags');
		// the organisation's other members are told they may not; anyone else finds nothing there
		for (const who of ['forum', 'scrutiny', 'safeguarding'] as const) {
			const refused = await clients[who].rpc('tag_feedback', { p_id: bus.id, p_priority_ids: [] });
			expect(refused.error?.hint, who).toBe('not_permitted');
			expect(refused.error?.message, who).toBe('Only administrators, leads and officers tag comments.');
		}
		const stranger = await clients.stranger.rpc('tag_feedback', { p_id: bus.id, p_priority_ids: [] });
		expect(stranger.error?.hint).toBe('invalid_tags');
		const [still] = await engine.db.query<{ n: number }>(
			'select count(*)::int as n from app.feedback_priorities where feedback_id = $1',
			[bus.id]
		);
		expect(still!.n).toBe(1);
	});

	it('filters by an about-you group and by one theme, offering only the groups and themes in use', async () => {
		const { data } = await inbox('lead');
		const all = data as Inbox & {
			groups: { dimension: string; dimension_label: string; code: string; label: string; n: number }[];
			themes: { theme: string; n: number }[];
		};
		// 'More clubs please' came from a primary-school child; held disclosures are not counted
		expect(all.groups).toEqual([
			{
				dimension: 'phase',
				dimension_label: expect.any(String),
				code: 'primary',
				label: expect.any(String),
				n: 1
			}
		]);
		expect(all.groups[0]!.label).not.toBe('primary');
		expect(texts((await inbox('lead', { p_group: 'phase:primary' })).data)).toEqual(['More clubs please']);
		expect((await inbox('lead', { p_group: 'phase:secondary' })).data).toMatchObject({ total: 0 });
		const bad = await inbox('lead', { p_group: 'phase' });
		expect(bad.error?.hint).toBe('invalid_filter');

		await clients.officer.rpc('tag_feedback', {
			p_id: (all.items.find((i) => i.text === 'More clubs please') as Item).id,
			p_themes: ['Clubs', 'after school']
		});
		const { data: tagged } = await inbox('lead');
		expect((tagged as typeof all).themes).toContainEqual({ theme: 'clubs', n: 1 });
		// a theme is matched whole, in any case, unlike the words search
		expect(texts((await inbox('lead', { p_theme: 'CLUBS' })).data)).toEqual(['More clubs please']);
		expect((await inbox('lead', { p_theme: 'club' })).data).toMatchObject({ total: 0 });
		expect(texts((await inbox('lead', { p_theme: 'clubs', p_group: 'phase:primary' })).data)).toEqual([
			'More clubs please'
		]);
		// another organisation's lead learns nothing from the lists
		const { data: theirs } = await clients.stranger.rpc('feedback_inbox', { p_organisation_id: other.id });
		expect(theirs).toMatchObject({ total: 0, groups: [], themes: [] });
	});

	it('lets leads and admins edit priorities, retiring one with feedback instead of deleting it', async () => {
		const add = (who: keyof typeof users, title: string, position: number | null = null) =>
			clients[who].rpc('save_priority', {
				p_organisation_id: org.id,
				p_id: null,
				p_code: null,
				p_title: title,
				p_description: null,
				p_position: position
			});
		const a = await add('lead', 'Early help');
		expect(a.error).toBeNull();
		const b = await add('admin', 'Preparing for adulthood', 1);
		expect(b.data).toMatchObject({ position: 1 });
		for (const who of ['officer', 'forum', 'safeguarding', 'stranger'] as const)
			expect((await add(who, 'Nope')).error?.hint, who).toBe('not_permitted');
		const blank = await add('lead', '  ');
		expect(JSON.parse(blank.error!.details)).toEqual({ title: "Enter the priority's title." });

		const list = async () =>
			(await clients.forum.rpc('list_priorities', { p_organisation_id: org.id })).data as {
				id: string;
				title: string;
				retired: boolean;
				position: number;
			}[];
		expect((await list())[0]!.title).toBe('Preparing for adulthood');
		const transport = (await list()).find((p) => p.title === 'Transport')!;
		const early = (await list()).find((p) => p.title === 'Early help')!;
		expect((await clients.lead.rpc('remove_priority', { p_id: transport.id })).data).toMatchObject({
			retired: true
		});
		expect((await clients.lead.rpc('remove_priority', { p_id: early.id })).data).toMatchObject({
			retired: false
		});
		const after = await list();
		expect(after.find((p) => p.id === transport.id)).toMatchObject({ retired: true });
		expect(after.find((p) => p.id === early.id)).toBeUndefined();
		expect(after.map((p) => p.position).sort()).toEqual([1, 2]); // no gap where Early help was
	});

	it('adds a template of priorities all or none, after the existing ones', async () => {
		const template = [
			{ code: 'B1', title: 'Early identification and support.' },
			{ code: 'B2', title: 'Quality and efficiency of EHC processes.' }
		];
		const added = await clients.admin.rpc('add_priorities', {
			p_organisation_id: org.id,
			p_priorities: template
		});
		expect(added.data).toEqual({ added: 2 });
		const again = await clients.lead.rpc('add_priorities', {
			p_organisation_id: org.id,
			p_priorities: [{ code: 'B9', title: 'New' }, ...template]
		});
		expect(JSON.parse(again.error!.details)).toEqual({
			template: 'Some of these codes are already used by your priorities: change or retire those first.'
		});
		const [n] = await engine.db.query<{ n: number }>(
			`select count(*)::int as n from app.strategy_priorities where organisation_id = $1 and code like 'B%'`,
			[org.id]
		);
		expect(n!.n).toBe(2);
		for (const who of ['officer', 'forum', 'safeguarding', 'stranger'] as const) {
			const { error } = await clients[who].rpc('add_priorities', {
				p_organisation_id: org.id,
				p_priorities: template
			});
			expect(error?.hint, who).toBe('not_permitted');
		}
	});

	it('keeps an audit log of staff changes that admins read and no one can change', async () => {
		const { data, error } = await clients.admin.rpc('audit_log', { p_organisation_id: org.id });
		expect(error).toBeNull();
		const actions = new Set((data as { action: string }[]).map((e) => e.action));
		for (const a of [
			'feedback.tagged',
			'safeguarding.flagged',
			'safeguarding.closed',
			'safeguarding.phrase_added',
			'priority.added',
			'priority.retired',
			'priority.deleted'
		])
			expect(actions, a).toContain(a);
		const tagged = (data as { action: string; actor: string }[]).find((e) => e.action === 'feedback.tagged')!;
		expect(tagged.actor).toBe(users.officer.email);
		for (const who of ['lead', 'officer', 'safeguarding', 'forum', 'stranger'] as const)
			expect((await clients[who].rpc('audit_log', { p_organisation_id: org.id })).error?.hint, who).toBe(
				'not_permitted'
			);
		await expect(
			engine.db.query('delete from app.audit_log where organisation_id = $1', [org.id])
		).rejects.toThrow(/cannot be changed/);
		await expect(
			engine.queryAs('authenticated', users.admin.id, `update app.audit_log set action = 'x'`)
		).rejects.toThrow(/permission denied/);
	});
});
