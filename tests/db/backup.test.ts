/**
 * Backup and restore of one organisation (issue 12, "Faults"): the demo area, with a row in every table
 * that holds organisation data, backed up by its administrator, restored into a new, empty database at
 * the same migration, and backed up again there: the two backups are the same but for what must
 * differ (when each was made, hence its checksum, and the restore's own entry in the audit log).
 * A restore refuses, writing nothing, a file changed since it was made, one of another migration, one
 * that lacks a table, and an organisation already there.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
	DEMO_ORGANISATION_SLUG,
	OTHER_ORGANISATION_ACCOUNT,
	OTHER_ORGANISATION_SLUG
} from '../../src/lib/server/demo/accounts';
import { newDemoCredentials, type DemoCredential } from '../../src/lib/server/demo/credentials';
import { seedDemoOnce } from '../../src/lib/server/demo/seed';
import { exportOrganisation } from '../../src/lib/server/backup/data';
import {
	BackupError,
	checksumOf,
	exportFromDatabase,
	restoreBackup,
	seal,
	type SealedBackup
} from '../../src/lib/server/backup';
import { migrate } from '../../src/lib/server/platform/db/migrate';
import type { Database, Queryable } from '../../src/lib/server/platform/db/types';
import { createLocalSupabase } from '../../src/lib/server/platform/embedded';
import { clientOptions } from '../../src/lib/server/platform/supabase-options';
import { createClient } from '@supabase/supabase-js';
import { forEachEngine, freshPglite, freshPostgres, rolledBack, type Engine, type Opened } from './engines';

/**
 * Tables of schema app that hold no organisation's data, so no backup has them: the standard about-you
 * dimensions (made by the migrations) and the per-address counts of the respondent limits.
 */
const SHARED_TABLES = ['about_dimensions', 'client_limits'];

/**
 * The tables a backup must hold, from the catalog: every table of app with an organisation_id column, and
 * every other table but the shared ones (a table that belongs to an organisation through a parent, as the
 * daily snapshots do through their wave). A table added later is found here whether or not anyone
 * remembered the backup.
 */
async function tablesToBackUp(db: Queryable): Promise<{ withOrganisation: string[]; all: string[] }> {
	const rows = await db.query<{ name: string; has_org: boolean }>(
		`select c.relname as name,
		        exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'organisation_id'
		                   and not a.attisdropped) as has_org
		   from pg_class c join pg_namespace n on n.oid = c.relnamespace
		  where n.nspname = 'app' and c.relkind in ('r', 'p')
		  order by 1`
	);
	return {
		withOrganisation: rows.filter((r) => r.has_org).map((r) => r.name),
		all: rows.map((r) => r.name).filter((name) => !SHARED_TABLES.includes(name))
	};
}

/** The tables the catalog asks for that the backup lacks. */
function missingFrom(backup: SealedBackup, tables: string[]): string[] {
	return tables.filter((t) => !(t in backup.tables));
}

/** How many rows each table of app and auth.users holds: what a refused restore must leave as it was. */
async function fingerprint(db: Queryable): Promise<Record<string, number>> {
	const tables = await db.query<{ name: string }>(
		`select n.nspname || '.' || c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
		  where n.nspname = 'app' and c.relkind = 'r' order by 1`
	);
	const sql = [...tables.map((t) => t.name), 'auth.users']
		.map((t) => `select '${t}' as name, count(*)::int as n from ${t}`)
		.join(' union all ');
	const rows = await db.query<{ name: string; n: number }>(sql);
	return Object.fromEntries(rows.map((r) => [r.name, r.n]));
}

/** A changed backup with its checksum made again, as someone who meant to change it would. */
function resealed(backup: SealedBackup, change: (copy: SealedBackup) => void): string {
	const copy = structuredClone(backup);
	change(copy);
	const { checksum: _, ...rest } = copy;
	return JSON.stringify(seal(rest));
}

/**
 * Fills the tables the demo seed leaves empty, for the demo area, as the owner: a backup of an empty
 * table would prove nothing about it.
 */
