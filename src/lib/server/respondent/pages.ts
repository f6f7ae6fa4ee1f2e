/**
 * Going from page to page of a survey under way. Every page's form carries all the answers given so
 * far (its own fields, and the other pages' as hidden fields), and each button posts the whole form
 * to the address of the page it leads to: that page reads the answers from the post and shows
 * itself at its own address. Nothing is written to the database on the way; the answers are sent
 * once, from check your answers. A draft is kept only to finish later: when the respondent asks for
 * a code (nav=later), or when the page's script saves the answers as they are given.
 */
import { error, fail } from '@sveltejs/kit';
import { pageErrors, readAnswers, type Step } from '$lib/respondent/steps';
import type { DraftAnswers } from '$lib/respondent/types';
import { chosenCode } from '$lib/respondent/language';
import { ApiError, retryAfter } from '../api';
import { readFormPost } from '../form-post';
import { saveDraft } from './drafts';
import { newDraftKey, postedDraftKey } from './draft-key';
import type { PageContext } from './context';

/**
 * What the button pressed asks for. `open`: the draft's own page, opened with its key rather than
 * with answers posted (after a resume code, or by the page's script after Back or a reload).
 */
export type Nav = 'continue' | 'back' | 'change' | 'stay' | 'later' | 'send' | 'open';
const NAVS: readonly Nav[] = ['continue', 'back', 'change', 'stay', 'later', 'send', 'open'];

export interface Posted {
	answers: DraftAnswers;
	nav: Nav;
	/** the page the form was on (null from check your answers) */
	from: Step | null;
	/** the respondent came from check your answers to change an answer */
	change: boolean;
	/** the resume code the page showed, carried so that the next page shows it too (display only) */
	resumeCode: string | null;
	/**
	 * the draft's key the form carried (./draft-key); a new one when it carried none (a page from before
	 * keys, or a crafted post), under which a new draft is kept and an existing one is not opened
	 */
	draftKey: string;
}

/** as the database shows one: K7QP-2MXA-9RTW (or K7QP-2MXA, a draft's code from before they grew) */
const RESUME_CODE = /^[A-Z0-9]{4}-[A-Z0-9]{4}(-[A-Z0-9]{4})?$/;

export async function readPosted(request: Request, ctx: PageContext): Promise<Posted> {
	const form = await readFormPost(request);
	const nav = form.get('nav');
	const from = Number(form.get('from'));
	const code = form.get('resume_code');
	return {
		answers: readAnswers(form, ctx.survey),
		nav: NAVS.includes(nav as Nav) ? (nav as Nav) : 'continue',
		from: Number.isInteger(from) ? (ctx.steps[from - 1] ?? null) : null,
		change: form.get('change') === '1',
		resumeCode: typeof code === 'string' && RESUME_CODE.test(code) ? code : null,
		draftKey: postedDraftKey(form) ?? newDraftKey()
	};
}

/**
 * A page posted to: Continue checks the answers of the page it came from, and when one needs
 * fixing that page is shown again, with its errors, here. Anything else goes where it was sent.
 */
export function arrive(ctx: PageContext, posted: Posted, responseId: string) {
	const { answers, from, change, resumeCode, draftKey } = posted;
	if (posted.nav === 'continue' && from) {
		const errors = pageErrors(answers, ctx.survey, from, responseId, ctx.messages.validation);
		if (Object.keys(errors).length > 0) {
			return fail(400, { answers, errors, show: from, change, resumeCode, savedForLater: false, draftKey });
		}
	}
	return {
		answers,
		errors: {} as Record<string, string>,
		show: null,
		change,
		resumeCode,
		savedForLater: false,
		draftKey
	};
}

/**
 * Saves the answers so far as the draft, to finish later (the page the respondent is on is where the
 * resume code leads); its resume code, or a redirect when the answers have already been sent or
 * the wave has closed.
 */
export async function keepDraft(
	event: { locals: App.Locals; params: { response: string } },
	ctx: PageContext,
	posted: Posted,
	step: number
): Promise<string> {
	try {
		const draft = await saveDraft(event.locals.respondentApi, {
			responseId: event.params.response,
			waveSlug: ctx.survey.wave.slug,
			answers: posted.answers,
			step,
			easyRead: ctx.easyRead,
			language: chosenCode(ctx.language),
			draftKey: posted.draftKey
		});
		return draft.resume_code;
	} catch (e) {
		if (e instanceof ApiError && e.hint === 'already_submitted') throw new DraftGone('sent');
		if (e instanceof ApiError && (e.hint === 'wave_closed' || e.hint === 'wave_not_open')) {
			throw new DraftGone('closed');
		}
		if (e instanceof ApiError && e.hint === 'wrong_wave') throw new DraftGone('wrong_wave');
		// a wave answered only through invitation links, reached by its public address
		if (e instanceof ApiError && e.hint === 'invitation_only') throw new DraftGone('invitation_only');
		// kept under another key: this page's address without its key, or a tab left after a resume code
		if (e instanceof ApiError && e.hint === 'draft_locked') throw new DraftGone('locked');
		// a field this survey does not have, or an answer past its limits: only a crafted post sends one
		if (e instanceof ApiError && e.hint === 'invalid_request') {
			error(400, {
				message: 'These answers could not be kept: the form sent something this survey does not ask.',
				code: 'not_asked'
			});
		}
		tooManyFromHere(e);
		throw e;
	}
}

/**
 * Why a draft could not be kept: the answers were sent, the wave closed, it is another wave's, or it is
 * kept under another key.
 */
export class DraftGone extends Error {
	constructor(readonly why: 'sent' | 'closed' | 'wrong_wave' | 'invitation_only' | 'locked') {
		super(why);
	}
}

/**
 * A 429 page when the database refused the call because the respondent's address is over a limit
 * (saves or submissions per hour): what they are told, and Retry-After. Returns when `e` is not that.
 */
export function tooManyFromHere(e: unknown, setHeaders?: (headers: Record<string, string>) => void): void {
	const seconds = retryAfter(e);
	if (seconds === null) return;
	setHeaders?.({ 'retry-after': String(seconds) });
	error(429, { message: (e as ApiError).reason, code: 'rate_limited', retryAfter: seconds });
}
