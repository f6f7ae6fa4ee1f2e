import type { FeedbackOverview } from './types';

const comments = (n: number) => `${n.toLocaleString('en-GB')} comment${n === 1 ? '' : 's'}`;

/**
 * The one sentence above the themes table: how many themes, the one raised most often that may be
 * shown (a hidden count is never named as the largest), and how many quotes are cleared.
 */
export function themesSummary(o: Pick<FeedbackOverview, 'themes' | 'quotes' | 'exact' | 'rule'>): string {
	if (o.themes.length === 0)
		return `No comment has been given a theme yet; ${o.quotes.length === 0 ? 'none is' : `${o.quotes.length} ${o.quotes.length === 1 ? 'is' : 'are'}`} cleared for quoting.`;
	const top = o.themes.find((t) => t.items !== null && t.items_symbol === null && t.items > 0);
	const hidden = o.themes.filter((t) => t.items_symbol === '[c]').length;
	return [
		`Comments have ${o.themes.length} theme${o.themes.length === 1 ? '' : 's'}`,
		top ? `, the most often “${top.theme}” (${comments(top.items!)})` : '',
		hidden > 0 ? `; ${hidden} with fewer than ${o.rule.threshold} comments show [c]` : '',
		`; ${o.quotes.length === 0 ? 'no quote is' : `${o.quotes.length} quote${o.quotes.length === 1 ? ' is' : 's are'}`} cleared for publishing.`
	].join('');
}
