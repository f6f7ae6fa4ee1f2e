/**
 * Questions that depend on earlier answers (20261202110100_question_conditions.sql):
 * api.set_question_conditions and api.clear_question_conditions for admins, leads and officers
 * only; the conditions they refuse, each with a message beside the rule; the deletions, orders and
 * page layouts that would break a condition; a change after answers exist is versioned; and
 * api.submit_response as the referee (no answer to a hidden question, required only when shown).
 *
 * The fixture survey: feel (agreement_5, required), services (multi_choice: health, education,
 * social_care), comment (free_text up to 20), age (number 0..25), in that order, each a page.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import {
	forEachEngine,
	MEMBER_ROLES,
	type Client,
	type MemberRole,
	type Organisation,
	type Survey,
	type User,
	type Wave
} from './engines';

const EDITORS: readonly MemberRole[] = ['admin', 'lead', 'officer'];
const READERS: readonly MemberRole[] = ['forum', 'scrutiny', 'safeguarding'];

interface Rule {
	question: string;
	test: string;
	values?: string[];
	min?: number | string | null;
	max?: number | string | null;
}

forEachEngine('question conditions', (engine) => {
	let org: Organisation;
	const members = {} as Record<MemberRole, User>;
	const clients = {} as Record<MemberRole | 'leadOfOther' | 'outsider', Client>;

	beforeAll(async () => {
		org = await engine.createOrganisation();
		for (const role of MEMBER_ROLES) {
			members[role] = await engine.createMember(org, role);
			clients[role] = await engine.signInAs(members[role]);
		}
		const other = await engine.createOrganisation();
		clients.leadOfOther = await engine.signInAs(await engine.createMember(other, 'lead'));
		clients.outsider = await engine.signInAs(await engine.createUser());
	});

	const set = (c: Client, questionId: string, rules: Rule[] | null, match = 'all') =>
		c.rpc('set_question_conditions', {
			p_question_id: questionId,
			p_match: match,
			p_rules: rules as unknown as never
		});

	async function stored(questionId: string) {
		const rows = await engine.db.query<{ conditions: unknown; version: number }>(
			'select conditions, version from app.questions where id = $1',
			[questionId]
		);
		return rows[0]!;
	}

	const submit = (wave: Wave, answers: Record<string, unknown>) =>
		engine.server().rpc('submit_response', {
			p_response_id: randomUUID(),
			p_wave_slug: wave.slug,
			p_answers: answers as never
		});

	/** comment shown only to people who agree (strongly or not) */
	const agreeRule = (s: Survey): Rule => ({
		question: s.questions.feel.id,
		test: 'chosen',
		values: ['agree', 'strongly_agree']
	});

	describe('who may set them', () => {
		it('lets an admin, a lead and an officer set and clear a condition', async () => {
			const survey = await engine.createSurvey(org, { waves: ['open'] });
			for (const role of EDITORS) {
				const { data, error } = await set(clients[role], survey.questions.comment.id, [agreeRule(survey)]);
				expect({ role, error }).toEqual({ role, error: null });
				expect(data).toMatchObject({ versioned: false, warning: null });
				expect((await stored(survey.questions.comment.id)).conditions).toEqual({
					match: 'all',
					rules: [{ question: survey.questions.feel.id, test: 'chosen', values: ['agree', 'strongly_agree'] }]
				});
				const cleared = await clients[role].rpc('clear_question_conditions', {
					p_question_id: survey.questions.comment.id
				});
				expect({ role, error: cleared.error }).toEqual({ role, error: null });
				expect((await stored(survey.questions.comment.id)).conditions).toBeNull();
			}
		});

		it('refuses forum, scrutiny, safeguarding, another organisation, an outsider and anon', async () => {
			const survey = await engine.createSurvey(org, { waves: ['open'] });
			for (const who of [...READERS, 'leadOfOther', 'outsider'] as const) {
				const { error, status } = await set(clients[who], survey.questions.comment.id, [agreeRule(survey)]);
				expect({ who, status, hint: error?.hint }).toEqual({ who, status: 403, hint: 'not_permitted' });
				const cleared = await clients[who].rpc('clear_question_conditions', {
					p_question_id: survey.questions.comment.id
				});
				expect({ who, hint: cleared.error?.hint }).toEqual({ who, hint: 'not_permitted' });
			}
			const anon = await set(engine.anon(), survey.questions.comment.id, [agreeRule(survey)]);
			expect(anon.status).toBe(401);
			expect((await stored(survey.questions.comment.id)).conditions).toBeNull();
		});

		it('keeps the column from readers and other organisations written directly', async () => {
			const survey = await engine.createSurvey(org, { waves: ['open'] });
			for (const role of READERS) {
				const rows = await engine
					.queryAs(
						'authenticated',
						members[role].id,
						`update app.questions set conditions = '{"match":"all","rules":[]}' where survey_id = $1 returning id`,
						[survey.id]
					)
					.catch((e: Error) => e.message);
				expect({ role, rows }).not.toEqual({ role, rows: [{ id: expect.any(String) }] });
			}
			expect((await stored(survey.questions.comment.id)).conditions).toBeNull();
		});

		it('shows the condition to the builder and, by question key, to respondents', async () => {
			const survey = await engine.createSurvey(org, { waves: ['open'] });
			await set(
				clients.lead,
				survey.questions.age.id,
				[
					{ question: survey.questions.feel.id, test: 'chosen', values: ['disagree'] },
					{ question: survey.questions.comment.id, test: 'answered' }
				],
				'any'
			);
			const builder = await clients.officer.rpc('survey_for_builder', { p_survey_id: survey.id });
			const age = (
				builder.data as unknown as { questions: { key: string; conditions: unknown }[] }
			).questions.find((q) => q.key === 'age');
			expect(age?.conditions).toMatchObject({
				match: 'any',
				rules: [{ test: 'chosen' }, { test: 'answered' }]
			});
			const respondent = await engine
				.anon()
				.rpc('survey_for_respondent', { p_slug: survey.waves.open!.slug });
			const questions = (respondent.data as unknown as { questions: { key: string; show_if: unknown }[] })
				.questions;
			expect(questions.find((q) => q.key === 'age')?.show_if).toEqual({
				match: 'any',
				rules: [
					{ question: 'feel', test: 'chosen', values: ['disagree'] },
					{ question: 'comment', test: 'answered' }
				]
			});
			expect(questions.find((q) => q.key === 'feel')?.show_if).toBeNull();
		});
	});

	describe('indicators know who was asked', () => {
		interface Listed {
			id: string;
			indicators: {
				key: string;
				conditions: unknown;
				condition_questions: { id: string; prompt: string; options: { value: string; label: string }[] }[];
			}[];
		}
		it('gives every member the condition of an indicator and the questions it names', async () => {
			const survey = await engine.createSurvey(org, { waves: ['open'] });
			// services counts as an indicator once an answer counts as positive
			await engine.db.query('update app.question_options set is_positive = true where id = $1', [
				survey.questions.services.options.health
			]);
			const rule = agreeRule(survey);
			expect((await set(clients.lead, survey.questions.services.id, [rule])).error).toBeNull();
			for (const role of MEMBER_ROLES) {
				const { data, error } = await clients[role].rpc('list_surveys', { p_organisation_id: org.id });
				expect(error).toBeNull();
				const listed = (data as unknown as Listed[]).find((s) => s.id === survey.id)!;
				const services = listed.indicators.find((i) => i.key === 'services');
				const feel = listed.indicators.find((i) => i.key === 'feel');
				expect({ role, conditions: services?.conditions }).toEqual({
					role,
					conditions: { match: 'all', rules: [rule] }
				});
				expect(services?.condition_questions).toEqual([
					{
						id: survey.questions.feel.id,
						prompt: 'I feel listened to.',
						options: [
							{ value: 'strongly_agree', label: 'Strongly agree' },
							{ value: 'agree', label: 'Agree' },
							{ value: 'neither', label: 'Neither agree nor disagree' },
							{ value: 'disagree', label: 'Disagree' },
							{ value: 'strongly_disagree', label: 'Strongly disagree' }
						]
					}
				]);
				// everyone is asked the first question
				expect(feel?.conditions).toBeNull();
				expect(feel?.condition_questions).toEqual([]);
			}
			// another organisation and outsiders learn nothing
			for (const who of ['leadOfOther', 'outsider'] as const) {
				const { data } = await clients[who].rpc('list_surveys', { p_organisation_id: org.id });
				expect(data).toEqual([]);
			}
		});
	});

	describe('bad conditions, each refused with a message beside it', () => {
		let survey: Survey;
		beforeAll(async () => {
			survey = await engine.createSurvey(org, { waves: ['open'] });
		});

		async function refused(questionId: string, rules: Rule[], match = 'all') {
			const { error, status } = await set(clients.lead, questionId, rules, match);
			expect({ status, hint: error?.hint }).toEqual({ status: 400, hint: 'invalid_condition' });
			return JSON.parse(error!.details) as Record<string, string>;
		}

		it('on a later question', async () => {
			const detail = await refused(survey.questions.feel.id, [
				{ question: survey.questions.comment.id, test: 'answered' }
			]);
			expect(detail['rules.0']).toMatch(/comes after this question/);
		});

		it('on the question itself', async () => {
			const detail = await refused(survey.questions.comment.id, [
				{ question: survey.questions.comment.id, test: 'answered' }
			]);
			expect(detail['rules.0']).toBe(
				'A question cannot depend on its own answer. Choose an earlier question.'
			);
		});

		it('circular', async () => {
			const s = await engine.createSurvey(org, { waves: ['open'] });
			expect(
				(
					await set(clients.lead, s.questions.age.id, [
						{ question: s.questions.comment.id, test: 'answered' }
					])
				).error
			).toBeNull();
			const detail = await refused(s.questions.comment.id, [
				{ question: s.questions.age.id, test: 'answered' }
			]);
			expect(detail['rules.0']).toMatch(/go round in a circle/);
		});

		it('on a question of the same page', async () => {
			const s = await engine.createSurvey(org, { waves: ['open'] });
			await clients.lead.rpc('set_question_page', {
				p_question_id: s.questions.comment.id,
				p_same_page: true
			});
			const detail = await refused(s.questions.comment.id, [
				{ question: s.questions.services.id, test: 'answered' }
			]);
			expect(detail['rules.0']).toMatch(/on the same page as this question/);
		});

		it('naming an option that is not there (deleted), or none', async () => {
			const d1 = await refused(survey.questions.comment.id, [
				{ question: survey.questions.services.id, test: 'chosen', values: ['housing'] }
			]);
			expect(d1['rules.0']).toMatch(/no longer one of the answers .* it may have been deleted/);
			const d2 = await refused(survey.questions.comment.id, [
				{ question: survey.questions.services.id, test: 'chosen', values: [] }
			]);
			expect(d2['rules.0']).toMatch(/Choose at least one answer/);
		});

		it('that can never be true', async () => {
			const { feel, services } = survey.questions;
			expect(
				(await refused(survey.questions.age.id, [{ question: feel.id, test: 'not_answered' }]))['rules.0']
			).toMatch(/can never be true: everyone must answer/);
			expect(
				(
					await refused(survey.questions.comment.id, [
						{ question: feel.id, test: 'chosen', values: ['agree'] },
						{ question: feel.id, test: 'chosen', values: ['disagree'] }
					])
				)['rules.1']
			).toMatch(/can never be true together/);
			expect(
				(
					await refused(survey.questions.comment.id, [
						{ question: services.id, test: 'answered' },
						{ question: services.id, test: 'not_answered' }
					])
				)['rules.1']
			).toMatch(/can never be true together/);
		});

		it('numbers that can never be true', async () => {
			const s = await engine.createSurvey(org, { waves: ['open'] });
			// age on a page before a new last question
			const { data: added, error } = await clients.lead.rpc('add_question', {
				p_survey_id: s.id,
				p_kind: 'free_text',
				p_prompt: 'Tell us more',
				p_max_length: 100
			} as never);
			expect(error).toBeNull();
			const last = (added as unknown as { id: string }).id;
			const age = s.questions.age.id;
			expect((await refused(last, [{ question: age, test: 'between', min: 30, max: 40 }]))['rules.0']).toBe(
				'This can never be true: “How old are you?” takes numbers from 0 to 25.'.replace(
					'“How old are you?”',
					(
						await engine.db.query<{ p: string }>(
							"select '“' || prompt || '”' as p from app.questions where id = $1",
							[age]
						)
					)[0]!.p
				)
			);
			expect((await refused(last, [{ question: age, test: 'between', min: 9, max: 3 }]))['rules.0']).toMatch(
				/the lowest number \(9\) is more than the highest \(3\)/
			);
			expect(
				(await refused(last, [{ question: age, test: 'between', min: '', max: '' }]))['rules.0']
			).toMatch(/Enter the lowest number/);
			expect((await refused(last, [{ question: age, test: 'chosen', values: ['5'] }]))['rules.0']).toMatch(
				/has no answers to choose from/
			);
			// and good ones are taken
			expect(
				(await set(clients.lead, last, [{ question: age, test: 'between', min: 11, max: null }])).error
			).toBeNull();
		});

		it('writes nothing when any rule is bad', async () => {
			await refused(survey.questions.age.id, [
				agreeRule(survey),
				{ question: survey.questions.age.id, test: 'answered' }
			]);
			expect((await stored(survey.questions.age.id)).conditions).toBeNull();
		});
	});

	describe('what a condition names stays', () => {
		it('refuses to delete an option a condition names, with a message beside the options', async () => {
			const s = await engine.createSurvey(org, { waves: ['open'] });
			await set(clients.lead, s.questions.comment.id, [
				{ question: s.questions.services.id, test: 'chosen', values: ['education'] }
			]);
			const { error } = await clients.lead.rpc('update_question', {
				p_question_id: s.questions.services.id,
				p_prompt: 'Which services?',
				p_options: [
					{ id: s.questions.services.options.health, label: 'Health' },
					{ id: s.questions.services.options.social_care, label: 'Social care' }
				]
			} as never);
			expect(error?.hint).toBe('invalid_question');
			expect(JSON.parse(error!.details).options).toMatch(
				/cannot be deleted: .* is shown only to people who chose it/
			);
			const left = await engine.db.query('select 1 from app.question_options where question_id = $1', [
				s.questions.services.id
			]);
			expect(left).toHaveLength(3);
		});

		it('refuses to delete a question a condition names, but a whole survey goes', async () => {
			const s = await engine.createSurvey(org, { waves: ['open'] });
			await set(clients.lead, s.questions.age.id, [agreeRule(s)]);
			const { error } = await clients.lead.rpc('delete_question', { p_question_id: s.questions.feel.id });
			expect(error?.hint).toBe('has_conditions');
			expect(error?.message).toMatch(/cannot be deleted: .* is shown depending on its answer/);
			await engine.db.query('delete from app.surveys where id = $1', [s.id]);
			expect(await engine.db.query('select 1 from app.questions where survey_id = $1', [s.id])).toHaveLength(
				0
			);
		});

		it('refuses an order or a page layout that puts a question before what it depends on', async () => {
			const s = await engine.createSurvey(org, { waves: ['open'] });
			const { feel, services, comment, age } = s.questions;
			await set(clients.lead, age.id, [{ question: comment.id, test: 'answered' }]);
			const reorder = await clients.lead.rpc('reorder_questions', {
				p_survey_id: s.id,
				p_question_ids: [feel.id, services.id, age.id, comment.id]
			});
			expect(reorder.error?.hint).toBe('condition_order');
			const page = await clients.lead.rpc('set_question_page', { p_question_id: age.id, p_same_page: true });
			expect(page.error?.hint).toBe('condition_order');
			const rows = await engine.db.query<{ key: string }>(
				'select key from app.questions where survey_id = $1 and not same_page order by position',
				[s.id]
			);
			expect(rows.map((r) => r.key)).toEqual(['feel', 'services', 'comment', 'age']);
		});
	});

	describe('a change after answers exist', () => {
		it('is versioned like a change of wording, with the same warning', async () => {
			const s = await engine.createSurvey(org, { waves: ['open'] });
			await engine.addResponses(s, s.waves.open!, 2, { feel: 'agree', comment: 'yes' });
			const { data, error } = await set(clients.officer, s.questions.comment.id, [agreeRule(s)]);
			expect(error).toBeNull();
			expect(data).toMatchObject({
				version: 2,
				versioned: true,
				warning:
					'People have already answered this question. Results before and after this change may not be comparable.'
			});
			const versions = await engine.db.query<{ version: number; conditions: unknown }>(
				'select version, conditions from app.question_versions where question_id = $1',
				[s.questions.comment.id]
			);
			expect(versions).toEqual([{ version: 1, conditions: null }]);
			// the same condition again is no change
			const again = await set(clients.officer, s.questions.comment.id, [agreeRule(s)]);
			expect(again.data).toMatchObject({ version: 2, versioned: false });
		});
	});

	describe('submit_response is the referee', () => {
		it('requires a required question only when shown, and refuses an answer to a hidden one', async () => {
			const s = await engine.createSurvey(org, { waves: ['open'] });
			const wave = s.waves.open!;
			// comment shown only to those who agree; age (now required) only to those who wrote a comment
			await set(clients.lead, s.questions.comment.id, [agreeRule(s)]);
			await engine.db.query('update app.questions set required = true where id = $1', [s.questions.age.id]);
			await set(clients.lead, s.questions.age.id, [{ question: s.questions.comment.id, test: 'answered' }]);

			// disagree: comment and age are hidden, so age is not required
			expect((await submit(wave, { feel: 'disagree' })).error).toBeNull();
			// and an answer to them is refused, with a message beside it
			const hidden = await submit(wave, { feel: 'disagree', comment: 'hello' });
			expect(hidden.error?.hint).toBe('invalid_answers');
			expect(JSON.parse(hidden.error!.details)).toEqual({
				comment: 'This question is not asked after the answers given before it. Leave it out.'
			});
			// a chain: comment hidden, so age is hidden too
			const chained = await submit(wave, { feel: 'disagree', comment: 'hi', age: 9 });
			expect(Object.keys(JSON.parse(chained.error!.details)).sort()).toEqual(['age', 'comment']);
			// agree and comment: age is shown and required
			const missing = await submit(wave, { feel: 'agree', comment: 'hi' });
			expect(JSON.parse(missing.error!.details)).toEqual({ age: 'Answer this question to continue.' });
			expect((await submit(wave, { feel: 'agree', comment: 'hi', age: 9 })).error).toBeNull();
			// agree without a comment: age hidden, nothing required
			expect((await submit(wave, { feel: 'strongly_agree' })).error).toBeNull();

			const rows = await engine.db.query<{ n: number }>(
				'select count(*)::int as n from app.responses where wave_id = $1',
				[wave.id]
			);
			expect(rows[0]!.n).toBe(3);
		});

		it('any of several conditions, a number range, and several answers', async () => {
			const s = await engine.createSurvey(org, { waves: ['open'] });
			const wave = s.waves.open!;
			const { data: added } = await clients.lead.rpc('add_question', {
				p_survey_id: s.id,
				p_kind: 'free_text',
				p_prompt: 'What would help?',
				p_max_length: 100
			} as never);
			const help = added as unknown as { id: string; key: string };
			await set(
				clients.lead,
				help.id,
				[
					{ question: s.questions.age.id, test: 'between', min: 16, max: 25 },
					{ question: s.questions.services.id, test: 'chosen', values: ['social_care'] }
				],
				'any'
			);
			expect((await submit(wave, { feel: 'agree', age: 17, [help.key]: 'x' })).error).toBeNull();
			expect(
				(await submit(wave, { feel: 'agree', services: ['health', 'social_care'], [help.key]: 'x' })).error
			).toBeNull();
			const neither = await submit(wave, { feel: 'agree', age: 12, services: ['health'], [help.key]: 'x' });
			expect(Object.keys(JSON.parse(neither.error!.details))).toEqual([help.key]);
		});
	});
});
