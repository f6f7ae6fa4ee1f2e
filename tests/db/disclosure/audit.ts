/**
 * The attacker's audit: what can be worked out from everything a restricted role can fetch.
 *
 * The unknowns are the true underlying counts ("atoms": say, the number of people in one wave who gave
 * one answer and are in one category of every about-you dimension), whole numbers from 0 up. Every
 * figure the role can read is a linear constraint on them: an exact count is an equality, a rounded
 * count a range, a hidden count whatever the rule implies (0 to threshold - 1 for a primary
 * suppression, or anything for a hidden cell the role cannot tell from one); and every relation the
 * attacker knows (row and column sums, a total and its parts, two dimensions of one wave, the margins
 * of a panel journey, the previous wave) follows from writing each figure as a sum of the same atoms.
 *
 * For every figure the rule hides, HiGHS (a kept MILP solver, as WebAssembly) minimises and maximises
 * it over whole-number solutions: the range an attacker can narrow it to. A hidden figure is pinned
 * when the range holds a single value. The audit also asks, for every group and answer, whether the
 * published figures prove that the whole group gave that one answer (the group is not empty, and the
 * rest of it is 0).
 *
 * When the true atoms are known (the property tests made the data), the audit first checks that they
 * satisfy every constraint: the model of the rule must never exclude the truth.
 */
import loadHighs from 'highs';

type Highs = Awaited<ReturnType<typeof loadHighs>>;

/** A linear form over atoms: atom name -> coefficient. */
export type Terms = Record<string, number>;

/** What the attacker reads for one figure. */
export type Figure =
	/** published exactly */
	| { kind: 'exact'; n: number }
	/** published rounded to the nearest `base`: the truth is within base/2 of n (either way at a tie) */
	| { kind: 'rounded'; n: number; base: number; min?: number; max?: number }
	/** shown as a range the attacker can read off (a rounded count, with what the rule adds) */
	| { kind: 'range'; min: number; max: number }
	/** hidden: all the attacker knows is what the rule implies, min..max (max may be Infinity) */
	| { kind: 'hidden'; min: number; max: number };

export interface Constraint {
	name: string;
	terms: Terms;
	min: number;
	max: number;
}

export interface Target {
	name: string;
	terms: Terms;
}

/**
 * "The whole group gave one answer": proven when part = whole is forced (whole - part can only be 0)
 * while the whole cannot be 0.
 */
export interface AllOfOne {
	name: string;
	whole: Terms;
	part: Terms;
}

export interface Range {
	name: string;
	min: number;
	max: number;
	/** the true value, when the atoms' truth was given */
	truth?: number;
}

export interface Finding {
	kind: 'pinned' | 'narrow' | 'all-of-one';
	name: string;
	detail: string;
}

export interface AuditResult {
	ranges: Range[];
	findings: Finding[];
}

/** Integers within base/2 of n, either way at a tie: the widest reading of "rounded to the nearest base". */
export function roundedRange(n: number, base: number): [number, number] {
	return [Math.max(0, Math.ceil(n - base / 2)), Math.floor(n + base / 2)];
}

function sumTerms(...parts: [Terms, number][]): Terms {
	const out: Terms = {};
	for (const [terms, sign] of parts)
		for (const [atom, c] of Object.entries(terms)) out[atom] = (out[atom] ?? 0) + sign * c;
	for (const atom of Object.keys(out)) if (out[atom] === 0) delete out[atom];
	return out;
}

/** Everything one attacker knows: the atoms, the constraints, and what it will try to narrow. */
export class Knowledge {
	readonly atoms = new Map<string, number>();
	readonly constraints: Constraint[] = [];
	readonly targets: Target[] = [];
	readonly allOfOne: AllOfOne[] = [];
	/** the true value of each atom, when known */
	readonly truth = new Map<string, number>();

