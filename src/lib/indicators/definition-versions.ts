import type { TrendPoint } from './types';

/**
 * `?definition=<n>` on the trend and its downloads: the figures as the indicator was defined before a change
 * of which answers count as positive (1 is the first definition). `asked` is null when the address names none;
 * `definition` is undefined when it names one that cannot be (not a small whole number from 1).
 */
export function askedDefinition(url: URL): { asked: string | null; definition: number | undefined } {
	const raw = url.searchParams.get('definition');
	const asked = raw === null || raw === '' ? null : raw;
	return { asked, definition: asked !== null && /^[1-9]\d{0,3}$/.test(asked) ? Number(asked) : undefined };
}

type Change = TrendPoint['definition_changes'][number];

/**
 * The definition a trend's rows are counted by and the one in force; and, when they differ, the change that
 * ended the shown one (its `before` answers are what counted, `at` until when).
 */
export function shownDefinition(
	rows: readonly Pick<TrendPoint, 'definition' | 'latest_definition' | 'definition_changes'>[]
): {
	definition: { shown: number; latest: number } | undefined;
	changes: Change[];
	earlier: Change | undefined;
} {
	const first = rows[0];
	if (!first) return { definition: undefined, changes: [], earlier: undefined };
	const definition = { shown: first.definition, latest: first.latest_definition };
	// change n starts definition n + 1
	const earlier =
		definition.shown < definition.latest
			? first.definition_changes.find(
					(c) => c.kind === 'positive answers' && c.version === definition.shown + 1
				)
			: undefined;
	return { definition, changes: first.definition_changes, earlier };
}
