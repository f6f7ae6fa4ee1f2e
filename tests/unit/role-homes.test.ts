import { describe, expect, it } from 'vitest';
import { homeFor } from '$lib/dashboards/views';

describe('homeFor: where each role lands', () => {
	it('sends leads, admins, officers and councillors to the overview of every indicator', () => {
		for (const role of ['admin', 'lead', 'officer', 'scrutiny'])
			expect(homeFor([role])).toBe('/dashboard/overview');
	});
	it('sends the forum to who is being heard', () => {
		expect(homeFor(['forum'])).toBe('/dashboard/reach');
	});
	it('sends the safeguarding lead to the dashboard, whose queue comes first', () => {
		expect(homeFor(['safeguarding'])).toBe('/dashboard');
		expect(homeFor([])).toBe('/dashboard');
	});
	it('lands someone with several roles where the broadest of them does', () => {
		expect(homeFor(['forum', 'lead'])).toBe('/dashboard/overview');
		expect(homeFor(['safeguarding', 'forum'])).toBe('/dashboard/reach');
	});
});
