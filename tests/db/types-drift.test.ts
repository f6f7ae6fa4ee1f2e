import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../src/lib/server/platform/db/migrate';
import { openPglite } from '../../src/lib/server/platform/db/pglite';
import { formatTypes, generateApiTypes } from '../../src/lib/server/platform/db/typegen';

describe('src/lib/database.types.ts', () => {
	it('matches the API the migrations create (run `npm run gen:types` after changing them)', async () => {
		const db = await openPglite();
		try {
			await migrate(db);
			const fresh = await formatTypes(await generateApiTypes(db), 'src/lib/database.types.ts');
			const committed = await readFile('src/lib/database.types.ts', 'utf8');
			expect(committed).toBe(fresh);
		} finally {
			await db.close();
		}
	});
});
