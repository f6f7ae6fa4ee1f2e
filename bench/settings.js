// The benches' numeric settings (BENCH_…), read from the environment: the default when unset, and a
// clear refusal of anything else that is not a number in range (which would otherwise print NaN
// figures, or run for ever).

/**
 * @param {string} name the environment variable
 * @param {number} fallback when it is unset or empty
 * @param {{ min?: number, max?: number, whole?: boolean, unit?: string }} [rule] the range (min 0 unless
 *   said), whether only whole numbers will do (the default), and what it counts, for the message
 * @returns {number}
 */
export function numberSetting(name, fallback, { min = 0, max = Infinity, whole = true, unit = '' } = {}) {
	const given = process.env[name];
	if (given === undefined || given.trim() === '') return fallback;
	const value = Number(given);
	if (!Number.isFinite(value) || value < min || value > max || (whole && !Number.isInteger(value))) {
		const kind = `${whole ? 'a whole number' : 'a number'}${unit ? ` of ${unit}` : ''}`;
		const range = max < Infinity ? `from ${min} to ${max}` : `${min} or more`;
		throw new Error(`${name} must be ${kind}, ${range} (it is "${given}").`);
	}
	return value;
}
