/**
 * How the app finds its database at start: embedded PGlite in a data folder (the default), any
 * PostgreSQL over DATABASE_URL, or a Supabase project; and what it says when it cannot.
 */
import { chmod, lstat, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createClient } from '@supabase/supabase-js';
import { afterAll, describe, expect, it } from 'vitest';
import { openBackend, StartupError, type Backend } from '$lib/server/platform/backend';
import { openPostgres } from '$lib/server/platform/db/postgres';
import { DEMO_ACCOUNTS, DEMO_ORGANISATION_SLUG } from '$lib/server/demo/accounts';
import { newDemoCredentials, type DemoAccountsState } from '$lib/server/demo/credentials';
import { seedDemoOnce } from '$lib/server/demo/seed';
import { clientOptions } from '$lib/server/platform/supabase-options';
import { suffix, TEST_DATABASE_URL } from './engines';

const lead = DEMO_ACCOUNTS.find((a) => a.role === 'lead')!;

/** The demo accounts file of a data folder, and its permissions. */
async function demoAccounts(dir: string): Promise<DemoAccountsState & { mode: number }> {
	const file = path.join(dir, 'demo-accounts.json');
	const state = JSON.parse(await readFile(file, 'utf8')) as DemoAccountsState;
	return { ...state, mode: (await stat(file)).mode & 0o777 };
}

/** Every file or folder under `dir` (itself included) that anyone but its owner may read or write. */
async function looseModes(dir: string): Promise<string[]> {
	const found: string[] = [];
	const visit = async (p: string) => {
		const info = await lstat(p);
		const mode = info.mode & 0o777;
		if (mode !== (info.isDirectory() ? 0o700 : 0o600)) found.push(`${p} ${mode.toString(8)}`);
		if (info.isDirectory()) for (const name of await readdir(p)) await visit(path.join(p, name));
	};
	await visit(dir);
	return found;
}

function passwordOf(state: DemoAccountsState, email: string): string {
	return state.accounts.find((a) => a.email === email)!.password;
}

function client(b: Backend) {
	return createClient(b.url, b.anonKey, {
		...clientOptions(b.fetch),
		auth: { persistSession: false, autoRefreshToken: false }
	});
}

async function count(b: Backend, table: string): Promise<number> {
	const [row] = await b.db!.query<{ n: number }>(`select count(*)::int as n from ${table}`);
	return row!.n;
}

