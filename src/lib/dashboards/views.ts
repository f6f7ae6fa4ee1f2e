/** The dashboard's views, in the order its navigation lists them. */
export const DASHBOARD_VIEWS: { href: string; label: string }[] = [
	{ href: '/dashboard', label: 'Trends' },
	{ href: '/dashboard/equity', label: 'Gaps between groups' },
	{ href: '/dashboard/representation', label: 'Who took part' }
];
