/**
 * The one way from a database error to what a form shows (src/lib/server/api.ts): field messages
 * beside their fields, the database's message when it names no field, a 403 for a refused caller,
 * the typed details of a refused import; and what call() itself turns into a page of its own.
 */
import { isHttpError } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import {
	ApiError,
	call,
	type Client,
	failFromApi,
	fieldErrors,
	refusal,
	retryAfter
} from '../../src/lib/server/api';
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

describe('call(): what no caller can do anything about is a page of its own, never a 500', () => {
	/** A client whose API answers every call with `answer` (and records the calls). */
	function client(answer: { data?: unknown; error?: object; status?: number } = {}) {
		const rpc = vi.fn(async () => ({
			data: answer.data ?? null,
			error: answer.error ?? null,
			status: answer.status ?? 200
		}));
		return { supabase: { rpc } as unknown as Client, rpc };
	}

	async function thrownBy(p: Promise<unknown>): Promise<unknown> {
		try {
			await p;
		} catch (e) {
			return e;
		}
		throw new Error('nothing was thrown');
	}

	it('refuses a NUL character anywhere in the arguments with a 400 that says so, and asks nothing', async () => {
		const answers = { about: { phase: 'primary' }, answers: { what_would_help: ['ok', 'a\u0000b'] } };
		const cases = [
			() => call(client().supabase, 'survey_for_respondent', { p_slug: '\u0000' }),
			() => call(client().supabase, 'save_draft', { p_answers: answers } as never),
			() => call(client().supabase, 'save_draft', { p_answers: { 'key\u0000': 'x' } } as never)
		];
		for (const make of cases) {
			const thrown = await thrownBy(make());
			expect(isHttpError(thrown, 400)).toBe(true);
			expect((thrown as { body: { message: string } }).body.message).toMatch(
				/a character that cannot be kept/
			);
		}
		const { supabase, rpc } = client();
		await thrownBy(call(supabase, 'save_draft', { p_answers: answers } as never));
		expect(rpc).not.toHaveBeenCalled();
	});

	it("turns the database's refusal of such text (22021 in text, 22P05 in jsonb) into the same 400", async () => {
		for (const code of ['22021', '22P05']) {
			const { supabase } = client({ error: { code, message: 'invalid byte sequence' }, status: 400 });
			const thrown = await thrownBy(call(supabase, 'health'));
			expect(isHttpError(thrown, 400)).toBe(true);
		}
	});

	it('answers a token the API refuses (forged, expired) with a 401 asking to sign in again', async () => {
		for (const code of ['PGRST301', 'PGRST303']) {
			const { supabase } = client({ error: { code, message: 'JWT expired' }, status: 401 });
			const thrown = await thrownBy(call(supabase, 'my_memberships'));
			expect(isHttpError(thrown, 401)).toBe(true);
			expect((thrown as { body: { message: string } }).body.message).toMatch(/sign in again/);
		}
	});

	it('leaves every other failure to the caller as an ApiError (a refused anon caller too)', async () => {
		const { supabase } = client({ error: { code: '42501', message: 'permission denied' }, status: 401 });
		const thrown = await thrownBy(call(supabase, 'my_memberships'));
		expect(thrown).toBeInstanceOf(ApiError);
		expect((thrown as ApiError).code).toBe('42501');
		const ok = client({ data: { migration: '1', database_time: 'now' } });
		await expect(call(ok.supabase, 'health')).resolves.toEqual({ migration: '1', database_time: 'now' });
	});
});