describe('[pglite] embedded mode, the default', () => {
	const folders: string[] = [];
	afterAll(async () => {
		for (const f of folders) await rm(f, { recursive: true, force: true });
	});

	it('migrates and seeds a new data folder once, with passwords of its own, and keeps data and sessions across a restart', async () => {
		const dir = await mkdtemp(path.join(tmpdir(), 'cpi-backend-'));
		folders.push(dir);

		const first = await openBackend({ DATA_DIR: dir });
		expect(first.mode).toBe('embedded');
		expect(first.migration).toMatch(/^\d{14}$/);
		const responses = await count(first, 'app.responses');
		expect(responses).toBeGreaterThan(1000);
		// the passwords were made for this folder, kept in it for its owner only, and shown this once
		const kept = await demoAccounts(dir);
		expect(kept.mode).toBe(0o600);
		expect(kept.seeded).toBe(true);
		expect(kept.accounts).toHaveLength(7);
		expect(first.demo?.created?.map((a) => a.email)).toEqual(kept.accounts.map((a) => a.email));
		const password = passwordOf(kept, lead.email);
		expect(password).toMatch(/^[A-Za-z0-9_-]{16}$/);
		expect(new Set(kept.accounts.map((a) => a.password)).size).toBe(7);
		const signedIn = await client(first).auth.signInWithPassword({ email: lead.email, password });
		expect(signedIn.error).toBeNull();
		const token = signedIn.data.session!.access_token;
		await first.db!.query(
			`insert into app.responses (id, organisation_id, wave_id)
			 select gen_random_uuid(), organisation_id, id from app.waves where slug = 'ehc-journey-repeat-2'`
		);
		await first.close();

		const second = await openBackend({ DATA_DIR: dir });
		// the demo data is not seeded twice, and what was written before the restart is still there
		expect(await count(second, 'app.responses')).toBe(responses + 1);
		expect(await count(second, 'supabase_migrations.schema_migrations')).toBe(
			await count(second, '(select distinct version from supabase_migrations.schema_migrations) v')
		);
		// the passwords are not shown again, and not changed
		expect(second.demo).toMatchObject({ created: null, present: true });
		expect(passwordOf(await demoAccounts(dir), lead.email)).toBe(password);
		// the JWT secret is kept beside the data: a session from before the restart still works
		const { data, error } = await client(second).auth.getUser(token);
		expect(error).toBeNull();
		expect(data.user?.email).toBe(lead.email);

		// someone deletes the demo area: it stays deleted at the next start
		await second.db!.transaction(async (tx) => {
			const org = `(select id from app.organisations where slug = '${DEMO_ORGANISATION_SLUG}')`;
			await tx.query(`delete from app.waves where organisation_id = ${org}`);
			await tx.query(`delete from app.surveys where organisation_id = ${org}`);
			await tx.query(`delete from app.organisations where id = ${org}`);
		});
		await second.close();
		const third = await openBackend({ DATA_DIR: dir });
		expect(await count(third, `app.organisations where slug = '${DEMO_ORGANISATION_SLUG}'`)).toBe(0);
		expect(third.demo).toMatchObject({ created: null, present: false });
		await third.close();

		// a public https address refuses to start while the demo accounts are there, demo data on or off
		for (const env of [{}, { DEMO_DATA: 'off' }]) {
			const refused = openBackend({ DATA_DIR: dir, ORIGIN: 'https://surveys.northbridge.gov.uk', ...env });
			await expect(refused).rejects.toBeInstanceOf(StartupError);
			await expect(refused).rejects.toThrow(/demo accounts/);
		}
	}, 240_000); // three starts of a data folder, each migrating or seeding PGlite: 40 s measured

	it('gives each new data folder its own demo passwords, and refuses the demo on a public https address', async () => {
		const dir = await mkdtemp(path.join(tmpdir(), 'cpi-backend-'));
		folders.push(dir);
		const refused = openBackend({ DATA_DIR: dir, ORIGIN: 'https://surveys.northbridge.gov.uk' });
		await expect(refused).rejects.toBeInstanceOf(StartupError);
		await expect(refused).rejects.toThrow(/set DEMO_DATA=off/);

		const b = await openBackend({ DATA_DIR: dir, ORIGIN: 'http://localhost:3000' });
		expect(b.demo?.present).toBe(true);
		const other = folders[0]!;
		expect(passwordOf(await demoAccounts(dir), lead.email)).not.toBe(
			passwordOf(await demoAccounts(other), lead.email)
		);
		await b.close();
	}, 180_000); // two starts, one seeding: 30 s measured

	it('starts without the demo area when DEMO_DATA=off', async () => {
		const dir = await mkdtemp(path.join(tmpdir(), 'cpi-backend-'));
		folders.push(dir);
		const b = await openBackend({ DATA_DIR: dir, DEMO_DATA: 'off' });
		expect(await count(b, 'app.organisations')).toBe(0);
		const health = await client(b).rpc('health');
		expect(health.data).toMatchObject({ migration: b.migration });
		await b.close();
	});

	it('keeps the data folder its owner’s only: folders 0700, files 0600, the WAL too, fixed at start', async () => {
		const dir = await mkdtemp(path.join(tmpdir(), 'cpi-backend-'));
		folders.push(dir);
		const loose = (p: string) => chmod(p, 0o777).then(() => undefined);
		const first = await openBackend({ DATA_DIR: dir, DEMO_DATA: 'off' });
		expect(await looseModes(dir)).toEqual([]);
		await first.db!.query(`insert into app.organisations (slug, name) values ('wal', 'Written to the WAL')`);
		await first.close();
		expect(await looseModes(dir)).toEqual([]);

		// a folder copied or unpacked with loose permissions is made its owner's again at the next start
		await loose(dir);
		await writeFile(path.join(dir, 'pglite', 'stray'), 'x', { mode: 0o666 });
		await chmod(path.join(dir, 'pglite', 'stray'), 0o666);
		for (const name of await readdir(path.join(dir, 'pglite')))
			await chmod(path.join(dir, 'pglite', name), 0o755).catch(() => {});
		expect((await looseModes(dir)).length).toBeGreaterThan(2);
		const second = await openBackend({ DATA_DIR: dir, DEMO_DATA: 'off' });
		expect(await looseModes(dir)).toEqual([]);
		await second.db!.query(`update app.organisations set name = 'Written again' where slug = 'wal'`);
		await second.close();
		expect(await looseModes(dir)).toEqual([]);
	}, 180_000); // two starts of a data folder, one migrating PGlite: 20 s measured
});

