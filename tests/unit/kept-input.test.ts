import { describe, expect, it } from 'vitest';
import { keepChecked, keepValue } from '$lib/ui/kept-input';

/** What an attachment sees of a box: its ticked state and the state the server rendered. */
const box = (checked: boolean, defaultChecked: boolean) => ({ checked, defaultChecked }) as HTMLInputElement;

describe('keepChecked', () => {
	it.each([
		['a tick', true],
		['an untick', false]
	])('keeps %s made before the page started, and tells the form about it', (_, ticked) => {
		const told: boolean[] = [];
		const input = box(ticked, !ticked);
		keepChecked(
			() => !ticked,
			(on) => told.push(on)
		)(input);
		expect(input.checked).toBe(ticked);
		expect(told).toEqual([ticked]);
	});

	it('tells the form nothing when the box is as the server rendered it', () => {
		const told: boolean[] = [];
		keepChecked(
			() => true,
			(on) => told.push(on)
		)(box(true, true));
		keepChecked(
			() => false,
			(on) => told.push(on)
		)(box(false, false));
		expect(told).toEqual([]);
	});

	it('follows the page once it runs: each later run sets the box as the page says', () => {
		let want = false;
		const input = box(true, false);
		const attach = keepChecked(() => want);
		attach(input);
		expect(input.checked).toBe(true);
		attach(input);
		expect(input.checked).toBe(false);
		want = true;
		attach(input);
		expect(input.checked).toBe(true);
	});
});

describe('keepValue', () => {
	it('keeps words typed before the page started, then follows the page', () => {
		let want = '';
		const input = { value: 'bus' } as HTMLInputElement;
		const attach = keepValue(() => want);
		attach(input);
		expect(input.value).toBe('bus');
		attach(input);
		expect(input.value).toBe('');
		want = 'ramp';
		attach(input);
		expect(input.value).toBe('ramp');
	});
});
