import raw from './dfe-ehc-plans.json?raw';

/**
 * The DfE's counts of children and young people with an EHC plan for every local authority in England, shipped
 * with the product (see README.md beside this file for the source and licence). Read once, on the server.
 */

interface DfeData {
	areas: Record<
		string,
		{ name: string; years: Record<string, Record<string, Record<string, number | null>>> }
	>;
}

let data: DfeData | null = null;
function dfe(): DfeData {
	data ??= JSON.parse(raw) as DfeData;
	return data;
}

export const DFE_YEARS = [
	{ value: '2025', label: 'January 2025' },
	{ value: '2024', label: 'January 2024' }
] as const;
export type DfeYear = (typeof DFE_YEARS)[number]['value'];

export const DFE_SOURCE =
	'Department for Education, Education, health and care plans (reporting year 2025), Open Government Licence v3.0';

/** Every local authority, by name. */
export function dfeAreas(): { code: string; name: string }[] {
	return Object.entries(dfe().areas)
		.map(([code, a]) => ({ code, name: a.name }))
		.sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
}

/** One local authority's figures for one year, as api.set_population takes them; null when it has none. */
export function dfeFigures(
	code: string,
	year: DfeYear
): { name: string; year: string; rows: { dimension: string; group: string; count: string }[] } | null {
	const area = dfe().areas[code];
	const figures = area?.years[year];
	if (!area || !figures) return null;
	const rows = Object.entries(figures).flatMap(([dimension, categories]) =>
		Object.entries(categories).map(([group, count]) => ({
			dimension,
			group,
			count: count === null ? '' : String(count)
		}))
	);
	return { name: area.name, year: DFE_YEARS.find((y) => y.value === year)!.label, rows };
}