describe('[postgres 15] DATABASE_URL mode', () => {
	const name = `cpi_backend_${suffix()}`;
	const admin = () => openPostgres(TEST_DATABASE_URL, { max: 1 });

	afterAll(async () => {
		const db = await admin();
		await db.exec(`drop database if exists ${name} with (force)`);
		await db.close();
	});

	it('migrates without demo data, serves the same API through the local stand-in, and takes the demo only from the seed', async () => {
		const db = await admin();
		await db.exec(`create database ${name}`);
		await db.close();
		const url = new URL(TEST_DATABASE_URL);
		url.pathname = `/${name}`;

		const b = await openBackend({ DATABASE_URL: url.href });
		expect(b.mode).toBe('postgres');
		expect(b.db?.engine).toBe('postgres');
		expect(b.demo).toBeNull();
		// a council's own database gets no demo area and no demo accounts at start
		expect(await count(b, 'app.organisations')).toBe(0);
		expect(await count(b, `auth.users where email like '%.example'`)).toBe(0);

		// `npm run seed`, on purpose
		const credentials = newDemoCredentials();
		const password = credentials.find((a) => a.email === lead.email)!.password;
		await seedDemoOnce(b.db!, {
			passwords: Object.fromEntries(credentials.map((a) => [a.email, a.password]))
		});
		const c = client(b);
		expect((await c.auth.signInWithPassword({ email: lead.email, password })).error).toBeNull();
		const memberships = await c.rpc('my_memberships');
		const org = (memberships.data as { organisation_id: string }[])[0]!;
		const surveys = await c.rpc('list_surveys', { p_organisation_id: org.organisation_id });
		expect((surveys.data as { slug: string }[]).map((s) => s.slug)).toContain('ehc-journey');
		await b.close();

		// a second start finds everything in place
		const again = await openBackend({ DATABASE_URL: url.href });
		expect(again.migration).toBe(b.migration);
		expect(await count(again, 'app.organisations')).toBe(2);
		await again.close();
	});
});

describe('start-up failures name what to set', () => {
	it('an unreachable DATABASE_URL', async () => {
		const failure = openBackend({ DATABASE_URL: 'postgres://postgres@127.0.0.1:1/nowhere' });
		await expect(failure).rejects.toBeInstanceOf(StartupError);
		await expect(failure).rejects.toThrow(/set DATABASE_URL to a running PostgreSQL 15\+, or unset it/);
	});

	it('a data folder that cannot be made', async () => {
		const dir = await mkdtemp(path.join(tmpdir(), 'cpi-backend-'));
		await writeFile(path.join(dir, 'a-file'), 'not a folder');
		const failure = openBackend({ DATA_DIR: path.join(dir, 'a-file', 'data') });
		await expect(failure).rejects.toBeInstanceOf(StartupError);
		await expect(failure).rejects.toThrow(/set DATA_DIR to a writable folder/);
		await rm(dir, { recursive: true, force: true });
	});

	it('a Supabase URL without its anon key', async () => {
		await expect(openBackend({ PUBLIC_SUPABASE_URL: 'https://example.supabase.co' })).rejects.toThrow(
			/PUBLIC_SUPABASE_ANON_KEY is not/
		);
	});

	it('a Supabase URL without the service role key (the server keeps drafts with it)', async () => {
		await expect(
			openBackend({ PUBLIC_SUPABASE_URL: 'https://example.supabase.co', PUBLIC_SUPABASE_ANON_KEY: 'key' })
		).rejects.toThrow(/SUPABASE_SERVICE_ROLE_KEY is not/);
	});

	it('a Supabase URL with its keys is used as it is, with the real network', async () => {
		const b = await openBackend({
			PUBLIC_SUPABASE_URL: 'https://example.supabase.co',
			PUBLIC_SUPABASE_ANON_KEY: 'key',
			SUPABASE_SERVICE_ROLE_KEY: 'service'
		});
		expect(b).toMatchObject({
			mode: 'supabase',
			url: 'https://example.supabase.co',
			anonKey: 'key',
			serviceRoleKey: 'service'
		});
		expect(b.fetch).toBeUndefined();
		expect(b.db).toBeUndefined();
	});
});
