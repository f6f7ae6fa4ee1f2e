import { superForm, type FormOptions, type SuperValidated } from 'sveltekit-superforms';

/** One row of the error summary: the message, and the field it links to. */
export interface SummaryItem {
	href: string;
	message: string;
}

/** Space-separated ids for aria-describedby, or nothing when there are none. */
export const describedBy = (...ids: (string | false | null | undefined)[]): string | undefined =>
	ids.filter(Boolean).join(' ') || undefined;

/** The first message of a field's errors, however the form gives them (a list, one message or none). */
export const firstError = (errors: unknown): string | undefined => {
	if (typeof errors === 'string') return errors || undefined;
	if (Array.isArray(errors)) return typeof errors[0] === 'string' ? errors[0] : undefined;
	return undefined;
};

/** A page's title, starting "Error: " while its form shows problems, so a screen reader hears it first. */
export const errorTitle = (summary: readonly unknown[], title: string): string =>
	summary.length > 0 ? `Error: ${title}` : title;

/**
 * The error summary of a form: its message first (linking to `messageAt`), then the first error of
 * each field in page order, linking to `#field` or to the id `at` gives (a group links to its first choice).
 */
export function summarise(
	errors: Record<string, unknown>,
	fields: readonly string[],
	{
		message,
		messageAt = fields[0] ?? '',
		at = {}
	}: { message?: string | null; messageAt?: string; at?: Record<string, string> } = {}
): SummaryItem[] {
	return [
		...(message ? [{ href: `#${messageAt}`, message }] : []),
		...fields.flatMap((f) => {
			const m = firstError(errors[f]);
			return m ? [{ href: `#${at[f] ?? f}`, message: m }] : [];
		})
	];
}

/**
 * A staff form as every staff page has it: checked by the same zod schema in the browser when it is
 * sent (the server checks again), and keeping what was typed after a problem.
 */
export function staffForm<T extends Record<string, unknown>, M = unknown>(
	data: SuperValidated<T, M>,
	validators: NonNullable<FormOptions<T, M>['validators']>,
	options: FormOptions<T, M> = {}
) {
	return superForm<T, M>(data, {
		validators,
		validationMethod: 'submit-only',
		resetForm: false,
		...options
	});
}

/** What a custom control in a Field needs to be the field's own: its id, its description and whether it is wrong. */
export interface Control {
	id: string;
	describedBy: string | undefined;
	invalid: 'true' | undefined;
}

/** One choice of a ChoiceGroup: what is sent, what it says, and a hint under it. */
export interface Choice {
	value: string;
	label: string;
	hint?: string;
}

/** A form as the server gave it (a SuperValidated), read without superforms in the browser. */
export interface Posted {
	data: Record<string, unknown>;
	errors: Record<string, unknown>;
}
