/**
 * Free-text answers for the demo (data/comments.json): made up, anonymised (no names of people,
 * schools or places), in the voice families and young people use in real SEND surveys. Each
 * comment says who could plausibly have written it, so a comment about college never comes from
 * the parent of a five-year-old.
 */

import type { Profile } from './population';
import type { Random } from './random';

export type Tone = 'negative' | 'mixed' | 'positive';

export interface Comment {
	text: string;
	tone: Tone;
	/** Only from respondents whose profile has one of these values. */
	when?: Partial<Record<keyof Profile, string[]>>;
	/** Only in a repeat wave: it speaks of a change since last time. */
	repeatOnly?: boolean;
}

function fits(comment: Comment, profile: Profile, repeat: boolean): boolean {
	if (comment.repeatOnly && !repeat) return false;
	for (const [dimension, values] of Object.entries(comment.when ?? {})) {
		const value = profile[dimension as keyof Profile];
		if (value === null || !values.includes(value)) return false;
	}
	return true;
}

/**
 * Hands out comments so that the same words come round as seldom as possible: the least used
 * comment that fits, ties broken at random.
 */
export class CommentBox {
	readonly #comments: Comment[];
	readonly #used = new Map<Comment, number>();
	readonly #rng: Random;

	constructor(comments: Comment[], rng: Random) {
		this.#comments = comments;
		this.#rng = rng;
	}

	take(tone: Tone, profile: Profile, repeat: boolean): string | null {
		const fitting = this.#comments.filter((c) => c.tone === tone && fits(c, profile, repeat));
		if (fitting.length === 0) return null;
		const fewest = Math.min(...fitting.map((c) => this.#used.get(c) ?? 0));
		const chosen = this.#rng.pick(fitting.filter((c) => (this.#used.get(c) ?? 0) === fewest));
		this.#used.set(chosen, fewest + 1);
		return chosen.text;
	}
}
