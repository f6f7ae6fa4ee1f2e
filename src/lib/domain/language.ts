/**
 * English, the language every survey is written in. One code names it wherever a language is named
 * (the address's ?lang=, a draft, a response, a survey's languages): `en`. On the page, text in
 * English is marked with the tag `en-GB` (British English, for screen readers' pronunciation).
 */
export const ENGLISH_CODE = 'en';
export const ENGLISH_TAG = 'en-GB';

/** Whether a language code (as typed in an address or kept in a draft) means English. */
export function isEnglish(code: string | null | undefined): boolean {
	return !code || code === ENGLISH_CODE || code === ENGLISH_TAG;
}

/** The tag for a page or part in this language: en-GB for English, the code otherwise. */
export function langTag(code: string): string {
	return isEnglish(code) ? ENGLISH_TAG : code;
}
