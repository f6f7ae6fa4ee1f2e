import { json, redirect } from '@sveltejs/kit';
import { draftContext, pageContext, stepPath } from '$lib/server/respondent/context';
import { DraftGone, keepDraft, readPosted } from '$lib/server/respondent/pages';
import type { RequestHandler } from './$types';

/**
 * A survey under way, by its response id alone: its first page, which asks for the resume code (the
 * address alone opens no draft; see $lib/server/respondent/draft-key).
 */
export const GET = (async (event) => {
	const { step, steps, base, query } = await draftContext(event);
	redirect(303, stepPath(base, step, steps.length) + query);
}) satisfies RequestHandler;

/**
 * The page's script saving the answers as they are given (the whole form, as the page would post
 * it, with the draft's key): kept as the draft, so that a closed tab or a lost connection loses nothing.
 * Answers { saved, resume_code }, or { saved: false, reason } when there is nothing to keep them for
 * (reason "locked": the draft is kept under another key).
 */
export const POST = (async (event) => {
	const ctx = await pageContext(event);
	const posted = await readPosted(event.request, ctx);
	if (ctx.preview) return json({ saved: false, reason: 'preview' });
	try {
		const code = await keepDraft(event, ctx, posted, posted.from?.number ?? ctx.steps.length + 1);
		return json({ saved: true, resume_code: code });
	} catch (e) {
		if (e instanceof DraftGone) return json({ saved: false, reason: e.why }, { status: 409 });
		throw e;
	}
}) satisfies RequestHandler;
