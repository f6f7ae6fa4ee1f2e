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

/**
 * The hidden field a dashboard's filter form carries: the survey it was drawn for. Without JavaScript, a
 * member who picks another survey sends the first survey's indicator and waves with it; those belong to the
 * survey left behind, and are dropped (see afterSurveyChange) rather than reported as naming nothing.
 */
export const SHOWN_SURVEY = 'shown_survey';

/** The filters that name something of one survey: its indicator, waves and definitions. */
export const SURVEY_FILTERS = ['indicator', 'wave', 'a', 'b', 'from', 'to', 'definition'] as const;

/**
 * Where a filter form's GET should go instead, or null when it is fine as it is: without SHOWN_SURVEY; and
 * when the survey changed, without the filters of the survey left behind (the view's defaults for the new
 * survey then). The parameters keep their order, so the address stays the one a link would give.
 */
export function afterSurveyChange(url: URL): string | null {
	const shown = url.searchParams.get(SHOWN_SURVEY);
	if (shown === null) return null;
	const params = new URLSearchParams(url.searchParams);
	params.delete(SHOWN_SURVEY);
	const survey = params.get('survey');
	if (survey !== null && survey !== shown) for (const name of SURVEY_FILTERS) params.delete(name);
	const query = params.toString();
	return `${url.pathname}${query ? `?${query}` : ''}`;
}
