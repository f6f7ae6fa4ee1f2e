/**
 * The demo sign-ins, printed by `npm start` and used by tests. No server-only imports here, so
 * that anything (the start script, a page, a test) may import it.
 *
 * The addresses use the reserved `.example` domain, so they can never reach a real person.
 */

export type DemoRole = 'admin' | 'lead' | 'officer' | 'forum' | 'scrutiny' | 'safeguarding';

export interface DemoAccount {
	role: DemoRole;
	email: string;
	password: string;
	name: string;
}

/** The demo local area, with a full story of surveys and responses. */
export const DEMO_ORGANISATION_SLUG = 'northbridge';
export const DEMO_ORGANISATION_NAME = 'Northbridge';

/** One account per role in Northbridge. */
export const DEMO_ACCOUNTS: DemoAccount[] = [
	{ role: 'admin', email: 'admin@northbridge.example', password: 'demo-admin-2026', name: 'Morgan Hale' },
	{ role: 'lead', email: 'lead@northbridge.example', password: 'demo-lead-2026', name: 'Priya Natarajan' },
	{
		role: 'officer',
		email: 'officer@northbridge.example',
		password: 'demo-officer-2026',
		name: 'Tom Adebayo'
	},
	{ role: 'forum', email: 'forum@northbridge.example', password: 'demo-forum-2026', name: 'Claire Dunmore' },
	{
		role: 'scrutiny',
		email: 'scrutiny@northbridge.example',
		password: 'demo-scrutiny-2026',
		name: 'Cllr Ray Pennington'
	},
	{
		role: 'safeguarding',
		email: 'safeguarding@northbridge.example',
		password: 'demo-safeguarding-2026',
		name: 'Helen Marsh'
	}
];

/** A second, small local area, to show that one area cannot see another's data. */
export const OTHER_ORGANISATION_SLUG = 'eastmoor';
export const OTHER_ORGANISATION_NAME = 'Eastmoor';

export const OTHER_ORGANISATION_ACCOUNT: DemoAccount = {
	role: 'lead',
	email: 'lead@eastmoor.example',
	password: 'demo-eastmoor-2026',
	name: 'Jamie Holt'
};
