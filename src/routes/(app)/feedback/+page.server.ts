import { fail } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { filterFrom, filterQuery } from '$lib/feedback/filter';
import { bulkTagSchema } from '$lib/feedback/schema';
import { failFromApi } from '$lib/server/api';
import { redirectWithNotice, takeNotice } from '$lib/server/builder/forms';
import {
	bulkTagFeedback,
	feedbackInbox,
	isUuid,
	listPriorities,
	organisationFor,
	REFUSED,
	type InboxFilter
} from '$lib/server/feedback/data';
import { listSurveys } from '$lib/server/indicators/data';
import type { Actions, PageServerLoad } from './$types';

const PAGE = 20;

/** The inbox's filters from the address, and its page. */
function filterOf(url: URL): InboxFilter {
	const page = Math.max(Number.parseInt(url.searchParams.get('page') ?? '1', 10) || 1, 1);
	return { ...filterFrom(url.searchParams), offset: (page - 1) * PAGE };
}

export const load = (async ({ cookies, locals, parent, url }) => {
	const { memberships } = await parent();
	const organisation = organisationFor(memberships, 'readFeedback', REFUSED.feedback);
	const filter = filterOf(url);
	const [inbox, surveys, priorities] = await Promise.all([
		feedbackInbox(locals.supabase, organisation.id, filter, PAGE),
		listSurveys(locals.supabase, organisation.id),
		listPriorities(locals.supabase, organisation.id)
	]);
	return {
		organisation,
		filter,
		inbox,
		page: { number: (filter.offset ?? 0) / PAGE + 1, size: PAGE },
		surveys: surveys.map((s) => ({
			id: s.id,
			title: s.title,
			waves: s.waves.map((w) => ({ id: w.id, label: w.label }))
		})),
		priorities,
		bulk: await superValidate(zod4(bulkTagSchema), { errors: false, id: 'bulk' }),
		notice: takeNotice(cookies, '/feedback')
	};
}) satisfies PageServerLoad;

export const actions = {
	/** Tags the ticked comments with a priority and/or a theme: all of them or none. */
	bulk: async ({ cookies, locals, request, url }) => {
		const bulk = await superValidate(request, zod4(bulkTagSchema), { id: 'bulk' });
		if (!bulk.valid) return fail(400, { bulk });
		let tagged: { tagged: number; changed: number };
		try {
			tagged = await bulkTagFeedback(locals.supabase, bulk.data.ids.filter(isUuid), {
				priority: isUuid(bulk.data.priority) ? bulk.data.priority : null,
				theme: bulk.data.theme || null
			});
		} catch (e) {
			failFromApi(bulk, e, { refused: REFUSED.feedback });
			return fail(400, { bulk });
		}
		const n = tagged.tagged;
		redirectWithNotice(
			cookies,
			'/feedback',
			`Tagged ${n.toLocaleString('en-GB')} ${n === 1 ? 'comment' : 'comments'}.`,
			{
				to: `/feedback?${filterQuery(filterFrom(url.searchParams), { page: url.searchParams.get('page') ?? undefined })}`
			}
		);
	}
} satisfies Actions;
