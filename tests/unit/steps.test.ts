import { describe, expect, it } from 'vitest';
import {
	carriedFields,
	fieldsOf,
	pageErrors,
	readAnswers,
	stepOfField,
	stepsOf,
	type DraftAnswers,
	type Step
} from '../../src/lib/respondent/steps';
import { MESSAGES, type ValidationMessages } from '../../src/lib/respondent/response';
import type { QuestionKind } from '../../src/lib/domain';
import type { RespondentQuestion, RespondentSurvey } from '../../src/lib/respondent/survey';

const UUID = '2b1b6c52-5f0e-4c44-9d1e-0d7f6b7a7c10';

const options = (...values: string[]) =>
	values.map((value) => ({ value, label: value, easy_read_label: null, symbol: null }));

function question(
	key: string,
	kind: QuestionKind,
	extra: Partial<RespondentQuestion> = {}
): RespondentQuestion {
	return {
		key,
		kind,
		prompt: `${key}?`,
		easy_read_prompt: null,
		help_text: null,
		required: false,
		max_length: null,
		min_value: null,
		max_value: null,
		options: [],
		...extra
	};
}

/** A new survey object each time: stepsOf keeps the pages of each survey object. */
function surveyOf(questions: RespondentQuestion[], about = true): RespondentSurvey {
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
		about: about
			? [
					{
						key: 'phase',
						label: 'Phase',
						categories: [
							{ code: 'primary', label: 'Primary' },
							{ code: 'secondary', label: 'Secondary' }
						]
					},
					{ key: 'area', label: 'Area', categories: [{ code: 'north', label: 'North' }] }
				]
			: []
	};
}

/**
 * Page 1: involved, listened and help (several choices); page 2: age and say; page 3: last; then
 * who (4) and about you (5).
 */
function grouped(): RespondentSurvey {
	return surveyOf([
		question('involved', 'agreement_5', {
			required: true,
			options: options('strongly_agree', 'agree', 'disagree')
		}),
		question('listened', 'agreement_5', {
			required: true,
			same_page: true,
			options: options('strongly_agree', 'agree', 'disagree')
		}),
		question('help', 'multi_choice', { same_page: true, options: options('a', 'b', 'c') }),
		question('age', 'number', { min_value: 0, max_value: 25 }),
		question('say', 'free_text', { same_page: true, required: true, max_length: 10 }),
		question('last', 'yes_no_unsure', { same_page: false, options: options('yes', 'no', 'unsure') })
	]);
}

/** What a page shows of itself: kind, number, its questions' keys and the number of the first. */
const outline = (steps: Step[]) =>
	steps.map((s) =>
		s.kind === 'questions'
			? { kind: s.kind, number: s.number, keys: s.questions.map((q) => q.key), first: s.first }
			: { kind: s.kind, number: s.number }
	);

function form(pairs: [string, string][]): FormData {
	const f = new FormData();
	for (const [name, value] of pairs) f.append(name, value);
	return f;
}

