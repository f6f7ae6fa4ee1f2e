import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { secureDataFolder } from './data-folder';
import { migrate } from './db/migrate';
import { openPglite } from './db/pglite';
import { openPgliteThread } from './db/pglite-thread';
import { openPostgres } from './db/postgres';
import type { Database } from './db/types';
import { createLocalSupabase } from './embedded';
import type { DemoStart } from '../demo/first-start';

/**
 * Where the data lives, decided once at start from the environment:
 *  - `supabase`: PUBLIC_SUPABASE_URL and PUBLIC_SUPABASE_ANON_KEY name a Supabase project;
 *  - `postgres`: DATABASE_URL names any PostgreSQL 15+; the local API runs in this process;
 *  - `embedded` (the default): PGlite in DATA_DIR (default .data/), the local API in this process.
 * The app talks to all three through supabase-js and never asks which one it has.
 */
export type Mode = 'embedded' | 'postgres' | 'supabase';

export interface Backend {
	mode: Mode;
	url: string;
	anonKey: string;
	/**
	 * The service role key: the server's own, never sent to a browser. Only for the functions that only
	 * the server may call on a respondent's behalf (drafts: see $lib/server/respondent/server-api.ts).
	 */
	serviceRoleKey: string;
	/** Custom fetch for supabase-js in embedded and postgres modes. */
	fetch?: typeof fetch;
	/** The database itself (embedded and postgres modes only): for the seed and /healthz. */
	db?: Database;
	/** Newest applied migration, when this process applied them. */
	migration: string | null;
	/** The demo, when this is the embedded database with demo data (see ../demo/first-start.ts). */
	demo: DemoStart | null;
	/** Closes the database (embedded and postgres modes). */
	close(): Promise<void>;
}

export interface BackendEnv {
	[name: string]: string | undefined;
	PUBLIC_SUPABASE_URL?: string;
	PUBLIC_SUPABASE_ANON_KEY?: string;
	/** Supabase's service role key (Project settings, API): the server calls the draft functions with it. */
	SUPABASE_SERVICE_ROLE_KEY?: string;
	DATABASE_URL?: string;
	/**
	 * With DATABASE_URL: the connection the API's calls run on, logged in as the `authenticator` role (no
	 * rights of its own; it switches to anon, authenticated or service_role per request, as PostgREST does).
	 * Without it they run on DATABASE_URL's user, the migrations' owner, and the server warns at start.
	 */
	API_DATABASE_URL?: string;
	DATA_DIR?: string;
	JWT_SECRET?: string;
	/**
	 * "off" to start the embedded database without the demo organisation. Only the embedded
	 * database is ever seeded at start; DATABASE_URL and Supabase get demo data only from `npm run seed`.
	 */
	DEMO_DATA?: string;
	/** The public address; an https one that others can reach refuses the demo accounts. */
	ORIGIN?: string;
	/** "off" to run the embedded database in the server's own thread rather than a thread of its own. */
	PGLITE_THREAD?: string;
	/** How often the C allocator's free memory goes back to the system, in seconds (default 2; 0 is off). */
	MEMORY_TRIM_SECONDS?: string;
	/** smtp:// or smtps:// (user, password, host, port): safeguarding leads are told by email of new items. */
	SMTP_URL?: string;
	/** The sender of those emails, with SMTP_URL: "Co-production Impact <noreply@council.example>". */
	MAIL_FROM?: string;
}

/** A start-up failure whose message says, in one line, what to set. */
export class StartupError extends Error {}

export function modeFor(env: BackendEnv): Mode {
	if (env.PUBLIC_SUPABASE_URL) return 'supabase';
	if (env.DATABASE_URL) return 'postgres';
	return 'embedded';
}

async function jwtSecret(env: BackendEnv, dataDir: string | null): Promise<string> {
	if (env.JWT_SECRET) return env.JWT_SECRET;
	if (!dataDir) return randomBytes(32).toString('base64url');
	// A secret made once and kept beside the data, so sessions survive a restart.
	const file = path.join(dataDir, 'jwt-secret');
	try {
		return (await readFile(file, 'utf8')).trim();
	} catch {
		const secret = randomBytes(32).toString('base64url');
		await writeFile(file, secret, { mode: 0o600 });
		return secret;
	}
}

