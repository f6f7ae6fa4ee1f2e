import { afterEach, describe, expect, it } from 'vitest';
import { numberSetting } from '../../bench/settings.js';

describe("the benches' numeric settings", () => {
	afterEach(() => {
		delete process.env.BENCH_TEST_SETTING;
	});
	const set = (value: string) => (process.env.BENCH_TEST_SETTING = value);

	it('gives the default when unset or empty, and the number given otherwise', () => {
		expect(numberSetting('BENCH_TEST_SETTING', 5)).toBe(5);
		set(' ');
		expect(numberSetting('BENCH_TEST_SETTING', 5)).toBe(5);
		set('12');
		expect(numberSetting('BENCH_TEST_SETTING', 5, { min: 1 })).toBe(12);
		set('0.5');
		expect(numberSetting('BENCH_TEST_SETTING', 5, { whole: false })).toBe(0.5);
	});

	it('refuses what is not a number in range, naming the setting, what it counts and what was given', () => {
		for (const [value, rule, message] of [
			[
				'abc',
				{ min: 1, unit: 'calls' },
				'BENCH_TEST_SETTING must be a whole number of calls, 1 or more (it is "abc").'
			],
			[
				'0',
				{ min: 1, unit: 'calls' },
				'BENCH_TEST_SETTING must be a whole number of calls, 1 or more (it is "0").'
			],
			['1.5', {}, 'BENCH_TEST_SETTING must be a whole number, 0 or more (it is "1.5").'],
			[
				'-1',
				{ whole: false, unit: 'seconds' },
				'BENCH_TEST_SETTING must be a number of seconds, 0 or more (it is "-1").'
			],
			[
				'70000',
				{ min: 1, max: 65535 },
				'BENCH_TEST_SETTING must be a whole number, from 1 to 65535 (it is "70000").'
			],
			['Infinity', { whole: false }, 'BENCH_TEST_SETTING must be a number, 0 or more (it is "Infinity").']
		] as const) {
			set(value);
			expect(() => numberSetting('BENCH_TEST_SETTING', 5, rule)).toThrow(message);
		}
	});
});
