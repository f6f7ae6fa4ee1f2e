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
		}
	}
}

export {};
