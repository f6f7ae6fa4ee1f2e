import { format, resolveConfig } from 'prettier';
import type { Queryable } from './types';

/**
 * Writes the TypeScript types of the API schema (its functions, and the enums they use) in the
 * shape supabase-js expects, from the database itself: `npm run gen:types` writes them to
 * src/lib/database.types.ts, and a test fails when the committed file has drifted.
 */

interface FnRow {
	name: string;
	argnames: string[] | null;
	argmodes: string[] | null;
	argtypes: string[];
	alltypes: string[] | null;
	ndefaults: number;
	retset: boolean;
	rettype: string;
	comment: string | null;
}

const SCALARS: Record<string, string> = {
	boolean: 'boolean',
	integer: 'number',
	smallint: 'number',
	bigint: 'number',
	numeric: 'number',
	real: 'number',
	'double precision': 'number',
	text: 'string',
	'character varying': 'string',
	uuid: 'string',
	date: 'string',
	'timestamp with time zone': 'string',
	'timestamp without time zone': 'string',
	json: 'Json',
	jsonb: 'Json',
	void: 'undefined'
};

export async function generateApiTypes(db: Queryable, schema = 'api'): Promise<string> {
	const enums = await db.query<{ name: string; labels: string[] }>(
		`select format_type(t.oid, null) as name, array_agg(e.enumlabel order by e.enumsortorder) as labels
		   from pg_type t join pg_enum e on e.enumtypid = t.oid
		  group by t.oid order by 1`
	);
	const enumTypes = new Map(enums.map((e) => [e.name, e.labels.map((l) => JSON.stringify(l)).join(' | ')]));
	const ts = (type: string): string => {
		if (type.endsWith('[]')) return `${ts(type.slice(0, -2))}[]`;
		return SCALARS[type] ?? enumTypes.get(type) ?? 'unknown';
	};

	const fns = await db.query<FnRow>(
		`select p.proname as name, p.proargnames as argnames, p.proargmodes::text[] as argmodes,
		        array(select format_type(t, null) from unnest(p.proargtypes) t) as argtypes,
		        array(select format_type(t, null) from unnest(p.proallargtypes) t) as alltypes,
		        p.pronargdefaults as ndefaults, p.proretset as retset,
		        format_type(p.prorettype, null) as rettype, obj_description(p.oid, 'pg_proc') as comment
		   from pg_proc p join pg_namespace n on n.oid = p.pronamespace
		  where n.nspname = $1
		  order by p.proname`,
		[schema]
	);

	const lines: string[] = [];
	for (const f of fns) {
		const names = f.argnames ?? [];
		const modes = f.argmodes ?? names.map(() => 'i');
		const all = f.alltypes && f.alltypes.length ? f.alltypes : f.argtypes;
		const inputs = names
			.map((name, i) => ({ name, mode: modes[i] ?? 'i', type: all[i] ?? 'unknown' }))
			.filter((a) => a.mode === 'i' || a.mode === 'b');
		const columns = names
			.map((name, i) => ({ name, mode: modes[i] ?? 'i', type: all[i] ?? 'unknown' }))
			.filter((a) => a.mode === 't' || a.mode === 'o' || a.mode === 'b');
		const firstDefault = inputs.length - f.ndefaults;
		const args = inputs.length
			? `{ ${inputs.map((a, i) => (i >= firstDefault ? `${a.name}?: ${ts(a.type)} | null` : `${a.name}: ${ts(a.type)}`)).join('; ')} }`
			: 'Record<PropertyKey, never>';
		let returns: string;
		if (columns.length) {
			const row = `{ ${columns.map((c) => `${c.name}: ${ts(c.type)} | null`).join('; ')} }`;
			returns = f.retset ? `${row}[]` : row;
		} else {
			returns = f.retset ? `${ts(f.rettype)}[]` : ts(f.rettype);
		}
		const doc = f.comment
			? `\t\t\t\t/** ${f.comment.replace(/\*\//g, '*\\/').replace(/\s+/g, ' ')} */\n`
			: '';
		lines.push(
			`${doc}\t\t\t\t${f.name}: {\n\t\t\t\t\tArgs: ${args};\n\t\t\t\t\tReturns: ${returns};\n\t\t\t\t};`
		);
	}

	return `// Generated from the database by \`npm run gen:types\`. Do not edit by hand.

export type Json = string | number | boolean | null | { [key: string]: Json | undefined } | Json[];

export type Database = {
	${schema}: {
		Tables: { [_ in never]: never };
		Views: { [_ in never]: never };
		Functions: {
${lines.join('\n')}
		};
		Enums: { [_ in never]: never };
		CompositeTypes: { [_ in never]: never };
	};
};
`;
}

/** The generated text as the project's Prettier settings lay it out (what is committed). */
export async function formatTypes(text: string, filepath: string): Promise<string> {
	const options = (await resolveConfig(filepath)) ?? {};
	return format(text, { ...options, filepath });
}
