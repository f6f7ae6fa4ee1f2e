/**
 * Every foreign key has an index whose leading columns are the key's columns, so that deleting or
 * changing a referenced row, and the joins the read models make along the key (answers by option,
 * refresh tokens by session), never scan the whole referencing table. Supabase's security and
 * performance advisor reports the same class ("unindexed foreign keys").
 */
import { expect, it } from 'vitest';
import { forEachEngine } from './engines';

forEachEngine('indexes', (engine) => {
	it('every foreign key in app and auth has an index that starts with its columns', async () => {
		const unindexed = await engine.db.query<{ key: string }>(
			`select c.conrelid::regclass::text || ' (' ||
			        (select string_agg(a.attname, ', ' order by k.n)
			           from unnest(c.conkey) with ordinality as k(attnum, n)
			           join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.attnum) ||
			        ') ' || c.conname as key
			   from pg_constraint c
			  where c.contype = 'f'
			    and c.connamespace in ('app'::regnamespace, 'auth'::regnamespace)
			    and not exists (
			      select 1 from pg_index i
			       where i.indrelid = c.conrelid
			         and (select array_agg(x order by x)
			                from unnest((string_to_array(i.indkey::text, ' ')::int2[])[1:cardinality(c.conkey)]) as x)
			           = (select array_agg(x order by x) from unnest(c.conkey) as x))
			  order by 1`
		);
		expect(unindexed.map((r) => r.key)).toEqual([]);
	});
});
