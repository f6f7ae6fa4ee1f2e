import { error, fail } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { failFromApi } from '$lib/server/api';
import { redirectWithNotice, takeNotice } from '$lib/server/builder/forms';
import {
	acceptSuggestion,
	feedbackInbox,
	feedbackItem,
	feedbackSuggestions,
	flagFeedback,
	isUuid,
	listPriorities,
	organisationFor,
	REFUSED,
	rejectSuggestion,
	saveQuote,
	tagFeedback
} from '$lib/server/feedback/data';
import { suggestRedaction } from '$lib/feedback/redact';
import { listMemberships } from '$lib/server/members/data';
import { flagSchema, quoteSchema, splitThemes, tagSchema } from '$lib/feedback/schema';
import type { Actions, PageServerLoad } from './$types';

const GONE = 'This comment is not in your feedback: it may have been sent to the safeguarding lead.';

async function itemOr404(locals: App.Locals, id: string) {
	if (!isUuid(id)) error(404, GONE);
	const item = await feedbackItem(locals.supabase, id);
	if (!item) error(404, GONE);
	return item;
}

export const load = (async ({ cookies, locals, params, parent }) => {
	const { memberships } = await parent();
	const organisation = organisationFor(memberships, 'readFeedback', REFUSED.feedback);
	const item = await itemOr404(locals, params.id);
	const [priorities, untagged, suggestions] = await Promise.all([
		listPriorities(locals.supabase, organisation.id),
		feedbackInbox(locals.supabase, organisation.id, { untagged: true }, 2),
		feedbackSuggestions(locals.supabase, item.id)
	]);
	const tag = await superValidate(
		{ priorities: item.priorities, themes: item.themes.join(', '), sentiment: item.sentiment ?? '' },
		zod4(tagSchema),
		{ errors: false, id: 'tag' }
	);
	const flag = await superValidate(zod4(flagSchema), { errors: false, id: 'flag' });
	// a first draft of the quote: the original with obvious names, emails and numbers taken out
	const quote = await superValidate(
		{
			quote: item.quote.text ?? suggestRedaction(item.text),
			quotable: item.quote.reviewed_at ? (item.quote.quotable ? 'yes' : 'no') : ''
		},
		zod4(quoteSchema),
		{ errors: false, id: 'quote' }
	);
	return {
		organisation,
		item,
		// current priorities, and retired ones the comment is already filed under
		priorities: priorities.filter((p) => !p.retired || item.priorities.includes(p.id)),
		allPriorities: priorities,
		suggestions,
		nextUntagged: untagged.items.find((i) => i.id !== item.id)?.id ?? null,
		tag,
		flag,
		quote,
		notice: takeNotice(cookies, `/feedback/${item.id}`)
	};
}) satisfies PageServerLoad;

/** The priority of the suggestion a person accepted or rejected. */
async function suggested(request: Request): Promise<string> {
	const priority = String((await request.formData()).get('priority') ?? '');
	if (!isUuid(priority)) error(400, 'Choose a suggestion.');
	return priority;
}

export const actions = {
	tag: async ({ cookies, locals, params, request }) => {
		const tag = await superValidate(request, zod4(tagSchema), { id: 'tag' });
		if (!tag.valid) return fail(400, { tag });
		await itemOr404(locals, params.id);
		try {
			await tagFeedback(locals.supabase, params.id, {
				priorities: tag.data.priorities.filter(isUuid),
				themes: splitThemes(tag.data.themes),
				sentiment: tag.data.sentiment || null
			});
		} catch (e) {
			// the page reads this form as `tag`: a refusal beside its fields
			failFromApi(tag, e, { refused: REFUSED.feedback });
			return fail(400, { tag });
		}
		redirectWithNotice(cookies, `/feedback/${params.id}`, 'Tags saved.');
	},
	accept: async ({ cookies, locals, params, request }) => {
		const priority = await suggested(request);
		await itemOr404(locals, params.id);
		const tag = await superValidate(zod4(tagSchema), { id: 'tag' });
		try {
			await acceptSuggestion(locals.supabase, params.id, priority);
		} catch (e) {
			failFromApi(tag, e, { refused: REFUSED.feedback });
			return fail(400, { tag });
		}
		redirectWithNotice(
			cookies,
			`/feedback/${params.id}`,
			'Suggestion accepted: the comment is tagged with it.'
		);
	},
	reject: async ({ cookies, locals, params, request }) => {
		const priority = await suggested(request);
		await itemOr404(locals, params.id);
		const tag = await superValidate(zod4(tagSchema), { id: 'tag' });
		try {
			await rejectSuggestion(locals.supabase, params.id, priority);
		} catch (e) {
			failFromApi(tag, e, { refused: REFUSED.feedback });
			return fail(400, { tag });
		}
		redirectWithNotice(
			cookies,
			`/feedback/${params.id}`,
			'Noted: that priority will not be suggested for this comment again.'
		);
	},
	quote: async ({ cookies, locals, params, request }) => {
		const quote = await superValidate(request, zod4(quoteSchema), { id: 'quote' });
		if (!quote.valid) return fail(400, { quote });
		await itemOr404(locals, params.id);
		try {
			await saveQuote(locals.supabase, params.id, quote.data.quote, quote.data.quotable === 'yes');
		} catch (e) {
			failFromApi(quote, e, { refused: REFUSED.feedback });
			return fail(400, { quote });
		}
		redirectWithNotice(
			cookies,
			`/feedback/${params.id}`,
			quote.data.quotable === 'yes'
				? 'Reviewed: the redacted text may now be quoted in public.'
				: 'Reviewed: the redacted text is saved, and it is not quoted.'
		);
	},
	flag: async ({ cookies, locals, params, request }) => {
		const flag = await superValidate(request, zod4(flagSchema), { id: 'flag' });
		if (!flag.valid) return fail(400, { flag });
		organisationFor(await listMemberships(locals.supabase), 'flagFeedback', REFUSED.feedback);
		await itemOr404(locals, params.id);
		try {
			await flagFeedback(locals.supabase, params.id, flag.data.reason);
		} catch (e) {
			failFromApi(flag, e, { refused: REFUSED.feedback });
			return fail(400, { flag });
		}
		redirectWithNotice(
			cookies,
			'/feedback',
			'Sent to the safeguarding lead. The comment is hidden from everyone else until they have reviewed it.'
		);
	}
} satisfies Actions;