	/** An unknown count, 0..max. Its true value, when the caller knows it, checks the model. */
	atom(name: string, options: { max?: number; truth?: number } = {}): string {
		if (!this.atoms.has(name)) this.atoms.set(name, options.max ?? Infinity);
		if (options.truth !== undefined) this.truth.set(name, options.truth);
		return name;
	}

	/** min <= sum(terms) <= max */
	between(name: string, terms: Terms, min: number, max: number): void {
		for (const atom of Object.keys(terms)) this.atom(atom);
		this.constraints.push({ name, terms, min, max });
	}

	exact(name: string, terms: Terms, n: number): void {
		this.between(name, terms, n, n);
	}

	/** a <= b (say, the people linked by a panel code who gave an answer, against all who gave it) */
	atMost(name: string, a: Terms, b: Terms): void {
		this.between(name, sumTerms([a, 1], [b, -1]), -Infinity, 0);
	}

	/** One published figure. A hidden one becomes a target: the audit narrows it as far as it can. */
	figure(name: string, terms: Terms, figure: Figure): void {
		if (figure.kind === 'exact') this.exact(name, terms, figure.n);
		else if (figure.kind === 'range') this.between(name, terms, figure.min, figure.max);
		else if (figure.kind === 'rounded') {
			const [lo, hi] = roundedRange(figure.n, figure.base);
			this.between(name, terms, Math.max(lo, figure.min ?? 0), Math.min(hi, figure.max ?? Infinity));
		} else {
			this.between(name, terms, figure.min, figure.max);
			this.target(name, terms);
		}
	}

	target(name: string, terms: Terms): void {
		for (const atom of Object.keys(terms)) this.atom(atom);
		if (!this.targets.some((t) => t.name === name)) this.targets.push({ name, terms });
	}

	/** Checks that the published figures never prove that all of `whole` is `part`. */
	notAllOfOne(name: string, whole: Terms, part: Terms): void {
		for (const atom of [...Object.keys(whole), ...Object.keys(part)]) this.atom(atom);
		this.allOfOne.push({ name, whole, part });
	}

	/** The value of a linear form at the true atoms (undefined when an atom's truth is unknown). */
	valueAtTruth(terms: Terms): number | undefined {
		let total = 0;
		for (const [atom, c] of Object.entries(terms)) {
			const v = this.truth.get(atom);
			if (v === undefined) return undefined;
			total += c * v;
		}
		return total;
	}

	/** The constraints the true atoms break: the rule's model is wrong, or a figure was published wrong. */
	brokenByTruth(): string[] {
		const broken: string[] = [];
		for (const c of this.constraints) {
			const v = this.valueAtTruth(c.terms);
			if (v !== undefined && (v < c.min || v > c.max))
				broken.push(`${c.name}: true value ${v} is outside ${c.min}..${c.max}`);
		}
		return broken;
	}
}

let highsPromise: Promise<Highs> | undefined;
function highs(): Promise<Highs> {
	highsPromise ??= loadHighs();
	return highsPromise;
}

export class InfeasibleError extends Error {}

/** How many integer programmes were solved (for the tests' report of their own cost). */
export const solves = { count: 0, relaxed: 0 };

/**
 * The attacker's solver: one HiGHS model of a Knowledge, minimised and maximised over any linear form.
 * Call dispose() when done (the model lives in WebAssembly memory).
 */
export class Solver {
	readonly #h: Highs;
	readonly #model: ReturnType<Highs['createModel']>;
	readonly #index = new Map<string, number>();
	readonly #numCols: number;
	#relaxed = false;

