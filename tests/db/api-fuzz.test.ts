/**
 * Hostile input to every API function (issue 12, "property-based tests throw random and hostile
 * input at every API function"): for each function of schema `api`, fast-check makes arguments of
 * the right names but of any value (ids of real rows and of none, text that is not an id, SQL, very
 * long and odd text, numbers out of range, any JSON, nulls, missing arguments), and callers of every
 * kind ask with them: anon, a signed-in account of no organisation, a forum member and a lead of
 * another organisation. Whatever comes, the answer is never a server error (5xx) and every refusal
 * says what was wrong; and after everything anon and the stranger asked, nothing in the database has
 * changed (their limits' counts aside). About 2,800 calls on each engine.
 */
import fc from 'fast-check';
import { beforeAll, expect, it } from 'vitest';
import { forEachEngine, type Client, type Organisation, type Survey } from './engines';

interface Fn {
	name: string;
	args: { name: string; type: string }[];
}

/** Texts a hostile caller tries. */
const HOSTILE = [
	"'; drop table app.responses; --",
	'" or 1=1 --',
	'00000000-0000-0000-0000-000000000000',
	'not-a-uuid',
	'',
	' ',
	'\u0000',
	'NaN',
	'Infinity',
	'-1',
	'99999999999999999999',
	'2026-13-45',
	'{"a":1}',
	'<script>alert(1)</script>',
	'zaangażowany/zaangażowana',
	'دراسة',
	'x'.repeat(20_000)
];

forEachEngine('hostile input to every API function', (engine) => {
	let fns: Fn[] = [];
	let org: Organisation;
	let survey: Survey;
	const callers: Record<string, Client> = {};
	let ids: string[] = [];
	let slugs: string[] = [];

	beforeAll(async () => {
		fns = (
			await engine.db.query<{
				name: string;
				names: string[] | null;
				types: string[];
				modes: string[] | null;
			}>(
				`select p.proname as name, p.proargnames as names, p.proargmodes::text[] as modes,
				        array(select format_type(t, null) from unnest(p.proargtypes) t) as types
				   from pg_proc p join pg_namespace n on n.oid = p.pronamespace
				  where n.nspname = 'api' order by p.proname`
			)
		).map((r) => {
			const inputs = (r.names ?? []).filter((_, i) => ['i', 'b', 'v'].includes(r.modes?.[i] ?? 'i'));
			return { name: r.name, args: r.types.map((type, i) => ({ name: inputs[i] ?? `$${i + 1}`, type })) };
		});
		org = await engine.createOrganisation();
		survey = await engine.createSurvey(org);
		ids = [
			org.id,
			survey.id,
			...Object.values(survey.waves).map((w) => w.id),
			...Object.values(survey.questions).map((q) => q.id)
		];
		slugs = [org.slug, survey.slug, ...Object.values(survey.waves).map((w) => w.slug)];
		callers.anon = engine.anon();
		callers.stranger = await engine.signInAs(await engine.createUser());
		callers.forum = await engine.signInAs(await engine.createMember(org, 'forum'));
		callers['lead elsewhere'] = await engine.signInAs(
			await engine.createMember(await engine.createOrganisation(), 'lead')
		);
	});

	/** Any value a caller could send for an argument of this type. */
	function valueFor(type: string): fc.Arbitrary<unknown> {
		const text = fc.oneof(fc.constantFrom(...HOSTILE, ...slugs), fc.string({ maxLength: 40 }));
		const any = fc.oneof(text, fc.integer(), fc.boolean(), fc.constant(null));
		const base = type.replace(/\[\]$/, '');
		const one: fc.Arbitrary<unknown> =
			base === 'uuid'
				? fc.oneof(fc.constantFrom(...ids), fc.uuid(), text)
				: base === 'integer' || base === 'bigint' || base === 'smallint' || base === 'numeric'
					? fc.oneof(fc.integer(), fc.constantFrom(0, -1, 2 ** 31, -(2 ** 31) - 1, 1e300, 0.5), text)
					: base === 'boolean'
						? fc.oneof(fc.boolean(), text)
						: base === 'jsonb' || base === 'json'
							? fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.dictionary(text, text))
							: base.startsWith('timestamp') || base === 'date'
								? fc.oneof(
										fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
										text
									)
								: any;
		return fc.oneof(
			{ weight: 8, arbitrary: type.endsWith('[]') ? fc.array(one, { maxLength: 4 }) : one },
			{
				weight: 1,
				arbitrary: fc.constant(null)
			}
		);
	}

	/** The arguments of a call: every argument, with any value, and now and then one left out. */
	function argsFor(fn: Fn): fc.Arbitrary<Record<string, unknown>> {
		const all = fc.record(Object.fromEntries(fn.args.map((a) => [a.name, valueFor(a.type)])));
		return fc.oneof(
			{ weight: 9, arbitrary: all },
			{
				weight: 1,
				arbitrary: fc.record(Object.fromEntries(fn.args.map((a) => [a.name, valueFor(a.type)])), {
					requiredKeys: []
				})
			}
		);
	}

	/** Every table of the app and of auth, as a text that changes when any row does. */
	async function snapshot(): Promise<Record<string, string>> {
		const tables = await engine.db.query<{ name: string }>(
			`select format('%I.%I', n.nspname, c.relname) as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
			  where c.relkind = 'r' and n.nspname in ('app', 'auth') and c.relname not in ('client_limits') order by 1`
		);
		const out: Record<string, string> = {};
		for (const { name } of tables) {
			const [row] = await engine.db.query<{ h: string }>(
				`select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as h from ${name} t`
			);
			out[name] = row!.h;
		}
		return out;
	}

	it(
		`${engine.label} never answers a server error, and anon and a stranger change nothing`,
		{ timeout: 600_000 },
		async () => {
			const before = await snapshot();
			const failures: string[] = [];
			const statuses: Record<number, number> = {};
			for (const [who, client] of Object.entries(callers)) {
				for (const fn of fns) {
					await fc.assert(
						fc.asyncProperty(argsFor(fn), async (args) => {
							const { error, status } = await client.rpc(fn.name as never, args as never);
							statuses[status] = (statuses[status] ?? 0) + 1;
							if (status >= 500 || (error && !error.message)) {
								failures.push(
									`${who} ${fn.name}(${JSON.stringify(args).slice(0, 300)}) -> ${status} ${error?.code} ${error?.message}`
								);
							}
						}),
						{ numRuns: 8 }
					);
				}
				if (who === 'stranger')
					expect(await snapshot(), 'anon and a stranger changed nothing').toEqual(before);
			}
			console.log('FNS', fns.length, JSON.stringify(statuses));
			expect(failures).toEqual([]);
		}
	);
});
