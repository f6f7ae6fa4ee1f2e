/** Wave dates for the demo, all computed from one `now` so the story is always current. */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export function addDays(date: Date, days: number): Date {
	return new Date(date.getTime() + days * DAY);
}

export function addMonths(date: Date, months: number): Date {
	const result = new Date(date.getTime());
	result.setUTCMonth(result.getUTCMonth() + months);
	return result;
}

function startOfDay(date: Date): Date {
	return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}

/** Waves open at nine in the morning of their first day... */
export function openingOn(day: Date): Date {
	return new Date(startOfDay(day).getTime() + 9 * HOUR);
}

/** ...and close at the end of their last day. */
export function closingOn(day: Date): Date {
	return new Date(startOfDay(day).getTime() + DAY);
}

export function season(date: Date): 'Winter' | 'Spring' | 'Summer' | 'Autumn' {
	const month = date.getUTCMonth();
	if (month === 11 || month <= 1) return 'Winter';
	if (month <= 4) return 'Spring';
	if (month <= 7) return 'Summer';
	return 'Autumn';
}

/** "Autumn 2025 baseline", "Spring 2026 repeat". */
export function waveLabel(kind: 'baseline' | 'repeat', opensAt: Date): string {
	return `${season(opensAt)} ${opensAt.getUTCFullYear()} ${kind}`;
}

export interface WaveWindow {
	kind: 'baseline' | 'repeat';
	label: string;
	opensAt: Date;
	closesAt: Date;
}

/** A wave opening on `firstDay` and running `weeks` weeks. */
export function waveFor(kind: 'baseline' | 'repeat', firstDay: Date, weeks: number): WaveWindow {
	const opensAt = openingOn(firstDay);
	return {
		kind,
		label: waveLabel(kind, opensAt),
		opensAt,
		closesAt: closingOn(addDays(firstDay, weeks * 7 - 1))
	};
}

/** A wave from `firstDay` to `lastDay` inclusive. */
export function waveBetween(kind: 'baseline' | 'repeat', firstDay: Date, lastDay: Date): WaveWindow {
	const opensAt = openingOn(firstDay);
	return { kind, label: waveLabel(kind, opensAt), opensAt, closesAt: closingOn(lastDay) };
}
