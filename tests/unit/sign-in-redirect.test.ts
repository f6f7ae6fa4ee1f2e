import { describe, expect, it } from 'vitest';
import { safeRedirect } from '../../src/routes/sign-in/redirect';

const ORIGIN = 'http://localhost:3000';

/** Where a browser would land after a 303 to `location` from the app. */
function landing(location: string): string {
	return new URL(location, ORIGIN).origin;
}

describe('safeRedirect', () => {
	it('keeps a path on this site, with its query and fragment', () => {
		expect(safeRedirect('/dashboard', ORIGIN)).toBe('/dashboard');
		expect(safeRedirect('/surveys/abc?tab=waves#w2', ORIGIN)).toBe('/surveys/abc?tab=waves#w2');
		expect(safeRedirect('/s/ehc-journey?lang=ur', ORIGIN)).toBe('/s/ehc-journey?lang=ur');
	});

	it('falls back when there is no target', () => {
		expect(safeRedirect(null, ORIGIN)).toBe('/home');
		expect(safeRedirect('', ORIGIN)).toBe('/home');
		expect(safeRedirect(undefined, ORIGIN, '/surveys')).toBe('/surveys');
	});

	// Each as the sign-in page receives it, after the query string has been decoded.
	const hostile = [
		'/\t/evil.example',
		'/\n/evil.example',
		'/\r/evil.example',
		'/\t\n/evil.example/path',
		'//evil.example',
		'///evil.example',
		'/\\evil.example',
		'/\\/evil.example',
		'\\\\evil.example',
		'https://evil.example/',
		'http:evil.example',
		'javascript:alert(1)',
		' /\t/evil.example',
		'/%2F/evil.example',
		'/\u0000/evil.example'
	];

	it.each(hostile)('never sends the browser to another site: %j', (target) => {
		const location = safeRedirect(target, ORIGIN);
		expect(landing(location)).toBe(ORIGIN);
		// and the answer can go in a Location header as it is
		expect(location).toMatch(/^\/[\x21-\x7e]*$/);
		expect(() => new Headers({ location })).not.toThrow();
	});

	it('answers a control character in a same-site path with a safe, encoded path', () => {
		const location = safeRedirect('/surveys/\u0001x', ORIGIN);
		expect(landing(location)).toBe(ORIGIN);
		expect(() => new Headers({ location })).not.toThrow();
	});
});
