/**
 * A short group of questions a page (20261201000200_question_pages.sql): api.set_question_page puts
 * a question on the same page as the one before it, for admins, leads and officers of its
 * organisation only; it is layout, so it makes no new version and answers compare as before; and
 * api.survey_for_respondent and api.survey_for_builder say, for each question, whether it shares the
 * page of the one before (same_page).
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
	type User
} from './engines';

const EDITORS: readonly MemberRole[] = ['admin', 'lead', 'officer'];
const READERS: readonly MemberRole[] = ['forum', 'scrutiny', 'safeguarding'];
const KEYS = ['feel', 'services', 'comment', 'age'];

interface BuilderQuestion {
	id: string;
	key: string;
	position: number;
	prompt: string;
	same_page: boolean;
	version: number;
	answered: boolean;
	answers: number;
	options: { id: string; value: string; label: string; answered: boolean }[];
	versions: { version: number; prompt: string }[];
}
interface RespondentQuestion {
	key: string;
	prompt: string;
	same_page: boolean;
	options: { value: string; label: string }[];
}

forEachEngine('question pages (api.set_question_page)', (engine) => {
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

	const setPage = (c: Client, questionId: string, samePage: boolean | null) =>
		c.rpc('set_question_page', { p_question_id: questionId, p_same_page: samePage as boolean });

	async function builderQuestions(c: Client, surveyId: string): Promise<BuilderQuestion[]> {
		const { data, error } = await c.rpc('survey_for_builder', { p_survey_id: surveyId });
		if (error) throw new Error(error.message);
		return (data as unknown as { questions: BuilderQuestion[] }).questions;
	}

	async function respondentQuestions(slug: string): Promise<RespondentQuestion[]> {
		const { data, error } = await engine.anon().rpc('survey_for_respondent', { p_slug: slug });
		if (error) throw new Error(error.message);
		return (data as unknown as { questions: RespondentQuestion[] }).questions;
	}

	/** Each question's same_page as stored, in order. */
	async function stored(survey: Survey): Promise<boolean[]> {
		const rows = await engine.db.query<{ same_page: boolean }>(
			'select same_page from app.questions where survey_id = $1 order by position',
			[survey.id]
		);
		return rows.map((r) => r.same_page);
	}

	describe('who may change it', () => {
		it('lets an admin, a lead and an officer of the organisation put a question on the same page and back', async () => {
			const survey = await engine.createSurvey(org, { waves: ['open'] });
			const services = survey.questions.services.id;
			for (const role of EDITORS) {
				const on = await setPage(clients[role], services, true);
				expect({ role, error: on.error, status: on.status }).toEqual({ role, error: null, status: 204 });
				expect({ role, pages: await stored(survey) }).toEqual({ role, pages: [false, true, false, false] });
				const off = await setPage(clients[role], services, false);
				expect({ role, error: off.error }).toEqual({ role, error: null });
				expect({ role, pages: await stored(survey) }).toEqual({ role, pages: [false, false, false, false] });
			}
		});

		it('takes the same choice twice without complaint', async () => {
			const survey = await engine.createSurvey(org, { waves: ['open'] });
			for (const samePage of [true, true, false, false]) {
				const { error } = await setPage(clients.lead, survey.questions.comment.id, samePage);
				expect(error).toBeNull();
			}
			expect(await stored(survey)).toEqual([false, false, false, false]);
		});

		it('refuses forum, scrutiny, safeguarding, another organisation, an outsider and anon; nothing changes', async () => {
			const survey = await engine.createSurvey(org, { waves: ['open'] });
			await setPage(clients.lead, survey.questions.age.id, true);
			for (const who of [...READERS, 'leadOfOther', 'outsider'] as const) {
				for (const [key, samePage] of [
					['services', true],
					['age', false]
				] as const) {
					const { error, status } = await setPage(clients[who], survey.questions[key].id, samePage);
					expect({ who, key, status, hint: error?.hint }).toEqual({
						who,
						key,
						status: 403,
						hint: 'not_permitted'
					});
				}
			}
			const anon = await setPage(engine.anon(), survey.questions.services.id, true);
			expect(anon.status).toBe(401);
			expect(anon.data).toBeNull();
			expect(await stored(survey)).toEqual([false, false, false, true]);
		});

		it('keeps the column from readers, other organisations and outsiders written directly too', async () => {
			const survey = await engine.createSurvey(org, { waves: ['open'] });
			const others = await Promise.all([
				...READERS.map(async (r) => [r, members[r].id] as const),
				['leadOfOther', (await clients.leadOfOther.auth.getUser()).data.user!.id] as const,
				['outsider', (await clients.outsider.auth.getUser()).data.user!.id] as const
			]);
			for (const [who, userId] of others) {
				const rows = await engine.queryAs(
					'authenticated',
					userId,
					'update app.questions set same_page = true where survey_id = $1 returning id',
					[survey.id]
				);
				expect({ who, rows }).toEqual({ who, rows: [] });
			}
			await expect(
				engine.queryAs('anon', null, 'update app.questions set same_page = true where survey_id = $1', [
					survey.id
				])
			).rejects.toThrow(/permission denied for schema app/);
			expect(await stored(survey)).toEqual([false, false, false, false]);
		});

		it('refuses a question that does not exist as not permitted', async () => {
			const { error, status } = await setPage(clients.admin, randomUUID(), true);
			expect({ status, hint: error?.hint }).toEqual({ status: 403, hint: 'not_permitted' });
		});

		it('refuses a null choice, and changes nothing', async () => {
			const survey = await engine.createSurvey(org, { waves: ['open'] });
			await setPage(clients.lead, survey.questions.services.id, true);
			for (const role of EDITORS) {
				const { error, status } = await setPage(clients[role], survey.questions.services.id, null);
				expect({ role, status, hint: error?.hint }).toEqual({ role, status: 400, hint: 'invalid_request' });
				expect(error?.message).toBe('Say whether the question shares the page of the one before it.');
			}
			// who may not change the question hears that first, whatever they ask
			const forum = await setPage(clients.forum, survey.questions.services.id, null);
			expect(forum.error?.hint).toBe('not_permitted');
			expect(await stored(survey)).toEqual([false, true, false, false]);
		});
	});

	describe('layout only', () => {
		it('makes no new version of an answered question, and its answers compare across waves as before', async () => {
			const survey = await engine.createSurvey(org, { waves: ['closed', 'open'] });
			const { feel, services } = survey.questions;
			await engine.addResponses(survey, survey.waves.closed!, 3, { feel: 'agree', services: ['health'] });
			await engine.addResponses(survey, survey.waves.closed!, 1, { feel: 'disagree' });
			await engine.addResponses(survey, survey.waves.open!, 2, {
				feel: 'strongly_agree',
				services: ['education']
			});

			const trend = async () => {
				const { data, error } = await clients.lead.rpc('indicator_trend', { p_question_id: feel.id });
				if (error) throw new Error(error.message);
				return (data as { wave_id: string; n: number; positive: number }[]).map((t) => [
					t.wave_id,
					t.n,
					t.positive
				]);
			};
			const versions = async () => {
				const rows = await engine.db.query<{ n: number }>(
					'select count(*)::int as n from app.question_versions where question_id in ($1, $2)',
					[feel.id, services.id]
				);
				return rows[0]!.n;
			};
			const counts = async () => [
				await engine.countsOf(survey.waves.closed!.id),
				await engine.countsOf(survey.waves.open!.id)
			];

			const beforeBuilder = await builderQuestions(clients.lead, survey.id);
			const beforeRespondent = await respondentQuestions(survey.waves.open!.slug);
			const beforeTrend = await trend();
			const beforeCounts = await counts();
			expect(beforeTrend).toEqual([
				[survey.waves.closed!.id, 4, 3],
				[survey.waves.open!.id, 2, 2]
			]);
			expect(beforeBuilder.slice(0, 2).map((q) => [q.key, q.answered, q.answers])).toEqual([
				['feel', true, 6],
				['services', true, 5]
			]);

			// the answered questions change page: the second joins the first, and (ignored) the first too
			for (const id of [services.id, feel.id])
				expect((await setPage(clients.officer, id, true)).error).toBeNull();

			const afterBuilder = await builderQuestions(clients.lead, survey.id);
			expect(afterBuilder.map((q) => q.same_page)).toEqual([true, true, false, false]);
			const strip = (qs: BuilderQuestion[]) => qs.map(({ same_page: _, ...rest }) => rest);
			expect(strip(afterBuilder)).toEqual(strip(beforeBuilder));
			expect(afterBuilder.map((q) => [q.id, q.key, q.version, q.versions])).toEqual(
				KEYS.map((key) => [survey.questions[key as keyof Survey['questions']].id, key, 1, []])
			);
			expect(await versions()).toBe(0);
			const afterRespondent = await respondentQuestions(survey.waves.open!.slug);
			expect(afterRespondent.map(({ same_page: _, ...rest }) => rest)).toEqual(
				beforeRespondent.map(({ same_page: _, ...rest }) => rest)
			);
			expect(await trend()).toEqual(beforeTrend);
			expect(await counts()).toEqual(beforeCounts);

			// a response given after the change counts to the same question in the same wave
			const { error } = await engine.server().rpc('submit_response', {
				p_response_id: randomUUID(),
				p_wave_slug: survey.waves.open!.slug,
				p_answers: { feel: 'agree', services: ['health', 'social_care'] }
			});
			expect(error).toBeNull();
			expect(await trend()).toEqual([
				[survey.waves.closed!.id, 4, 3],
				[survey.waves.open!.id, 3, 3]
			]);

			// and back on a page of its own: still version 1, no earlier wording kept
			expect((await setPage(clients.admin, services.id, false)).error).toBeNull();
			const back = await builderQuestions(clients.lead, survey.id);
			expect(back.map((q) => [q.key, q.same_page, q.version])).toEqual([
				['feel', true, 1],
				['services', false, 1],
				['comment', false, 1],
				['age', false, 1]
			]);
			expect(await versions()).toBe(0);
		});
	});

	describe('what the respondent and the builder see', () => {
		let survey: Survey;
		beforeAll(async () => {
			survey = await engine.createSurvey(org, { waves: ['closed', 'open'] });
		});

		it('gives every question same_page, false until a question is put on the page before', async () => {
			expect((await respondentQuestions(survey.waves.open!.slug)).map((q) => [q.key, q.same_page])).toEqual(
				KEYS.map((key) => [key, false])
			);
			expect((await builderQuestions(clients.officer, survey.id)).map((q) => [q.key, q.same_page])).toEqual(
				KEYS.map((key) => [key, false])
			);
		});

		it('survey_for_respondent says which questions share the page before, by wave and by survey link', async () => {
			await setPage(clients.lead, survey.questions.services.id, true);
			await setPage(clients.lead, survey.questions.comment.id, true);
			for (const slug of [survey.waves.open!.slug, survey.waves.closed!.slug, survey.slug]) {
				const questions = await respondentQuestions(slug);
				expect({ slug, pages: questions.map((q) => [q.key, q.same_page]) }).toEqual({
					slug,
					pages: [
						['feel', false],
						['services', true],
						['comment', true],
						['age', false]
					]
				});
			}
		});

		it('survey_for_builder says so to every member, read-only roles too, and to no one outside', async () => {
			await setPage(clients.lead, survey.questions.services.id, true);
			await setPage(clients.lead, survey.questions.comment.id, false);
			await setPage(clients.lead, survey.questions.age.id, true);
			for (const role of MEMBER_ROLES) {
				const questions = await builderQuestions(clients[role], survey.id);
				expect({ role, pages: questions.map((q) => q.same_page) }).toEqual({
					role,
					pages: [false, true, false, true]
				});
			}
			for (const who of ['leadOfOther', 'outsider'] as const) {
				const { data } = await clients[who].rpc('survey_for_builder', { p_survey_id: survey.id });
				expect({ who, data }).toEqual({ who, data: null });
			}
		});

		it('keeps same_page with its question when the questions are reordered', async () => {
			const s = await engine.createSurvey(org, { waves: ['open'] });
			await setPage(clients.lead, s.questions.comment.id, true);
			const { error } = await clients.lead.rpc('reorder_questions', {
				p_survey_id: s.id,
				p_question_ids: [
					s.questions.comment.id,
					s.questions.feel.id,
					s.questions.services.id,
					s.questions.age.id
				]
			});
			expect(error).toBeNull();
			expect((await respondentQuestions(s.waves.open!.slug)).map((q) => [q.key, q.same_page])).toEqual([
				['comment', true],
				['feel', false],
				['services', false],
				['age', false]
			]);
		});
	});
});
