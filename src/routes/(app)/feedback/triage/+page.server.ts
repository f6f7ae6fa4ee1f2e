import { error, fail, redirect } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { filterFrom, filterQuery, type FeedbackFilter } from '$lib/feedback/filter';
import { flagSchema, splitThemes, tagSchema } from '$lib/feedback/schema';
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
	tagFeedback
} from '$lib/server/feedback/data';
import { listMemberships } from '$lib/server/members/data';
import type { Actions, PageServerLoad } from './$types';

/**
 * Triage: the inbox's list under its filters, one comment at a time. The address holds the filters, the
 * place in the list (`at`, from 0) and the comment shown (`item`), so that a comment tagged out of an
 * "untagged" list stays on screen until the person moves on, and "next" is then whatever took its place.
 */
interface Place {
	filter: FeedbackFilter;
	at: number;
	item?: string;
}

function placeOf(url: URL): Place {
	const p = url.searchParams;
	const item = p.get('item');
	return {
		filter: filterFrom(p),
		at: Math.min(Math.max(Number.parseInt(p.get('at') ?? '0', 10) || 0, 0), 100000),
		item: isUuid(item) ? item : undefined
	};
}

/** The triage address of a place in the list. */
function placeHref(filter: FeedbackFilter, at: number, item?: string): string {
	return `/feedback/triage?${filterQuery(filter, { at: at > 0 ? String(at) : undefined, item })}`;
}

/** The list around a place: the entries before, at and after it. */
async function around(locals: App.Locals, organisationId: string, place: Place) {
	const from = Math.max(place.at - 1, 0);
	const inbox = await feedbackInbox(locals.supabase, organisationId, { ...place.filter, offset: from }, 3);
	const at = (i: number) => inbox.items[i - from]?.id;
	return {
		total: inbox.total,
		prev: place.at > 0 ? at(place.at - 1) : undefined,
		here: at(place.at),
		after: at(place.at + 1)
	};
}

export const load = (async ({ cookies, locals, parent, url }) => {
	const { memberships } = await parent();
	const organisation = organisationFor(memberships, 'readFeedback', REFUSED.feedback);
	const place = placeOf(url);
	let list = await around(locals, organisation.id, place);
	// past the end (the last ones were tagged or flagged): the last of the list
	if (!place.item && !list.here && list.total > 0 && place.at >= list.total) {
		place.at = list.total - 1;
		list = await around(locals, organisation.id, place);
	}
	// the address names the comment shown, so that it stays on screen once tagged out of the list
	if (!place.item && list.here) redirect(303, placeHref(place.filter, place.at, list.here));
	const id = place.item ?? list.here;
	const item = id ? await feedbackItem(locals.supabase, id) : null;
	const [priorities, suggestions] = await Promise.all([
		listPriorities(locals.supabase, organisation.id),
		item ? feedbackSuggestions(locals.supabase, item.id) : Promise.resolve([])
	]);
	// the comment shown may have left the list (tagged out of "untagged"): then the next is the one in its place
	const stillHere = !!item && list.here === item.id;
	const nextId = stillHere ? list.after : list.here;
	const nextAt = stillHere ? place.at + 1 : place.at;
	const tag = await superValidate(
		item
			? { priorities: item.priorities, themes: item.themes.join(', '), sentiment: item.sentiment ?? '' }
			: {},
		zod4(tagSchema),
		{ errors: false, id: 'tag' }
	);
	return {
		organisation,
		filter: place.filter,
		at: place.at,
		total: list.total,
		item,
		// current priorities in their order (the number keys), and retired ones already on the comment
		priorities: priorities.filter((p) => !p.retired || item?.priorities.includes(p.id)),
		allPriorities: priorities,
		suggestion: suggestions[0] ?? null,
		prevHref: list.prev ? placeHref(place.filter, place.at - 1, list.prev) : null,
		nextHref: nextId ? placeHref(place.filter, nextAt, nextId) : null,
		here: item ? placeHref(place.filter, place.at, item.id) : placeHref(place.filter, place.at),
		tag,
		flag: await superValidate(zod4(flagSchema), { errors: false, id: 'flag' }),
		notice: takeNotice(cookies, '/feedback/triage')
	};
}) satisfies PageServerLoad;

/** The comment an action is about: the one in the address, if the person may still see it. */
async function itemOf(locals: App.Locals, url: URL) {
	const { item } = placeOf(url);
	const found = item ? await feedbackItem(locals.supabase, item) : null;
	if (!found)
		error(404, 'This comment is not in your feedback: it may have been sent to the safeguarding lead.');
	return found;
}

/** Sent in the background (the page has JavaScript): it reloads its data and says what happened itself. */
const background = (request: Request) => request.headers.get('x-sveltekit-action') === 'true';

export const actions = {
	tag: async ({ cookies, locals, request, url }) => {
		const tag = await superValidate(request, zod4(tagSchema), { id: 'tag' });
		if (!tag.valid) return fail(400, { tag });
		const item = await itemOf(locals, url);
		try {
			await tagFeedback(locals.supabase, item.id, {
				priorities: tag.data.priorities.filter(isUuid),
				themes: splitThemes(tag.data.themes),
				sentiment: tag.data.sentiment || null
			});
		} catch (e) {
			failFromApi(tag, e, { refused: REFUSED.feedback });
			return fail(400, { tag });
		}
		if (background(request)) return { saved: 'Tags saved.' };
		const { filter, at } = placeOf(url);
		redirectWithNotice(cookies, '/feedback/triage', 'Tags saved.', { to: placeHref(filter, at, item.id) });
	},
	accept: async ({ cookies, locals, request, url }) => {
		const priority = String((await request.formData()).get('priority') ?? '');
		if (!isUuid(priority)) error(400, 'Choose a suggestion.');
		const item = await itemOf(locals, url);
		const tag = await superValidate(zod4(tagSchema), { id: 'tag' });
		try {
			await acceptSuggestion(locals.supabase, item.id, priority);
		} catch (e) {
			failFromApi(tag, e, { refused: REFUSED.feedback });
			return fail(400, { tag });
		}
		const text = 'Suggestion accepted: the comment is tagged with it.';
		if (background(request)) return { saved: text };
		const { filter, at } = placeOf(url);
		redirectWithNotice(cookies, '/feedback/triage', text, { to: placeHref(filter, at, item.id) });
	},
	/** Flagging hides the comment, so it is asked twice: the first time the page asks "are you sure?". */
	flag: async ({ cookies, locals, request, url }) => {
		const body = await request.formData();
		const flag = await superValidate(body, zod4(flagSchema), { id: 'flag' });
		if (!flag.valid) return fail(400, { flag, confirming: true });
		if (body.get('confirm') !== 'yes') return { flag, confirming: true };
		organisationFor(await listMemberships(locals.supabase), 'flagFeedback', REFUSED.feedback);
		const item = await itemOf(locals, url);
		try {
			await flagFeedback(locals.supabase, item.id, flag.data.reason);
		} catch (e) {
			failFromApi(flag, e, { refused: REFUSED.feedback });
			return fail(400, { flag, confirming: true });
		}
		// it has left the list: the next comment is now in its place
		const { filter, at } = placeOf(url);
		redirectWithNotice(
			cookies,
			'/feedback/triage',
			'Sent to the safeguarding lead. The comment is hidden from everyone else until they have reviewed it.',
			{ to: placeHref(filter, at) }
		);
	}
} satisfies Actions;
