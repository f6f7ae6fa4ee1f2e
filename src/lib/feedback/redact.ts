/**
 * A first draft of a quote: the comment with obvious identifying details replaced, for a member of
 * staff to read and edit before anything is quoted. It is a help, not a guarantee: it finds email
 * addresses, phone numbers, postcodes and names written the way people usually introduce them
 * ("Mrs Holt", "my son Jack", "my name is Amira", "a worker called Dave"); other names and details
 * are for the person to take out.
 */

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
// UK numbers: 07700 900123, 0161 496 0000, +44 7700 900123, (01632) 960 001, 07700-900-123
const PHONE = /(?<![\w+])(?:\+44\s?\(?0?\)?\s?|\(?0)\d(?:[\s\-()]*\d){8,10}(?!\w)/g;
// UK postcodes: SW1A 1AA, M1 1AE, B33 8TH
const POSTCODE = /\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b/g;

/** A capitalised word: a name, perhaps with a hyphen or an apostrophe (O'Neill, Smith-Jones). */
const NAME = String.raw`(?:[OD]['’])?[A-Z][a-z]+(?:['’-][A-Z]?[a-z]+)*`;
/** One or two capitalised words in a row: Jack, Jenny Holt. */
const NAMES = String.raw`${NAME}(?:\s+${NAME})?`;

const TITLED = new RegExp(String.raw`\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof)\.?\s+${NAMES}`, 'g');
const INTRODUCED = new RegExp(
	String.raw`\b((?:[Mm]y name is|[Ii]'m called|[Cc]alled|[Nn]amed|[Mm]y (?:son|daughter|child|boy|girl|brother|sister|husband|wife|partner|mum|dad|grandson|granddaughter),?)\s+)(${NAMES})`,
	'g'
);
/** Capitalised words that follow "called" or "my son" but are not names. */
const NOT_NAMES = new Set([
	'I',
	'He',
	'She',
	'They',
	'We',
	'It',
	'The',
	'And',
	'But',
	'Who',
	'Is',
	'Was',
	'Has',
	'Had',
	'SEND',
	'EHCP'
]);

/** The comment with emails, phone numbers, postcodes and obvious names as [email], [phone], [postcode], [name]. */
export function suggestRedaction(text: string): string {
	return text
		.replace(EMAIL, '[email]')
		.replace(PHONE, '[phone]')
		.replace(POSTCODE, '[postcode]')
		.replace(TITLED, '[name]')
		.replace(INTRODUCED, (whole, lead: string, name: string) => {
			const first = name.split(/\s+/)[0]!;
			return NOT_NAMES.has(first) ? whole : `${lead}[name]`;
		});
}
