/**
 * The demo sign-ins: who they are, never their passwords. The passwords are made at the demo's
 * first start, printed once and kept in the data folder (see ./credentials.ts). No server-only
 * imports here, so that anything (the start script, a page, a test) may import it.
 *
 * The addresses use the reserved `.example` domain, so they can never reach a real person.
 */

export type DemoRole = 'admin' | 'lead' | 'officer' | 'forum' | 'scrutiny' | 'safeguarding';

export interface DemoAccount {
	role: DemoRole;
	email: string;
	name: string;
}

/** The demo local area, with a full story of surveys and responses. */
export const DEMO_ORGANISATION_SLUG = 'northbridge';
export const DEMO_ORGANISATION_NAME = 'Northbridge';

/** One account per role in Northbridge. */
export const DEMO_ACCOUNTS: DemoAccount[] = [
	{ role: 'admin', email: 'admin@northbridge.example', name: 'Morgan Hale' },
	{ role: 'lead', email: 'lead@northbridge.example', name: 'Priya Natarajan' },
	{
		role: 'officer',
		email: 'officer@northbridge.example',
		name: 'Tom Adebayo'
	},
	{ role: 'forum', email: 'forum@northbridge.example', name: 'Claire Dunmore' },
	{
		role: 'scrutiny',
		email: 'scrutiny@northbridge.example',
		name: 'Cllr Ray Pennington'
	},
	{
		role: 'safeguarding',
		email: 'safeguarding@northbridge.example',
		name: 'Helen Marsh'
	}
];

/** A second, small local area, to show that one area cannot see another's data. */
export const OTHER_ORGANISATION_SLUG = 'eastmoor';
export const OTHER_ORGANISATION_NAME = 'Eastmoor';

export const OTHER_ORGANISATION_ACCOUNT: DemoAccount = {
	role: 'lead',
	email: 'lead@eastmoor.example',
	name: 'Jamie Holt'
};

/** Every demo account with its organisation's slug: Northbridge's, then Eastmoor's lead. */
export const ALL_DEMO_ACCOUNTS: (DemoAccount & { organisation: string })[] = [
	...DEMO_ACCOUNTS.map((a) => ({ ...a, organisation: DEMO_ORGANISATION_SLUG })),
	{ ...OTHER_ORGANISATION_ACCOUNT, organisation: OTHER_ORGANISATION_SLUG }
];

/** The demo's surveys that the home page offers in demo mode (held to surveys.json by a test). */
export const DEMO_SURVEY_LINKS = [
	{ slug: 'ehc-journey', title: 'Your experience of the EHC plan process', for: 'parent carers' },
	{ slug: 'my-say', title: 'My say about school and college', for: 'children and young people' }
] as const;