describe('stepsOf', () => {
	it('gives each question a page of its own when none shares, then who and about you', () => {
		const survey = surveyOf([question('a', 'free_text', { max_length: 5 }), question('b', 'number')]);
		expect(outline(stepsOf(survey))).toEqual([
			{ kind: 'questions', number: 1, keys: ['a'], first: 1 },
			{ kind: 'questions', number: 2, keys: ['b'], first: 2 },
			{ kind: 'who', number: 3 },
			{ kind: 'about', number: 4 }
		]);
	});

	it('groups each question that shares the page of the one before, numbering pages and first questions', () => {
		expect(outline(stepsOf(grouped()))).toEqual([
			{ kind: 'questions', number: 1, keys: ['involved', 'listened', 'help'], first: 1 },
			{ kind: 'questions', number: 2, keys: ['age', 'say'], first: 4 },
			{ kind: 'questions', number: 3, keys: ['last'], first: 6 },
			{ kind: 'who', number: 4 },
			{ kind: 'about', number: 5 }
		]);
	});

	it('ignores same_page on the first question', () => {
		const survey = surveyOf([
			question('a', 'number', { same_page: true }),
			question('b', 'number', { same_page: true }),
			question('c', 'number')
		]);
		expect(outline(stepsOf(survey))).toEqual([
			{ kind: 'questions', number: 1, keys: ['a', 'b'], first: 1 },
			{ kind: 'questions', number: 2, keys: ['c'], first: 3 },
			{ kind: 'who', number: 3 },
			{ kind: 'about', number: 4 }
		]);
	});

	it('can put every question on one page', () => {
		const survey = surveyOf(
			['a', 'b', 'c', 'd', 'e'].map((k, i) => question(k, 'number', { same_page: i > 0 })),
			false
		);
		expect(outline(stepsOf(survey))).toEqual([
			{ kind: 'questions', number: 1, keys: ['a', 'b', 'c', 'd', 'e'], first: 1 },
			{ kind: 'who', number: 2 }
		]);
	});

	it('has no about-you page when the survey asks none, and who comes straight after the questions', () => {
		const survey = surveyOf([question('a', 'number'), question('b', 'number', { same_page: true })], false);
		expect(outline(stepsOf(survey))).toEqual([
			{ kind: 'questions', number: 1, keys: ['a', 'b'], first: 1 },
			{ kind: 'who', number: 2 }
		]);
	});

	it('finds the page of every field, a grouped question by its page', () => {
		const survey = grouped();
		const steps = stepsOf(survey);
		expect(steps.map((s) => fieldsOf(s, survey))).toEqual([
			['involved', 'listened', 'help'],
			['age', 'say'],
			['last'],
			['assistance', 'panel_code'],
			['about.phase', 'about.area']
		]);
		expect(
			['involved', 'help', 'age', 'say', 'last', 'panel_code', 'about.area', 'nav'].map((f) =>
				stepOfField(f, survey)
			)
		).toEqual([1, 1, 2, 2, 3, 4, 5, null]);
	});

	it('gives the same pages for the same survey object', () => {
		const survey = grouped();
		expect(stepsOf(survey)).toBe(stepsOf(survey));
	});
});

describe('readAnswers', () => {
	it('reads a page and the answers it carries from the others, several choices as a list', () => {
		const survey = grouped();
		const answers = readAnswers(
			form([
				// page 2's own fields
				['age', '7'],
				['say', 'Fine'],
				// carried from page 1, several choices one field each
				['involved', 'agree'],
				['listened', 'disagree'],
				['help', 'a'],
				['help', 'c'],
				// carried from who
				['assistance', 'helped'],
				['panel_code', 'K7QP-2MXA'],
				['about.phase', 'primary']
			]),
			survey
		);
		expect(answers).toEqual({
			involved: 'agree',
			listened: 'disagree',
			help: ['a', 'c'],
			age: '7',
			say: 'Fine',
			last: '',
			assistance: 'helped',
			panel_code: 'K7QP-2MXA',
			'about.phase': 'primary',
			'about.area': ''
		});
	});

	it('keeps a field left out as not answered: empty, and an empty list for several choices', () => {
		const survey = grouped();
		expect(readAnswers(form([]), survey)).toEqual({
			involved: '',
			listened: '',
			help: [],
			age: '',
			say: '',
			last: '',
			assistance: '',
			panel_code: '',
			'about.phase': '',
			'about.area': ''
		});
		expect(readAnswers(form([['help', 'b']]), survey).help).toEqual(['b']);
	});

	it("ignores fields that are not the survey's", () => {
		const survey = grouped();
		const answers = readAnswers(
			form([
				['nav', 'continue'],
				['from', '1'],
				['response_id', UUID],
				['resume_code', 'ABCD-EFGH'],
				['panel_code_new', 'not a code'],
				['about.shoe_size', '9'],
				['unknown', 'x'],
				['involved', 'agree']
			]),
			survey
		);
		expect(Object.keys(answers).sort()).toEqual(
			[
				'involved',
				'listened',
				'help',
				'age',
				'say',
				'last',
				'assistance',
				'panel_code',
				'about.phase',
				'about.area'
			].sort()
		);
		expect(answers.involved).toBe('agree');
		expect(answers.panel_code).toBe('');
	});

	it('takes the panel code offered when none is typed, and a typed code before it', () => {
		const survey = grouped();
		expect(readAnswers(form([['panel_code_new', 'K7QP-2MXA']]), survey).panel_code).toBe('K7QP-2MXA');
		expect(
			readAnswers(
				form([
					['panel_code', ''],
					['panel_code_new', 'K7QP-2MXA']
				]),
				survey
			).panel_code
		).toBe('K7QP-2MXA');
		expect(
			readAnswers(
				form([
					['panel_code', 'AB12-CD34'],
					['panel_code_new', 'K7QP-2MXA']
				]),
				survey
			).panel_code
		).toBe('AB12-CD34');
		// only a well-formed code is taken from the offer
		expect(readAnswers(form([['panel_code_new', 'k7qp-2mxa']]), survey).panel_code).toBe('');
		expect(readAnswers(form([['panel_code_new', 'K7QP2MXA']]), survey).panel_code).toBe('');
	});
});

