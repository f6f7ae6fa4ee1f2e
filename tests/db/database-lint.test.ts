/**
 * The database lint (issue 12, "Checks that keep it so"): the classes of fault that Supabase's
 * security advisor reports, checked on every migration in CI on both engines, so that a new migration
 * cannot quietly bring one back. Each check lists what it finds; the list must be empty. The classes
 * covered elsewhere: row-level security on every table of app and who may execute which function
 * (rls.test.ts, against a reviewed list), and foreign keys without an index (indexes.test.ts).
 *
 * Each check is also tried against a fault made on purpose (in a transaction rolled back), so that a
 * check that could never find anything fails here.
 */
import { describe, expect, it } from 'vitest';
import { forEachEngine, rolledBack } from './engines';
import type { Queryable } from '$lib/server/platform/db/types';

/** Our schemas: the API (exposed), the private tables and functions, and the auth stand-in. */
const OURS = `('api', 'app', 'auth', 'public')`;

/**
 * Reviewed exceptions. auth.jwt(), auth.uid() and auth.role() are defined as Supabase defines them
 * (supabase/compat/bootstrap.sql; on Supabase they are Supabase's own): they call only pg_catalog,
 * which PostgreSQL always searches first, and a SET clause would stop PostgreSQL inlining them into
 * every row-level security policy.
 */
const REVIEWED_SEARCH_PATH = ['auth.jwt()', 'auth.role()', 'auth.uid()'];

const CHECKS = {
	/** a function without a fixed search_path runs with whatever the caller's is ("function_search_path_mutable") */
	mutableSearchPath: `
		select n.nspname || '.' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')' as found
		  from pg_proc p join pg_namespace n on n.oid = p.pronamespace
		 where n.nspname in ${OURS}
		   and not exists (select 1 from pg_depend d where d.objid = p.oid and d.deptype = 'e')
		   and not exists (select 1 from unnest(coalesce(p.proconfig, '{}')) c where c like 'search_path=%')
		   and n.nspname || '.' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')'
		       <> all ($1::text[])
		 order by 1`,
	/** a view runs as its owner unless security_invoker, bypassing row-level security ("security_definer_view") */
	securityDefinerView: `
		select n.nspname || '.' || c.relname as found
		  from pg_class c join pg_namespace n on n.oid = c.relnamespace
		 where c.relkind = 'v' and n.nspname in ${OURS}
		   and not coalesce('security_invoker=true' = any (c.reloptions)
		                    or 'security_invoker=on' = any (c.reloptions), false)
		 order by 1`,
	/** a materialized view has no row-level security: none in an exposed schema ("materialized_view_in_api") */
	materializedViewExposed: `
		select n.nspname || '.' || c.relname as found
		  from pg_class c join pg_namespace n on n.oid = c.relnamespace
		 where c.relkind = 'm' and n.nspname in ('api', 'public')
		 order by 1`,
	/** an extension's objects in an exposed schema become callable API ("extension_in_public") */
	extensionExposed: `
		select e.extname || ' in ' || n.nspname as found
		  from pg_extension e join pg_namespace n on n.oid = e.extnamespace
		 where n.nspname in ('api', 'public') and e.extname <> 'plpgsql'
		 order by 1`,
	/** a write policy whose test is always true lets every caller it applies to write every row ("rls_policy_always_true") */
	alwaysTrueWritePolicy: `
		select schemaname || '.' || tablename || ': ' || policyname as found
		  from pg_policies
		 where schemaname in ${OURS} and cmd in ('INSERT', 'UPDATE', 'DELETE', 'ALL')
		   and (btrim(coalesce(qual, ''), '() ') = 'true' or btrim(coalesce(with_check, ''), '() ') = 'true')
		 order by 1`,
	/** a table in an exposed schema without row-level security is open to the API ("rls_disabled_in_public") */
	rlsOffExposed: `
		select n.nspname || '.' || c.relname as found
		  from pg_class c join pg_namespace n on n.oid = c.relnamespace
		 where c.relkind in ('r', 'p') and n.nspname in ('api', 'public', 'app') and not c.relrowsecurity
		 order by 1`
} as const;

/** A fault of each class, made on purpose, that its check must find. */
const FAULTS: Record<keyof typeof CHECKS, { make: string; finds: string }> = {
	mutableSearchPath: {
		make: `create function app.lint_probe() returns int language sql as 'select 1'`,
		finds: 'app.lint_probe()'
	},
	securityDefinerView: {
		make: `create view api.lint_probe as select 1 as one`,
		finds: 'api.lint_probe'
	},
	materializedViewExposed: {
		make: `create materialized view api.lint_probe as select 1 as one`,
		finds: 'api.lint_probe'
	},
	extensionExposed: {
		make: `alter extension pgcrypto set schema public`,
		finds: 'pgcrypto in public'
	},
	alwaysTrueWritePolicy: {
		make: `create policy lint_probe on app.organisations for update to authenticated using (true)`,
		finds: 'app.organisations: lint_probe'
	},
	rlsOffExposed: {
		make: `create table api.lint_probe (id int)`,
		finds: 'api.lint_probe'
	}
};

async function found(db: Queryable, sql: string): Promise<string[]> {
	const params = sql.includes('$1') ? [REVIEWED_SEARCH_PATH] : [];
	return (await db.query<{ found: string }>(sql, params)).map((r) => r.found);
}

forEachEngine('database lint', (engine) => {
	describe('finds nothing in the migrated database', () => {
		for (const [name, sql] of Object.entries(CHECKS)) {
			it(name, async () => {
				expect(await found(engine.db, sql)).toEqual([]);
			});
		}
	});

	describe('finds each fault made on purpose', () => {
		for (const [name, fault] of Object.entries(FAULTS)) {
			it(name, async () => {
				// rolled back: the lint must not leave its probe behind
				const seen = await rolledBack(engine.db, async (tx) => {
					await tx.query(fault.make);
					return found(tx, CHECKS[name as keyof typeof CHECKS]);
				});
				expect(seen).toContain(fault.finds);
			});
		}
	});
});
