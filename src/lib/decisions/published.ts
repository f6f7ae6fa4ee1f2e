import { DECISION_STATUSES, labelOf, PARTICIPATION_LEVELS, type DecisionStatus } from '$lib/domain';
import type { Card, YouSaidWeDid } from './types';

/**
 * The published "you said, we did", as its page, its easy-read version and its downloads show it: the
 * cards grouped by priority, filtered by priority and status. Pure: no server, no database.
 */

export interface PublishedFilter {
	/** a priority's id, 'none' for the cards under no priority, or nothing for all */
	priority?: string;
	status?: DecisionStatus;
}

export interface PublishedGroup {
	id: string | null;
	code: string | null;
	title: string;
	cards: Card[];
}

/** The filter from the page's address: anything unknown is left out. */
export function filterOf(url: URL, published: YouSaidWeDid): PublishedFilter {
	const priority = url.searchParams.get('priority') ?? '';
	const status = url.searchParams.get('status') ?? '';
	return {
		priority:
			priority === 'none' || published.priorities.some((g) => g.id === priority) ? priority : undefined,
		status: DECISION_STATUSES.some((s) => s.value === status) ? (status as DecisionStatus) : undefined
	};
}

/** The groups and cards the filter keeps; a group left with no card is left out. */
export function filterCards(published: YouSaidWeDid, f: PublishedFilter): PublishedGroup[] {
	return published.priorities
		.filter((g) => !f.priority || (f.priority === 'none' ? g.id === null : g.id === f.priority))
		.map((g) => ({ ...g, cards: g.cards.filter((c) => !f.status || c.status === f.status) }))
		.filter((g) => g.cards.length > 0);
}

/** "N people told us" in words: the number, or that it is too small to show. */
export function peopleText(card: Pick<Card, 'people' | 'people_symbol'>): string {
	if (card.people_symbol) return `Fewer than the smallest number we publish told us [c]`;
	if (!card.people) return 'No feedback linked yet';
	return `${card.people.toLocaleString('en-GB')} ${card.people === 1 ? 'person' : 'people'} told us`;
}

/** The title of a card in a feed or a list: what people said, shortened. */
export function cardTitle(card: Card): string {
	const said = card.you_said.replace(/\s+/g, ' ').trim();
	return said.length > 90 ? `${said.slice(0, 89)}…` : said;
}

/** The columns of the CSV download, in order. */
export const CSV_COLUMNS = [
	'id',
	'priority_code',
	'priority',
	'you_said',
	'people',
	'people_symbol',
	'quotes',
	'we_did',
	'status',
	'not_possible_reason',
	'decided_by',
	'decided_on',
	'participation',
	'published_at',
	'updated_at'
] as const;

/**
 * A spreadsheet would run a cell that starts with =, +, - or @ (or a tab or carriage return) as a
 * formula: such a cell is written with an apostrophe in front, as OWASP advises, so that it is text.
 */
export function safeCell(value: string | number | null | undefined): string {
	if (value === null || value === undefined) return '';
	const s = String(value);
	return typeof value === 'string' && /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

/** The rows of the CSV download (the header first), every cell safe for a spreadsheet. */
export function csvRows(groups: PublishedGroup[]): string[][] {
	return [
		[...CSV_COLUMNS],
		...groups.flatMap((g) =>
			g.cards.map((c) =>
				[
					c.id,
					g.code,
					g.title,
					c.you_said,
					c.people,
					c.people_symbol,
					// one quote a line
					c.quotes.join('\n'),
					c.we_did,
					labelOf(DECISION_STATUSES, c.status),
					c.not_possible_reason,
					c.decided_by,
					c.decided_on,
					c.participation ? labelOf(PARTICIPATION_LEVELS, c.participation) : null,
					c.published_at,
					c.updated_at
				].map(safeCell)
			)
		)
	];
}

/** Text made safe to put in HTML: & < > " and ' escaped. */
export function escapeHtml(s: string): string {
	return s
		.replaceAll('&', '&amp;')
		.replaceAll('<', '&lt;')
		.replaceAll('>', '&gt;')
		.replaceAll('"', '&quot;')
		.replaceAll("'", '&#39;');
}
