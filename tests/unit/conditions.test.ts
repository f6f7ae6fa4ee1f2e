import { describe, expect, it } from 'vitest';
import {
	conditionMet,
	describeConditions,
	shownKeys,
	withoutHidden,
	type Conditions
} from '../../src/lib/conditions';
import { pageShown, stepsOf, visibleSteps, dropHidden } from '../../src/lib/respondent/steps';
import { validateResponse } from '../../src/lib/respondent/response';
import type { RespondentQuestion, RespondentSurvey } from '../../src/lib/respondent/survey';

const UUID = '2b1b6c52-5f0e-4c44-9d1e-0d7f6b7a7c10';

const options = (...values: string[]) =>
	values.map((value) => ({ value, label: value, easy_read_label: null, symbol: null }));

function question(key: string, extra: Partial<RespondentQuestion> = {}): RespondentQuestion {
	return {
		key,
		kind: 'yes_no_unsure',
		prompt: `${key}?`,
		easy_read_prompt: null,
		help_text: null,
		required: false,
		max_length: null,
		min_value: null,
		max_value: null,
		options: options('yes', 'no', 'not_sure'),
		...extra
	};
}

function surveyOf(questions: RespondentQuestion[]): RespondentSurvey {
	return {
		organisation: { name: 'Northbridge', slug: 'northbridge', you_said_we_did_url: null },
		survey: {
			slug: 's',
			title: 'T',
			audience: 'parent_carers',
			easy_read: false,
			introduction: '',
			privacy_notice: ''
		},
		wave: {
			slug: 'w',
			label: 'W',
			kind: 'baseline',
			opens_at: '2026-01-01T00:00:00Z',
			closes_at: '2027-01-01T00:00:00Z',
			status: 'open',
			invitation_only: false
		},
		questions,
		languages: [],
		about: []
	};
}

const ifYes: Conditions = { match: 'all', rules: [{ question: 'plan', test: 'chosen', values: ['yes'] }] };

/** plan (required); review (required, only if plan is yes); age (number); help (only if review answered or age 16+) */
const survey = () =>
	surveyOf([
		question('plan', { required: true }),
		question('review', { required: true, show_if: ifYes }),
		question('age', { kind: 'number', options: [], min_value: 0, max_value: 25 }),
		question('help', {
			kind: 'free_text',
			options: [],
			max_length: 100,
			show_if: {
				match: 'any',
				rules: [
					{ question: 'review', test: 'answered' },
					{ question: 'age', test: 'between', min: 16 }
				]
			}
		})
	]);

