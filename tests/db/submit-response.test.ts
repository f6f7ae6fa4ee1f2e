/**
 * api.submit_response through supabase-js as the app's server calls it for a respondent (the service role,
 * naming the respondent's address); nobody else may call it.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
	forEachEngine,
	parseDetails,
	suffix,
	type Client,
	type Engine,
	type Survey,
	type Wave
} from './engines';

interface Submission {
	p_response_id?: string;
	p_wave_slug?: string;
	p_answers?: Record<string, unknown>;
	p_about?: Record<string, unknown>;
	p_channel?: string;
	p_panel_code?: string;
	p_assistance?: string;
	p_language?: string;
}

const VALID = { feel: 'agree', services: ['health', 'education'], comment: 'Thanks', age: 7 };

function submit(client: Client, wave: Wave, args: Submission = {}) {
	return client.rpc('submit_response', {
		p_response_id: randomUUID(),
		p_wave_slug: wave.slug,
		p_answers: VALID,
		...args
	});
}

/** Everything a submission could write for a wave: its responses, answers and running counts. */
async function written(engine: Engine, wave: Wave) {
	return { tally: await engine.tally(wave.id), counts: await engine.countsOf(wave.id) };
}

/** A fresh organisation with a survey, for one test. */
async function world(engine: Engine): Promise<{ survey: Survey; open: Wave }> {
	const org = await engine.createOrganisation();
	const survey = await engine.createSurvey(org);
	return { survey, open: survey.waves.open! };
}

