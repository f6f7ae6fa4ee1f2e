import type { Attachment } from 'svelte/attachments';

/*
 * A signed-in page is plain HTML that works for a moment before its script has run (hydration): on a slow
 * connection or a busy machine, long enough to tick a box or type a word. Svelte's one-way `checked={…}`
 * and `value={…}` set every control back to the server's value when the page hydrates, so what the person
 * did in that moment is silently undone and the form is sent without it. Render the server's value as the
 * control's default instead (`defaultChecked={…}`, `defaultValue={…}`: the same HTML, and hydration
 * leaves what was done alone) and attach one of these to follow the page's data when it changes later.
 */

/**
 * For a radio or checkbox rendered with `defaultChecked={checked()}`: once the page is running, its ticked
 * state follows `checked()` whenever that changes. A tick made before then is kept, and told to `early`
 * (so a form kept in the browser can record it).
 */
export function keepChecked(
	checked: () => boolean,
	early?: (on: boolean) => void
): Attachment<HTMLInputElement> {
	let started = false;
	return (input) => {
		const want = checked();
		if (started) {
			input.checked = want;
			return;
		}
		started = true;
		if (input.checked !== input.defaultChecked) early?.(input.checked);
	};
}

/**
 * For a text field rendered with `defaultValue={value()}`: once the page is running, it shows `value()`
 * whenever that changes (a search cleared by a link); words typed before then are kept.
 */
export function keepValue(value: () => string): Attachment<HTMLInputElement | HTMLTextAreaElement> {
	let started = false;
	return (input) => {
		const want = value();
		if (started) input.value = want;
		started = true;
	};
}
