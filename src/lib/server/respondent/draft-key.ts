import { randomFillSync } from 'node:crypto';

/**
 * A draft's key. The address of a survey under way (/s/<slug>/<response id>/q/3) stays in the browser's
 * history, so on a shared device it must not be enough to open the answers given there. Each draft is
 * also kept under a key: made here when the survey is started or resumed with a code, carried by the
 * pages' forms in the hidden field DRAFT_KEY_FIELD (never in the address, never in a cookie), and sent
 * with every save, every reading of the draft by its response id, and the final submit. The database
 * keeps only its hash (api.save_draft, api.load_draft, api.submit_response).
 *
 * With JavaScript, the page's script also keeps the key in the history entry of the page
 * (history.state), so that Back, Forward and reload in the same tab still show the answers; a new tab,
 * or another person opening the address from the history, gets only a page asking for the resume code.
 */
export const DRAFT_KEY_FIELD = 'draft_key';

/** as api.save_draft accepts them: base64url, 22 to 128 characters */
const KEY = /^[A-Za-z0-9_-]{22,128}$/;

/** Random bytes drawn 256 keys at a time (as Node's randomUUID does): every page posted makes a key. */
const KEY_BYTES = 18;
const pool = Buffer.alloc(KEY_BYTES * 256);
let used = pool.length;

/** A new key: 18 random bytes (144 bits), 24 characters of base64url; each drawn once, never again. */
export function newDraftKey(): string {
	if (used === pool.length) {
		randomFillSync(pool);
		used = 0;
	}
	const key = pool.toString('base64url', used, used + KEY_BYTES);
	used += KEY_BYTES;
	return key;
}

/** The key a posted form carries, or null when it carries none, or something that is not a key. */
export function postedDraftKey(form: FormData): string | null {
	const key = form.get(DRAFT_KEY_FIELD);
	return typeof key === 'string' && KEY.test(key) ? key : null;
}
