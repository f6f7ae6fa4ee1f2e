/**
 * The published "you said, we did" downloads: filtering, the CSV (quoted as RFC 4180 says, safe to
 * open in a spreadsheet) and the Atom feed (every text escaped, one entry a card, updated when the card
 * changed). Words that break naive templates are tried: quotes, commas, line breaks, markup,
 * ampersands, and cells a spreadsheet would run as formulas.
 */
import { parse } from 'csv-parse/sync';
import { DOMParser, parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { csvRows, CSV_COLUMNS, filterCards, filterOf, peopleText, safeCell } from '$lib/decisions/published';
import type { Card, YouSaidWeDid } from '$lib/decisions/types';
import { atomFeed, toCsv } from '$lib/server/decisions/downloads';

const RULE = {
	id: 'r1',
	kind: 'under_10' as const,
	threshold: 10,
	rounding_base: 1,
	label: 'Under 10 hidden',
	chosen_at: '2026-01-01T00:00:00Z'
};

function card(over: Partial<Card>): Card {
	return {
		id: '00000000-0000-4000-8000-000000000001',
		priority_id: 'p1',
		you_said: 'Buses are late',
		we_did: 'New timetable',
		status: 'done',
		not_possible_reason: null,
		decided_by: 'SEND Improvement Board',
		decided_on: '2026-10-01',
		participation: 'co_design',
		test_answers: [],
		published_at: '2026-10-02T09:00:00Z',
		updated_at: '2026-10-02T09:00:00Z',
		people: 24,
		people_symbol: null,
		indicators: [],
		activities: [],
		quotes: [],
		...over
	};
}

const TRICKY = 'He said "it\'s <b>awful</b> & late" ]]> <script>x()</script>,\nthen left';
const published: YouSaidWeDid = {
	organisation: { name: 'Smith & Jones <Area>', slug: 'sj' },
	rule: RULE,
	test_questions: [],
	priorities: [
		{
			id: 'p1',
			code: 'P1',
			title: 'Getting to school',
			cards: [
				card({
					you_said: TRICKY,
					we_did: '=HYPERLINK("http://evil.example")',
					quotes: ['The bus was late, "again"', '-[name] said it was fine']
				}),
				card({
					id: '00000000-0000-4000-8000-000000000002',
					status: 'in_progress',
					people: null,
					people_symbol: '[c]',
					updated_at: '2026-11-20T10:00:00Z'
				})
			]
		},
		{
			id: null,
			code: null,
			title: 'Other decisions',
			cards: [card({ id: '00000000-0000-4000-8000-000000000003' })]
		}
	]
};

describe('filters', () => {
	it('keeps the cards of a priority and a status, and ignores values it does not know', () => {
		const f = filterOf(new URL('https://x.test/?priority=p1&status=in_progress'), published);
		expect(filterCards(published, f).flatMap((g) => g.cards.map((c) => c.id))).toEqual([
			'00000000-0000-4000-8000-000000000002'
		]);
		expect(filterOf(new URL('https://x.test/?priority=nope&status=maybe'), published)).toEqual({
			priority: undefined,
			status: undefined
		});
		const none = filterOf(new URL('https://x.test/?priority=none'), published);
		expect(filterCards(published, none).map((g) => g.title)).toEqual(['Other decisions']);
	});

	it('says "[c]" where the count is hidden, never a number', () => {
		expect(peopleText({ people: null, people_symbol: '[c]' })).toMatch(/\[c\]/);
		expect(peopleText({ people: 1, people_symbol: null })).toBe('1 person told us');
		expect(peopleText({ people: 1200, people_symbol: null })).toBe('1,200 people told us');
	});
});

describe('CSV', () => {
	it('makes cells a spreadsheet would run as formulas into text', () => {
		expect(safeCell('=1+1')).toBe("'=1+1");
		expect(safeCell('+44 1234')).toBe("'+44 1234");
		expect(safeCell('-2')).toBe("'-2");
		expect(safeCell('@SUM(A1)')).toBe("'@SUM(A1)");
		expect(safeCell('\tx')).toBe("'\tx");
		expect(safeCell(-2)).toBe('-2');
		expect(safeCell(null)).toBe('');
		expect(safeCell('Fine')).toBe('Fine');
	});

	it('reads back exactly, quotes, commas and line breaks included, with the hidden count as [c]', () => {
		const text = toCsv(csvRows(filterCards(published, {})));
		expect(text.startsWith('\uFEFF')).toBe(true);
		expect(text).toContain('\r\n');
		const rows = parse(text, { bom: true, columns: true }) as Record<string, string>[];
		expect(Object.keys(rows[0]!)).toEqual([...CSV_COLUMNS]);
		expect(rows).toHaveLength(3);
		expect(rows[0]).toMatchObject({
			priority_code: 'P1',
			you_said: TRICKY,
			we_did: '\'=HYPERLINK("http://evil.example")',
			people: '24',
			quotes: 'The bus was late, "again"\n-[name] said it was fine',
			status: 'Done',
			participation: 'Co-design'
		});
		expect(rows[1]).toMatchObject({ people: '', people_symbol: '[c]', status: 'In progress' });
		expect(rows[2]).toMatchObject({ priority: 'Other decisions', priority_code: '' });
	});
});

describe('Atom feed', () => {
	const xml = atomFeed(published, filterCards(published, {}), 'https://x.test/o/sj/you-said-we-did');
	const doc = new DOMParser().parseFromString(xml, 'text/xml');

	/** What a feed reader shows of an entry's html title or summary: its text. */
	const shown = (html: string | null | undefined) =>
		parseHTML(`<!doctype html><html><body>${html ?? ''}</body></html>`).document.body.textContent;

	it('is well-formed XML with every text escaped, read back by a reader as written, markup and all', () => {
		expect(xml).not.toContain('<b>awful</b>');
		expect(xml).not.toContain('<script>');
		expect(xml.match(/\]\]>/g)).toHaveLength(xml.match(/<!\[CDATA\[/g)?.length ?? 0);
		expect(doc.querySelector('feed > title')?.textContent).toBe('You said, we did: Smith & Jones <Area>');
		const entries = [...doc.querySelectorAll('entry')];
		expect(entries).toHaveLength(3);
		const first = entries[0]!;
		expect(first.querySelector('id')?.textContent).toBe('urn:uuid:00000000-0000-4000-8000-000000000001');
		expect(shown(first.querySelector('title')?.textContent)).toBe(TRICKY.replace(/\s+/g, ' '));
		const summary = shown(first.querySelector('summary')?.textContent);
		expect(summary).toContain(`You said: ${TRICKY}`);
		expect(summary).toContain('24 people told us');
		expect(summary).toContain('We did: =HYPERLINK("http://evil.example")');
	});

	it("carries the card's published quotes, as the public page shows them, and none where it has none", () => {
		const entries = [...doc.querySelectorAll('entry')];
		const summary = shown(entries[0]!.querySelector('summary')?.textContent);
		expect(summary).toContain('In their words:');
		expect(summary).toContain('“The bus was late, "again"”');
		expect(summary).toContain('“-[name] said it was fine”');
		expect(summary.indexOf('In their words:')).toBeLessThan(summary.indexOf('We did:'));
		expect(shown(entries[1]!.querySelector('summary')?.textContent)).not.toContain('In their words');
	});

	it('dates each entry by its last change, and the feed by the newest', () => {
		const entries = [...doc.querySelectorAll('entry')];
		expect(entries[1]!.querySelector('updated')?.textContent).toBe('2026-11-20T10:00:00.000Z');
		expect(shown(entries[1]!.querySelector('summary')?.textContent)).toMatch(/\[c\]/);
		expect(shown(entries[1]!.querySelector('summary')?.textContent)).not.toMatch(/\d+ people/);
		expect(doc.querySelector('feed > updated')?.textContent).toBe('2026-11-20T10:00:00.000Z');
	});
});