async function fillEveryTable(db: Database, organisationId: string): Promise<void> {
	await db.exec(`
		do $$
		declare
		  v_org uuid := '${organisationId}';
		  v_admin uuid := (select m.user_id from app.memberships m where m.organisation_id = v_org and m.role = 'admin' limit 1);
		  v_wave app.waves := (select w from app.waves w where w.organisation_id = v_org order by w.opens_at desc limit 1);
		  v_question app.questions := (select q from app.questions q
		                                where q.organisation_id = v_org and q.survey_id = v_wave.survey_id
		                                  and exists (select 1 from app.question_options o where o.question_id = q.id and o.is_positive)
		                                order by q.position limit 1);
		  v_priority uuid := (select p.id from app.strategy_priorities p where p.organisation_id = v_org limit 1);
		  v_feedback uuid := (select f.id from app.feedback f where f.organisation_id = v_org order by f.id limit 1);
		  v_other_feedback uuid := (select f.id from app.feedback f where f.organisation_id = v_org order by f.id desc limit 1);
		  v_invitation uuid;
		  v_population uuid;
		begin
		  insert into app.invitations (organisation_id, wave_id, token, label, created_by)
		  values (v_org, v_wave.id, 'abcdefghijklmnopqrstuv', 'Family hub', v_admin) returning id into v_invitation;
		  insert into app.respondent_drafts (response_id, organisation_id, wave_id, resume_code, answers, step,
		                                     invitation_id, language, expires_at)
		  values (gen_random_uuid(), v_org, v_wave.id, 'ABCDEFGHJKMN', '{}', 1, v_invitation, 'en', now() + interval '30 days');
		  insert into app.question_versions (organisation_id, question_id, version, prompt, options, replaced_by)
		  values (v_org, v_question.id, 1, 'An earlier wording', '[]', v_admin);
		  insert into app.indicators (organisation_id, question_id, label, priority_id, baseline_wave_id, target_percent, target_date)
		  values (v_org, v_question.id, 'Feel listened to', v_priority, v_wave.id, 72.50, date '2027-07-31');
		  insert into app.public_indicators (question_id, organisation_id, published_by) values (v_question.id, v_org, v_admin);
		  insert into app.populations (organisation_id, origin, la_code, la_name, source, year, loaded_by)
		  values (v_org, 'upload', 'E06000001', 'Northbridge', 'School census', '2025', v_admin) returning id into v_population;
		  insert into app.population_counts (population_id, organisation_id, dimension, category, count)
		  values (v_population, v_org, 'phase', 'primary', 420);
		  insert into app.response_exports (organisation_id, survey_id, wave_id, wave_label, format, labels, responses, exported_by)
		  values (v_org, v_wave.survey_id, v_wave.id, v_wave.label, 'csv', true, 12, v_admin);
		  insert into app.safeguarding_flags (organisation_id, feedback_id, raised_by, reason, closed_at, closed_by, action, note)
		  values (v_org, v_feedback, v_admin, 'Mentions being hurt', now(), v_admin, 'no_concern', 'Checked with the school.');
		  insert into app.feedback_themes (feedback_id, theme, organisation_id) values (v_feedback, 'waiting times', v_org);
		  insert into app.priority_keywords (organisation_id, priority_id, keyword, lexemes, added_by)
		  values (v_org, v_priority, 'waiting', 'wait', v_admin);
		  insert into app.suggestion_rejections (feedback_id, priority_id, organisation_id, rejected_by)
		  values (v_other_feedback, v_priority, v_org, v_admin);
		  insert into app.safeguarding_notices (organisation_id, last_sent_at) values (v_org, now());
		  insert into app.count_snapshot_days (wave_id, taken_on) values (v_wave.id, current_date);
		  insert into app.count_snapshots (wave_id, taken_on, question_id, option_id, dimension, category, n, positive)
		  values (v_wave.id, current_date, v_question.id, null, 'all', 'all', 25, 10);
		  -- a change of which answers count as positive, and the counts kept under the definition it ended
		  insert into app.positive_answer_changes (organisation_id, question_id, version, changed_by, positive_before,
		                                           positive_after, labels_before, labels_after)
		  values (v_org, v_question.id, 2, v_admin, '{}', '{}', '{Agree}', '{Agree,Strongly agree}');
		  insert into app.reach_snapshots (wave_id, taken_on, language, other_wave_id, n)
		  values (v_wave.id, current_date, 'en', null, 25);
		  insert into app.kept_positive_counts (organisation_id, question_id, version, wave_id, dimension, category, n, positive)
		  values (v_org, v_question.id, 1, v_wave.id, '_all', '_all', 40, 18);
		end
		$$;
	`);
}

/** A fresh, empty database of the engine's kind, migrated. */
async function emptyDatabase(engine: Engine): Promise<Opened> {
	const opened = engine.name === 'pglite' ? await freshPglite() : await freshPostgres('backup_test');
	await migrate(opened.db);
	return opened;
}

