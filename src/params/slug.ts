import type { ParamMatcher } from '@sveltejs/kit';

/**
 * A survey's address, as the database keeps one (letters, numbers and single hyphens, at most 80),
 * in any case: /s/EHC-Journey opens ehc-journey. Anything else is not a survey's address, and its
 * page is "not found" before the database is asked (a link cut short or mistyped, or a crafted one).
 */
export const match = ((param: string) =>
	param.length <= 80 && /^[A-Za-z0-9]+(-[A-Za-z0-9]+)*$/.test(param)) satisfies ParamMatcher;
