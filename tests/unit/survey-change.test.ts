import { describe, expect, it } from 'vitest';
import { afterSurveyChange } from '$lib/dashboards/views';

const at = (query: string) => new URL(`http://x/dashboard/equity?${query}`);

describe('a dashboard filter form sent after choosing another survey', () => {
	it('drops the indicator, waves and definition of the survey left behind', () => {
		expect(
			afterSurveyChange(at('org=n&shown_survey=one&survey=two&indicator=feel&wave=w1&dimension=phase'))
		).toBe('/dashboard/equity?org=n&survey=two&dimension=phase');
		expect(afterSurveyChange(at('shown_survey=one&survey=two&a=w1&b=w2&from=w1&to=w2&definition=1'))).toBe(
			'/dashboard/equity?survey=two'
		);
	});

	it('keeps every filter when the survey is the same, only the hidden field goes', () => {
		expect(afterSurveyChange(at('org=n&shown_survey=one&survey=one&indicator=feel&wave=w1'))).toBe(
			'/dashboard/equity?org=n&survey=one&indicator=feel&wave=w1'
		);
	});

	it('leaves a link without the hidden field as it is, so a shared view shows what it named', () => {
		expect(afterSurveyChange(at('survey=two&indicator=nothing'))).toBeNull();
	});
});