forEachEngine('submit_response', (engine) => {
	describe('an open wave', () => {
		it('accepts an anonymous response and records the answers as given', async () => {
			const { survey, open } = await world(engine);
			const id = randomUUID();
			const { data, error, status } = await submit(engine.server(), open, {
				p_response_id: id,
				p_answers: {
					feel: 'agree',
					services: ['health', 'education', 'health'],
					comment: '  Thanks  ',
					age: 7
				},
				p_about: { phase: 'primary', gender: 'prefer_not_to_say', support: '' }
			});
			expect(error).toBeNull();
			expect(status).toBe(200);
			expect(data).toEqual({ response_id: id, duplicate: false });

			const [response] = await engine.db.query(
				`select wave_id, organisation_id, channel::text, assistance::text, panel_code, language, about
				   from app.responses where id = $1`,
				[id]
			);
			expect(response).toEqual({
				wave_id: open.id,
				organisation_id: survey.organisationId,
				channel: 'online',
				assistance: null,
				panel_code: null,
				language: 'en',
				about: { phase: 'primary', gender: 'prefer_not_to_say' }
			});
			const answers = await engine.db.query<{
				question_id: string;
				option_id: string | null;
				text_value: string | null;
				number: string | null;
			}>(
				`select question_id, option_id, text_value, number_value::text as number from app.answers where response_id = $1`,
				[id]
			);
			const q = survey.questions;
			expect(answers).toHaveLength(5);
			expect(answers).toEqual(
				expect.arrayContaining([
					{ question_id: q.feel.id, option_id: q.feel.options.agree, text_value: null, number: null },
					{
						question_id: q.services.id,
						option_id: q.services.options.health,
						text_value: null,
						number: null
					},
					{
						question_id: q.services.id,
						option_id: q.services.options.education,
						text_value: null,
						number: null
					},
					{ question_id: q.comment.id, option_id: null, text_value: 'Thanks', number: null },
					{ question_id: q.age.id, option_id: null, text_value: null, number: '7' }
				])
			);
		});

		it('records how the answers were given, and tidies a panel code', async () => {
			const { open } = await world(engine);
			const id = randomUUID();
			const { error } = await submit(engine.server(), open, {
				p_response_id: id,
				p_channel: 'easy_read',
				p_assistance: 'helped',
				p_panel_code: ' k7qp 2mxa ',
				p_language: 'cy'
			});
			expect(error).toBeNull();
			const [row] = await engine.db.query(
				`select channel::text, assistance::text, panel_code, language from app.responses where id = $1`,
				[id]
			);
			expect(row).toEqual({
				channel: 'easy_read',
				assistance: 'helped',
				panel_code: 'K7QP-2MXA',
				language: 'cy'
			});
		});

		it('is refused to anyone but the server: anon, and a member of any organisation, calling the API directly', async () => {
			const { open } = await world(engine);
			const org = await engine.createOrganisation();
			const officer = await engine.createMember(org, 'officer');
			expect((await submit(engine.anon(), open)).status).toBe(401);
			const { data, error, status } = await submit(await engine.signInAs(officer), open);
			expect(status).toBe(403);
			expect(error?.code).toBe('42501');
			expect(data).toBeNull();
			expect(await written(engine, open)).toMatchObject({ tally: { responses: 0, answers: 0 } });
		});
	});

	describe('idempotence', () => {
		it('answers the same response id sent twice with one response, counted once', async () => {
			const { open } = await world(engine);
			const respondent = engine.server();
			const id = randomUUID();
			const first = await submit(respondent, open, { p_response_id: id, p_about: { phase: 'secondary' } });
			expect(first.data).toEqual({ response_id: id, duplicate: false });
			const after = await written(engine, open);

			const second = await submit(respondent, open, { p_response_id: id, p_about: { phase: 'secondary' } });
			expect(second.error).toBeNull();
			expect(second.data).toEqual({ response_id: id, duplicate: true });
			expect(await written(engine, open)).toEqual(after);
			expect(after.tally).toEqual({ responses: 1, answers: 5 });
		});

		it('makes one response of two calls at the same moment with the same id', async () => {
			const { open } = await world(engine);
			const id = randomUUID();
			const results = await Promise.all([
				submit(engine.server(), open, { p_response_id: id }),
				submit(engine.server(), open, { p_response_id: id })
			]);
			expect(results.map((r) => r.error)).toEqual([null, null]);
			expect(results.map((r) => (r.data as { duplicate: boolean }).duplicate).sort()).toEqual([false, true]);
			expect(await engine.tally(open.id)).toEqual({ responses: 1, answers: 5 });
			const counts = await engine.countsOf(open.id);
			expect(counts.find((c) => c.table === 'wave_group_counts' && c.dimension === '_all')?.n).toBe(1);
		});

		it('answers a repeat as the first time did even after the wave has closed', async () => {
			const { open } = await world(engine);
			const id = randomUUID();
			await submit(engine.server(), open, { p_response_id: id });
			await engine.db.query(
				`update app.waves set opens_at = '2020-01-01', closes_at = '2020-02-01' where id = $1`,
				[open.id]
			);
			const again = await submit(engine.server(), open, { p_response_id: id });
			expect(again.error).toBeNull();
			expect(again.data).toEqual({ response_id: id, duplicate: true });
		});
	});

	describe('waves that are not open', () => {
		it('refuses a closed wave, saying when it closed, and writes nothing', async () => {
			const { survey } = await world(engine);
			const closed = survey.waves.closed!;
			const before = await written(engine, closed);
			const { data, error, status } = await submit(engine.server(), closed);
			expect(data).toBeNull();
			expect(status).toBe(400);
			expect(error).toMatchObject({ hint: 'wave_closed', message: 'This survey closed on 1 July 2024.' });
			expect(new Date(parseDetails(error?.details).closes_at as string)).toEqual(closed.closesAt);
			expect(await written(engine, closed)).toEqual(before);
		});

		it('refuses a wave not yet open, saying when it opens, and writes nothing', async () => {
			const { survey } = await world(engine);
			const future = survey.waves.future!;
			const { error, status } = await submit(engine.server(), future);
			expect(status).toBe(400);
			expect(error).toMatchObject({ hint: 'wave_not_open', message: 'This survey opens on 20 May 2099.' });
			expect(new Date(parseDetails(error?.details).opens_at as string)).toEqual(future.opensAt);
			expect(await written(engine, future)).toEqual({ tally: { responses: 0, answers: 0 }, counts: [] });
		});

		it('refuses a wave that does not exist', async () => {
			const { error, status } = await engine.server().rpc('submit_response', {
				p_response_id: randomUUID(),
				p_wave_slug: `no-such-${suffix()}`,
				p_answers: VALID
			});
			expect(status).toBe(400);
			expect(error).toMatchObject({ hint: 'not_found' });
		});
	});

	describe('invalid answers', () => {
		const PANEL =
			'A panel code is 8 letters and numbers, like K7QP-2MXA. Leave it empty if you do not have one.';
		const cases: {
			name: string;
			args: (survey: Survey, otherArea: string) => Submission;
			details: Record<string, string>;
		}[] = [
			{
				name: 'a required question left out',
				args: () => ({ p_answers: { services: ['health'] } }),
				details: { feel: 'Answer this question to continue.' }
			},
			{
				name: 'a required question answered with blanks',
				args: () => ({ p_answers: { ...VALID, feel: '   ' } }),
				details: { feel: 'Answer this question to continue.' }
			},
			{
				name: 'an option the question does not have',
				args: () => ({ p_answers: { ...VALID, feel: 'maybe' } }),
				details: { feel: 'Choose one of the answers given.' }
			},
			{
				name: 'a list for a single choice',
				args: () => ({ p_answers: { ...VALID, feel: ['agree'] } }),
				details: { feel: 'Choose one of the answers given.' }
			},
			{
				name: 'an unknown option among a multiple choice',
				args: () => ({ p_answers: { ...VALID, services: ['health', 'dentist'] } }),
				details: { services: 'Choose from the answers given.' }
			},
			{
				name: 'text over the maximum length',
				args: () => ({ p_answers: { ...VALID, comment: 'x'.repeat(21) } }),
				details: { comment: 'Keep your answer to 20 characters or fewer. It has 21.' }
			},
			{
				name: 'text that is not text',
				args: () => ({ p_answers: { ...VALID, comment: 42 } }),
				details: { comment: 'Write your answer as text.' }
			},
			{
				name: 'a number out of range',
				args: () => ({ p_answers: { ...VALID, age: 30 } }),
				details: { age: 'Enter a number from 0 to 25.' }
			},
			{
				name: 'a number that is not a number',
				args: () => ({ p_answers: { ...VALID, age: 'seven' } }),
				details: { age: 'Enter a number, like 5.' }
			},
			{
				name: 'an unknown question key',
				args: () => ({ p_answers: { ...VALID, shoe_size: '7' } }),
				details: { shoe_size: 'This question is not part of this survey.' }
			},
			{
				name: 'an unknown about-you category',
				args: () => ({ p_about: { phase: 'university' } }),
				details: { 'about.phase': 'Choose one of the answers given.' }
			},
			{
				name: 'an unknown about-you dimension',
				args: () => ({ p_about: { star_sign: 'leo' } }),
				details: { 'about.star_sign': 'Choose one of the answers given.' }
			},
			{
				name: "another organisation's own about-you category",
				args: (_survey, otherArea) => ({ p_about: { area: otherArea } }),
				details: { 'about.area': 'Choose one of the answers given.' }
			},
			{
				name: 'a malformed panel code',
				args: () => ({ p_panel_code: 'ABC-123' }),
				details: { panel_code: PANEL }
			},
			{
				name: 'an unknown channel',
				args: () => ({ p_channel: 'pigeon' }),
				details: { channel: 'Choose how the answers were given.' }
			},
			{
				name: 'an unknown assistance',
				args: () => ({ p_assistance: 'robot' }),
				details: { assistance: 'Choose who gave the answers.' }
			}
		];

		for (const c of cases) {
			it(`refuses ${c.name}, naming the field, and writes nothing`, async () => {
				const { survey, open } = await world(engine);
				const other = await engine.createOrganisation();
				const otherArea = `area_${suffix()}`;
				await engine.createAboutCategory(other, 'area', otherArea);
				const respondent = engine.server();
				// one good response first, so that there are counts that must not move
				expect((await submit(respondent, open, { p_about: { phase: 'primary' } })).error).toBeNull();
				const before = await written(engine, open);

				const id = randomUUID();
				const { data, error, status } = await submit(respondent, open, {
					p_response_id: id,
					...c.args(survey, otherArea)
				});
				expect(data).toBeNull();
				expect(status).toBe(400);
				expect(error).toMatchObject({
					code: 'P0001',
					hint: 'invalid_answers',
					message: 'Some answers need attention.'
				});
				expect(parseDetails(error?.details)).toEqual(c.details);
				expect(await written(engine, open)).toEqual(before);

				// the refused id was not taken: the same id with good answers is a new response
				const retry = await submit(respondent, open, { p_response_id: id });
				expect(retry.data).toEqual({ response_id: id, duplicate: false });
			});
		}

		it('refuses a number that is not finite, even for a question without bounds', async () => {
			const { survey, open } = await world(engine);
			await engine.db.query('update app.questions set min_value = null, max_value = null where id = $1', [
				survey.questions.age.id
			]);
			const before = await written(engine, open);
			for (const age of ['NaN', 'Infinity', '-Infinity']) {
				const { error } = await submit(engine.server(), open, { p_answers: { feel: 'agree', age } });
				expect({
					age,
					hint: error?.hint,
					details: error?.details ? parseDetails(error.details) : null
				}).toEqual({
					age,
					hint: 'invalid_answers',
					details: { age: 'Enter a number, like 5.' }
				});
			}
			expect(await written(engine, open)).toEqual(before);
		});

		it('names every bad field at once', async () => {
			const { open } = await world(engine);
			const before = await written(engine, open);
			const { error } = await submit(engine.server(), open, {
				p_answers: {
					services: ['health', 'dentist'],
					comment: 'far too long for this box',
					age: -1,
					shoe_size: 7
				},
				p_about: { phase: 'university', gender: 'girl_woman' },
				p_panel_code: 'ABC'
			});
			expect(error?.hint).toBe('invalid_answers');
			expect(parseDetails(error?.details)).toEqual({
				feel: 'Answer this question to continue.',
				services: 'Choose from the answers given.',
				comment: 'Keep your answer to 20 characters or fewer. It has 25.',
				age: 'Enter a number from 0 to 25.',
				shoe_size: 'This question is not part of this survey.',
				'about.phase': 'Choose one of the answers given.',
				panel_code: PANEL
			});
			expect(await written(engine, open)).toEqual(before);
		});
	});

	describe('running counts', () => {
		it('keeps wave, question and option counts equal to what app.rebuild_counts() recomputes', async () => {
			const { survey, open } = await world(engine);
			const respondent = engine.server();
			const submissions: Submission[] = [
				{
					p_answers: { feel: 'agree', services: ['health'] },
					p_about: { phase: 'primary', gender: 'girl_woman' }
				},
				{
					p_answers: { feel: 'strongly_agree', services: ['health', 'social_care'], age: 4 },
					p_about: { phase: 'primary' }
				},
				{ p_answers: { feel: 'disagree', comment: 'Slow replies' }, p_about: {} }
			];
			for (const s of submissions) expect((await submit(respondent, open, s)).error).toBeNull();

			const counted = await engine.countsOf(open.id);
			await engine.db.query('select app.rebuild_counts($1)', [open.id]);
			expect(await engine.countsOf(open.id)).toEqual(counted);
			await engine.db.query('select app.rebuild_counts()');
			expect(await engine.countsOf(open.id)).toEqual(counted);

			const n = (
				table: string,
				dimension: string,
				category: string,
				questionId: string | null = null,
				optionId: string | null = null
			) =>
				counted.find(
					(c) =>
						c.table === table &&
						c.dimension === dimension &&
						c.category === category &&
						c.question_id === questionId &&
						c.option_id === optionId
				)?.n;
			const q = survey.questions;
			expect(n('wave_group_counts', '_all', '_all')).toBe(3);
			expect(n('wave_group_counts', 'phase', 'primary')).toBe(2);
			expect(n('wave_group_counts', 'gender', 'girl_woman')).toBe(1);
			expect(n('question_counts', '_all', '_all', q.feel.id)).toBe(3);
			expect(n('question_counts', '_all', '_all', q.services.id)).toBe(2);
			expect(n('question_counts', 'phase', 'primary', q.age.id)).toBe(1);
			expect(n('option_counts', '_all', '_all', q.services.id, q.services.options.health!)).toBe(2);
			expect(n('option_counts', 'phase', 'primary', q.feel.id, q.feel.options.strongly_agree!)).toBe(1);
		});

		it('keeps the counts exact when many respondents submit at once', async () => {
			const { open } = await world(engine);
			const phases = ['early_years', 'primary', 'secondary', 'post_16'];
			const feelings = ['strongly_agree', 'agree', 'neither', 'disagree', 'strongly_disagree'];
			const results = await Promise.all(
				Array.from({ length: 16 }, (_, i) =>
					submit(engine.server(), open, {
						p_answers: { feel: feelings[i % 5], services: i % 2 ? ['health', 'education'] : ['social_care'] },
						p_about: { phase: phases[i % 4], gender: i % 3 ? 'boy_man' : 'girl_woman' }
					})
				)
			);
			expect(results.filter((r) => r.error)).toEqual([]);
			const counted = await engine.countsOf(open.id);
			expect(counted.find((c) => c.table === 'wave_group_counts' && c.dimension === '_all')?.n).toBe(16);
			await engine.db.query('select app.rebuild_counts($1)', [open.id]);
			expect(await engine.countsOf(open.id)).toEqual(counted);
		});
	});
});
