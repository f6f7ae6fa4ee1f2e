/**
 * Bulk tagging (api.bulk_tag_feedback): a selection of the inbox gets a priority and/or a theme in one
 * call, all or nothing. Admins, leads and officers may; forum, scrutiny and signed-out visitors may not.
 * An item held for safeguarding, gone, or of another organisation refuses the whole selection with a
 * message that says why, and nothing changes. Each item changed has its own audit entry.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, expect, it } from 'vitest';
import { forEachEngine, type Client, type Organisation, type User } from './engines';

interface Tagged {
	priorities: string[];
	themes: string[];
}

forEachEngine('bulk tagging feedback', (engine) => {
	let org: Organisation;
	let other: Organisation;
	let priority: string;
	let foreignPriority: string;
	const users = {} as Record<'admin' | 'lead' | 'officer' | 'forum' | 'scrutiny' | 'stranger', User>;
	const clients = {} as Record<keyof typeof users, Client>;

	async function add(o: Organisation, who: Client, text: string): Promise<string> {
		const { data, error } = await who.rpc('add_feedback', {
			p_organisation_id: o.id,
			p_channel: 'event',
			p_given_on: '2026-11-30',
			p_text: text
		});
		expect(error).toBeNull();
		return (data as { id: string }).id;
	}
	async function tagsOf(id: string): Promise<Tagged> {
		const [row] = await engine.db.query<Tagged>(
			`select array(select priority_id::text from app.feedback_priorities where feedback_id = $1) as priorities,
			        array(select theme from app.feedback_themes where feedback_id = $1 order by theme) as themes`,
			[id]
		);
		return row!;
	}
	async function audits(id: string): Promise<number> {
		const [row] = await engine.db.query<{ n: number }>(
			`select count(*)::int as n from app.audit_log where action = 'feedback.tagged' and subject_id = $1`,
			[id]
		);
		return row!.n;
	}

	beforeAll(async () => {
		org = await engine.createOrganisation();
		other = await engine.createOrganisation();
		for (const role of ['admin', 'lead', 'officer', 'forum', 'scrutiny'] as const)
			users[role] = await engine.createMember(org, role);
		users.stranger = await engine.createMember(other, 'lead');
		for (const [k, u] of Object.entries(users)) clients[k as keyof typeof users] = await engine.signInAs(u);
		priority = await engine.createPriority(org, 'Transport');
		foreignPriority = await engine.createPriority(other, 'Theirs');
	});

	it('adds the priority and theme to every chosen item, keeping their tags, with an audit entry each', async () => {
		for (const who of ['admin', 'lead', 'officer'] as const) {
			const a = await add(org, clients[who], `The bus was late (${who})`);
			const b = await add(org, clients[who], `No bus on Sundays (${who})`);
			const keep = await engine.createPriority(org, `Kept ${who}`);
			expect(
				(await clients[who].rpc('tag_feedback', { p_id: b, p_priority_ids: [keep], p_themes: ['sundays'] }))
					.error
			).toBeNull();
			const { data, error } = await clients[who].rpc('bulk_tag_feedback', {
				p_ids: [a, b],
				p_priority_id: priority,
				p_theme: ' Buses '
			});
			expect(error, who).toBeNull();
			expect(data).toEqual({ tagged: 2, changed: 2 });
			expect(await tagsOf(a)).toEqual({ priorities: [priority], themes: ['buses'] });
			expect((await tagsOf(b)).priorities.sort()).toEqual([keep, priority].sort());
			expect((await tagsOf(b)).themes).toEqual(['buses', 'sundays']);
			expect(await audits(a)).toBe(1);
			expect(await audits(b)).toBe(2);
			// again: nothing new, so no new audit entry
			const again = await clients[who].rpc('bulk_tag_feedback', { p_ids: [a, b], p_priority_id: priority });
			expect(again.data).toEqual({ tagged: 2, changed: 0 });
			expect(await audits(a)).toBe(1);
		}
	});

	it('refuses forum, scrutiny, signed-out visitors and another organisation, changing nothing', async () => {
		const a = await add(org, clients.officer, 'Too far to the clinic');
		for (const who of ['forum', 'scrutiny', 'stranger'] as const) {
			const { error } = await clients[who].rpc('bulk_tag_feedback', { p_ids: [a], p_priority_id: priority });
			expect(error?.hint, who).toBe('not_permitted');
		}
		const anon = await engine.anon().rpc('bulk_tag_feedback', { p_ids: [a], p_priority_id: priority });
		expect(anon.error).not.toBeNull();
		expect(await tagsOf(a)).toEqual({ priorities: [], themes: [] });
	});

	it('refuses the whole selection when one item is held for safeguarding, saying so', async () => {
		const a = await add(org, clients.officer, 'The waiting list is long');
		const held = await add(org, clients.officer, 'Something worried me here');
		expect((await clients.officer.rpc('flag_feedback', { p_id: held, p_reason: 'check' })).error).toBeNull();
		const { error } = await clients.officer.rpc('bulk_tag_feedback', {
			p_ids: [a, held],
			p_priority_id: priority,
			p_theme: 'waiting'
		});
		expect(error?.hint).toBe('invalid_tags');
		expect(JSON.parse(error!.details)).toEqual({
			ids: 'Nothing was tagged: 1 of the chosen comments has been sent to the safeguarding lead. Take it out of the selection and try again.'
		});
		expect(await tagsOf(a)).toEqual({ priorities: [], themes: [] });
		expect(await audits(a)).toBe(0);
	});

	it('refuses items that are gone or of another organisation, and priorities not its own', async () => {
		const a = await add(org, clients.officer, 'Letters come late');
		const theirs = await add(other, clients.stranger, 'Their comment');
		for (const ids of [
			[a, randomUUID()],
			[a, theirs]
		]) {
			const { error } = await clients.officer.rpc('bulk_tag_feedback', { p_ids: ids, p_theme: 'letters' });
			expect(JSON.parse(error!.details).ids).toMatch(
				/^Nothing was tagged: 1 of the chosen comments is not in your feedback/
			);
		}
		const foreign = await clients.officer.rpc('bulk_tag_feedback', {
			p_ids: [a],
			p_priority_id: foreignPriority
		});
		expect(JSON.parse(foreign.error!.details)).toEqual({
			priority: 'Choose from your own current strategy priorities.'
		});
		const none = await clients.officer.rpc('bulk_tag_feedback', { p_ids: [a] });
		expect(JSON.parse(none.error!.details)).toHaveProperty('priority');
		const empty = await clients.officer.rpc('bulk_tag_feedback', { p_ids: [], p_theme: 'x' });
		expect(JSON.parse(empty.error!.details)).toHaveProperty('ids');
		expect(await tagsOf(a)).toEqual({ priorities: [], themes: [] });
		expect(await tagsOf(theirs)).toEqual({ priorities: [], themes: [] });
	});
});
