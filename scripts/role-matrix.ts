// Prints the README's table "Who may do what" (tests/db/role-matrix.ts), worked out on a freshly
// migrated in-memory database; with --write, puts it in README.md between its markers.
// tests/db/role-matrix.test.ts fails when the README's table is not what the database gives now.
import { readFile, writeFile } from 'node:fs/promises';
import * as prettier from 'prettier';
import { migrate } from '../src/lib/server/platform/db/migrate';
import { openPglite } from '../src/lib/server/platform/db/pglite';
import { functionCallers, markdown, section, tableMatrix } from '../tests/db/role-matrix';

const db = await openPglite();
try {
	await migrate(db);
	const table = markdown(await tableMatrix(db), await functionCallers(db));
	if (process.argv.includes('--write')) {
		const readme = await readFile('README.md', 'utf8');
		const old = section(readme);
		if (!old) throw new Error('README.md has no role-matrix markers.');
		// as prettier lays it out, so that `npm run lint` passes; the test compares cells, not spaces
		const options = (await prettier.resolveConfig('README.md')) ?? {};
		const text = await prettier.format(readme.replace(old, table), { ...options, filepath: 'README.md' });
		await writeFile('README.md', text);
		console.log('wrote the role matrix into README.md');
	} else {
		console.log(table);
	}
} finally {
	await db.close();
}
