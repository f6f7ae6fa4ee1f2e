import type { Session, SupabaseClient, User } from '@supabase/supabase-js';
import type { Database } from '$lib/database.types';

declare global {
	namespace App {
		interface Locals {
			/** Per-request client: the caller's session from cookies, the API schema. */
			supabase: SupabaseClient<Database, 'api'>;
			/**
			 * The server's own client for a respondent's drafts and submissions (service role, with the
			 * respondent's address for the database's limits): see $lib/server/respondent/server-api.ts.
			 */
			respondentApi: import('$lib/server/respondent/server-api').RespondentClient;
			/** The session, only once its JWT has been checked with the Auth server. */
			safeGetSession(): Promise<{ session: Session | null; user: User | null }>;
			/** <html lang dir> of a respondent page in a language chosen; en-GB and ltr otherwise */
			language?: { lang: string; dir: 'ltr' | 'rtl' };
		}
		interface Error {
			message: string;
			/**
			 * What kind of refusal, where a page in another language than English says it in its own words
			 * (src/routes/(respondent)/+error.svelte): a NUL character, a field the survey does not ask, a limit
			 */
			code?: 'unkept_character' | 'not_asked' | 'rate_limited';
			/** with rate_limited: the seconds to wait */
			retryAfter?: number;
		}
	}
}

export {};
