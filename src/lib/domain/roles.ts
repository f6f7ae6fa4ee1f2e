/**
 * Who may do what: app.member_role, and the groups of roles that the database's policies and
 * functions allow each thing to (app.has_role(organisation, '{admin,lead,officer}') and the like).
 * Pages use these to show only what a member can use; the database decides.
 */
import type { Term } from './vocabulary';

export const MEMBER_ROLES = [
	{ value: 'admin', label: 'Administrator' },
	{ value: 'lead', label: 'Strategic lead' },
	{ value: 'officer', label: 'Officer' },
	{ value: 'forum', label: 'Parent carer forum' },
	{ value: 'scrutiny', label: 'Scrutiny committee' },
	{ value: 'safeguarding', label: 'Safeguarding lead' }
] as const satisfies readonly Term[];
export type MemberRole = (typeof MEMBER_ROLES)[number]['value'];

/** The role groups, each named for what it may do. */
export const MAY = {
	/** build surveys, preview them, make invitation links, add responses from other channels */
	build: ['admin', 'lead', 'officer'],
	/** change the organisation's settings */
	configure: ['admin', 'lead'],
	/** read raw responses, which may hold free text that identifies someone */
	readResponses: ['admin', 'lead', 'officer', 'safeguarding'],
	/** see exact figures (everyone else sees them under the disclosure rule; app.sees_exact_figures) */
	seeExactFigures: ['admin', 'lead', 'officer', 'safeguarding'],
	/** choose which indicators the organisation's public page shows (api.set_public_indicator) */
	publishFigures: ['admin', 'lead'],
	/** read and tag feedback items (never one held for safeguarding), add feedback by hand */
	readFeedback: ['admin', 'lead', 'officer'],
	/** read feedback's themes and priorities with their counts (under the disclosure rule unless staff), and quotes */
	readThemes: ['admin', 'lead', 'officer', 'forum', 'scrutiny', 'safeguarding'],
	/** read the flow from feedback to decisions and the impact charts (under the disclosure rule unless staff) */
	readImpact: ['admin', 'lead', 'officer', 'forum', 'scrutiny'],
	/** send an item to the safeguarding queue */
	flagFeedback: ['admin', 'lead', 'officer', 'safeguarding'],
	/** read the safeguarding queue and close its flags */
	safeguard: ['safeguarding'],
	/** keep the safeguarding phrase list */
	keepPhrases: ['admin', 'safeguarding'],
	/** change the strategy priorities */
	editPriorities: ['admin', 'lead'],
	/** record decisions and engagement activities, and link their evidence */
	recordDecisions: ['admin', 'lead', 'officer'],
	/** put decisions on the public "you said, we did" page, or take them off */
	publishDecisions: ['admin', 'lead'],
	/** read the audit log */
	readAudit: ['admin'],
	/** delete a mistaken wave with its responses and counts (the reason goes in the audit log) */
	deleteWaves: ['admin', 'lead']
} as const satisfies Record<string, readonly MemberRole[]>;
export type Permission = keyof typeof MAY;

/** Whether a role may do a thing. */
export function may(role: MemberRole, permission: Permission): boolean {
	return (MAY[permission] as readonly MemberRole[]).includes(role);
}

/** Whether any of these memberships may do a thing (in any organisation, or in the one given). */
export function anyMay(
	memberships: readonly { role: MemberRole; organisation_id: string }[],
	permission: Permission,
	organisationId?: string
): boolean {
	return memberships.some(
		(m) => may(m.role, permission) && (organisationId === undefined || m.organisation_id === organisationId)
	);
}
