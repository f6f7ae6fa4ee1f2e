import { describe, expect, it } from 'vitest';
import { readResponseForm, validateResponse } from '../../src/lib/respondent/response';
import type { RespondentSurvey } from '../../src/lib/respondent/survey';

const options = (...values: string[]) =>
	values.map((value) => ({ value, label: value, easy_read_label: null, symbol: null }));

const base = {
	easy_read_prompt: null,
	help_text: null,
	max_length: null,
	min_value: null,
	max_value: null,
	options: []
};

const survey: RespondentSurvey = {
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
	questions: [
		{
			...base,
			key: 'involved',
			kind: 'agreement_5',
			prompt: 'Involved?',
			required: true,
			options: options('agree', 'disagree')
		},
		{
			...base,
			key: 'help',
			kind: 'multi_choice',
			prompt: 'Help?',
			required: false,
			options: options('a', 'b')
		},
		{ ...base, key: 'age', kind: 'number', prompt: 'Age?', required: false, min_value: 0, max_value: 25 },
		{ ...base, key: 'say', kind: 'free_text', prompt: 'Say?', required: false, max_length: 10 }
	],
	languages: [],
	about: [{ key: 'phase', label: 'Phase', categories: [{ code: 'primary', label: 'Primary' }] }]
};

const UUID = '2b1b6c52-5f0e-4c44-9d1e-0d7f6b7a7c10';

function form(entries: [string, string][]) {
	const f = new FormData();
	for (const [k, v] of entries) f.append(k, v);
	return f;
}

describe('the respondent form', () => {
	it('accepts a complete, valid form and leaves out what was not answered', () => {
		const values = readResponseForm(
			form([
				['response_id', UUID],
				['involved', 'agree'],
				['help', 'a'],
				['help', 'b'],
				['age', '12'],
				['say', '  hello  '],
				['about.phase', 'primary'],
				['panel_code', 'k7qp 2mxa']
			]),
			survey
		);
		const result = validateResponse(values, survey);
		expect(result).toEqual({
			ok: true,
			data: {
				responseId: UUID,
				answers: { involved: 'agree', help: ['a', 'b'], age: 12, say: 'hello' },
				about: { phase: 'primary' },
				panelCode: 'K7QP2MXA',
				assistance: null
			}
		});
	});

	it('names each field that needs attention, in words a respondent understands', () => {
		const values = readResponseForm(
			form([
				['response_id', 'not-a-uuid'],
				['help', 'zzz'],
				['age', '99'],
				['say', 'x'.repeat(11)],
				['about.phase', 'martian'],
				['panel_code', 'abc'],
				['assistance', 'robot']
			]),
			survey
		);
		const result = validateResponse(values, survey);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.errors).toEqual({
			response_id: 'The form was damaged. Reload the page and try again.',
			involved: 'Answer this question to continue.',
			help: 'Choose from the answers given.',
			age: 'Enter a number from 0 to 25.',
			say: 'Keep your answer to 10 characters or fewer. It has 11.',
			'about.phase': 'Choose one of the answers given.',
			panel_code:
				'A panel code is 8 letters and numbers, like K7QP-2MXA. Leave it empty if you do not have one.',
			assistance: 'Choose who is filling in this survey.'
		});
	});

	it('refuses an option that is not one of the question’s', () => {
		const values = readResponseForm(
			form([
				['response_id', UUID],
				['involved', 'strongly_agree']
			]),
			survey
		);
		const result = validateResponse(values, survey);
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.errors.involved).toBe('Choose one of the answers given.');
	});

	it('refuses text that is not a number for a number question', () => {
		const values = readResponseForm(
			form([
				['response_id', UUID],
				['involved', 'agree'],
				['age', '12abc']
			]),
			survey
		);
		const result = validateResponse(values, survey);
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.errors.age).toBe('Enter a number from 0 to 25.');
	});
});
