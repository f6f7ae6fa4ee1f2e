/**
 * The attacker's audit proven on hand-made tables, before any database: it must find every way a
 * hidden figure can be worked out (pinned), and must not cry wolf when the hiding is done right.
 */
import { describe, expect, it } from 'vitest';
import { audit, explain, Knowledge, roundedRange, type Figure } from './audit';
import { Cross } from './cross';

const exact = (n: number): Figure => ({ kind: 'exact', n });
/** under 10 hidden, and the attacker cannot tell a primary from a complementary suppression */
const hidden: Figure = { kind: 'hidden', min: 0, max: Infinity };
/** a primary suppression the attacker recognises as one (1..9: zeros shown) */
const small: Figure = { kind: 'hidden', min: 1, max: 9 };

/**
 * A 2 × 3 table (answer × group), every cell an atom, with row and column totals published exactly.
 * `hide` names the cells published as hidden.
 */
function twoByThree(values: number[][], hide: [number, number][], figure: Figure = hidden) {
	const k = new Knowledge();
	const cell = (r: number, c: number) => ({ [`r${r}c${c}`]: 1 });
	values.forEach((row, r) => row.forEach((v, c) => k.atom(`r${r}c${c}`, { truth: v })));
	values.forEach((row, r) =>
		row.forEach((v, c) => {
			const isHidden = hide.some(([hr, hc]) => hr === r && hc === c);
			k.figure(`cell ${r},${c}`, cell(r, c), isHidden ? figure : exact(v));
		})
	);
	values.forEach((row, r) =>
		k.figure(
			`row ${r}`,
			Object.assign({}, ...row.map((_, c) => cell(r, c))),
			exact(row.reduce((a, b) => a + b, 0))
		)
	);
	values[0]!.forEach((_, c) =>
		k.figure(
			`column ${c}`,
			Object.assign({}, ...values.map((_, r) => cell(r, c))),
			exact(values.reduce((a, row) => a + row[c]!, 0))
		)
	);
	return k;
}