export async function openBackend(env: BackendEnv): Promise<Backend> {
	const mode = modeFor(env);
	if (mode === 'supabase') {
		if (!env.PUBLIC_SUPABASE_ANON_KEY) {
			throw new StartupError(
				'PUBLIC_SUPABASE_URL is set but PUBLIC_SUPABASE_ANON_KEY is not: set both, or neither for the embedded database.'
			);
		}
		if (!env.SUPABASE_SERVICE_ROLE_KEY) {
			throw new StartupError(
				"PUBLIC_SUPABASE_URL is set but SUPABASE_SERVICE_ROLE_KEY is not: set it to the project's service role key (the server keeps respondents' drafts with it; it never reaches a browser)."
			);
		}
		return {
			mode,
			url: env.PUBLIC_SUPABASE_URL!,
			anonKey: env.PUBLIC_SUPABASE_ANON_KEY,
			serviceRoleKey: env.SUPABASE_SERVICE_ROLE_KEY,
			migration: null,
			demo: null,
			close: async () => {}
		};
	}

	let db: Database;
	let threaded = false;
	let dataDir: string | null = null;
	if (mode === 'postgres') {
		try {
			db = await openPostgres(env.DATABASE_URL!);
		} catch (error) {
			const reason = error instanceof Error ? error.message : String(error);
			throw new StartupError(
				`Cannot reach the database at DATABASE_URL (${reason}): set DATABASE_URL to a running PostgreSQL 15+, or unset it to use the embedded database.`
			);
		}
	} else {
		dataDir = path.resolve(env.DATA_DIR ?? '.data');
		try {
			await mkdir(dataDir, { recursive: true, mode: 0o700 });
			const loosened = await secureDataFolder(dataDir);
			if (loosened.length > 0) {
				console.warn(
					`The data folder ${dataDir} could be read by other accounts on this machine: made it its owner's only (${loosened.length} files and folders).`
				);
			}
			threaded = env.PGLITE_THREAD !== 'off';
			db = await (threaded ? openPgliteThread : openPglite)(path.join(dataDir, 'pglite'));
		} catch (error) {
			const reason = error instanceof Error ? error.message : String(error);
			throw new StartupError(
				`Cannot open the embedded database in ${dataDir} (${reason}): set DATA_DIR to a writable folder.`
			);
		}
	}

	let version: string | null;
	let applied: string[] = [];
	let demo: DemoStart | null = null;
	try {
		({ version, applied } = await migrate(db));
		const firstStart = await import('../demo/first-start');
		const wantsDemo = mode === 'embedded' && env.DEMO_DATA !== 'off';
		if (firstStart.isPublicHttpsOrigin(env.ORIGIN)) {
			if (wantsDemo) {
				throw new StartupError(
					`ORIGIN is the public address ${env.ORIGIN}, and the demo accounts must never be reachable there: set DEMO_DATA=off.`
				);
			}
			if (await firstStart.hasDemoAccounts(db)) {
				throw new StartupError(
					`ORIGIN is the public address ${env.ORIGIN} and the database holds the demo accounts (…@northbridge.example, …@eastmoor.example): delete them from auth.users first.`
				);
			}
		}
		if (wantsDemo) demo = await firstStart.demoFirstStart(db, dataDir!);
		// PGlite makes its files 0666 whatever the umask: once more now that it has written them
		if (dataDir) await secureDataFolder(dataDir);
	} catch (error) {
		await db.close().catch(() => {});
		if (error instanceof StartupError) throw error;
		const reason = error instanceof Error ? error.message : String(error);
		throw new StartupError(
			`Could not prepare the database (${reason}): check the migrations in supabase/migrations.`
		);
	}
	if (threaded && dataDir && applied.length > 0) {
		// Making the database, migrating it and seeding the demo took memory that PGlite's thread would keep
		// for as long as the server runs (WebAssembly's memory only grows): about 400 MB against 270 MB
		// after the same start on a folder already prepared. A new thread on the prepared folder gives it back.
		await db.close();
		db = await openPgliteThread(path.join(dataDir, 'pglite'));
		await secureDataFolder(dataDir);
	}
	let apiDb: Database = db;
	if (mode === 'postgres' && env.API_DATABASE_URL) {
		try {
			apiDb = await openPostgres(env.API_DATABASE_URL);
			const [who] = await apiDb.query<{ name: string; super: boolean }>(
				'select current_user as name, rolsuper as super from pg_roles where rolname = current_user'
			);
			if (who?.super) {
				await apiDb.close();
				await db.close();
				throw new StartupError(
					`API_DATABASE_URL logs in as ${who.name}, a superuser: set it to the authenticator role (see the README's "The API's database role").`
				);
			}
		} catch (error) {
			if (error instanceof StartupError) throw error;
			await db.close().catch(() => {});
			const reason = error instanceof Error ? error.message : String(error);
			throw new StartupError(
				`Cannot connect with API_DATABASE_URL (${reason}): set it to the authenticator role's connection string, or unset it.`
			);
		}
	}
	const local = await createLocalSupabase(db, await jwtSecret(env, dataDir), 'api', apiDb);
	return {
		mode,
		url: local.url,
		anonKey: local.anonKey,
		serviceRoleKey: local.serviceRoleKey,
		fetch: local.fetch,
		db,
		migration: version,
		demo,
		close: async () => {
			if (apiDb !== db) await apiDb.close();
			await db.close();
			if (dataDir) await secureDataFolder(dataDir);
		}
	};
}

let current: Promise<Backend> | null = null;

/** The process's backend, opened on first use. */
export function backend(env: BackendEnv = process.env): Promise<Backend> {
	current ??= openBackend(env);
	return current;
}

/** Closes the process's backend, if one was opened (on shutdown). */
export async function closeBackend(): Promise<void> {
	const opened = current;
	current = null;
	if (opened) await (await opened).close();
}
