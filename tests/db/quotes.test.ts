/**
 * Quotes and what forum and scrutiny see of feedback (issue 11): staff redact an item and mark it
 * quotable (each role tried), bad redactions and held items refused with a message per field, every
 * change in the audit log; a published card shows only reviewed, quotable, not held quotes; and
 * api.feedback_overview gives themes and priorities with counts under the disclosure rule ('[c]' for
 * the forum under the threshold) and the quotes. The original text of a quoted item never appears in
 * any restricted or public result.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
	forEachEngine,
	parseDetails,
	type Client,
	type Organisation,
	type Survey,
	type User
} from './engines';

type Who = 'admin' | 'lead' | 'officer' | 'forum' | 'scrutiny' | 'safeguarding' | 'stranger';
const ROLES: Who[] = ['admin', 'lead', 'officer', 'forum', 'scrutiny', 'safeguarding', 'stranger'];
const STAFF: Who[] = ['admin', 'lead', 'officer'];

interface Count {
	items: number | null;
	items_symbol: string | null;
}
interface Overview {
	exact: boolean;
	themes: ({ theme: string } & Count)[];
	priorities: ({ id: string; title: string } & Count)[];
	quotes: string[];
}
interface Published {
	priorities: { cards: { id: string; quotes: string[] }[] }[];
}

const today = () => new Date().toISOString().slice(0, 10);
const ORIGINAL = 'Mrs Jenny Holt at Oakfield rang me on 07700 900123 and the bus to Oakfield was late';
const REDACTED = '[name] at [school] rang me on [phone] and the bus to [school] was late';

forEachEngine('quotes, and themes and counts for forum and scrutiny', (engine) => {
	let org: Organisation;
	let other: Organisation;
	let survey: Survey;
	let priority: string;
	const users = {} as Record<Who, User>;
	const clients = {} as Record<Who, Client>;
	let quoted: string;
	let unreviewed: string;
	let reviewedNotQuotable: string;
	let held: string;
	let decision: string;

	async function add(text: string, themes: string[] = [], priorities: string[] = []): Promise<string> {
		const { data, error } = await clients.officer.rpc('add_feedback', {
			p_organisation_id: org.id,
			p_channel: 'forum',
			p_given_on: today(),
			p_text: text
		});
		expect(error).toBeNull();
		const id = (data as { id: string }).id;
		if (themes.length + priorities.length > 0) {
			const tagged = await clients.officer.rpc('tag_feedback', {
				p_id: id,
				p_themes: themes,
				p_priority_ids: priorities
			});
			expect(tagged.error).toBeNull();
		}
		return id;
	}

	async function overview(who: Who): Promise<Overview> {
		const { data, error } = await clients[who].rpc('feedback_overview', { p_organisation_id: org.id });
		expect(error, who).toBeNull();
		return data as Overview;
	}

	async function published(): Promise<Published> {
		const { data, error } = await engine.anon().rpc('you_said_we_did', { p_slug: org.slug });
		expect(error).toBeNull();
		return data as Published;
	}
	const quotesOf = (p: Published) =>
		p.priorities.flatMap((g) => g.cards).find((c) => c.id === decision)!.quotes;

	beforeAll(async () => {
		org = await engine.createOrganisation();
		other = await engine.createOrganisation();
		priority = await engine.createPriority(org, 'Getting to school');
		survey = await engine.createSurvey(org, { waves: ['closed'] });
		for (const role of ['admin', 'lead', 'officer', 'forum', 'scrutiny', 'safeguarding'] as const)
			users[role] = await engine.createMember(org, role);
		users.stranger = await engine.createMember(other, 'lead');
		for (const [k, u] of Object.entries(users)) clients[k as Who] = await engine.signInAs(u);

		// 12 comments on clubs (over the threshold), 2 on buses (under it)
		for (let i = 0; i < 12; i++) await add(`More after-school clubs ${i}`, ['clubs'], [priority]);
		quoted = await add(ORIGINAL, ['buses'], [priority]);
		unreviewed = await add('Unreviewed words from Sam Patel about the bus', ['buses']);
		reviewedNotQuotable = await add('Kept back words from Ali Khan about the letters');
		held = await add('Quotable words from Jo before a flag about the bus');
		await engine.addResponses(survey, survey.waves.closed!, 1, { feel: 'agree', comment: 'Survey words' });

		const { data, error } = await clients.lead.rpc('save_decision', {
			p_organisation_id: org.id,
			p_you_said: 'The buses to school are late.',
			p_we_did: 'We changed the bus contract.',
			p_status: 'done',
			p_priority_id: priority
		});
		expect(error).toBeNull();
		decision = (data as { id: string }).id;
		for (const id of [quoted, unreviewed, reviewedNotQuotable, held]) {
			const linked = await clients.officer.rpc('link_evidence', {
				p_decision_id: decision,
				p_feedback_id: id
			});
			expect(linked.error).toBeNull();
		}
		expect((await clients.lead.rpc('publish_decision', { p_id: decision })).error).toBeNull();
	});

	describe('saving a quote', () => {
		it('lets admins, leads and officers review a quote, and no one else', async () => {
			for (const who of ROLES) {
				const { data, error } = await clients[who].rpc('save_quote', {
					p_id: quoted,
					p_text: `${REDACTED} (${who})`,
					p_quotable: false
				});
				if (STAFF.includes(who)) {
					expect(error, who).toBeNull();
					expect(data, who).toMatchObject({ id: quoted, quotable: false });
				} else {
					expect(error?.hint, who).toBe('not_permitted');
				}
			}
			const { error } = await clients.officer.rpc('save_quote', {
				p_id: quoted,
				p_text: REDACTED,
				p_quotable: true
			});
			expect(error).toBeNull();
			const item = await clients.lead.rpc('feedback_item', { p_id: quoted });
			expect(item.data).toMatchObject({
				text: ORIGINAL,
				quote: { text: REDACTED, quotable: true, reviewed_by: users.officer.email }
			});
			expect((item.data as { quote: { reviewed_at: string | null } }).quote.reviewed_at).not.toBeNull();
			const rows = await engine.db.query<{ body: string }>('select body from app.feedback where id = $1', [
				quoted
			]);
			expect(rows[0]!.body).toBe(ORIGINAL);
		});

		it('keeps every change in the audit log', async () => {
			const log = await clients.admin.rpc('audit_log', { p_organisation_id: org.id });
			const entries = (
				log.data as { action: string; subject_id: string; actor: string; detail: unknown }[]
			).filter((e) => e.action === 'feedback.quote_reviewed' && e.subject_id === quoted);
			expect(entries).toHaveLength(4);
			expect(entries[0]).toMatchObject({
				actor: users.officer.email,
				detail: { after: { text: REDACTED, quotable: true } }
			});
		});

		it('refuses an empty redaction and one with nothing left but placeholders, with a message', async () => {
			for (const text of ['', '   ', '[name] [email], [phone].']) {
				const { error } = await clients.officer.rpc('save_quote', {
					p_id: reviewedNotQuotable,
					p_text: text,
					p_quotable: true
				});
				expect(error?.hint, text).toBe('invalid_quote');
				expect(Object.keys(parseDetails(error?.details)), text).toEqual(['text']);
			}
			const rows = await engine.db.query<{ quote_text: string | null }>(
				'select quote_text from app.feedback where id = $1',
				[reviewedNotQuotable]
			);
			expect(rows[0]!.quote_text).toBeNull();
			const kept = await clients.officer.rpc('save_quote', {
				p_id: reviewedNotQuotable,
				p_text: 'Kept back words from [name] about the letters',
				p_quotable: false
			});
			expect(kept.error).toBeNull();
		});

		it('never lets a held item be quotable, and a flag withdraws a quote at once', async () => {
			const saved = await clients.officer.rpc('save_quote', {
				p_id: held,
				p_text: 'Quotable words from [name] before a flag about the bus',
				p_quotable: true
			});
			expect(saved.error).toBeNull();
			expect(quotesOf(await published())).toContain('Quotable words from [name] before a flag about the bus');
			expect(
				(await clients.officer.rpc('flag_feedback', { p_id: held, p_reason: 'Worried' })).error
			).toBeNull();
			const rows = await engine.db.query<{ quotable: boolean; held: boolean }>(
				'select quotable, held from app.feedback where id = $1',
				[held]
			);
			expect(rows[0]).toEqual({ quotable: false, held: true });
			const again = await clients.lead.rpc('save_quote', {
				p_id: held,
				p_text: 'Quotable words from [name] before a flag about the bus',
				p_quotable: true
			});
			expect(again.error?.hint).toBe('invalid_quote');
			expect(Object.keys(parseDetails(again.error?.details))).toEqual(['quotable']);
			expect(quotesOf(await published())).not.toContain(
				'Quotable words from [name] before a flag about the bus'
			);
		});

		it('refuses a table write from anyone signed in', async () => {
			for (const who of ROLES) {
				await expect(
					engine.queryAs(
						'authenticated',
						users[who].id,
						'update app.feedback set quotable = true where id = $1',
						[unreviewed]
					),
					who
				).rejects.toThrow(/permission denied/);
			}
		});
	});

	describe('published quotes', () => {
		it('shows the redacted text of the reviewed, quotable item only, to a signed-out visitor', async () => {
			const p = await published();
			expect(quotesOf(p)).toEqual([REDACTED]);
			const json = JSON.stringify(p);
			for (const secret of [
				ORIGINAL,
				'Jenny Holt',
				'07700 900123',
				'Sam Patel',
				'Ali Khan',
				'Kept back words',
				'before a flag'
			])
				expect(json, secret).not.toContain(secret);
		});
	});

	describe('themes and counts', () => {
		it('lets every member read the overview, and no one else', async () => {
			for (const who of ROLES) {
				const { data, error } = await clients[who].rpc('feedback_overview', { p_organisation_id: org.id });
				if (who === 'stranger') expect(error?.hint, who).toBe('not_permitted');
				else {
					expect(error, who).toBeNull();
					expect((data as Overview).exact, who).toBe(STAFF.includes(who));
				}
			}
			const anon = await engine.anon().rpc('feedback_overview', { p_organisation_id: org.id });
			expect(anon.error).not.toBeNull();
		});

		it('gives staff exact counts and the forum and scrutiny counts under the rule, [c] under the threshold', async () => {
			const lead = await overview('lead');
			expect(lead.themes.find((t) => t.theme === 'clubs')).toMatchObject({ items: 12, items_symbol: null });
			// buses: the quoted item and the unreviewed one (the held one never counts)
			expect(lead.themes.find((t) => t.theme === 'buses')).toMatchObject({ items: 2, items_symbol: null });
			expect(lead.priorities.find((p) => p.id === priority)).toMatchObject({ items: 13 });
			for (const who of ['forum', 'scrutiny'] as const) {
				const o = await overview(who);
				expect(
					o.themes.find((t) => t.theme === 'buses'),
					who
				).toMatchObject({ items: null, items_symbol: '[c]' });
				const clubs = o.themes.find((t) => t.theme === 'clubs')!;
				expect(clubs.items_symbol, who).toBeNull();
				expect(clubs.items!, who).toBeGreaterThanOrEqual(10);
				expect(o.priorities.find((p) => p.id === priority)!.items_symbol, who).toBeNull();
				expect(o).not.toHaveProperty('total');
			}
		});

		it('gives the published quotes and never an original, an unreviewed or a held item', async () => {
			for (const who of ['forum', 'scrutiny', 'lead'] as const) {
				const o = await overview(who);
				expect(o.quotes, who).toEqual([REDACTED]);
				const json = JSON.stringify(o);
				for (const secret of [
					ORIGINAL,
					'Jenny Holt',
					'Sam Patel',
					'Ali Khan',
					'Survey words',
					'before a flag'
				])
					expect(json, `${who}: ${secret}`).not.toContain(secret);
			}
		});

		it('still lets forum and scrutiny read no feedback rows, and anon nothing of app', async () => {
			for (const who of ['forum', 'scrutiny'] as const) {
				const rows = await engine.queryAs(
					'authenticated',
					users[who].id,
					'select body, quote_text from app.feedback'
				);
				expect(rows, who).toEqual([]);
			}
			await expect(engine.queryAs('anon', null, 'select quote_text from app.feedback')).rejects.toThrow(
				/permission denied/
			);
		});
	});
});
