import type { ParamMatcher } from '@sveltejs/kit';

/**
 * An invitation link's token: 128 random bits in base64url, 22 characters, as the database makes them
 * (app.new_invitation_token). Anything else is no invitation: its page is "not found", as for a token
 * that is not known, before the database is asked.
 */
export const match = ((param: string) => /^[A-Za-z0-9_-]{22}$/.test(param)) satisfies ParamMatcher;
