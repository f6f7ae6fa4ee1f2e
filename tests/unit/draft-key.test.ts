import { describe, expect, it } from 'vitest';
import { DRAFT_KEY_FIELD, newDraftKey, postedDraftKey } from '$lib/server/respondent/draft-key';

describe("a draft's key", () => {
	it('is new each time: 24 characters of base64url, as api.save_draft accepts', () => {
		const keys = new Set(Array.from({ length: 1000 }, newDraftKey));
		expect(keys.size).toBe(1000);
		for (const key of keys) expect(key).toMatch(/^[A-Za-z0-9_-]{24}$/);
	});

	it('is read from a posted form only when it is one; anything else is no key', () => {
		const posted = (value?: string) => {
			const form = new FormData();
			if (value !== undefined) form.set(DRAFT_KEY_FIELD, value);
			return postedDraftKey(form);
		};
		const key = newDraftKey();
		expect(posted(key)).toBe(key);
		for (const bad of [undefined, '', 'short', `${key}'--`, 'é'.repeat(30), 'a'.repeat(129)]) {
			expect(posted(bad)).toBeNull();
		}
	});
});
