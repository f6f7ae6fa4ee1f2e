/**
 * The API's database role. With PostgreSQL the API's calls run on a connection that logged in as the
 * `authenticator` role (supabase/compat/bootstrap.sql), as PostgREST's do on Supabase: it holds no rights
 * of its own, so a RESET ROLE inside a request (a function that did so, or a statement slipped in) gains
 * nothing. On PGlite there is one database session in the process, the owner's: the same API runs there,
 * and the role exists, but the connection cannot be another user's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres } from '$lib/server/platform/db/postgres';
import type { Database } from '$lib/server/platform/db/types';
import { forEachEngine } from './engines';

forEachEngine('the API database role', (engine) => {
	it('exists, logs in, is no superuser and may only become the three API roles', async () => {
		const [role] = await engine.db.query<{
			login: boolean;
			super: boolean;
			inherit: boolean;
			member_of: string[];
		}>(
			`select r.rolcanlogin as login, r.rolsuper as super, r.rolinherit as inherit,
			        array(select g.rolname::text from pg_auth_members m join pg_roles g on g.oid = m.roleid
			               where m.member = r.oid order by 1) as member_of
			   from pg_roles r where r.rolname = 'authenticator'`
		);
		expect(role).toEqual({
			login: true,
			super: false,
			inherit: false,
			member_of: ['anon', 'authenticated', 'service_role']
		});
	});

	if (engine.name !== 'postgres 15') return;

	describe('the connection the API runs on (PostgreSQL)', () => {
		let api: Database;
		beforeAll(async () => {
			const [current] = await engine.db.query<{ db: string }>('select current_database() as db');
			const url = new URL(process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
			url.pathname = `/${current!.db}`;
			url.username = 'authenticator';
			url.password = '';
			api = await openPostgres(url.toString(), { max: 1 });
		});
		afterAll(() => api.close());

		it('is what the local API uses: after a call, the database has the authenticator’s sessions', async () => {
			await engine.anon().rpc('survey_for_respondent', { p_slug: 'no-such-survey' });
			const sessions = await engine.db.query<{ usename: string }>(
				`select usename from pg_stat_activity where datname = current_database() and usename = 'authenticator'`
			);
			expect(sessions.length).toBeGreaterThan(0);
		});

		it('gains nothing from RESET ROLE inside a request: no rights, no superuser', async () => {
			const rows = await api.transaction(async (tx) => {
				await tx.exec('set local role anon');
				await tx.exec('reset role');
				const [who] = await tx.query<{ who: string; super: boolean }>(
					`select current_user as who, (select rolsuper from pg_roles where rolname = current_user) as super`
				);
				const [rights] = await tx.query<{ app: boolean; api: boolean; answers: boolean }>(
					`select has_schema_privilege('app', 'usage') as app, has_schema_privilege('api', 'usage') as api,
					        has_table_privilege((select c.oid from pg_class c join pg_namespace n on n.oid = c.relnamespace
					                                where n.nspname = 'app' and c.relname = 'answers'), 'select') as answers`
				);
				const read = rights;
				return { ...who, read };
			});
			expect(rows).toEqual({
				who: 'authenticator',
				super: false,
				read: { app: false, api: false, answers: false }
			});
		});

		it('cannot become the owner', async () => {
			const error = await api
				.exec('set role postgres')
				.then(() => null)
				.catch((e: { code?: string }) => e.code);
			expect(error).toBe('42501');
		});
	});
});
