import type { ParamMatcher } from '@sveltejs/kit';

/** A page number of a survey: 1, 2, 3… */
export const match = ((param: string) => /^[1-9][0-9]{0,2}$/.test(param)) satisfies ParamMatcher;
