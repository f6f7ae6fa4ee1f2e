/**
 * Symbols for questions and options (OpenMoji hexcodes): set and changed through the builder's API,
 * read back by the builder and by respondents, and refused with a message beside the field when
 * they are not a hexcode.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { forEachEngine, parseDetails, type Client, type Engine, type Organisation } from './engines';

interface Opt {
	id: string;
	value: string;
	label: string;
	symbol: string | null;
}
interface Q {
	id: string;
	key: string;
	symbol: string | null;
	version: number;
	options: Opt[];
}

async function ok<T>(promise: PromiseLike<{ data: unknown; error: { message: string } | null }>): Promise<T> {
	const { data, error } = await promise;
	if (error) throw new Error(error.message);
	return data as T;
}

forEachEngine('question and option symbols', (engine: Engine) => {
	let org: Organisation;
	let lead: Client;
	let surveyId: string;
	let slug: string;

	beforeAll(async () => {
		org = await engine.createOrganisation();
		lead = await engine.signInAs(await engine.createMember(org, 'lead'));
		const s = await ok<{ id: string; slug: string }>(
			lead.rpc('create_survey', {
				p_organisation_id: org.id,
				p_title: 'Getting to school',
				p_audience: 'children_young_people'
			})
		);
		surveyId = s.id;
		slug = s.slug;
	});

	const question = async (id: string) => {
		const s = await ok<{ questions: Q[] }>(lead.rpc('survey_for_builder', { p_survey_id: surveyId }));
		return s.questions.find((q) => q.id === id)!;
	};

	describe('add_question and update_question', () => {
		it('keeps a question symbol and option symbols, and shows them to respondents', async () => {
			const added = await ok<{ id: string }>(
				lead.rpc('add_question', {
					p_survey_id: surveyId,
					p_kind: 'single_choice',
					p_prompt: 'How do you get to school?',
					p_symbol: '1F3EB',
					p_options: [{ label: 'Bus', symbol: '1F68C' }, { label: 'Car', symbol: '1F697' }, { label: 'Walk' }]
				})
			);
			let q = await question(added.id);
			expect(q.symbol).toBe('1F3EB');
			expect(q.options.map((o) => [o.label, o.symbol])).toEqual([
				['Bus', '1F68C'],
				['Car', '1F697'],
				['Walk', null]
			]);

			const [bus, car, walk] = q.options as [Opt, Opt, Opt];
			const changed = await ok<{ version: number; versioned: boolean }>(
				lead.rpc('update_question', {
					p_question_id: q.id,
					p_prompt: 'How do you get to school?',
					p_symbol: '1F68C',
					p_options: [
						{ id: bus.id, label: 'Bus', symbol: '' },
						{ id: car.id, label: 'Car' },
						{ id: walk.id, label: 'Walk', symbol: '1F6B6' }
					]
				})
			);
			expect(changed.versioned).toBe(false);
			q = await question(added.id);
			expect(q.symbol).toBe('1F68C');
			expect(q.version).toBe(1);
			expect(q.options.map((o) => [o.label, o.symbol])).toEqual([
				['Bus', null],
				['Car', '1F697'],
				['Walk', '1F6B6']
			]);

			// left out, the question's symbol stays
			await ok(lead.rpc('update_question', { p_question_id: q.id, p_prompt: 'How do you get to school?' }));
			expect((await question(added.id)).symbol).toBe('1F68C');

			await ok(
				lead.rpc('create_wave', {
					p_survey_id: surveyId,
					p_kind: 'baseline',
					p_label: 'Spring',
					p_opens_at: new Date(Date.now() - 86_400_000).toISOString(),
					p_closes_at: new Date(Date.now() + 86_400_000).toISOString()
				})
			);
			const r = await ok<{
				questions: {
					key: string;
					symbol: string | null;
					options: { label: string; symbol: string | null }[];
				}[];
			}>(engine.anon().rpc('survey_for_respondent', { p_slug: slug }));
			const rq = r.questions.find((x) => x.key === q.key)!;
			expect(rq.symbol).toBe('1F68C');
			expect(rq.options.map((o) => o.symbol)).toEqual([null, '1F697', '1F6B6']);
		});

		it('gives faces their OpenMoji faces, which may be changed by value', async () => {
			const added = await ok<{ id: string }>(
				lead.rpc('add_question', {
					p_survey_id: surveyId,
					p_kind: 'faces_3',
					p_prompt: 'How do you feel at school?',
					p_options: [{ value: 'happy', symbol: '1F601' }]
				})
			);
			const q = await question(added.id);
			expect(q.symbol).toBeNull();
			expect(q.options.map((o) => o.symbol)).toEqual(['1F601', '1F610', '1F641']);
		});

		it('refuses a symbol that is not a hexcode, with a message beside the field', async () => {
			const bad = await lead.rpc('add_question', {
				p_survey_id: surveyId,
				p_kind: 'single_choice',
				p_prompt: 'Which do you like?',
				p_symbol: 'grinning-face',
				p_options: [
					{ label: 'Dogs', symbol: '1F415' },
					{ label: 'Cats', symbol: '<script>' }
				]
			});
			expect(bad.error?.hint).toBe('invalid_question');
			expect(parseDetails(bad.error?.details)).toEqual({
				symbol: 'Choose a symbol from the list, or no symbol.',
				'options.1': 'Choose a symbol from the list, or no symbol.'
			});

			const added = await ok<{ id: string }>(
				lead.rpc('add_question', {
					p_survey_id: surveyId,
					p_kind: 'yes_no_unsure',
					p_prompt: 'Do you like the bus?'
				})
			);
			const q = await question(added.id);
			const upd = await lead.rpc('update_question', {
				p_question_id: q.id,
				p_prompt: 'Do you like the bus?',
				p_symbol: '1f68c',
				p_options: q.options.map((o, i) => ({ id: o.id, label: o.label, symbol: i === 2 ? 'bus' : '' }))
			});
			expect(upd.error?.hint).toBe('invalid_question');
			expect(parseDetails(upd.error?.details)).toEqual({
				symbol: 'Choose a symbol from the list, or no symbol.',
				'options.2': 'Choose a symbol from the list, or no symbol.'
			});
		});
	});
});
