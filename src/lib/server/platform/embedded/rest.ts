import type { Database } from '../db/types';
import { asDatabaseError } from '../db/types';
import { json, readJson } from './http';
import { bearer, type Claims, type JwtKeys } from './jwt';

/**
 * The part of PostgREST the app uses: `POST|GET /rest/v1/rpc/<fn>` on the one exposed schema.
 * Each call runs as PostgREST runs it: one transaction, `set local role` to the role in the
 * caller's JWT, the JWT's claims in `request.jwt.claims` for auth.uid() and auth.jwt(), and the
 * request's headers in `request.headers` (the limits on respondents read the client's address there).
 */

interface FunctionArg {
	name: string;
	type: string;
	hasDefault: boolean;
}

interface FunctionInfo {
	name: string;
	args: FunctionArg[];
	returnsSet: boolean;
	returnsVoid: boolean;
}

const IDENT = /^[a-z_][a-z0-9_]*$/;

/** PostgREST's mapping of SQLSTATE to HTTP status, for the codes our functions can raise. */
export function statusForSqlState(code: string | undefined, role: string): number {
	if (!code) return 500;
	if (code === '42501') return role === 'anon' ? 401 : 403;
	if (code === 'P0001') return 400;
	if (code === 'P0002') return 404;
	if (code === '23505' || code === '23503') return 409;
	if (code === '25006') return 405;
	if (code.startsWith('22') || code.startsWith('23')) return 400;
	if (code === '42883' || code === '42P01') return 404;
	if (code.startsWith('PT') && /^PT\d{3}$/.test(code)) return Number(code.slice(2));
	return 500;
}

/** The request's headers as PostgREST gives them to SQL: names in lower case, credentials left out. */
export function headersOf(request: Request): Record<string, string> {
	const headers: Record<string, string> = {};
	request.headers.forEach((value, name) => {
		if (name !== 'authorization' && name !== 'apikey' && name !== 'cookie') headers[name] = value;
	});
	return headers;
}

function pgrstError(
	status: number,
	code: string,
	message: string,
	details: string | null = null,
	hint: string | null = null
) {
	return json({ code, message, details, hint }, status);
}

export class RestHandler {
	readonly #db: Database;
	readonly #keys: JwtKeys;
	readonly #schema: string;
	readonly #functions = new Map<string, Promise<FunctionInfo[]>>();

	constructor(db: Database, keys: JwtKeys, schema = 'api') {
		this.#db = db;
		this.#keys = keys;
		this.#schema = schema;
	}

	/** Forget cached function signatures (after a migration). */
	reset() {
		this.#functions.clear();
	}

