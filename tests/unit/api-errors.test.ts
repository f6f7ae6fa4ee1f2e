/**
 * The one way from a database error to what a form shows (src/lib/server/api.ts): field messages
 * beside their fields, the database's message when it names no field, a 403 for a refused caller,
 * and the typed details of a refused import.
 */
import { isHttpError } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ApiError, failFromApi, fieldErrors, refusal, retryAfter } from '../../src/lib/server/api';
import { tooManyFromHere } from '../../src/lib/server/respondent/pages';

function apiError(hint: string, details: unknown, message = 'The wave dates are wrong.') {
	return new ApiError(
		'create_wave',
		{
			name: 'PostgrestError',
			code: 'P0001',
			message,
			hint,
			details: typeof details === 'string' ? details : JSON.stringify(details)
		} as never,
		400
	);
}

const schema = z.object({ label: z.string(), opens_on: z.string(), closes_on: z.string() });
const blankForm = () => superValidate({ label: 'Autumn', opens_on: '', closes_on: '' }, zod4(schema));

describe('fieldErrors', () => {
	it('reads field -> message from the details, and nothing from details that are not such an object', () => {
		expect(fieldErrors(apiError('invalid_wave', { label: 'Enter a name.', n: 3 }))).toEqual({
			label: 'Enter a name.'
		});
		expect(fieldErrors(apiError('invalid_wave', 'not json'))).toEqual({});
		expect(fieldErrors(apiError('invalid_wave', ['label']))).toEqual({});
	});
});

describe('failFromApi', () => {
	it('puts each message beside its field, under the name the form gives it', async () => {
		const form = await blankForm();
		const rename = (f: string) => ({ opens_at: 'opens_on', closes_at: 'closes_on' })[f] ?? f;
		const result = failFromApi(
			form,
			apiError('invalid_wave', { opens_at: 'Enter the opening date.', label: 'Too long.' }),
			{ refused: 'No.', rename }
		);
		expect(result.status).toBe(400);
		expect(form.valid).toBe(false);
		expect(form.errors).toEqual({ opens_on: ['Enter the opening date.'], label: ['Too long.'] });
	});

	it("shows the database's message, without the function's name, when no field is named", async () => {
		const form = await blankForm();
		failFromApi(form, apiError('invalid_wave', null), { refused: 'No.' });
		expect(form.message).toBe('The wave dates are wrong.');
	});

	it('answers 403 with the refusal for a caller who may not, and rethrows anything else', async () => {
		const form = await blankForm();
		let thrown: unknown;
		try {
			failFromApi(form, apiError('not_permitted', null), { refused: 'Only a lead can.' });
		} catch (e) {
			thrown = e;
		}
		expect(isHttpError(thrown) && [thrown.status, thrown.body.message]).toEqual([403, 'Only a lead can.']);
		const other = apiError('wave_closed', null);
		expect(() => failFromApi(form, other, { refused: 'No.' })).toThrow(other);
		const plain = new Error('network');
		expect(() => failFromApi(form, plain, { refused: 'No.' })).toThrow(plain);
	});
});

describe('refusal', () => {
	const report = {
		dry_run: false,
		rows: 2,
		valid: 1,
		already_imported: 0,
		written: 0,
		file_errors: [],
		bad_rows: [{ row: 2, errors: { feel: '“maybe” is not an answer.' } }]
	};

	it('gives the typed details of a refusal with that hint, and null for any other error', () => {
		expect(refusal(apiError('invalid_rows', report), 'invalid_rows')).toEqual(report);
		expect(refusal(apiError('invalid_rows', report), 'invalid_aggregate')).toBeNull();
		expect(refusal(apiError('invalid_rows', 'not json'), 'invalid_rows')).toBeNull();
		expect(refusal(apiError('invalid_rows', { rows: 'many' }), 'invalid_rows')).toBeNull();
		expect(refusal(new Error('invalid_rows'), 'invalid_rows')).toBeNull();
		expect(
			refusal(
				apiError('invalid_aggregate', { fields: { label: 'Enter a name.' }, rows: [] }),
				'invalid_aggregate'
			)
		).toEqual({ fields: { label: 'Enter a name.' }, rows: [] });
	});
});

describe('a per-address limit of the database (hint rate_limited, HTTP 429)', () => {
	const limited = apiError(
		'rate_limited',
		'120',
		'Too many tries from your connection. Please try again in 2 minutes.'
	);

	it('retryAfter: the seconds the database said to wait, and null for any other error', () => {
		expect(retryAfter(limited)).toBe(120);
		expect(retryAfter(apiError('invalid_wave', { label: 'Enter a name.' }))).toBeNull();
		expect(retryAfter(new Error('rate_limited'))).toBeNull();
	});

	it("tooManyFromHere: a 429 with the database's words and Retry-After; nothing for other errors", () => {
		const headers: Record<string, string> = {};
		let thrown: unknown;
		try {
			tooManyFromHere(limited, (h) => Object.assign(headers, h));
		} catch (e) {
			thrown = e;
		}
		expect(isHttpError(thrown, 429)).toBe(true);
		expect((thrown as { body: { message: string } }).body.message).toBe(
			'Too many tries from your connection. Please try again in 2 minutes.'
		);
		expect(headers).toEqual({ 'retry-after': '120' });
		expect(() => tooManyFromHere(apiError('wave_closed', null))).not.toThrow();
	});
});
