import type { Database } from '../platform/db/types';
import { ALL_DEMO_ACCOUNTS, DEMO_ORGANISATION_SLUG } from './accounts';
import {
	demoAccountsFile,
	newDemoCredentials,
	readDemoAccounts,
	writeDemoAccounts,
	type DemoCredential
} from './credentials';

/** The demo as the server found or made it at start (embedded database only). */
export interface DemoStart {
	/** Where the demo accounts' passwords are kept. */
	file: string;
	/** The accounts made at this start, to print once; null when the demo was seeded before. */
	created: DemoCredential[] | null;
	/** True when the demo organisation was already in the database before its first seed here. */
	foundBefore: boolean;
	/** True when the demo organisation is in the database (false once someone deleted it). */
	present: boolean;
}

/**
 * Seeds the demo on the first start of a data folder, with new random passwords kept in the
 * folder's demo-accounts.json; on later starts does nothing, so a demo area someone deleted stays
 * deleted. The file is written before the seed (with `seeded: false`) so that a crash in between
 * seeds again with the same passwords.
 */
export async function demoFirstStart(db: Database, dataDir: string): Promise<DemoStart> {
	const file = demoAccountsFile(dataDir);
	let state = await readDemoAccounts(dataDir);
	if (state?.seeded) return { file, created: null, foundBefore: false, present: await demoPresent(db) };
	if (!state) {
		state = { seeded: false, accounts: newDemoCredentials() };
		await writeDemoAccounts(dataDir, state);
	}
	const { seedDemoOnce } = await import('./seed');
	const passwords = Object.fromEntries(state.accounts.map((a) => [a.email, a.password]));
	const emails = await seedDemoOnce(db, { passwords });
	const created = state.accounts.filter((a) => emails?.includes(a.email));
	await writeDemoAccounts(dataDir, { seeded: true, accounts: created });
	return { file, created, foundBefore: emails === null, present: true };
}

async function demoPresent(db: Database): Promise<boolean> {
	const [row] = await db.query<{ found: boolean }>(
		'select exists (select 1 from app.organisations where slug = $1) as found',
		[DEMO_ORGANISATION_SLUG]
	);
	return row?.found ?? false;
}

/** True when any demo account (by its address) is in auth.users. */
export async function hasDemoAccounts(db: Database): Promise<boolean> {
	const [row] = await db.query<{ found: boolean }>(
		'select exists (select 1 from auth.users where lower(email) = any ($1::text[])) as found',
		[ALL_DEMO_ACCOUNTS.map((a) => a.email.toLowerCase())]
	);
	return row?.found ?? false;
}

/**
 * True when `origin` is an https address others can reach: not loopback, not a private network's
 * address, not a name reserved for local or test use.
 */
export function isPublicHttpsOrigin(origin: string | undefined): boolean {
	if (!origin) return false;
	let url: URL;
	try {
		url = new URL(origin);
	} catch {
		return false;
	}
	if (url.protocol !== 'https:') return false;
	const host = url.hostname.toLowerCase().replace(/^\[|\]$/g, '');
	if (host === 'localhost' || host === '::1') return false;
	if (/\.(localhost|local|internal|test|example|invalid)$/.test(host)) return false;
	const ip = host.match(/^(\d+)\.(\d+)\.(\d+)\.(\d+)$/);
	if (ip) {
		const [a, b] = [Number(ip[1]), Number(ip[2])];
		if (a === 127 || a === 10 || (a === 192 && b === 168) || (a === 172 && b >= 16 && b <= 31)) return false;
	}
	return true;
}
