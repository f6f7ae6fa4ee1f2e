/**
 * The disclosure rule: each organisation's admins choose it (api.set_disclosure_rule), every member reads it
 * (api.disclosure_settings), its history is kept, bad input writes nothing, and every published figure says
 * which rule it followed.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { respond } from './disclosure-helpers';
import {
	forEachEngine,
	MEMBER_ROLES,
	parseDetails,
	type Client,
	type MemberRole,
	type Organisation,
	type Survey,
	type User
} from './engines';

interface Rule {
	id: string;
	kind: string;
	threshold: number;
	rounding_base: number;
	label: string;
	chosen_at: string;
	chosen_by?: string | null;
}

interface Settings {
	current: Rule;
	can_edit: boolean;
	history: Rule[];
}

forEachEngine('disclosure control: the rule', (engine) => {
	let org: Organisation;
	let other: Organisation;
	const members = {} as Record<MemberRole, User>;
	const clients = {} as Record<MemberRole | 'adminOfOther' | 'outsider', Client>;

	async function rulesOf(organisation: Organisation) {
		return engine.db.query<{
			kind: string;
			threshold: number;
			rounding_base: number;
			chosen_by: string | null;
		}>(
			`select kind, threshold, rounding_base, chosen_by from app.disclosure_rules
			  where organisation_id = $1 order by chosen_at, id`,
			[organisation.id]
		);
	}

	function choose(client: Client, args: Record<string, unknown>, organisation = org) {
		return client.rpc('set_disclosure_rule', { p_organisation_id: organisation.id, ...args } as never);
	}

	beforeAll(async () => {
		org = await engine.createOrganisation();
		other = await engine.createOrganisation();
		for (const role of MEMBER_ROLES) {
			members[role] = await engine.createMember(org, role);
			clients[role] = await engine.signInAs(members[role]);
		}
		clients.adminOfOther = await engine.signInAs(await engine.createMember(other, 'admin'));
		clients.outsider = await engine.signInAs(await engine.createUser());
	});

	describe('who may choose it', () => {
		it('starts every organisation on "under 10 hidden", chosen when it was made', async () => {
			const { data, error } = await clients.forum.rpc('disclosure_settings', { p_organisation_id: org.id });
			expect(error).toBeNull();
			const settings = data as unknown as Settings;
			expect(settings.current).toMatchObject({
				kind: 'under_10',
				threshold: 10,
				rounding_base: 1,
				label: 'Under 10 hidden'
			});
			expect(settings.can_edit).toBe(false);
		});

		it("lets an admin choose NHS England's rule, recording who and when and keeping the old one", async () => {
			const before = Date.now();
			const { data, error } = await choose(clients.admin, { p_kind: 'nhs_england' });
			expect(error).toBeNull();
			expect(data).toMatchObject({ kind: 'nhs_england', threshold: 8, rounding_base: 5 });
			const rules = await rulesOf(org);
			expect(rules.map((r) => r.kind)).toEqual(['under_10', 'nhs_england']);
			expect(rules[1]!.chosen_by).toBe(members.admin.id);
			const settings = (await clients.admin.rpc('disclosure_settings', { p_organisation_id: org.id }))
				.data as unknown as Settings;
			expect(settings.can_edit).toBe(true);
			expect(settings.current.label).toBe('1–7 hidden, others rounded to the nearest 5 (NHS England)');
			expect(new Date(settings.current.chosen_at).getTime()).toBeGreaterThanOrEqual(before - 5000);
			expect(settings.history.map((r) => r.kind)).toEqual(['nhs_england', 'under_10']);
			expect(settings.history[0]!.chosen_by).toBe(members.admin.email);
			// the old column follows the rule in force
			const [o] = await engine.db.query<{ min_cell_size: number }>(
				'select min_cell_size from app.organisations where id = $1',
				[org.id]
			);
			expect(o!.min_cell_size).toBe(8);
		});

		it('lets an admin choose their own threshold and rounding', async () => {
			const { data, error } = await choose(clients.admin, {
				p_kind: 'custom',
				p_threshold: 5,
				p_rounding_base: 3
			});
			expect(error).toBeNull();
			expect(data).toMatchObject({
				kind: 'custom',
				threshold: 5,
				rounding_base: 3,
				label: 'Under 5 hidden, others rounded to the nearest 3'
			});
		});

		it('shows who chose each rule to admins only', async () => {
			const settings = (await clients.lead.rpc('disclosure_settings', { p_organisation_id: org.id }))
				.data as unknown as Settings;
			expect(settings.history.length).toBeGreaterThan(1);
			expect(settings.history.every((r) => r.chosen_by === null)).toBe(true);
		});

		it('refuses leads, officers, forum, scrutiny, safeguarding and another organisation’s admin, writing nothing', async () => {
			const before = await rulesOf(org);
			for (const who of [
				'lead',
				'officer',
				'forum',
				'scrutiny',
				'safeguarding',
				'adminOfOther',
				'outsider'
			] as const) {
				const { data, error } = await choose(clients[who], { p_kind: 'under_10' });
				expect({ who, data, code: error?.code, hint: error?.hint }).toEqual({
					who,
					data: null,
					code: '42501',
					hint: 'not_permitted'
				});
			}
			expect(await rulesOf(org)).toEqual(before);
		});

		it('refuses anon', async () => {
			const { data, status } = await engine
				.anon()
				.rpc('set_disclosure_rule', { p_organisation_id: org.id, p_kind: 'under_10' });
			expect(data).toBeNull();
			expect(status).toBe(401);
			const read = await engine.anon().rpc('disclosure_settings', { p_organisation_id: org.id });
			expect(read.status).toBe(401);
		});

		it("gives another organisation's members and outsiders nothing to read", async () => {
			for (const who of ['adminOfOther', 'outsider'] as const) {
				const { data, error } = await clients[who].rpc('disclosure_settings', { p_organisation_id: org.id });
				expect(error).toBeNull();
				expect(data).toBeNull();
			}
		});
	});

	describe('bad input', () => {
		const cases: [string, Record<string, unknown>, string][] = [
			['a threshold under 3', { p_kind: 'custom', p_threshold: 2, p_rounding_base: 1 }, 'threshold'],
			['a threshold over 100', { p_kind: 'custom', p_threshold: 101, p_rounding_base: 1 }, 'threshold'],
			[
				'a threshold that is not whole',
				{ p_kind: 'custom', p_threshold: 7.5, p_rounding_base: 1 },
				'threshold'
			],
			['no threshold', { p_kind: 'custom', p_rounding_base: 1 }, 'threshold'],
			['a rounding base of 0', { p_kind: 'custom', p_threshold: 10, p_rounding_base: 0 }, 'rounding_base'],
			[
				'a negative rounding base',
				{ p_kind: 'custom', p_threshold: 10, p_rounding_base: -5 },
				'rounding_base'
			],
			[
				'a rounding base that is not whole',
				{ p_kind: 'custom', p_threshold: 10, p_rounding_base: 2.5 },
				'rounding_base'
			],
			['no rounding base', { p_kind: 'custom', p_threshold: 10 }, 'rounding_base'],
			['an unknown rule', { p_kind: 'round_everything' }, 'kind'],
			['no rule', { p_kind: null }, 'kind']
		];

		for (const [what, args, field] of cases) {
			it(`refuses ${what} with a message for the field, writing nothing`, async () => {
				const before = await rulesOf(org);
				const { data, error } = await choose(clients.admin, args);
				expect(data).toBeNull();
				expect(error?.hint).toBe('invalid_rule');
				const details = parseDetails(error?.details);
				expect(Object.keys(details)).toContain(field);
				expect(String(details[field])).toMatch(/\w{3,}/);
				expect(await rulesOf(org)).toEqual(before);
			});
		}
	});

	describe('figures say which rule they followed', () => {
		let survey: Survey;
		let fresh: Organisation;
		let admin: Client;
		let forum: Client;

		beforeAll(async () => {
			fresh = await engine.createOrganisation();
			admin = await engine.signInAs(await engine.createMember(fresh, 'admin'));
			forum = await engine.signInAs(await engine.createMember(fresh, 'forum'));
			survey = await engine.createSurvey(fresh, { waves: ['closed'] });
			await respond(engine, survey, survey.waves.closed!, 23, 'agree', { about: { phase: 'primary' } });
			await respond(engine, survey, survey.waves.closed!, 12, 'disagree', { about: { phase: 'primary' } });
			await respond(engine, survey, survey.waves.closed!, 6, 'agree', { about: { phase: 'secondary' } });
		});

		async function table() {
			const { data, error } = await forum.rpc('published_table', {
				p_question_id: survey.questions.feel.id,
				p_wave_id: survey.waves.closed!.id
			});
			expect(error).toBeNull();
			return data as unknown as {
				rule: Rule;
				rounded_to: number;
				rows: { category: string; n: number | null; cells: { value: string; count: number | null }[] }[];
			};
		}

		it('applies the new rule from the moment it is chosen, and the earlier figures name the earlier rule', async () => {
			const before = await table();
			expect(before.rule.kind).toBe('under_10');
			expect(before.rows.find((r) => r.category === 'secondary')!.n).toBeNull();
			expect(before.rows.find((r) => r.category === '_all')!.n).toBe(41);

			expect((await choose(admin, { p_kind: 'nhs_england' }, fresh)).error).toBeNull();
			const after = await table();
			expect(after.rule.kind).toBe('nhs_england');
			expect(after.rule.id).not.toBe(before.rule.id);
			expect(after.rounded_to).toBe(5);
			// 41 answered: rounded to 40; 23 agreed in primary: rounded to 25
			expect(after.rows.find((r) => r.category === '_all')!.n).toBe(40);
			const counts = after.rows.flatMap((r) => [r.n, ...r.cells.map((c) => c.count)]);
			expect(counts.filter((c) => c !== null && c % 5 !== 0)).toEqual([]);

			// the rule the earlier figures followed is still on record, with its date
			const settings = (await admin.rpc('disclosure_settings', { p_organisation_id: fresh.id }))
				.data as unknown as Settings;
			const earlier = settings.history.find((r) => r.id === before.rule.id)!;
			expect(earlier).toMatchObject({ kind: 'under_10', chosen_at: before.rule.chosen_at });
		});

		it('publishes each table under one rule whole while the rule is changed at the same moment', async () => {
			const kinds = [
				'under_10',
				'nhs_england',
				'under_10',
				'nhs_england',
				'under_10',
				'nhs_england'
			] as const;
			const results = await Promise.all([
				...kinds.map((kind) => choose(admin, { p_kind: kind }, fresh)),
				...kinds.map(() => table())
			]);
			for (const r of results.slice(0, kinds.length)) expect((r as { error: unknown }).error).toBeNull();
			for (const t of results.slice(kinds.length) as Awaited<ReturnType<typeof table>>[]) {
				const counts = t.rows.flatMap((r) => [r.n, ...r.cells.map((c) => c.count)]);
				const everyone = t.rows.find((r) => r.category === '_all')!.n;
				// every figure of the table rounded as its own rule says, and its size as that rule publishes it
				expect({ kind: t.rule.kind, rounded_to: t.rounded_to, everyone }).toEqual(
					t.rule.kind === 'nhs_england'
						? { kind: 'nhs_england', rounded_to: 5, everyone: 40 }
						: { kind: 'under_10', rounded_to: 1, everyone: 41 }
				);
				expect(counts.filter((c) => c !== null && c % t.rounded_to !== 0)).toEqual([]);
			}
			// the last choice is in force, and every choice is on record
			const settings = (await admin.rpc('disclosure_settings', { p_organisation_id: fresh.id }))
				.data as unknown as Settings;
			expect(settings.history.length).toBeGreaterThanOrEqual(kinds.length + 1);
		});
	});
});
