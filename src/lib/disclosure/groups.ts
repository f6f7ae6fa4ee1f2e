/**
 * An indicator by group, read off a published table: for each group its n, how many gave a positive answer
 * and the share, each a number or hidden. Pure, so the page and its tests agree.
 */

export interface GroupFigure {
	label: string;
	/** null: hidden ([c]) */
	n: number | null;
	/** null: hidden ([c]) */
	positive: number | null;
	/** positive / n, only on a shown n of at least the threshold */
	share: number | null;
	/** exact figures for staff: a count under the threshold */
	small: boolean;
}

interface Row {
	dimension: string;
	label: string;
	n: number | null;
	small: boolean;
	cells: { value: string; count: number | null }[];
	/** a several-answer question's people with at least one positive tick (null: hidden) */
	people_positive?: number | null;
}

/**
 * `several`: a several-answer question, whose positive people are the row's `people_positive` (someone who
 * ticked two positive answers is one person), never the sum of its positive columns' ticks.
 */
export function groupFigures(
	rows: readonly Row[],
	options: readonly { value: string; positive: boolean }[],
	dimension: string,
	threshold: number,
	several = false
): GroupFigure[] {
	const positive = new Set(options.filter((o) => o.positive).map((o) => o.value));
	return rows
		.filter((r) => r.dimension === dimension)
		.map((r) => {
			const cells = r.cells.filter((c) => positive.has(c.value));
			const people = several ? (r.people_positive ?? null) : undefined;
			const hidden = r.n === null || (several ? people === null : cells.some((c) => c.count === null));
			const count = hidden
				? null
				: several
					? (people ?? null)
					: cells.reduce((sum, c) => sum + (c.count ?? 0), 0);
			return {
				label: r.label,
				n: r.n,
				positive: count,
				share: count !== null && r.n !== null && r.n >= threshold && r.n > 0 ? count / r.n : null,
				small: r.small
			};
		});
}

/** Dimensions a dashboard can break an indicator down by, in the order the people who read it expect. */
export const GROUP_DIMENSIONS: { key: string; label: string }[] = [
	{ key: 'ethnicity', label: 'Ethnic group' },
	{ key: 'phase', label: 'Stage of education' },
	{ key: 'support', label: 'Support in place' },
	{ key: 'setting', label: 'Where they learn' },
	{ key: 'area', label: 'Area' },
	{ key: 'gender', label: 'Gender' },
	{ key: 'age_band', label: 'Age' },
	{ key: 'care_experience', label: 'Care experience' },
	{ key: 'channel', label: 'How the survey was given' },
	{ key: 'assistance', label: 'Who gave the answers' }
];
