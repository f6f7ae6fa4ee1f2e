import { randomBytes } from 'node:crypto';
import { chmod, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ALL_DEMO_ACCOUNTS, type DemoAccount } from './accounts';

/**
 * The demo accounts' passwords: made at random when the demo is first seeded, printed once by the
 * server, and kept in the data folder in `demo-accounts.json` (readable by its owner only), never
 * in the source. The file also records that the demo was seeded, so a demo area someone deleted
 * stays deleted at the next start.
 */
export const DEMO_ACCOUNTS_FILE = 'demo-accounts.json';

export interface DemoCredential extends DemoAccount {
	organisation: string;
	password: string;
}

export interface DemoAccountsState {
	/** True once the seed has run to the end (with these passwords, or on an area already there). */
	seeded: boolean;
	/** The accounts the seed created, with their passwords; an address that already existed is not here. */
	accounts: DemoCredential[];
}

/** A new random password: 16 characters from 96 random bits. */
export function newDemoPassword(): string {
	return randomBytes(12).toString('base64url');
}

/** Every demo account with a new random password. */
export function newDemoCredentials(): DemoCredential[] {
	return ALL_DEMO_ACCOUNTS.map((a) => ({ ...a, password: newDemoPassword() }));
}

export function demoAccountsFile(dataDir: string): string {
	return path.join(dataDir, DEMO_ACCOUNTS_FILE);
}

export async function readDemoAccounts(dataDir: string): Promise<DemoAccountsState | null> {
	let text: string;
	try {
		text = await readFile(demoAccountsFile(dataDir), 'utf8');
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
		throw error;
	}
	return JSON.parse(text) as DemoAccountsState;
}

/** Writes the file whole (a crash leaves the old one or the new one), readable by its owner only. */
export async function writeDemoAccounts(dataDir: string, state: DemoAccountsState): Promise<void> {
	const file = demoAccountsFile(dataDir);
	const partial = `${file}.${process.pid}.tmp`;
	await writeFile(partial, JSON.stringify(state, null, '\t') + '\n', { mode: 0o600 });
	await chmod(partial, 0o600);
	await rename(partial, file);
}
