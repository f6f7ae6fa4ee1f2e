/**
 * What a question page and check your answers show after an action and a load
 * ($lib/respondent/locked: splitLocked): the locked draft's page, or the page with the action's answer.
 */
import { describe, expect, it } from 'vitest';
import { splitLocked } from '$lib/respondent/locked';

const fromAction = { surveyTitle: 'From the action', reopen: false };
const fromLoad = { value: { surveyTitle: 'From the load', reopen: true } };
type Form = { locked: typeof fromAction } | { errors: Record<string, string>; draftKey: string };

describe('splitLocked', () => {
	it('shows the locked page the action answered, without the load’s, and no form answer', () => {
		const form: Form = { locked: fromAction };
		expect(splitLocked(form, fromLoad)).toEqual({ locked: fromAction, answer: null });
	});

	it('shows the action’s answer (errors beside the fields) when the action did not find the draft locked', () => {
		const form: Form = { errors: { q1: 'Choose an answer' }, draftKey: 'k' };
		expect(splitLocked(form, null)).toEqual({ locked: null, answer: form });
	});

	it('shows the locked page from the load when there was no action (a GET: history, a bookmark, a new tab)', () => {
		expect(splitLocked(null, fromLoad)).toEqual({ locked: fromLoad.value, answer: null });
		expect(splitLocked(undefined, undefined)).toEqual({ locked: null, answer: null });
	});
});
