/** The dashboard's views, in the order its navigation lists them. */
export const DASHBOARD_VIEWS: { href: string; label: string }[] = [
	{ href: '/dashboard/overview', label: 'Overview' },
	{ href: '/dashboard', label: 'Trends' },
	{ href: '/dashboard/compare', label: 'Compare two waves' },
	{ href: '/dashboard/distribution', label: 'Every answer' },
	{ href: '/dashboard/equity', label: 'Gaps between groups' },
	{ href: '/dashboard/representation', label: 'Who took part' },
	{ href: '/dashboard/reach', label: 'Reach' },
	{ href: '/dashboard/journeys', label: 'Journeys' }
];

/**
 * Where a member lands after signing in: the lead's and the councillor's overview of every indicator, the
 * forum's reach (who is being heard), the safeguarding lead's queue (shown first on the dashboard). Someone
 * with several roles lands where the broadest of them does.
 */
export function homeFor(roles: readonly string[]): string {
	if (roles.some((r) => r === 'admin' || r === 'lead' || r === 'officer' || r === 'scrutiny'))
		return '/dashboard/overview';
	if (roles.includes('forum')) return '/dashboard/reach';
	return '/dashboard';
}