describe('carriedFields', () => {
	const answers: DraftAnswers = {
		involved: 'agree',
		listened: '',
		help: ['a', 'c'],
		age: '7',
		say: 'Fine',
		last: '',
		assistance: 'own',
		panel_code: '',
		'about.phase': 'primary',
		'about.area': ''
	};

	it("leaves out the page's own fields and answers not given; several choices are one pair a choice", () => {
		expect(carriedFields(answers, ['age', 'say'])).toEqual([
			['involved', 'agree'],
			['help', 'a'],
			['help', 'c'],
			['assistance', 'own'],
			['about.phase', 'primary']
		]);
		expect(carriedFields(answers, ['involved', 'listened', 'help'])).toEqual([
			['age', '7'],
			['say', 'Fine'],
			['assistance', 'own'],
			['about.phase', 'primary']
		]);
	});

	it('carries every answer given from check your answers, and nothing when nothing is given', () => {
		expect(carriedFields(answers, [])).toHaveLength(7);
		expect(carriedFields({ help: [], say: '' }, [])).toEqual([]);
		expect(carriedFields({}, ['say'])).toEqual([]);
	});

	it('carries the answers through a page and back: the next page reads them as they were', () => {
		const survey = grouped();
		const steps = stepsOf(survey);
		const given = readAnswers(
			form([
				['involved', 'agree'],
				['help', 'a'],
				['help', 'c'],
				['age', '7'],
				['say', 'Fine'],
				['assistance', 'own'],
				['about.phase', 'primary']
			]),
			survey
		);
		expect(given).toEqual(answers);
		for (const step of steps) {
			const own = fieldsOf(step, survey);
			// the page posts its own fields as shown, and the others as hidden fields
			const shown: [string, string][] = own.flatMap((f) => {
				const v = given[f] ?? '';
				return (Array.isArray(v) ? v : [v]).map((x): [string, string] => [f, x]);
			});
			expect({
				step: step.number,
				answers: readAnswers(form([...shown, ...carriedFields(given, own)]), survey)
			}).toEqual({ step: step.number, answers });
		}
	});
});

describe('pageErrors', () => {
	const survey = grouped();
	const steps = stepsOf(survey);
	const wrong: DraftAnswers = {
		involved: '',
		listened: 'maybe',
		help: ['a', 'z'],
		age: '99',
		say: '',
		last: 'perhaps',
		assistance: 'someone',
		panel_code: 'nope',
		'about.phase': 'tertiary',
		'about.area': ''
	};

	it('gives messages for every question of a grouped page, and for no other page', () => {
		expect(pageErrors(wrong, survey, steps[0]!, UUID)).toEqual({
			involved: MESSAGES.required,
			listened: MESSAGES.choose,
			help: MESSAGES.chooseMany
		});
		expect(pageErrors(wrong, survey, steps[1]!, UUID)).toEqual({
			age: MESSAGES.number(0, 25),
			say: MESSAGES.required
		});
		expect(pageErrors(wrong, survey, steps[2]!, UUID)).toEqual({ last: MESSAGES.choose });
		expect(pageErrors(wrong, survey, steps[3]!, UUID)).toEqual({
			assistance: MESSAGES.assistance,
			panel_code: MESSAGES.panelCode
		});
		expect(pageErrors(wrong, survey, steps[4]!, UUID)).toEqual({ 'about.phase': MESSAGES.choose });
	});

	it("gives none for a page whose answers are right, however wrong the other pages' are", () => {
		const right = { ...wrong, involved: 'agree', listened: 'strongly_agree', help: ['b'] };
		expect(pageErrors(right, survey, steps[0]!, UUID)).toEqual({});
		expect(Object.keys(pageErrors(right, survey, steps[1]!, UUID))).toEqual(['age', 'say']);
		// a page that is only partly wrong names only the questions that are
		expect(pageErrors({ ...right, help: ['z'] }, survey, steps[0]!, UUID)).toEqual({
			help: MESSAGES.chooseMany
		});
	});

	it('uses the wording it is given', () => {
		const m: ValidationMessages = { ...MESSAGES, required: 'Odpowiedz na to pytanie.' };
		expect(pageErrors(wrong, survey, steps[1]!, UUID, m)).toEqual({
			age: MESSAGES.number(0, 25),
			say: 'Odpowiedz na to pytanie.'
		});
	});
});
