// The load's answers against the database's: what the bench sent in every acknowledged survey, and
// what the database gained meanwhile, compared answer by answer (bench/run.js).

/**
 * Adds `n` to the count of `what` ("question=answer").
 * @param {Map<string, number>} counts
 * @param {string} what
 * @param {number} [n]
 */
export function tally(counts, what, n = 1) {
	counts.set(what, (counts.get(what) ?? 0) + n);
}

/**
 * The answers sent against what the database gained meanwhile (after less before), answer by
 * answer. An answer missing from one survey and doubled in another is both lost and extra: the
 * totals alone would hide it.
 * @param {Map<string, number>} sent
 * @param {Map<string, number>} before
 * @param {Map<string, number>} after
 * @returns {{ given: number, stored: number, lost: number, extra: number }}
 */
export function compareAnswers(sent, before, after) {
	let given = 0;
	let stored = 0;
	let lost = 0;
	let extra = 0;
	for (const what of new Set([...sent.keys(), ...before.keys(), ...after.keys()])) {
		const expected = sent.get(what) ?? 0;
		const gained = (after.get(what) ?? 0) - (before.get(what) ?? 0);
		given += expected;
		stored += gained;
		if (gained < expected) lost += expected - gained;
		else extra += gained - expected;
	}
	return { given, stored, lost, extra };
}

/**
 * The comparison in a line: how many answers the database holds of those given, and whether any was
 * lost or doubled.
 * @param {{ given: number, stored: number, lost: number, extra: number }} c
 */
export function answersLine({ given, stored, lost, extra }) {
	const verdict =
		lost === 0 && extra === 0
			? 'none lost, none duplicated'
			: `MISMATCH: ${lost} lost, ${extra} not given or given once and stored twice`;
	return `${stored} of ${given} answers given (${verdict})`;
}
