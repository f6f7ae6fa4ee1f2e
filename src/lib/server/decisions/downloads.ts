import { stringify } from 'csv-stringify/sync';
import { Feed } from 'feed';
import { DECISION_STATUSES, labelOf } from '$lib/domain';
import { cardTitle, escapeHtml, peopleText, type PublishedGroup } from '$lib/decisions/published';
import type { YouSaidWeDid } from '$lib/decisions/types';

/**
 * The CSV download: RFC 4180 quoting by csv-stringify, CRLF line ends, and a byte-order mark so that
 * Excel reads the accents. The rows come from csvRows, every cell already safe for a spreadsheet.
 */
export function toCsv(rows: string[][]): string {
	return stringify(rows, { bom: true, record_delimiter: 'windows' });
}

/**
 * The Atom feed of the published cards: one entry a card, updated when the card changes, so that a
 * feed reader shows new and changed decisions. The `feed` library writes the XML; it puts an entry's
 * title and summary in CDATA as HTML (type="html"), so every text of ours is HTML-escaped first: a
 * reader then shows "<b>" as written, and "]]>" cannot end the CDATA early
 * (tests/unit/decisions-published.test.ts tries both). The card's published quotes come as the public
 * page shows them: app.decision_quotes has already kept only reviewed, redacted, quotable items not
 * held by the safeguarding lead.
 */
export function atomFeed(published: YouSaidWeDid, groups: PublishedGroup[], pageUrl: string): string {
	const cards = groups.flatMap((g) => g.cards.map((c) => ({ g, c })));
	const updated = cards.reduce(
		(latest, { c }) => (new Date(c.updated_at) > latest ? new Date(c.updated_at) : latest),
		new Date(0)
	);
	const feed = new Feed({
		id: pageUrl,
		title: `You said, we did: ${published.organisation.name}`,
		description: `What ${published.organisation.name} did about what people told it.`,
		link: pageUrl,
		language: 'en-GB',
		updated: cards.length > 0 ? updated : new Date(0),
		feedLinks: { atom: `${pageUrl}.atom` },
		generator: false,
		copyright: published.organisation.name,
		author: { name: published.organisation.name }
	});
	for (const { g, c } of cards) {
		const lines: string[] = [
			`You said: ${c.you_said}`,
			peopleText(c),
			...(c.quotes.length > 0 ? ['In their words:', ...c.quotes.map((q) => `“${q}”`)] : []),
			`We did: ${c.we_did ?? ''}`,
			`Status: ${labelOf(DECISION_STATUSES, c.status)}${c.not_possible_reason ? ` (${c.not_possible_reason})` : ''}`,
			...(c.decided_by || c.decided_on
				? [`Decided: ${[c.decided_by, c.decided_on].filter(Boolean).join(', ')}`]
				: []),
			`Priority: ${[g.code, g.title].filter(Boolean).join(' ')}`
		];
		feed.addItem({
			id: `urn:uuid:${c.id}`,
			title: escapeHtml(cardTitle(c)),
			link: `${pageUrl}#decision-${c.id}`,
			date: new Date(c.updated_at),
			published: c.published_at ? new Date(c.published_at) : undefined,
			description: lines.map((l) => `<p>${escapeHtml(l)}</p>`).join(''),
			category: [{ name: g.title }]
		});
	}
	return feed.atom1();
}