forEachEngine('backup and restore of an organisation', (engine) => {
	let credentials: DemoCredential[];
	let organisationId: string;
	let backup: SealedBackup;
	let target: Opened;

	const password = (email: string) => credentials.find((c) => c.email === email)!.password;
	const demoAdmin = () =>
		credentials.find((c) => c.organisation === DEMO_ORGANISATION_SLUG && c.role === 'admin')!;

	beforeAll(async () => {
		credentials = newDemoCredentials();
		await seedDemoOnce(engine.db, {
			passwords: Object.fromEntries(credentials.map((c) => [c.email, c.password]))
		});
		const [org] = await engine.db.query<{ id: string }>('select id from app.organisations where slug = $1', [
			DEMO_ORGANISATION_SLUG
		]);
		organisationId = org!.id;
		await fillEveryTable(engine.db, organisationId);
		// a few entries of the audit log, by members
		const admin = await engine.signIn(demoAdmin().email, password(demoAdmin().email));
		const { error } = await admin.rpc('add_safeguarding_phrase', {
			p_organisation_id: organisationId,
			p_phrase: 'nobody listens to me'
		});
		expect(error).toBeNull();
		backup = await exportOrganisation(admin as never, organisationId);
		target = await emptyDatabase(engine);
	}, 600_000);

	afterAll(async () => {
		await target?.dispose();
	});

	it('backs up every table that holds organisation data, each with rows', async () => {
		const { withOrganisation, all } = await tablesToBackUp(engine.db);
		expect(withOrganisation.length).toBeGreaterThan(30);
		expect(missingFrom(backup, withOrganisation)).toEqual([]);
		expect(missingFrom(backup, all)).toEqual([]);
		expect(Object.keys(backup.tables).sort()).toEqual(all);
		const empty = Object.entries(backup.tables)
			.filter(([, rows]) => rows.length === 0)
			.map(([t]) => t);
		expect(empty).toEqual([]);
		// the organisation's own rows only, and the accounts by address, never a password
		expect(backup.tables.organisations!.map((o) => o.slug)).toEqual([DEMO_ORGANISATION_SLUG]);
		for (const [table, rows] of Object.entries(backup.tables))
			for (const row of rows)
				if ('organisation_id' in row)
					expect({ table, org: row.organisation_id }).toEqual({ table, org: organisationId });
		expect(JSON.stringify(backup)).not.toMatch(/encrypted_password|\$2[aby]\$/);
		expect(backup.accounts.map((a) => a.email)).toContain(demoAdmin().email);
		expect(backup.accounts.map((a) => a.email)).not.toContain(OTHER_ORGANISATION_ACCOUNT.email);
	});

	it('fails that check for a table with organisation_id that the backup does not hold', async () => {
		const { withOrganisation, all } = await rolledBack(engine.db, async (tx) => {
			await tx.exec('create table app.backup_probe (id uuid primary key, organisation_id uuid not null)');
			return tablesToBackUp(tx);
		});
		expect(missingFrom(backup, withOrganisation)).toEqual(['backup_probe']);
		expect(missingFrom(backup, all)).toEqual(['backup_probe']);
	});

	it("is its administrators' alone, and each backup is in the audit log", async () => {
		const other = credentials.find((c) => c.organisation === OTHER_ORGANISATION_SLUG)!;
		const otherAdmin = await engine.signIn(other.email, other.password);
		const refused = await otherAdmin.rpc('export_organisation', { p_organisation_id: organisationId });
		expect(refused.data).toBeNull();
		expect(refused.error?.message).toBe('There is no such organisation.');
		const lead = credentials.find((c) => c.organisation === DEMO_ORGANISATION_SLUG && c.role === 'lead')!;
		const asLead = await engine.signIn(lead.email, lead.password);
		const leadRefused = await asLead.rpc('export_organisation', { p_organisation_id: organisationId });
		expect(leadRefused.error?.hint).toBe('not_permitted');
		const anon = await engine.anon().rpc('export_organisation', { p_organisation_id: organisationId });
		expect(anon.data).toBeNull();
		expect(anon.error).not.toBeNull();

		const log = await engine.db.query<{ action: string; email: string }>(
			`select l.action, u.email from app.audit_log l join auth.users u on u.id = l.actor
			  where l.organisation_id = $1 and l.action = 'organisation.exported'`,
			[organisationId]
		);
		expect(log).toEqual([{ action: 'organisation.exported', email: demoAdmin().email }]);
	});

	it('restores into an empty database unchanged, with accounts to sign in with', async () => {
		const restored = await restoreBackup(target.db, JSON.stringify(backup));
		expect(restored.slug).toBe(DEMO_ORGANISATION_SLUG);
		expect(restored.accounts_matched).toBe(0);
		expect(restored.accounts_created.map((a) => a.email).sort()).toEqual(
			backup.accounts.map((a) => a.email).sort()
		);

		const again = await exportFromDatabase(target.db, DEMO_ORGANISATION_SLUG);
		// What differs, and must: when each backup was made (so its checksum), and the audit log's entry
		// for the restore itself. The rest, counts and snapshots of figures included, is the same.
		const restoredEntry = again.tables.audit_log!.at(-1)!;
		expect(restoredEntry).toMatchObject({ action: 'organisation.restored', actor: null });
		const strip = (b: SealedBackup, audit: unknown[]) => ({
			...b,
			exported_at: null,
			checksum: null,
			tables: { ...b.tables, audit_log: audit }
		});
		expect(strip(again, again.tables.audit_log!.slice(0, -1))).toEqual(
			strip(backup, backup.tables.audit_log!)
		);

		// the restored admin signs in with the password the restore gave, and reads the same surveys
		const local = await createLocalSupabase(target.db, engine.jwtSecret + 'x');
		const client = createClient(local.url, local.anonKey, {
			...clientOptions(local.fetch),
			auth: { persistSession: false, autoRefreshToken: false }
		});
		const given = restored.accounts_created.find((a) => a.email === demoAdmin().email)!;
		const { error } = await client.auth.signInWithPassword({ email: given.email, password: given.password });
		expect(error).toBeNull();
		const there = await client.rpc('list_surveys', { p_organisation_id: organisationId });
		const here = await (
			await engine.signIn(demoAdmin().email, password(demoAdmin().email))
		).rpc('list_surveys', { p_organisation_id: organisationId });
		expect(there.error).toBeNull();
		expect(there.data).toEqual(here.data);
	});

	it('refuses, writing nothing, a changed file, another migration, a missing table or an organisation already there', async () => {
		const before = await fingerprint(target.db);
		const attempts: [text: string, kind: string, message: RegExp][] = [
			['{"format": ', 'not_json', /not JSON/],
			// one answer changed by hand, the checksum left as it was
			[
				JSON.stringify({
					...backup,
					tables: {
						...backup.tables,
						answers: backup.tables.answers!.map((a, i) => (i === 0 ? { ...a, text_value: 'changed' } : a))
					}
				}),
				'checksum',
				/changed since it was made/
			],
			[
				resealed(backup, (b) => (b.schema_version = '20261123000100')),
				'other_version',
				/migration 20261123000100/
			],
			[resealed(backup, (b) => delete b.tables.audit_log), 'invalid_backup', /missing audit_log/],
			[
				resealed(
					backup,
					(b) => (b.tables.answers![0]!.organisation_id = '00000000-0000-0000-0000-000000000001')
				),
				'invalid_backup',
				/another organisation/
			],
			// the demo area is in the target now: restoring it again is refused
			[JSON.stringify(backup), 'already_exists', /already in this database/]
		];
		for (const [text, kind, message] of attempts) {
			const error = await restoreBackup(target.db, text).then(
				() => null,
				(e: unknown) => e
			);
			expect(error).toBeInstanceOf(BackupError);
			expect({ kind: (error as BackupError).kind, message: (error as BackupError).message }).toMatchObject({
				kind,
				message: expect.stringMatching(message)
			});
			expect(await fingerprint(target.db)).toEqual(before);
		}
		expect(checksumOf(JSON.parse(JSON.stringify(backup)))).toBe(backup.checksum);
	});

	it('matches accounts by email address in a database that has them', async () => {
		const elsewhere = await emptyDatabase(engine);
		try {
			const lead = credentials.find((c) => c.organisation === DEMO_ORGANISATION_SLUG && c.role === 'lead')!;
			const [existing] = await elsewhere.db.query<{ id: string }>(
				`insert into auth.users (email, encrypted_password) values ($1, 'x') returning id`,
				[lead.email]
			);
			const restored = await restoreBackup(elsewhere.db, JSON.stringify(backup));
			expect(restored.accounts_matched).toBe(1);
			expect(restored.accounts_created.map((a) => a.email)).not.toContain(lead.email);
			const roles = await elsewhere.db.query<{ role: string }>(
				'select role::text from app.memberships where user_id = $1 and organisation_id = $2',
				[existing!.id, organisationId]
			);
			expect(roles).toEqual([{ role: 'lead' }]);
			const [kept] = await elsewhere.db.query<{ password: string }>(
				'select encrypted_password as password from auth.users where id = $1',
				[existing!.id]
			);
			expect(kept?.password).toBe('x');
		} finally {
			await elsewhere.dispose();
		}
	});
});