	async handle(request: Request, fnName: string): Promise<Response> {
		const token = bearer(request.headers.get('authorization')) ?? request.headers.get('apikey');
		const claims = await this.#keys.verify(token);
		if (!claims) {
			return pgrstError(401, 'PGRST301', 'JWT is missing, invalid or expired.');
		}
		const profile = request.headers.get('content-profile') ?? request.headers.get('accept-profile');
		if (profile && profile !== this.#schema) {
			return pgrstError(406, 'PGRST106', `The schema must be ${this.#schema}.`);
		}
		if (!IDENT.test(fnName)) {
			return pgrstError(404, 'PGRST202', `Could not find the function ${this.#schema}.${fnName}.`);
		}

		let args: Record<string, unknown>;
		if (request.method === 'GET' || request.method === 'HEAD') {
			args = Object.fromEntries(new URL(request.url).searchParams);
		} else if (request.method === 'POST') {
			const body = await readJson(request);
			if (body === null) return pgrstError(400, 'PGRST102', 'The request body is not a JSON object.');
			args = body;
		} else {
			return pgrstError(405, 'PGRST117', `${request.method} is not allowed here.`);
		}

		const fn = await this.#resolve(fnName, Object.keys(args));
		if (!fn) {
			return pgrstError(
				404,
				'PGRST202',
				`Could not find the function ${this.#schema}.${fnName}(${Object.keys(args).sort().join(', ')}) in the schema cache`
			);
		}

		const { text, params } = buildCall(this.#schema, fn, args, request.method === 'GET');
		try {
			// as PostgREST does it: the role, the claims and the request's headers (names in lower case)
			// for this transaction only, in one statement, then the call; sent together (one message to
			// the database thread, one round trip to PostgreSQL), run in order in one transaction
			const results = await this.#db.batch([
				...(request.method === 'GET' ? [{ sql: 'set transaction read only' }] : []),
				{
					sql: `select set_config('role', $1, true), set_config('request.jwt.claims', $2, true), set_config('request.headers', $3, true)`,
					params: [claims.role, JSON.stringify(claims), JSON.stringify(headersOf(request))]
				},
				{ sql: text, params }
			]);
			const rows = results.at(-1) as { body: string | null }[];
			if (fn.returnsVoid) return new Response(null, { status: 204 });
			const body = rows[0]?.body ?? 'null';
			const wantsObject = (request.headers.get('accept') ?? '').includes('application/vnd.pgrst.object+json');
			if (wantsObject && fn.returnsSet) {
				const list = JSON.parse(body) as unknown[];
				if (list.length !== 1) {
					return pgrstError(
						406,
						'PGRST116',
						'JSON object requested, multiple (or no) rows returned',
						`The result contains ${list.length} rows`
					);
				}
				return json(list[0]);
			}
			const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
			if (fn.returnsSet && (request.headers.get('prefer') ?? '').includes('count=exact')) {
				const n = (JSON.parse(body) as unknown[]).length;
				headers['content-range'] = n === 0 ? '*/0' : `0-${n - 1}/${n}`;
			}
			return new Response(body, { status: 200, headers });
		} catch (error) {
			const e = asDatabaseError(error);
			const status = statusForSqlState(e.code, claims.role);
			if (status === 500) console.error(`rpc ${fnName} failed:`, e.code, e.message);
			return pgrstError(status, e.code ?? 'XX000', e.message, e.detail ?? null, e.hint ?? null);
		}
	}

	#resolve(name: string, given: string[]): Promise<FunctionInfo | undefined> {
		let overloads = this.#functions.get(name);
		if (!overloads) {
			overloads = this.#load(name);
			this.#functions.set(name, overloads);
			overloads.catch(() => this.#functions.delete(name));
		}
		return overloads.then((list) =>
			list.find((fn) => {
				const names = new Set(fn.args.map((a) => a.name));
				return (
					given.every((g) => names.has(g)) && fn.args.every((a) => a.hasDefault || given.includes(a.name))
				);
			})
		);
	}

	async #load(name: string): Promise<FunctionInfo[]> {
		const rows = await this.#db.query<{
			argnames: string[] | null;
			argmodes: string[] | null;
			argtypes: string[];
			nargs: number;
			ndefaults: number;
			retset: boolean;
			rettype: string;
		}>(
			`select p.proargnames as argnames, p.proargmodes::text[] as argmodes,
			        array(select format_type(t, null) from unnest(p.proargtypes) t) as argtypes,
			        p.pronargs as nargs, p.pronargdefaults as ndefaults,
			        p.proretset as retset, format_type(p.prorettype, null) as rettype
			   from pg_proc p join pg_namespace n on n.oid = p.pronamespace
			  where n.nspname = $1 and p.proname = $2`,
			[this.#schema, name]
		);
		return rows.map((r) => {
			// proargnames also names OUT/TABLE columns; the input arguments come first, in order
			const inputNames = (r.argnames ?? []).filter((_, i) => {
				const mode = r.argmodes?.[i] ?? 'i';
				return mode === 'i' || mode === 'b' || mode === 'v';
			});
			const firstDefault = r.nargs - r.ndefaults;
			return {
				name,
				args: r.argtypes.map((type, i) => ({
					name: inputNames[i] ?? `$${i + 1}`,
					type,
					hasDefault: i >= firstDefault
				})),
				returnsSet: r.retset,
				returnsVoid: r.rettype === 'void'
			};
		});
	}
}

/** The SQL that calls fn with named arguments, its result as one JSON text value. */
export function buildCall(
	schema: string,
	fn: FunctionInfo,
	args: Record<string, unknown>,
	fromQuery = false
) {
	const params: unknown[] = [];
	const parts: string[] = [];
	for (const arg of fn.args) {
		if (!(arg.name in args)) continue;
		const value = args[arg.name];
		params.push(fromQuery && value !== null ? String(value) : toParam(value, arg.type));
		const p = `$${params.length}`;
		const cast = arg.type.endsWith('[]')
			? // [] is an empty array, as PostgREST passes it (array_agg of no rows would be null)
				`(case when ${p}::text is null then null else coalesce((select array_agg(e) from json_array_elements_text(${p}::text::json) e), '{}') end)::${arg.type}`
			: `${p}::text::${arg.type}`;
		parts.push(`"${arg.name}" => ${cast}`);
	}
	const call = `"${schema}"."${fn.name}"(${parts.join(', ')})`;
	const text = fn.returnsSet
		? `select coalesce(json_agg(_r), '[]'::json)::text as body from ${call} _r`
		: fn.returnsVoid
			? `select ${call}, null::text as body`
			: `select to_json(${call})::text as body`;
	return { text, params };
}

function toParam(value: unknown, type: string): string | null {
	if (value === null || value === undefined) return null;
	if (type === 'json' || type === 'jsonb' || type.endsWith('[]')) {
		return JSON.stringify(value);
	}
	if (typeof value === 'object') return JSON.stringify(value);
	return String(value);
}

export type { Claims };
