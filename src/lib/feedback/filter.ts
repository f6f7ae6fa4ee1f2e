import { codes, FEEDBACK_CHANNELS } from '$lib/domain';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The inbox's filters, as its address carries them (and the triage view's, which walks the same list). */
export interface FeedbackFilter {
	survey?: string;
	wave?: string;
	channel?: string;
	priority?: string;
	untagged?: boolean;
	q?: string;
	/** an about-you group, `dimension:code` (for example `phase:primary`) */
	group?: string;
	/** one theme, matched whole */
	theme?: string;
}

const GROUP = /^[a-z][a-z0-9_]{0,39}:[a-z0-9_]{1,40}$/;

/** The filters in an address: anything that is not one is left out. */
export function filterFrom(p: URLSearchParams): FeedbackFilter {
	const id = (k: string) => (UUID.test(p.get(k) ?? '') ? p.get(k)! : undefined);
	const channel = p.get('channel') ?? '';
	return {
		survey: id('survey'),
		wave: id('wave'),
		channel: (codes(FEEDBACK_CHANNELS) as string[]).includes(channel) ? channel : undefined,
		priority: id('priority'),
		untagged: p.get('untagged') === '1',
		q: p.get('q')?.trim().slice(0, 200) || undefined,
		group: GROUP.test(p.get('group') ?? '') ? p.get('group')! : undefined,
		theme: p.get('theme')?.trim().toLowerCase().slice(0, 80) || undefined
	};
}

/** The query string of these filters and any more pairs (`page`, `at`), without `?`; empty values left out. */
export function filterQuery(f: FeedbackFilter, more: Record<string, string | undefined> = {}): string {
	const pairs: [string, string | undefined][] = [
		['survey', f.survey],
		['wave', f.wave],
		['channel', f.channel],
		['priority', f.priority],
		['q', f.q],
		['group', f.group],
		['theme', f.theme],
		['untagged', f.untagged ? '1' : undefined],
		...Object.entries(more)
	];
	return pairs.flatMap(([k, v]) => (v ? [`${k}=${encodeURIComponent(v)}`] : [])).join('&');
}