	private constructor(h: Highs, knowledge: Knowledge) {
		this.#h = h;
		const names = [...knowledge.atoms.keys()];
		names.forEach((name, i) => this.#index.set(name, i));
		const n = names.length;
		this.#numCols = n;
		// rows in compressed sparse row form
		const starts: number[] = [0];
		const indices: number[] = [];
		const values: number[] = [];
		const rowLower: number[] = [];
		const rowUpper: number[] = [];
		for (const c of knowledge.constraints) {
			const entries = Object.entries(c.terms)
				.filter(([, v]) => v !== 0)
				.map(([atom, v]) => [this.#index.get(atom)!, v] as const)
				.sort((a, b) => a[0] - b[0]);
			for (const [i, v] of entries) {
				indices.push(i);
				values.push(v);
			}
			starts.push(indices.length);
			rowLower.push(c.min === -Infinity ? -h.infinity : c.min);
			rowUpper.push(c.max === Infinity ? h.infinity : c.max);
		}
		this.#model = h.createModel({
			numCols: n,
			numRows: knowledge.constraints.length,
			colCost: new Array<number>(n).fill(0),
			colLower: new Array<number>(n).fill(0),
			colUpper: names.map((name) => {
				const max = knowledge.atoms.get(name)!;
				return max === Infinity ? h.infinity : max;
			}),
			rowLower,
			rowUpper,
			matrix: { format: 'csr', numRows: rowLower.length, numCols: n, starts, indices, values },
			integrality: new Array(n).fill(h.constants.variableType.integer)
		});
		this.#model.options.set({ output_flag: false, mip_rel_gap: 0, mip_abs_gap: 0 });
	}

	static async of(knowledge: Knowledge): Promise<Solver> {
		return new Solver(await highs(), knowledge);
	}

	/** The smallest (sense 'min') or largest value of sum(terms): Infinity when unbounded. */
	optimise(terms: Terms, sense: 'min' | 'max'): number {
		return this.solve(terms, sense).value;
	}

	/** The optimum of sum(terms) and, when it is finite, the atoms' values that reach it. */
	solve(
		terms: Terms,
		sense: 'min' | 'max',
		relaxed = false
	): { value: number; point?: Map<string, number>; integral: boolean } {
		const cost = new Array<number>(this.#numCols).fill(0);
		for (const [atom, c] of Object.entries(terms)) {
			const i = this.#index.get(atom);
			if (i === undefined) throw new Error(`Unknown atom ${atom}.`);
			cost[i] = (cost[i] ?? 0) + c;
		}
		if (this.#numCols === 0) return { value: 0, point: new Map(), integral: true };
		this.#model.changeColsCost({ kind: 'range', from: 0, to: this.#numCols - 1 }, cost);
		this.#model.changeObjectiveSense(
			sense === 'min' ? this.#h.constants.objectiveSense.minimize : this.#h.constants.objectiveSense.maximize
		);
		// "simplex" solves the linear relaxation (HiGHS ignores integrality), "choose" the integer programme
		if (relaxed !== this.#relaxed) {
			this.#model.options.set({ solver: relaxed ? 'simplex' : 'choose' });
			this.#relaxed = relaxed;
		}
		this.#model.run();
		solves.count++;
		if (relaxed) solves.relaxed++;
		const status = this.#model.getModelStatus();
		const s = this.#h.constants.modelStatus;
		if (status === s.optimal) {
			const values = this.#model.getSolution().colValue;
			const point = new Map<string, number>();
			let integral = true;
			for (const [atom, i] of this.#index) {
				const v = values[i]!;
				if (Math.abs(v - Math.round(v)) > 1e-6) integral = false;
				point.set(atom, Math.round(v));
			}
			const value = this.#model.getObjectiveValue();
			// a relaxed optimum is a bound, not a value: round it only as far as the tolerance allows
			const rounded = Math.abs(value - Math.round(value)) < 1e-6 ? Math.round(value) : value;
			return { value: rounded, point, integral };
		}
		if (status === s.unbounded) return { value: sense === 'min' ? -Infinity : Infinity, integral: false };
		if (status === s.unboundedOrInfeasible) {
			// the audit checks first that the figures admit a solution (the truth, or a minimum of a sum
			// of atoms, which always exists when any solution does), so this is unbounded
			return { value: sense === 'min' ? -Infinity : Infinity, integral: false };
		}
		if (status === s.infeasible) throw new InfeasibleError('The published figures contradict each other.');
		throw new Error(`HiGHS stopped with model status ${status}.`);
	}

	/** Throws InfeasibleError when no whole numbers satisfy every constraint. */
	checkFeasible(): void {
		// with nothing to optimise nothing is unbounded: "infeasible or unbounded" is infeasible
		const r = this.solve({}, 'min');
		if (!r.point) throw new InfeasibleError('The published figures contradict each other.');
	}

	range(terms: Terms): [number, number] {
		return [this.optimise(terms, 'min'), this.optimise(terms, 'max')];
	}

	dispose(): void {
		this.#model.dispose();
	}
}

export interface AuditOptions {
	/**
	 * How many values a hidden figure's range must hold at least (2: never pinned). A rule may promise
	 * more, e.g. that a hidden count is never narrowed to fewer than `threshold` possibilities.
	 */
	minValues?: number;
	/**
	 * With the truth of every atom known, prove each hidden figure unpinned by finding a solution in
	 * which it differs from its true value (one solution often clears many figures at once), instead
	 * of computing every range: far fewer solves, and only pinned figures get their (single-value) range.
	 */
	witnesses?: boolean;
	/** Counts a hidden figure pinned to 0 as a leak too (it is not by default: see audit()). */
	zeros?: boolean;
}

function valueAt(terms: Terms, point: Map<string, number>): number {
	let total = 0;
	for (const [atom, c] of Object.entries(terms)) total += c * (point.get(atom) ?? 0);
	return total;
}

/**
 * Runs the attacker: every target's range, every "all of one answer" check. A finding is a leak.
 * Throws when the figures contradict each other, or the true atoms break a constraint.
 */
export async function audit(knowledge: Knowledge, options: AuditOptions = {}): Promise<AuditResult> {
	const minValues = options.minValues ?? 2;
	const broken = knowledge.brokenByTruth();
	if (broken.length > 0)
		throw new Error(`The true counts break what the attacker was told:\n  ${broken.join('\n  ')}`);
	const solver = await Solver.of(knowledge);
	try {
		solver.checkFeasible();
		const ranges: Range[] = [];
		const findings: Finding[] = [];
		// A hidden figure pinned to 0 identifies no one: "nobody in this group gave that answer" is what
		// follows from a published 0 (say, nobody at all gave it). What a 0 can give away, that everyone
		// in a group gave one answer, is the all-of-one check below.
		const pinned = (name: string, value: number) => {
			if (value !== 0 || options.zeros)
				findings.push({ kind: 'pinned', name, detail: `${name} is exactly ${value}` });
		};
		const allOfOne = (name: string) =>
			findings.push({
				kind: 'all-of-one',
				name,
				detail: `${name}: the published figures prove that everyone in the group gave this answer`
			});
		const checks = knowledge.allOfOne
			.map((a) => ({ ...a, rest: sumTerms([a.whole, 1], [a.part, -1]) }))
			// with the truth known, only a group that really is all of one answer can be proven so
			.filter((a) => {
				const rest = knowledge.valueAtTruth(a.rest);
				const whole = knowledge.valueAtTruth(a.whole);
				return !(rest !== undefined && rest > 0) && !(whole !== undefined && whole === 0);
			});

		const truths = knowledge.targets.map((t) => knowledge.valueAtTruth(t.terms));
		if (options.witnesses && truths.every((v) => v !== undefined)) {
			let open = knowledge.targets.map((t, i) => ({ ...t, truth: truths[i]! }));
			let openChecks = checks;
			const consider = (point: Map<string, number> | undefined) => {
				if (!point) return;
				open = open.filter((t) => valueAt(t.terms, point) === t.truth);
				openChecks = openChecks.filter((a) => valueAt(a.rest, point) === 0 && valueAt(a.whole, point) > 0);
			};
			// a few broad moves first: everything hidden as small as it can be, then as large
			const all = sumTerms(...open.map((t) => [t.terms, 1] as [Terms, number]));
			// and a few with random weights: each whole-number solution clears every figure it moves
			let seed = 1;
			const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
			const moves: [Terms, 'min' | 'max'][] = [
				[all, 'min'],
				[all, 'max']
			];
			for (let i = 0; i < 4; i++) {
				const weights: Terms = {};
				for (const t of open) for (const [atom, c] of Object.entries(t.terms)) weights[atom] = c * random();
				moves.push([weights, 'min']);
			}
			for (const [terms, sense] of moves) {
				if (open.length === 0) break;
				let r = solver.solve(terms, sense, true);
				if (!r.integral && Number.isFinite(r.value)) r = solver.solve(terms, sense);
				if (r.integral) consider(r.point);
			}
			// For each figure still open: the linear relaxation first. Its optimum bounds the integer one
			// (min LP <= min IP), so an LP optimum equal to the truth proves the integer optimum is the truth;
			// an LP optimum past the truth at a whole-number point is a witness; only otherwise is the
			// integer programme solved.
			const beyond = (t: { terms: Terms; truth: number }, sense: 'min' | 'max') => {
				const lp = solver.solve(t.terms, sense, true);
				const past = sense === 'min' ? lp.value < t.truth : lp.value > t.truth;
				if (!past) return false;
				if (lp.integral && lp.point) {
					consider(lp.point);
					return true;
				}
				const ip = solver.solve(t.terms, sense);
				if (ip.point) consider(ip.point);
				return sense === 'min' ? ip.value < t.truth : ip.value > t.truth;
			};
			while (open.length > 0) {
				const t = open[0]!;
				if (!beyond(t, 'min') && !beyond(t, 'max')) {
					ranges.push({ name: t.name, min: t.truth, max: t.truth, truth: t.truth });
					pinned(t.name, t.truth);
				}
				open = open.filter((o) => o !== t);
			}
			while (openChecks.length > 0) {
				const a = openChecks[0]!;
				openChecks = openChecks.slice(1);
				// the rest of the group (everyone but those giving the answer) can be more than 0?
				let rest = solver.solve(a.rest, 'max', true);
				if (rest.value > 0 && !rest.integral) rest = solver.solve(a.rest, 'max');
				if (rest.value > 0) {
					consider(rest.point);
					continue;
				}
				// the group can be empty?
				let whole = solver.solve(a.whole, 'min', true);
				if (whole.value < 1 && !whole.integral) whole = solver.solve(a.whole, 'min');
				if (whole.value >= 1) allOfOne(a.name);
				else consider(whole.point);
			}
			return { ranges, findings };
		}

		for (const t of knowledge.targets) {
			const [min, max] = solver.range(t.terms);
			const truth = knowledge.valueAtTruth(t.terms);
			ranges.push({ name: t.name, min, max, ...(truth === undefined ? {} : { truth }) });
			const values = max - min + 1;
			if (values === 1) pinned(t.name, min);
			else if (values < minValues)
				findings.push({
					kind: 'narrow',
					name: t.name,
					detail: `${t.name} is within ${min}..${max} (${values} values, fewer than ${minValues})`
				});
		}
		for (const a of checks)
			if (solver.optimise(a.rest, 'max') === 0 && solver.optimise(a.whole, 'min') >= 1) allOfOne(a.name);
		return { ranges, findings };
	} finally {
		solver.dispose();
	}
}

/** A readable account of an audit's findings, with the ranges of the hidden figures. */
export function explain(result: AuditResult): string {
	const lines = result.findings.map((f) => `LEAK ${f.kind}: ${f.detail}`);
	for (const r of result.ranges)
		lines.push(`  ${r.name}: ${r.min}..${r.max}${r.truth === undefined ? '' : ` (true ${r.truth})`}`);
	return lines.join('\n');
}
