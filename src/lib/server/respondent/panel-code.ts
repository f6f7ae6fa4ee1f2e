import { randomInt } from 'node:crypto';

/**
 * A new panel code to offer a respondent who has none: 8 characters from 29 that are hard to misread
 * for one another (no 0/O, 1/I/L, U/V), shown as K7QP-2MXA. Random, never derived from anything
 * about the person; about 39 bits (29^8), so two respondents drawing the same code is not a concern.
 */
const ALPHABET = 'ABCDEFGHJKMNPQRSTWXYZ23456789';

export function newPanelCode(): string {
	let code = '';
	for (let i = 0; i < 8; i++) code += ALPHABET[randomInt(ALPHABET.length)];
	return `${code.slice(0, 4)}-${code.slice(4)}`;
}