describe('the attacker’s audit on hand-made tables', () => {
	const table = [
		[12, 3, 20],
		[15, 14, 11]
	];

	it('finds a single hidden cell pinned by its row and column totals', async () => {
		const result = await audit(twoByThree(table, [[0, 1]]));
		expect(result.ranges).toEqual([{ name: 'cell 0,1', min: 3, max: 3, truth: 3 }]);
		expect(result.findings).toEqual([{ kind: 'pinned', name: 'cell 0,1', detail: 'cell 0,1 is exactly 3' }]);
	});

	it('passes the same table with complementary suppression (a rectangle of four hidden cells)', async () => {
		const result = await audit(
			twoByThree(table, [
				[0, 1],
				[0, 2],
				[1, 1],
				[1, 2]
			])
		);
		expect(result.findings, explain(result)).toEqual([]);
		const cell01 = result.ranges.find((r) => r.name === 'cell 0,1')!;
		// row 0 leaves 23 for cells 0,1 and 0,2; column 1 leaves 17 for cells 0,1 and 1,1
		expect(cell01).toEqual({ name: 'cell 0,1', min: 0, max: 17, truth: 3 });
	});

	it('finds a complementary suppression that is not enough: two hidden cells in one row only', async () => {
		// cells 0,1 and 0,2 hidden: their columns still give each one away
		const result = await audit(
			twoByThree(table, [
				[0, 1],
				[0, 2]
			])
		);
		expect(result.findings.map((f) => f.name).sort()).toEqual(['cell 0,1', 'cell 0,2']);
	});

	it('finds a hidden cell pinned by what the rule implies (zeros shown, so hidden is 1..9)', async () => {
		// one row of three: total 11, two cells hidden (each 1..9), one shown as 9. The hidden ones sum to
		// 2, so each is exactly 1.
		const k = new Knowledge();
		k.atom('a', { truth: 1 });
		k.atom('b', { truth: 1 });
		k.atom('c', { truth: 9 });
		k.figure('a', { a: 1 }, small);
		k.figure('b', { b: 1 }, small);
		k.figure('c', { c: 1 }, exact(9));
		k.figure('total', { a: 1, b: 1, c: 1 }, exact(11));
		const result = await audit(k);
		expect(result.findings.map((f) => f.detail)).toEqual(['a is exactly 1', 'b is exactly 1']);
	});

	it('finds the phone count of the issue by subtraction: 171 − 137 − 11 − 14 = 9', async () => {
		const k = new Knowledge();
		const channels = { online: 137, paper: 11, event: 14, phone: 9 };
		const c = new Cross(k, 'w', { channel: Object.keys(channels) }, (key) => {
			return channels[key.channel as keyof typeof channels];
		});
		for (const [channel, n] of Object.entries(channels))
			k.figure(`positive, ${channel}`, c.cells({ channel }), channel === 'phone' ? hidden : exact(n));
		k.figure('positive, everyone', c.cells(), exact(171));
		const result = await audit(k);
		expect(result.findings).toEqual([
			{ kind: 'pinned', name: 'positive, phone', detail: 'positive, phone is exactly 9' }
		]);
	});

	it('finds the panel journey of the issue: 12 linked, one cell of 10, so each hidden cell is 1', async () => {
		const k = new Knowledge();
		const truth: Record<string, number> = { 'yes>yes': 10, 'yes>no': 1, 'no>yes': 1, 'no>no': 0 };
		const j = new Cross(k, 'journey', { from: ['yes', 'no'], to: ['yes', 'no'] }, (key) => {
			return truth[`${key.from}>${key.to}`];
		});
		k.figure('linked', j.cells(), exact(12));
		for (const [cell, n] of Object.entries(truth)) {
			const [from, to] = cell.split('>') as [string, string];
			k.figure(cell, j.cells({ from, to }), n === 0 ? exact(0) : n < 10 ? small : exact(n));
		}
		const result = await audit(k);
		expect(result.findings.map((f) => f.detail)).toEqual(['yes>no is exactly 1', 'no>yes is exactly 1']);
	});

	it('finds a hidden cell pinned between two dimensions of the same wave', async () => {
		// Everyone gave their gender and ethnicity. By gender every count is shown; by ethnicity one cell is
		// hidden. The gender table's total of "disagree" gives the hidden ethnicity cell by subtraction.
		const k = new Knowledge();
		const people: Record<string, number> = {
			'f|white|agree': 10,
			'f|white|disagree': 12,
			'f|asian|agree': 11,
			'f|asian|disagree': 3,
			'm|white|agree': 14,
			'm|white|disagree': 13,
			'm|asian|agree': 10,
			'm|asian|disagree': 0
		};
		const w = new Cross(
			k,
			'w',
			{ gender: ['f', 'm'], ethnicity: ['white', 'asian'], answer: ['agree', 'disagree'] },
			(key) => people[`${key.gender}|${key.ethnicity}|${key.answer}`]
		);
		const sum = (match: Record<string, string>) =>
			Object.keys(w.cells(match)).reduce((a, atom) => a + k.truth.get(atom)!, 0);
		for (const gender of ['f', 'm'])
			for (const answer of ['agree', 'disagree'])
				k.figure(`${gender} ${answer}`, w.cells({ gender, answer }), exact(sum({ gender, answer })));
		for (const ethnicity of ['white', 'asian'])
			for (const answer of ['agree', 'disagree']) {
				const n = sum({ ethnicity, answer });
				k.figure(`${ethnicity} ${answer}`, w.cells({ ethnicity, answer }), n < 10 ? hidden : exact(n));
			}
		const result = await audit(k);
		expect(result.findings.map((f) => f.detail)).toEqual(['asian disagree is exactly 3']);
	});

	it('finds a hidden figure given away by the previous wave and the change published between them', async () => {
		const k = new Knowledge();
		k.atom('before', { truth: 4 });
		k.atom('after', { truth: 15 });
		k.figure('wave 1', { before: 1 }, hidden);
		k.figure('wave 2', { after: 1 }, exact(15));
		k.figure('change', { after: 1, before: -1 }, exact(11));
		const result = await audit(k);
		expect(result.findings.map((f) => f.detail)).toEqual(['wave 1 is exactly 4']);
	});

	it('finds an open wave seen twice: 20 answers of one’s own lift a group over the threshold', async () => {
		// At the first look the group is hidden; the attacker submits 20 "agree" and looks again.
		const k = new Knowledge();
		k.atom('first', { truth: 6 });
		k.atom('added by others', { truth: 0 });
		k.figure('group at the first look', { first: 1 }, hidden);
		k.exact('my own answers', { mine: 1 }, 20);
		k.atom('mine', { truth: 20 });
		k.figure('group at the second look', { first: 1, 'added by others': 1, mine: 1 }, exact(26));
		const result = await audit(k);
		expect(result.findings.map((f) => f.kind)).toEqual([]);
		// with nobody else able to answer in between (a closed invitation list), it is pinned
		k.exact('nobody else answered', { 'added by others': 1 }, 0);
		const second = await audit(k);
		expect(second.findings.map((f) => f.detail)).toEqual(['group at the first look is exactly 6']);
	});

	it('finds a group that is all of one answer, and not one that only looks like it', async () => {
		// a group of 12 published with 12 agreeing: everyone in it agreed
		const k = new Knowledge();
		const g = new Cross(k, 'g', { answer: ['agree', 'disagree'] }, (key) =>
			key.answer === 'agree' ? 12 : 0
		);
		k.figure('group n', g.cells(), exact(12));
		k.figure('group agree', g.cells({ answer: 'agree' }), exact(12));
		k.notAllOfOne('group: agree', g.cells(), g.cells({ answer: 'agree' }));
		const result = await audit(k);
		expect(result.findings.map((f) => f.kind)).toEqual(['all-of-one']);

		// the same group with "agree" hidden (it might be anything from 0 to 12): not proven
		const k2 = new Knowledge();
		const g2 = new Cross(k2, 'g', { answer: ['agree', 'disagree'] }, (key) =>
			key.answer === 'agree' ? 12 : 0
		);
		k2.figure('group n', g2.cells(), exact(12));
		k2.figure('group agree', g2.cells({ answer: 'agree' }), hidden);
		k2.notAllOfOne('group: agree', g2.cells(), g2.cells({ answer: 'agree' }));
		const result2 = await audit(k2);
		expect(result2.findings, explain(result2)).toEqual([]);
	});

	it('reads a rounded figure as a range, and finds a cell that rounding does not protect', async () => {
		expect(roundedRange(10, 5)).toEqual([8, 12]);
		expect(roundedRange(10, 10)).toEqual([5, 15]);
		expect(roundedRange(0, 5)).toEqual([0, 2]);
		// NHS rule: 1–7 hidden, others rounded to 5. A total of 10 (8..12) and parts 10 and [c] (1..7):
		// the hidden part is 0..4 by the total, and at least 1 by the rule, so 1..4: not pinned.
		const k = new Knowledge();
		k.atom('a', { truth: 9 });
		k.atom('b', { truth: 2 });
		k.figure('a', { a: 1 }, { kind: 'rounded', n: 10, base: 5, min: 8 });
		k.figure('b', { b: 1 }, { kind: 'hidden', min: 1, max: 7 });
		k.figure('total', { a: 1, b: 1 }, { kind: 'rounded', n: 10, base: 5, min: 8 });
		const result = await audit(k);
		expect(result.ranges).toEqual([{ name: 'b', min: 1, max: 4, truth: 2 }]);
		expect(result.findings).toEqual([]);
		// a rule that promises at least 5 possible values for a hidden count is broken here
		const strict = await audit(k, { minValues: 5 });
		expect(strict.findings.map((f) => f.kind)).toEqual(['narrow']);
	});

	it('refuses a model that excludes the truth, and figures that contradict each other', async () => {
		const k = new Knowledge();
		k.atom('a', { truth: 12 });
		k.figure('a', { a: 1 }, small);
		await expect(audit(k)).rejects.toThrow(/a: true value 12 is outside 1..9/);

		const k2 = new Knowledge();
		k2.figure('a', { a: 1 }, small);
		k2.figure('twice a', { a: 2 }, exact(30));
		await expect(audit(k2)).rejects.toThrow(/contradict/);
	});

	it('finds the same leaks when it proves figures unpinned by witnesses (with the truth known)', async () => {
		const cases = [
			twoByThree(table, [[0, 1]]),
			twoByThree(table, [
				[0, 1],
				[0, 2]
			]),
			twoByThree(table, [
				[0, 1],
				[0, 2],
				[1, 1],
				[1, 2]
			]),
			twoByThree(
				[
					[1, 0, 20],
					[0, 3, 11]
				],
				[
					[0, 0],
					[0, 1],
					[1, 0],
					[1, 1]
				]
			)
		];
		const names = (r: Awaited<ReturnType<typeof audit>>) =>
			r.findings.map((f) => `${f.kind} ${f.name}`).sort();
		const found: string[][] = [];
		for (const k of cases) {
			const full = await audit(k);
			const quick = await audit(k, { witnesses: true });
			expect(names(quick)).toEqual(names(full));
			found.push(names(full));
		}
		expect(found).toEqual([
			['pinned cell 0,1'],
			['pinned cell 0,2', 'pinned cell 0,1'].sort(),
			[],
			// a rectangle of hidden cells around 1, 0, 0, 3: cell 0,0 is 0..1, not pinned
			[]
		]);
	});
});
