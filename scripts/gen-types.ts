// Writes src/lib/database.types.ts from a freshly migrated in-memory database.
import { writeFile } from 'node:fs/promises';
import { migrate } from '../src/lib/server/platform/db/migrate';
import { openPglite } from '../src/lib/server/platform/db/pglite';
import { formatTypes, generateApiTypes } from '../src/lib/server/platform/db/typegen';

const db = await openPglite();
await migrate(db);
await writeFile(
	'src/lib/database.types.ts',
	await formatTypes(await generateApiTypes(db), 'src/lib/database.types.ts')
);
await db.close();
console.log('wrote src/lib/database.types.ts');
