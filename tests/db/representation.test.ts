/**
 * Representation (20261208300100_representation.sql): the population sets an admin loads (all rows or none,
 * each bad row named), who may load and read them, and a wave's respondents by group as api.representation
 * gives them: exact for staff, under the disclosure rule for forum and scrutiny, hiding the same group sizes
 * as the published tables, so that an attacker who adds and subtracts everything forum can fetch pins none.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ApiError, call, type Client as ApiClient } from '$lib/server/api';
import { boundsOf, pinned, respond, type Relation } from './disclosure-helpers';
import { forEachEngine, type Organisation, type Survey, type User } from './engines';

const DFE_ROWS = [
	{ dimension: 'total', group: 'All EHC plans', count: '1000' },
	{ dimension: 'sex', group: 'Male', count: '700' },
	{ dimension: 'sex', group: 'Female', count: '300' },
	{ dimension: 'ethnicity', group: 'White - White British', count: '800' },
	{ dimension: 'ethnicity', group: 'Asian - Indian', count: '' }
];

forEachEngine('representation', (engine) => {
	let org: Organisation;
	let admin: User;
	let adminClient: ApiClient;

	beforeAll(async () => {
		org = await engine.createOrganisation();
		admin = await engine.createMember(org, 'admin');
		adminClient = (await engine.signInAs(admin)) as unknown as ApiClient;
	});

	async function refusal(promise: Promise<unknown>): Promise<ApiError> {
		try {
			await promise;
		} catch (e) {
			if (e instanceof ApiError) return e;
			throw e;
		}
		throw new Error('expected the call to be refused');
	}

	describe('population sets', () => {
		it(`${engine.label} loads the DfE figures an admin picks, marks the local authority, and keeps “not available”`, async () => {
			const saved = await call(adminClient, 'set_population', {
				p_organisation_id: org.id,
				p_origin: 'dfe',
				p_source: 'Department for Education, EHC plans, January 2025',
				p_year: 'January 2025',
				p_rows: DFE_ROWS,
				p_la_code: 'E06000001',
				p_la_name: 'Hartlepool'
			});
			expect(saved).toMatchObject({ origin: 'dfe', rows: 5 });
			const settings = await call(adminClient, 'population_settings', { p_organisation_id: org.id });
			expect(settings).toMatchObject({ can_edit: true, la_code: 'E06000001' });
			const dfe = settings!.populations.find((p) => p.origin === 'dfe')!;
			expect(dfe).toMatchObject({ la_name: 'Hartlepool', year: 'January 2025' });
			expect(dfe.counts).toContainEqual({ dimension: 'ethnicity', category: 'Asian - Indian', count: null });
			expect(dfe.counts).toContainEqual({ dimension: 'sex', category: 'Male', count: 700 });
		});

		it(`${engine.label} takes an upload all or none and names each bad row`, async () => {
			const e = await refusal(
				call(adminClient, 'set_population', {
					p_organisation_id: org.id,
					p_origin: 'upload',
					p_source: 'Our SEN support census',
					p_year: '2025',
					p_rows: [
						{ dimension: 'gender', group: 'Girl or woman', count: '40' },
						{ dimension: 'gender', group: 'wizard', count: '3' },
						{ dimension: 'gender', group: 'boy_man', count: '-2' },
						{ dimension: 'shoe size', group: 'large', count: '9' },
						{ dimension: 'ethnicity', group: 'total', count: '50' },
						{ dimension: 'ethnicity', group: 'white_british', count: '45' },
						{ dimension: 'ethnicity', group: 'asian_indian', count: '12' },
						{ dimension: 'age_band', group: 'age_5_10', count: '12%' }
					]
				})
			);
			expect(e.hint).toBe('invalid_population');
			const problems = (JSON.parse(e.details!) as { problems: { row: number; message: string }[] }).problems;
			expect(problems.map((p) => p.row)).toEqual([2, 3, 4, 5, 8]);
			expect(problems[0]!.message).toMatch(/Unknown group “wizard”/);
			expect(problems[1]!.message).toMatch(/negative/);
			expect(problems[2]!.message).toMatch(/Unknown dimension “shoe size”/);
			expect(problems[3]!.message).toMatch(/57, more than its total of 50/);
			expect(problems[4]!.message).toMatch(/not a share/);
			// nothing was loaded
			const settings = await call(adminClient, 'population_settings', { p_organisation_id: org.id });
			expect(settings!.populations.map((p) => p.origin)).toEqual(['dfe']);

			const saved = await call(adminClient, 'set_population', {
				p_organisation_id: org.id,
				p_origin: 'upload',
				p_source: 'Our SEN support census',
				p_year: '2025',
				p_rows: [
					{ dimension: 'Gender', group: 'Girl or woman', count: '40' },
					{ dimension: 'gender', group: 'boy_man', count: '60' }
				]
			});
			expect(saved.rows).toBe(2);
			const after = await call(adminClient, 'population_settings', { p_organisation_id: org.id });
			const upload = after!.populations.find((p) => p.origin === 'upload')!;
			expect(upload.counts).toEqual([
				{ dimension: 'gender', category: 'boy_man', count: 60 },
				{ dimension: 'gender', category: 'girl_woman', count: 40 }
			]);
		});

		it(`${engine.label} lets only admins change the population; every member reads it; no one else`, async () => {
			const rows = [{ dimension: 'gender', group: 'boy_man', count: '1' }];
			for (const role of ['lead', 'officer', 'forum', 'scrutiny', 'safeguarding'] as const) {
				const client = (await engine.signInAs(await engine.createMember(org, role))) as unknown as ApiClient;
				const e = await refusal(
					call(client, 'set_population', {
						p_organisation_id: org.id,
						p_origin: 'upload',
						p_source: 's',
						p_year: 'y',
						p_rows: rows
					})
				);
				expect(e.code, role).toBe('42501');
				const e2 = await refusal(
					call(client, 'remove_population', { p_organisation_id: org.id, p_origin: 'upload' })
				);
				expect(e2.code, role).toBe('42501');
				const settings = await call(client, 'population_settings', { p_organisation_id: org.id });
				expect(settings, role).toMatchObject({ can_edit: false });
				expect(settings!.populations, role).toHaveLength(2);
			}
			const elsewhere = (await engine.signInAs(
				await engine.createMember(await engine.createOrganisation(), 'admin')
			)) as unknown as ApiClient;
			expect(await call(elsewhere, 'population_settings', { p_organisation_id: org.id })).toBeNull();
			const e = await refusal(
				call(elsewhere, 'set_population', {
					p_organisation_id: org.id,
					p_origin: 'upload',
					p_source: 's',
					p_year: 'y',
					p_rows: rows
				})
			);
			expect(e.code).toBe('42501');
			const { error } = await engine.anon().rpc('population_settings', { p_organisation_id: org.id });
			expect(error?.code).toBe('42501');
		});

		it(`${engine.label} removes a set for an admin`, async () => {
			const other = await engine.createOrganisation();
			const client = (await engine.signInAs(
				await engine.createMember(other, 'admin')
			)) as unknown as ApiClient;
			await call(client, 'set_population', {
				p_organisation_id: other.id,
				p_origin: 'upload',
				p_source: 's',
				p_year: '2025',
				p_rows: [{ dimension: 'gender', group: 'boy_man', count: '5' }]
			});
			expect(
				await call(client, 'remove_population', { p_organisation_id: other.id, p_origin: 'upload' })
			).toEqual({
				removed: true,
				origin: 'upload'
			});
			const settings = await call(client, 'population_settings', { p_organisation_id: other.id });
			expect(settings!.populations).toEqual([]);
		});
	});

	describe('respondents by group (api.representation)', () => {
		let survey: Survey;
		let lead: ApiClient;
		let forum: ApiClient;
		let scrutiny: ApiClient;

		beforeAll(async () => {
			survey = await engine.createSurvey(org);
			lead = (await engine.signInAs(await engine.createMember(org, 'lead'))) as unknown as ApiClient;
			forum = (await engine.signInAs(await engine.createMember(org, 'forum'))) as unknown as ApiClient;
			scrutiny = (await engine.signInAs(await engine.createMember(org, 'scrutiny'))) as unknown as ApiClient;
			const wave = survey.waves.closed!;
			await respond(engine, survey, wave, 40, 'agree', {
				about: { ethnicity: 'white_british', gender: 'girl_woman' }
			});
			await respond(engine, survey, wave, 25, 'disagree', {
				about: { ethnicity: 'white_british', gender: 'boy_man' }
			});
			await respond(engine, survey, wave, 3, 'agree', {
				about: { ethnicity: 'asian_indian', gender: 'boy_man' }
			});
			await respond(engine, survey, wave, 14, 'agree', {
				about: { ethnicity: 'black_african', gender: 'girl_woman' }
			});
			await respond(engine, survey, wave, 12, 'disagree', { about: { gender: 'boy_man' } });
		});

		it(`${engine.label} gives staff exact counts with a small-number warning`, async () => {
			const r = await call(lead, 'representation', { p_wave_id: survey.waves.closed!.id });
			expect(r.exact).toBe(true);
			expect(r.respondents).toEqual({ n: 94, symbol: null, small: false });
			const indian = r.groups.find((g) => g.category === 'asian_indian')!;
			expect(indian).toMatchObject({
				n: 3,
				small: true,
				symbol: null,
				label: 'Asian or Asian British: Indian'
			});
			expect(r.groups.find((g) => g.dimension === 'ethnicity' && g.category === '_not_stated')).toMatchObject(
				{
					n: 12,
					label: 'Not stated'
				}
			);
			// about-you dimensions only, never channel or assistance
			expect(new Set(r.groups.map((g) => g.dimension))).toEqual(new Set(['ethnicity', 'gender']));
			expect(r.populations.map((p) => p.origin)).toEqual(['dfe', 'upload']);
		});

		it(`${engine.label} hides small groups from forum and scrutiny so that none can be worked out`, async () => {
			for (const client of [forum, scrutiny]) {
				const r = await call(client, 'representation', { p_wave_id: survey.waves.closed!.id });
				expect(r.exact).toBe(false);
				const indian = r.groups.find((g) => g.category === 'asian_indian')!;
				expect(indian).toMatchObject({ n: null, symbol: '[c]', small: false });
				// what an attacker knows: each dimension's groups add up to everyone
				const relations: Relation[] = [];
				for (const dimension of new Set(r.groups.map((g) => g.dimension))) {
					const groups = r.groups.filter((g) => g.dimension === dimension);
					relations.push({
						parts: groups.map((g) => g.n),
						total: r.respondents.n,
						names: groups.map((g) => `${g.dimension}:${g.category}`),
						totalName: 'everyone'
					});
				}
				// and the same wave's published table of the indicator (its group sizes are the same people)
				const table = await call(client, 'published_table', {
					p_question_id: survey.questions.feel.id,
					p_wave_id: survey.waves.closed!.id
				});
				for (const row of table.rows.filter((x) => x.dimension !== '_all')) {
					relations.push({
						parts: [row.n],
						total: row.n,
						names: [`${row.dimension}:${row.category}`],
						totalName: `${row.dimension}:${row.category}`
					});
					const mine = r.groups.find((g) => g.dimension === row.dimension && g.category === row.category);
					if (mine) expect(mine.n, `${row.dimension}:${row.category}`).toBe(row.n);
				}
				const bounds = boundsOf(relations, 1, 94);
				expect(pinned(bounds)).toEqual([]);
				expect(bounds.get('ethnicity:asian_indian')![0]).toBeLessThan(
					bounds.get('ethnicity:asian_indian')![1]
				);
			}
		});

		it(`${engine.label} rounds an open wave's counts for forum under NHS England's rule, and pins none`, async () => {
			const other = await engine.createOrganisation();
			const otherAdmin = (await engine.signInAs(
				await engine.createMember(other, 'admin')
			)) as unknown as ApiClient;
			await call(otherAdmin, 'set_disclosure_rule', { p_organisation_id: other.id, p_kind: 'nhs_england' });
			const open = await engine.createSurvey(other);
			const wave = open.waves.open!;
			await respond(engine, open, wave, 33, 'agree', {
				about: { ethnicity: 'white_british', gender: 'girl_woman' }
			});
			await respond(engine, open, wave, 21, 'agree', {
				about: { ethnicity: 'white_british', gender: 'boy_man' }
			});
			await respond(engine, open, wave, 6, 'agree', {
				about: { ethnicity: 'asian_pakistani', gender: 'boy_man' }
			});
			await respond(engine, open, wave, 12, 'agree', {
				about: { ethnicity: 'black_african', gender: 'girl_woman' }
			});
			const reader = (await engine.signInAs(
				await engine.createMember(other, 'scrutiny')
			)) as unknown as ApiClient;
			const r = await call(reader, 'representation', { p_wave_id: wave.id });
			expect(r.rounded_to).toBe(5);
			expect(r.respondents.n).toBe(70);
			for (const g of r.groups) if (g.n !== null) expect(g.n % 5, `${g.dimension}:${g.category}`).toBe(0);
			expect(r.groups.find((g) => g.category === 'asian_pakistani')).toMatchObject({
				n: null,
				symbol: '[c]'
			});
			const relations: Relation[] = [...new Set(r.groups.map((g) => g.dimension))].map((dimension) => {
				const groups = r.groups.filter((g) => g.dimension === dimension);
				return {
					parts: groups.map((g) => g.n),
					total: r.respondents.n,
					names: groups.map((g) => `${g.dimension}:${g.category}`),
					totalName: 'everyone'
				};
			});
			expect(pinned(boundsOf(relations, 1, 72, 5))).toEqual([]);
			// a response sent now is not in forum's figures until tomorrow's snapshot
			await respond(engine, open, wave, 5, 'agree', { about: { ethnicity: 'white_british' } });
			expect((await call(reader, 'representation', { p_wave_id: wave.id })).respondents.n).toBe(70);
		});

		it(`${engine.label} hides the very group sizes the published tables hide, on random small waves`, async () => {
			// a fixed pseudo-random sequence, so a failure can be replayed
			let seed = 20261208;
			const next = (max: number) => {
				seed = (seed * 1103515245 + 12345) % 2 ** 31;
				return seed % max;
			};
			const ethnicities = ['white_british', 'asian_pakistani', 'black_african', 'mixed_other', null];
			const genders = ['girl_woman', 'boy_man', 'another', null];
			for (let run = 0; run < 4; run++) {
				const s = await engine.createSurvey(org);
				const wave = s.waves.closed!;
				for (const ethnicity of ethnicities)
					for (const gender of genders) {
						const count = next(3) === 0 ? 0 : next(14);
						if (count === 0) continue;
						const about: Record<string, string> = {};
						if (ethnicity) about.ethnicity = ethnicity;
						if (gender) about.gender = gender;
						await respond(engine, s, wave, count, next(2) === 0 ? 'agree' : 'disagree', { about });
					}
				const mine = await call(forum, 'representation', { p_wave_id: wave.id });
				const table = await call(forum, 'published_table', {
					p_question_id: s.questions.feel.id,
					p_wave_id: wave.id
				});
				const sizes = (rows: { dimension: string; category: string; n: number | null }[]) =>
					rows
						.filter((x) => x.dimension === 'ethnicity' || x.dimension === 'gender')
						.map((x) => `${x.dimension}:${x.category}=${x.n ?? '[c]'}`)
						.sort();
				expect(sizes(mine.groups), `run ${run}`).toEqual(sizes(table.rows));
				expect(mine.respondents.n, `run ${run}`).toBe(table.rows.find((x) => x.dimension === '_all')!.n);
			}
		});

		it(`${engine.label} answers only members of the wave's organisation`, async () => {
			const elsewhere = (await engine.signInAs(
				await engine.createMember(await engine.createOrganisation(), 'lead')
			)) as unknown as ApiClient;
			const e = await refusal(call(elsewhere, 'representation', { p_wave_id: survey.waves.closed!.id }));
			expect(e.hint).toBe('not_found');
			const { error } = await engine.anon().rpc('representation', { p_wave_id: survey.waves.closed!.id });
			expect(error?.code).toBe('42501');
		});

		it(`${engine.label} says a wave with no answers has no respondents, for every role`, async () => {
			for (const client of [lead, forum]) {
				const r = await call(client, 'representation', { p_wave_id: survey.waves.future!.id });
				expect(r.respondents).toEqual({ n: 0, symbol: null, small: false });
				expect(r.groups).toEqual([]);
			}
		});
	});
});
