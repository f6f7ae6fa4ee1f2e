import { describe, expect, it } from 'vitest';
import { askedDefinition, shownDefinition } from '$lib/indicators/definition-versions';

const url = (q: string) => new URL(`http://x/dashboard?${q}`);
const change = (version: number | null, kind: 'wording' | 'positive answers' = 'positive answers') => ({
	kind,
	at: '2026-02-01T10:00:00Z',
	version,
	before: ['Agree'],
	after: ['Agree', 'Strongly agree'],
	words: 'changed'
});

describe('?definition= on the trend and its downloads', () => {
	it('reads a small whole number from 1, and tells an impossible one from none', () => {
		expect(askedDefinition(url('definition=2'))).toEqual({ asked: '2', definition: 2 });
		expect(askedDefinition(url(''))).toEqual({ asked: null, definition: undefined });
		expect(askedDefinition(url('definition='))).toEqual({ asked: null, definition: undefined });
		for (const bad of ['0', '-1', '1.5', 'x', '99999'])
			expect(askedDefinition(url(`definition=${bad}`))).toEqual({ asked: bad, definition: undefined });
	});

	it('names the change that ended an earlier definition, and none for the one in force', () => {
		const changes = [change(null, 'wording'), change(2), change(3)];
		const rows = (shown: number) => [
			{ definition: shown, latest_definition: 3, definition_changes: changes }
		];
		expect(shownDefinition(rows(1)).earlier?.version).toBe(2);
		expect(shownDefinition(rows(2)).earlier?.version).toBe(3);
		expect(shownDefinition(rows(3))).toMatchObject({
			definition: { shown: 3, latest: 3 },
			earlier: undefined
		});
		expect(shownDefinition([])).toEqual({ definition: undefined, changes: [], earlier: undefined });
	});
});