describe('conditions', () => {
	it('one answer, any of several, a range, answered and not answered; all or any', () => {
		expect(conditionMet(ifYes, { plan: 'yes' })).toBe(true);
		expect(conditionMet(ifYes, { plan: 'no' })).toBe(false);
		expect(conditionMet(ifYes, {})).toBe(false);
		const several: Conditions = {
			match: 'all',
			rules: [{ question: 'services', test: 'chosen', values: ['health', 'care'] }]
		};
		expect(conditionMet(several, { services: ['education', 'care'] })).toBe(true);
		expect(conditionMet(several, { services: ['education'] })).toBe(false);
		const range: Conditions = {
			match: 'all',
			rules: [{ question: 'age', test: 'between', min: 5, max: 10 }]
		};
		expect([4, 5, 10, 11].map((n) => conditionMet(range, { age: String(n) }))).toEqual([
			false,
			true,
			true,
			false
		]);
		expect(conditionMet(range, { age: 'five' })).toBe(false);
		const notAnswered: Conditions = { match: 'all', rules: [{ question: 'x', test: 'not_answered' }] };
		expect(conditionMet(notAnswered, { x: '' })).toBe(true);
		expect(conditionMet(notAnswered, { x: 'a' })).toBe(false);
		const both: Conditions = { match: 'all', rules: [...ifYes.rules, ...range.rules] };
		expect(conditionMet(both, { plan: 'yes', age: '3' })).toBe(false);
		expect(conditionMet({ ...both, match: 'any' }, { plan: 'yes', age: '3' })).toBe(true);
		expect(conditionMet(null, {})).toBe(true);
	});

	it('chains: an answer to a hidden question counts as not given', () => {
		const s = survey();
		expect([...shownKeys(s.questions, { plan: 'yes', review: 'yes' })]).toEqual([
			'plan',
			'review',
			'age',
			'help'
		]);
		// plan no: review hidden, so its (stale) answer does not show help
		expect([...shownKeys(s.questions, { plan: 'no', review: 'yes' })]).toEqual(['plan', 'age']);
		expect([...shownKeys(s.questions, { plan: 'no', age: '17' })]).toEqual(['plan', 'age', 'help']);
	});

	it('drops the answers of hidden questions, naming them', () => {
		const s = survey();
		const { answers, dropped } = withoutHidden(s.questions, {
			plan: 'no',
			review: 'yes',
			help: 'x',
			age: ''
		});
		expect(answers).toEqual({ plan: 'no', age: '' });
		expect(dropped).toEqual(['review', 'help']);
		expect(dropHidden(s, { plan: 'no', review: 'yes' }).dropped.map((q) => q.key)).toEqual(['review']);
	});

	it('says a condition in plain words', () => {
		const questions = [
			{
				id: 'q1',
				prompt: 'Does your child have an EHC plan?',
				options: [
					{ value: 'yes', label: 'Yes' },
					{ value: 'not_sure', label: 'Not sure' }
				]
			},
			{ id: 'q2', prompt: 'How old is your child?', options: [] }
		];
		expect(
			describeConditions(
				{ match: 'all', rules: [{ question: 'q1', test: 'chosen', values: ['yes'] }] },
				questions
			)
		).toBe('Shown only to people who answered Yes to ‘Does your child have an EHC plan?’.');
		expect(
			describeConditions(
				{
					match: 'any',
					rules: [
						{ question: 'q1', test: 'chosen', values: ['yes', 'not_sure'] },
						{ question: 'q2', test: 'between', min: 16, max: null }
					]
				},
				questions
			)
		).toBe(
			'Shown only to people who answered Yes or Not sure to ‘Does your child have an EHC plan?’ or answered 16 or more to ‘How old is your child?’.'
		);
		expect(describeConditions(null, questions)).toBeNull();
		// figures read off the question say who was asked, with every rule of an "all" condition
		expect(
			describeConditions(
				{
					match: 'all',
					rules: [
						{ question: 'q1', test: 'chosen', values: ['yes'] },
						{ question: 'q2', test: 'between', min: null, max: 11 }
					]
				},
				questions,
				'Asked only of'
			)
		).toBe(
			'Asked only of people who answered Yes to ‘Does your child have an EHC plan?’ and answered 11 or less to ‘How old is your child?’.'
		);
		expect(describeConditions({ match: 'all', rules: [] }, questions, 'Asked only of')).toBeNull();
	});
});

describe('the path a respondent takes', () => {
	it('skips pages the answers hide, going on and going back, and counts only the pages seen', () => {
		const s = survey();
		const steps = stepsOf(s);
		const no = shownKeys(s.questions, { plan: 'no' });
		// pages: 1 plan, 2 review, 3 age, 4 help, 5 who
		expect(pageShown(steps, no, 2, 1)).toBe(3);
		expect(pageShown(steps, no, 4, 1)).toBe(5);
		expect(pageShown(steps, no, 2, -1)).toBe(1);
		expect(visibleSteps(steps, no).map((x) => x.number)).toEqual([1, 3, 5]);
		const yes = shownKeys(s.questions, { plan: 'yes' });
		expect(pageShown(steps, yes, 2, 1)).toBe(2);
		expect(visibleSteps(steps, yes).map((x) => x.number)).toEqual([1, 2, 3, 5]);
	});

	it('requires a required question only when it is shown, and leaves out a hidden answer', () => {
		const s = survey();
		const values = (answers: Record<string, string>) => ({
			response_id: UUID,
			answers: { plan: '', review: '', age: '', help: '', ...answers },
			about: {},
			panel_code: '',
			assistance: ''
		});
		const no = validateResponse(values({ plan: 'no', review: 'yes' }), s);
		expect(no).toEqual({
			ok: true,
			data: { responseId: UUID, answers: { plan: 'no' }, about: {}, panelCode: null, assistance: null }
		});
		const yes = validateResponse(values({ plan: 'yes' }), s);
		expect(yes).toEqual({ ok: false, errors: { review: 'Answer this question to continue.' } });
	});
});
