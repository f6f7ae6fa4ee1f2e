import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS } from '$lib/audit/labels';

const MIGRATIONS = new URL('../../supabase/migrations/', import.meta.url);

describe('the audit log in words', () => {
	it('has words for every action a migration writes to the audit log', () => {
		const written = new Set<string>();
		for (const file of readdirSync(MIGRATIONS).filter((f) => f.endsWith('.sql'))) {
			const sql = readFileSync(new URL(file, MIGRATIONS), 'utf8');
			for (const [, action] of sql.matchAll(
				/'((?:activity|decision|feedback|indicator|population|priority|safeguarding|wave)\.[a-z_]+)'/g
			))
				written.add(action!);
		}
		expect(written.size).toBeGreaterThan(20);
		expect([...written].filter((a) => !(a in AUDIT_ACTIONS)).sort()).toEqual([]);
	});
});
