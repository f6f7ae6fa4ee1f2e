/**
 * The policies of the tables staff read in bulk (app.feedback, app.safeguarding_flags, app.invitations)
 * ask who the caller is once a query, not once a row (migration 20261216000100). Before it, app.has_role
 * was called for every comment the feedback inbox read, up to twice each, several times a call: with
 * 20,000 comments the inbox took 1.6 to 2 s on PostgreSQL, against 0.1 s with the policies bypassed.
 *
 * Counted by PostgreSQL (track_functions) within one transaction, as the caller; and what each role reads
 * is unchanged (rls.test.ts and the role matrix try every role too).
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { forEachEngine, rolledBack, type Organisation, type Survey, type User } from './engines';

const COMMENTS = 40;
const DISCLOSURES = 12;

forEachEngine('policies ask once a query', (engine) => {
	let org: Organisation;
	let survey: Survey;
	const users = {} as Record<'lead' | 'officer' | 'safeguarding' | 'forum' | 'stranger', User>;

	beforeAll(async () => {
		org = await engine.createOrganisation();
		const other = await engine.createOrganisation();
		survey = await engine.createSurvey(org, { waves: ['open'] });
		for (const role of ['lead', 'officer', 'safeguarding', 'forum'] as const)
			users[role] = await engine.createMember(org, role);
		users.stranger = await engine.createMember(other, 'lead');
		for (let i = 0; i < COMMENTS; i++) {
			const { error } = await engine.server(`203.0.113.${i + 1}`).rpc('submit_response', {
				p_response_id: randomUUID(),
				p_wave_slug: survey.waves.open!.slug,
				p_answers: { feel: 'agree', comment: `More clubs (${i})` }
			});
			expect(error).toBeNull();
		}
		// disclosures: held from the inbox, in the safeguarding lead's queue
		for (let i = 0; i < DISCLOSURES; i++) {
			const { error } = await engine.server(`203.0.113.${200 + i}`).rpc('submit_response', {
				p_response_id: randomUUID(),
				p_wave_slug: survey.waves.open!.slug,
				p_answers: { feel: 'agree', comment: 'My dad hits me' }
			});
			expect(error).toBeNull();
		}
	});

	/**
	 * `sql` as the user (role authenticated, the JWT's claims), in a transaction rolled back afterwards:
	 * its first row, and how many times each function of schema app was called.
	 */
	async function counted(user: User, sql: string, params: unknown[]) {
		return rolledBack(engine.db, async (tx) => {
			// PostgreSQL keeps a connection's counts until it reports them, which may be after a later
			// transaction has begun: what this transaction calls is the difference
			const hasRole = async () => {
				const [row] = await tx.query<{ calls: number | string }>(
					`select coalesce(sum(calls), 0) as calls from pg_stat_xact_user_functions
					  where schemaname = 'app' and funcname = 'has_role'`
				);
				return Number(row!.calls);
			};
			await tx.query(`set local track_functions = 'all'`);
			const before = await hasRole();
			await tx.exec('set local role authenticated');
			await tx.query(`select set_config('request.jwt.claims', $1, true)`, [
				JSON.stringify({ role: 'authenticated', sub: user.id, aud: 'authenticated', aal: 'aal1' })
			]);
			const [row] = await tx.query<{ out: unknown }>(sql, params);
			await tx.exec('reset role');
			return { out: row!.out, hasRole: (await hasRole()) - before };
		});
	}

	const inbox = (user: User, limit = 100) =>
		counted(user, `select api.feedback_inbox($1::uuid, p_limit => $2) as out`, [org.id, limit]);

	describe('the feedback inbox', () => {
		it('asks app.has_role a few times for a page of one, however many comments it counts', async () => {
			const { out, hasRole } = await inbox(users.lead, 1);
			const { total, items } = out as { total: number; items: unknown[] };
			expect(total).toBe(COMMENTS);
			expect(items).toHaveLength(1);
			// the check at the top of the inbox, and once a query for each policy's set of roles (the count,
			// the groups, the themes, and the page's one item with its survey, wave, tags and themes): not
			// once for each comment counted (before: 284 calls for these 40 comments)
			expect(hasRole).toBeLessThan(20);
		});

		it('shows an officer the comments and not the held disclosure; safeguarding reads the disclosure', async () => {
			const officer = (await inbox(users.officer)).out as { total: number; items: { text: string }[] };
			expect(officer.total).toBe(COMMENTS);
			expect(officer.items.some((i) => i.text === 'My dad hits me')).toBe(false);
			const seen = await counted(
				users.safeguarding,
				`select count(*)::integer as out from app.feedback where organisation_id = $1`,
				[org.id]
			);
			expect(seen.out).toBe(COMMENTS + DISCLOSURES);
			expect(seen.hasRole).toBeLessThan(10);
		});

		it('shows no comment to the forum, nor to another area’s lead', async () => {
			for (const user of [users.forum, users.stranger]) {
				const { out } = await counted(
					user,
					`select count(*)::integer as out from app.feedback where organisation_id = $1`,
					[org.id]
				);
				expect(out).toBe(0);
			}
		});
	});

	describe('the safeguarding queue', () => {
		it('holds the disclosures, read with a few calls of app.has_role', async () => {
			const { out, hasRole } = await counted(
				users.safeguarding,
				`select api.safeguarding_queue($1::uuid) as out`,
				[org.id]
			);
			const { items } = out as { items: { text: string }[] };
			expect(items.map((i) => i.text)).toEqual(Array.from({ length: DISCLOSURES }, () => 'My dad hits me'));
			expect(hasRole).toBeLessThan(10);
		});

		it('shows the lead no flag', async () => {
			const { out } = await counted(
				users.lead,
				`select count(*)::integer as out from app.safeguarding_flags where organisation_id = $1`,
				[org.id]
			);
			expect(out).toBe(0);
		});
	});
});
