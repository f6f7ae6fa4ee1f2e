import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { STRATEGY_TEMPLATES } from '$lib/feedback/templates';

/** The strategies' texts, where this checkout sits beside the shared domain folder. */
const FOLDER = new URL('../../../../shared/domain/strategies/', import.meta.url);

describe('strategy templates', () => {
	it('each has distinct codes and titles', () => {
		for (const t of STRATEGY_TEMPLATES) {
			expect(new Set(t.priorities.map((p) => p.code)).size, t.id).toBe(t.priorities.length);
			expect(t.priorities.every((p) => p.title.trim().length > 0)).toBe(true);
		}
	});

	it.skipIf(!existsSync(FOLDER))('gives each priority word for word as its strategy does', () => {
		for (const t of STRATEGY_TEMPLATES) {
			const text = readFileSync(new URL(t.source, FOLDER), 'utf8');
			for (const p of t.priorities) expect(text, `${t.id}: ${p.title}`).toContain(p.title);
		}
	});
});
