import type { ParamMatcher } from '@sveltejs/kit';

/** A response id: the UUID a respondent's draft is kept under. */
export const match = ((param: string) =>
	/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(param)) satisfies ParamMatcher;
