/**
 * The survey builder's API through supabase-js, each call with the member's own session: surveys,
 * questions (with versioning and refusal to delete what has answers), the order of questions, and
 * waves (one baseline; a repeat reuses the survey's questions).
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import {
	forEachEngine,
	MEMBER_ROLES,
	parseDetails,
	type Client,
	type Engine,
	type MemberRole,
	type User
} from './engines';

const EDITORS: readonly MemberRole[] = ['admin', 'lead', 'officer'];
const READERS: readonly MemberRole[] = ['forum', 'scrutiny', 'safeguarding'];
const WARNING =
	'People have already answered this question. Results before and after this change may not be comparable.';

interface BuilderOption {
	id: string;
	value: string;
	label: string;
	easy_read_label: string | null;
	is_positive: boolean;
	position: number;
	answered: boolean;
}
interface BuilderQuestion {
	id: string;
	key: string;
	position: number;
	kind: string;
	prompt: string;
	version: number;
	answered: boolean;
	options: BuilderOption[];
	versions: { version: number; prompt: string }[];
}
interface BuilderSurvey {
	id: string;
	slug: string;
	title: string;
	can_edit: boolean;
	questions: BuilderQuestion[];
	waves: { id: string; slug: string; kind: string; label: string; status: string; responses: number }[];
}

const day = 86_400_000;
const iso = (offsetDays: number) => new Date(Date.now() + offsetDays * day).toISOString();

async function people(engine: Engine) {
	const org = await engine.createOrganisation();
	const members = {} as Record<MemberRole, User>;
	for (const role of MEMBER_ROLES) members[role] = await engine.createMember(org, role);
	const other = await engine.createOrganisation();
	const leadOfOther = await engine.createMember(other, 'lead');
	const outsider = await engine.createUser();
	return { org, members, other, leadOfOther, outsider };
}

async function ok<T>(promise: PromiseLike<{ data: unknown; error: { message: string } | null }>): Promise<T> {
	const { data, error } = await promise;
	if (error) throw new Error(error.message);
	return data as T;
}

forEachEngine('survey builder API', (engine) => {
	let p: Awaited<ReturnType<typeof people>>;
	const clients = {} as Record<MemberRole | 'leadOfOther' | 'outsider', Client>;

	beforeAll(async () => {
		p = await people(engine);
		for (const role of MEMBER_ROLES) clients[role] = await engine.signInAs(p.members[role]);
		clients.leadOfOther = await engine.signInAs(p.leadOfOther);
		clients.outsider = await engine.signInAs(p.outsider);
	});

	const builder = (c: Client, id: string) =>
		ok<BuilderSurvey | null>(c.rpc('survey_for_builder', { p_survey_id: id }));

	async function newSurvey(c: Client = clients.lead, title = 'Short breaks for families') {
		return ok<{ id: string; slug: string }>(
			c.rpc('create_survey', { p_organisation_id: p.org.id, p_title: title, p_audience: 'parent_carers' })
		);
	}

	describe('create_survey and update_survey', () => {
		it('lets admin, lead and officer create a survey with a unique slug made from the title', async () => {
			const slugs: string[] = [];
			for (const role of EDITORS) {
				const s = await newSurvey(clients[role], 'Your views on short breaks!');
				slugs.push(s.slug);
			}
			expect(slugs[0]).toMatch(/^your-views-on-short-breaks(-\d+)?$/);
			expect(new Set(slugs).size).toBe(3);
		});

		it('refuses forum, scrutiny, safeguarding, another organisation, an outsider and anon', async () => {
			for (const who of [...READERS, 'leadOfOther', 'outsider'] as const) {
				const { error, status } = await clients[who].rpc('create_survey', {
					p_organisation_id: p.org.id,
					p_title: 'Not mine',
					p_audience: 'parent_carers'
				});
				expect({ who, status, hint: error?.hint }).toEqual({ who, status: 403, hint: 'not_permitted' });
			}
			const { status } = await engine
				.anon()
				.rpc('create_survey', { p_organisation_id: p.org.id, p_title: 'x', p_audience: 'parent_carers' });
			expect(status).toBe(401);
		});

		it('answers invalid details field by field', async () => {
			const { error } = await clients.lead.rpc('create_survey', {
				p_organisation_id: p.org.id,
				p_title: '  ',
				p_audience: 'everyone',
				p_introduction: 'x'.repeat(4001)
			});
			expect(error?.hint).toBe('invalid_survey');
			expect(parseDetails(error?.details)).toEqual({
				title: 'Enter a title.',
				audience: 'Choose who the survey is for.',
				introduction: 'Keep the introduction to 4,000 characters or fewer.'
			});
		});

		it('lets editors change the details and keeps the link; readers and other organisations cannot', async () => {
			const s = await newSurvey();
			for (const role of EDITORS) {
				const r = await ok<{ slug: string; title: string }>(
					clients[role].rpc('update_survey', {
						p_survey_id: s.id,
						p_title: `Renamed by ${role}`,
						p_audience: 'children_young_people',
						p_easy_read: true
					})
				);
				expect(r).toEqual({ id: s.id, slug: s.slug, title: `Renamed by ${role}` });
			}
			for (const who of [...READERS, 'leadOfOther'] as const) {
				const { error } = await clients[who].rpc('update_survey', {
					p_survey_id: s.id,
					p_title: 'Hijacked',
					p_audience: 'parent_carers'
				});
				expect({ who, hint: error?.hint }).toEqual({ who, hint: 'not_permitted' });
			}
			const b = await builder(clients.forum, s.id);
			expect(b?.title).toBe('Renamed by officer');
			expect(b?.can_edit).toBe(false);
			expect((await builder(clients.officer, s.id))?.can_edit).toBe(true);
			expect(await builder(clients.leadOfOther, s.id)).toBeNull();
		});
	});

	describe('questions', () => {
		it('gives standard kinds their options with default positive answers, which can be changed', async () => {
			const s = await newSurvey();
			const add = (kind: string, options?: unknown) =>
				ok<{ id: string; key: string }>(
					clients.officer.rpc('add_question', {
						p_survey_id: s.id,
						p_kind: kind,
						p_prompt: `A ${kind} question`,
						...(options ? { p_options: options } : {})
					})
				);
			await add('agreement_5');
			await add('faces_3');
			await add('yes_no_unsure');
			await add('rating_0_10');
			await add('yes_no_unsure', [
				{ value: 'yes', is_positive: false },
				{ value: 'no', is_positive: true, label: 'Nope' }
			]);
			const b = (await builder(clients.lead, s.id))!;
			const positive = (q: BuilderQuestion) => q.options.filter((o) => o.is_positive).map((o) => o.value);
			expect(b.questions.map((q) => [q.key, q.position, q.options.length, positive(q)])).toEqual([
				['a_agreement_5_question', 1, 5, ['strongly_agree', 'agree']],
				['a_faces_3_question', 2, 3, ['happy']],
				['a_yes_no_unsure_question', 3, 3, ['yes']],
				['a_rating_0_10_question', 4, 11, ['9', '10']],
				['a_yes_no_unsure_question_2', 5, 3, ['no']]
			]);
			expect(b.questions[4]!.options.map((o) => o.label)).toEqual(['Yes', 'Nope', 'Not sure']);
		});

		it('takes the given options for single and multi choice, and checks every field', async () => {
			const s = await newSurvey();
			const q = await ok<{ key: string }>(
				clients.admin.rpc('add_question', {
					p_survey_id: s.id,
					p_kind: 'multi_choice',
					p_prompt: 'Which services do you use?',
					p_key: 'services',
					p_options: [{ label: 'Health', is_positive: true }, { label: 'Education' }, { label: '' }]
				})
			);
			expect(q.key).toBe('services');
			const b = (await builder(clients.lead, s.id))!;
			expect(b.questions[0]!.options.map((o) => [o.value, o.label, o.is_positive])).toEqual([
				['health', 'Health', true],
				['education', 'Education', false]
			]);

			const { error } = await clients.lead.rpc('add_question', {
				p_survey_id: s.id,
				p_kind: 'single_choice',
				p_prompt: '',
				p_key: 'services',
				p_options: [{ label: 'Only one' }]
			});
			expect(error?.hint).toBe('invalid_question');
			expect(parseDetails(error?.details)).toEqual({
				prompt: 'Enter the question.',
				key: 'Another question of this survey has this short name.',
				options: 'Give at least two options to choose from.'
			});

			const free = await clients.lead.rpc('add_question', {
				p_survey_id: s.id,
				p_kind: 'free_text',
				p_prompt: 'Anything else?'
			});
			expect(parseDetails(free.error?.details)).toEqual({
				max_length: 'Enter the most characters an answer may have.'
			});
			const num = await clients.lead.rpc('add_question', {
				p_survey_id: s.id,
				p_kind: 'number',
				p_prompt: 'How old?',
				p_min_value: 10,
				p_max_value: 5,
				p_priority_id: randomUUID()
			});
			expect(parseDetails(num.error?.details)).toEqual({
				max_value: 'The largest number must be at least the smallest.',
				priority_id: 'Choose one of your strategy priorities.'
			});
		});

		it('lets only admin, lead and officer of the organisation add, change, reorder and delete questions', async () => {
			const s = await newSurvey();
			const ids: string[] = [];
			for (const role of EDITORS) {
				const q = await ok<{ id: string }>(
					clients[role].rpc('add_question', {
						p_survey_id: s.id,
						p_kind: 'yes_no_unsure',
						p_prompt: `Added by ${role}`
					})
				);
				ids.push(q.id);
			}
			for (const who of [...READERS, 'leadOfOther', 'outsider'] as const) {
				const c = clients[who];
				const calls = [
					c.rpc('add_question', { p_survey_id: s.id, p_kind: 'yes_no_unsure', p_prompt: 'No' }),
					c.rpc('update_question', { p_question_id: ids[0]!, p_prompt: 'Changed' }),
					c.rpc('reorder_questions', { p_survey_id: s.id, p_question_ids: [...ids].reverse() }),
					c.rpc('delete_question', { p_question_id: ids[0]! })
				];
				for (const call of calls) {
					const { error, status } = await call;
					expect({ who, status, hint: error?.hint }).toEqual({ who, status: 403, hint: 'not_permitted' });
				}
			}
			for (const role of EDITORS) {
				await ok(
					clients[role].rpc('update_question', { p_question_id: ids[0]!, p_prompt: `Changed by ${role}` })
				);
			}
			await ok(
				clients.officer.rpc('reorder_questions', { p_survey_id: s.id, p_question_ids: [...ids].reverse() })
			);
			let b = (await builder(clients.lead, s.id))!;
			expect(b.questions.map((q) => q.prompt)).toEqual([
				'Added by officer',
				'Added by lead',
				'Changed by officer'
			]);
			// an unanswered question's wording changes without a new version
			expect(b.questions[2]!.version).toBe(1);

			const partial = await clients.lead.rpc('reorder_questions', {
				p_survey_id: s.id,
				p_question_ids: [ids[0]!]
			});
			expect(partial.error?.hint).toBe('invalid_order');

			await ok(clients.admin.rpc('delete_question', { p_question_id: ids[1]! }));
			b = (await builder(clients.lead, s.id))!;
			expect(b.questions.map((q) => [q.prompt, q.position])).toEqual([
				['Added by officer', 1],
				['Changed by officer', 2]
			]);
		});
	});

	describe('waves, versioning and answers', () => {
		let s: { id: string; slug: string };
		let agree: { id: string; key: string };
		let comment: { id: string; key: string };
		let baseline: { id: string; slug: string };
		let repeat: { id: string; slug: string };

		beforeAll(async () => {
			s = await newSurvey(clients.lead, 'Joined up services');
			agree = await ok(
				clients.lead.rpc('add_question', {
					p_survey_id: s.id,
					p_kind: 'agreement_5',
					p_prompt: 'Services work together well',
					p_required: true
				})
			);
			comment = await ok(
				clients.lead.rpc('add_question', {
					p_survey_id: s.id,
					p_kind: 'free_text',
					p_prompt: 'Anything else?',
					p_max_length: 200
				})
			);
		});

		it('needs a baseline before a repeat, and allows only one baseline', async () => {
			const early = await clients.lead.rpc('create_wave', {
				p_survey_id: s.id,
				p_kind: 'repeat',
				p_label: 'Too soon',
				p_opens_at: iso(-1),
				p_closes_at: iso(10)
			});
			expect(parseDetails(early.error?.details)).toEqual({
				kind: 'Add the baseline first: each repeat is compared with it.'
			});
			baseline = await ok(
				clients.officer.rpc('create_wave', {
					p_survey_id: s.id,
					p_kind: 'baseline',
					p_label: 'Baseline',
					p_opens_at: iso(-2),
					p_closes_at: iso(10)
				})
			);
			expect(baseline.slug).toBe(`${s.slug}-baseline`);
			const second = await clients.lead.rpc('create_wave', {
				p_survey_id: s.id,
				p_kind: 'baseline',
				p_label: 'Another baseline',
				p_opens_at: iso(-1),
				p_closes_at: iso(10)
			});
			expect(second.error?.hint).toBe('invalid_wave');
			expect(parseDetails(second.error?.details)).toEqual({
				kind: 'This survey already has a baseline. Add a repeat instead.'
			});
			repeat = await ok(
				clients.admin.rpc('create_wave', {
					p_survey_id: s.id,
					p_kind: 'repeat',
					p_label: 'Repeat 1',
					p_opens_at: iso(-1),
					p_closes_at: iso(20)
				})
			);
		});

		it('checks the dates, and refuses readers and other organisations', async () => {
			const bad = await clients.lead.rpc('create_wave', {
				p_survey_id: s.id,
				p_kind: 'repeat',
				p_label: '',
				p_opens_at: iso(5),
				p_closes_at: iso(4)
			});
			expect(parseDetails(bad.error?.details)).toEqual({
				label: 'Enter a name for the wave, like Autumn 2026.',
				closes_at: 'The closing date must be after the opening date.'
			});
			for (const who of [...READERS, 'leadOfOther', 'outsider'] as const) {
				const { error } = await clients[who].rpc('create_wave', {
					p_survey_id: s.id,
					p_kind: 'repeat',
					p_label: 'Mine',
					p_opens_at: iso(5),
					p_closes_at: iso(9)
				});
				expect({ who, hint: error?.hint }).toEqual({ who, hint: 'not_permitted' });
			}
			// officers may now change a wave's dates too
			const moved = await ok<{ status: string }>(
				clients.officer.rpc('set_wave_dates', {
					p_wave_id: repeat.id,
					p_opens_at: iso(-1),
					p_closes_at: iso(21)
				})
			);
			expect(moved.status).toBe('open');
		});

		it('asks the same questions in the repeat, so answers compare by key across waves', async () => {
			const anon = engine.anon();
			const base = await anon.rpc('survey_for_respondent', { p_slug: baseline.slug });
			const rep = await anon.rpc('survey_for_respondent', { p_slug: repeat.slug });
			const keys = (d: unknown) => (d as { questions: { key: string }[] }).questions.map((q) => q.key);
			expect(keys(rep.data)).toEqual(keys(base.data));
			expect(keys(base.data)).toEqual([agree.key, comment.key]);

			for (const [wave, value] of [
				[baseline, 'agree'],
				[baseline, 'disagree'],
				[repeat, 'strongly_agree']
			] as const) {
				await ok(
					engine.server().rpc('submit_response', {
						p_response_id: randomUUID(),
						p_wave_slug: wave.slug,
						p_answers: { [agree.key]: value, [comment.key]: 'Fine' }
					})
				);
			}
			const trend = await ok<{ wave_id: string; n: number; positive: number }[]>(
				clients.lead.rpc('indicator_trend', { p_question_id: agree.id })
			);
			expect(trend.map((t) => [t.wave_id, t.n, t.positive])).toEqual([
				[baseline.id, 2, 1],
				[repeat.id, 1, 1]
			]);
			const [same] = await engine.db.query<{ n: number }>(
				`select count(distinct a.question_id)::int as n from app.answers a
				   join app.responses r on r.id = a.response_id where r.wave_id in ($1, $2) and a.option_id is not null`,
				[baseline.id, repeat.id]
			);
			expect(same?.n).toBe(1);
		});

		it('keeps the question but makes a new version when answered wording changes, and warns', async () => {
			const before = (await builder(clients.lead, s.id))!.questions[0]!;
			expect(before.answered).toBe(true);
			const options = before.options.map((o) => ({
				id: o.id,
				label: o.value === 'agree' ? 'Agree mostly' : o.label,
				easy_read_label: o.easy_read_label,
				is_positive: o.is_positive
			}));
			const r = await ok<{ id: string; key: string; version: number; versioned: boolean; warning: string }>(
				clients.officer.rpc('update_question', {
					p_question_id: agree.id,
					p_prompt: 'Services work well together',
					p_required: true,
					p_options: options
				})
			);
			expect(r).toEqual({ id: agree.id, key: agree.key, version: 2, versioned: true, warning: WARNING });

			const after = (await builder(clients.lead, s.id))!.questions[0]!;
			expect(after.id).toBe(before.id);
			expect(after.options.map((o) => o.id)).toEqual(before.options.map((o) => o.id));
			expect(after.versions).toEqual([
				{
					version: 1,
					prompt: 'Services work together well',
					replaced_at: expect.any(String),
					conditions: null
				}
			]);
			const [archived] = await engine.db.query<{ options: { value: string; label: string }[] }>(
				'select options from app.question_versions where question_id = $1 and version = 1',
				[agree.id]
			);
			expect(archived?.options.find((o) => o.value === 'agree')?.label).toBe('Agree');

			// the trend still reads both waves by the same question
			const trend = await ok<{ n: number }[]>(
				clients.lead.rpc('indicator_trend', { p_question_id: agree.id })
			);
			expect(trend.map((t) => t.n)).toEqual([2, 1]);

			// changing only whether it is required, or which answers are positive, is not a new version
			const quiet = await ok<{ version: number; warning: string | null }>(
				clients.lead.rpc('update_question', {
					p_question_id: agree.id,
					p_prompt: 'Services work well together',
					p_required: false,
					p_options: options.map((o) => ({ ...o, is_positive: o.label === 'Strongly agree' }))
				})
			);
			expect(quiet).toMatchObject({ version: 2, warning: null });
		});

		it('refuses to delete a question, or an option, that has answers', async () => {
			const del = await clients.lead.rpc('delete_question', { p_question_id: agree.id });
			expect(del.error?.hint).toBe('has_answers');
			expect(del.error?.message).toMatch(/already answered this question, so it cannot be deleted/);

			const choice = await ok<{ id: string; key: string }>(
				clients.lead.rpc('add_question', {
					p_survey_id: s.id,
					p_kind: 'single_choice',
					p_prompt: 'Which one?',
					p_options: [{ label: 'One' }, { label: 'Two' }, { label: 'Three' }]
				})
			);
			await ok(
				engine.server().rpc('submit_response', {
					p_response_id: randomUUID(),
					p_wave_slug: repeat.slug,
					p_answers: { [agree.key]: 'agree', [choice.key]: 'two' }
				})
			);
			const q = (await builder(clients.lead, s.id))!.questions.find((x) => x.id === choice.id)!;
			const keep = (labels: string[]) =>
				q.options.filter((o) => labels.includes(o.label)).map((o) => ({ id: o.id, label: o.label }));
			const refused = await clients.lead.rpc('update_question', {
				p_question_id: choice.id,
				p_prompt: 'Which one?',
				p_options: keep(['One', 'Three'])
			});
			expect(refused.error?.hint).toBe('has_answers');
			// an option nobody chose can go, and a new one can be added
			const r = await ok<{ warning: string | null }>(
				clients.lead.rpc('update_question', {
					p_question_id: choice.id,
					p_prompt: 'Which one?',
					p_options: [...keep(['Two', 'Three']), { label: 'Four' }]
				})
			);
			expect(r.warning).toBe(WARNING);
			const after = (await builder(clients.lead, s.id))!.questions.find((x) => x.id === choice.id)!;
			expect(after.options.map((o) => [o.value, o.position])).toEqual([
				['two', 1],
				['three', 2],
				['four', 3]
			]);
			// a question nobody answered can be deleted
			const fresh = await ok<{ id: string }>(
				clients.lead.rpc('add_question', { p_survey_id: s.id, p_kind: 'faces_3', p_prompt: 'How was it?' })
			);
			expect((await clients.lead.rpc('delete_question', { p_question_id: fresh.id })).error).toBeNull();
		});
	});

	describe('tables: writes as each role', () => {
		let surveyId: string;
		beforeAll(async () => {
			surveyId = (await engine.createSurvey(p.org, { waves: ['closed'] })).id;
		});

		const write = (user: User, sql: string, params: unknown[]) =>
			engine.queryAs('authenticated', user.id, sql, params);

		it('lets admin, lead and officer insert and update surveys, questions, options and waves of their organisation', async () => {
			for (const role of EDITORS) {
				const user = p.members[role];
				const rows = await write(
					user,
					`with s as (
					   insert into app.surveys (organisation_id, slug, title, audience) values ($1, $2, 'T', 'parent_carers') returning id
					 ), q as (
					   insert into app.questions (organisation_id, survey_id, key, position, kind, prompt)
					   select $1, s.id, 'k', 1, 'yes_no_unsure', 'P' from s returning id
					 ), o as (
					   insert into app.question_options (organisation_id, question_id, value, label, position)
					   select $1, q.id, 'yes', 'Yes', 1 from q returning id
					 ), w as (
					   insert into app.waves (organisation_id, survey_id, slug, kind, label, opens_at, closes_at)
					   select $1, s.id, $2 || '-w', 'baseline', 'W', now(), now() + interval '1 day' from s returning id
					 )
					 select (select count(*) from s)::int + (select count(*) from q)::int + (select count(*) from o)::int
					        + (select count(*) from w)::int as n`,
					[p.org.id, `t-${role}-${randomUUID().slice(0, 8)}`]
				);
				expect({ role, rows }).toEqual({ role, rows: [{ n: 4 }] });
				const updated = await write(user, `update app.surveys set title = 'U' where id = $1 returning id`, [
					surveyId
				]);
				expect({ role, updated: updated.length }).toEqual({ role, updated: 1 });
			}
		});

		it('denies forum, scrutiny, safeguarding and other organisations: inserts fail, updates and deletes touch nothing', async () => {
			const users: [string, User][] = [
				...READERS.map((r) => [r, p.members[r]] as [string, User]),
				['leadOfOther', p.leadOfOther],
				['outsider', p.outsider]
			];
			for (const [who, user] of users) {
				await expect(
					write(
						user,
						`insert into app.surveys (organisation_id, slug, title, audience) values ($1, $2, 'T', 'parent_carers')`,
						[p.org.id, `x-${randomUUID().slice(0, 8)}`]
					),
					who
				).rejects.toThrow(/row-level security/);
				for (const [table, set] of [
					['surveys', `title = 'X'`],
					['questions', `prompt = 'X'`],
					['question_options', `label = 'X'`],
					['waves', `label = 'X'`]
				] as const) {
					const rows = await write(
						user,
						`update app.${table} set ${set} where organisation_id = $1 returning 1`,
						[p.org.id]
					);
					expect({ who, table, rows }).toEqual({ who, table, rows: [] });
				}
				for (const table of ['questions', 'question_options'] as const) {
					const rows = await write(user, `delete from app.${table} where organisation_id = $1 returning 1`, [
						p.org.id
					]);
					expect({ who, table, rows }).toEqual({ who, table, rows: [] });
				}
				// an earlier wording is kept by the builder's staff only, and never changed or removed
				const [question] = await engine.db.query<{ id: string }>(
					'select id from app.questions where organisation_id = $1 limit 1',
					[p.org.id]
				);
				await expect(
					write(
						user,
						`insert into app.question_versions (organisation_id, question_id, version, prompt) values ($1, $2, 99, 'Forged')`,
						[p.org.id, question!.id]
					),
					who
				).rejects.toThrow(/row-level security/);
				await expect(write(user, `update app.question_versions set prompt = 'X'`, []), who).rejects.toThrow(
					/permission denied/
				);
				await expect(write(user, `delete from app.question_versions`, []), who).rejects.toThrow(
					/permission denied/
				);
			}
		});

		it('keeps a survey slug, wave kind and question key and kind from being changed directly', async () => {
			for (const sql of [
				`update app.surveys set slug = slug`,
				`update app.waves set kind = kind`,
				`update app.questions set key = key`,
				`update app.questions set kind = kind`,
				`update app.question_options set value = value`,
				`delete from app.surveys`,
				`delete from app.waves`,
				// an earlier wording stays as it was, for figures published before it changed
				`update app.question_versions set prompt = prompt`,
				`delete from app.question_versions`
			]) {
				await expect(write(p.members.lead, sql, []), sql).rejects.toThrow(/permission denied/);
			}
		});
	});

	it('makes the standard options from the database', async () => {
		const options = await ok<{ value: string; is_positive: boolean }[]>(
			clients.forum.rpc('standard_options', { p_kind: 'faces_3' })
		);
		expect(options.map((o) => [o.value, o.is_positive])).toEqual([
			['happy', true],
			['okay', false],
			['sad', false]
		]);
		expect(await ok(clients.forum.rpc('standard_options', { p_kind: 'free_text' }))).toBeNull();
	});
});
