/**
 * What a survey page (a question page, check your answers) shows: the page of a locked draft
 * (LockedDraft.svelte) when the action answered `{ locked }` or, failing an action, when the page's
 * load found the draft locked; otherwise the action's answer, if any, for the page's form.
 */
type LockedOf<F> = F extends { locked: infer L } ? L : never;

export function splitLocked<F extends object, L>(
	form: F | null | undefined,
	fromLoad: { value: L } | null | undefined
): { locked: LockedOf<F> | L | null; answer: Exclude<F, { locked: unknown }> | null } {
	if (form && 'locked' in form) {
		return { locked: (form as { locked: LockedOf<F> }).locked, answer: null };
	}
	return {
		locked: fromLoad?.value ?? null,
		answer: (form ?? null) as Exclude<F, { locked: unknown }> | null
	};
}
