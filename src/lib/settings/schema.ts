import { z } from 'zod';

/**
 * A full https address of a named host, as the database's app.is_https_url checks it: the same
 * pattern on both sides, so the form and the database agree on what they accept.
 */
const HTTPS_URL =
	/^https:\/\/[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+(:[0-9]{1,5})?([/?#][^\s<>"]*)?$/i;

export function isHttpsUrl(value: string): boolean {
	return value.length <= 500 && HTTPS_URL.test(value);
}

export const URL_MESSAGE =
	'Enter the full address of the page, starting https://, like https://www.example.gov.uk/local-offer/you-said-we-did.';

/** The organisation settings form: the address of its "you said, we did" page, empty for none. */
export const organisationSettingsSchema = z.object({
	you_said_we_did_url: z
		.string()
		.trim()
		.max(500, 'Keep the address to 500 characters or fewer.')
		.refine((v) => v === '' || isHttpsUrl(v), URL_MESSAGE)
		.default('')
});
