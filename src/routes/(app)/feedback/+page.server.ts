import { codes, FEEDBACK_CHANNELS } from '$lib/domain';
import { takeNotice } from '$lib/server/builder/forms';
import {
	feedbackInbox,
	isUuid,
	listPriorities,
	organisationFor,
	REFUSED,
	type InboxFilter
} from '$lib/server/feedback/data';
import { listSurveys } from '$lib/server/indicators/data';
import type { PageServerLoad } from './$types';

const PAGE = 20;

/** The inbox's filters from the address: anything that is not one is left out. */
function filterOf(url: URL): InboxFilter {
	const p = url.searchParams;
	const id = (k: string) => (isUuid(p.get(k)) ? p.get(k)! : undefined);
	const channel = p.get('channel') ?? '';
	const page = Math.max(Number.parseInt(p.get('page') ?? '1', 10) || 1, 1);
	return {
		survey: id('survey'),
		wave: id('wave'),
		channel: (codes(FEEDBACK_CHANNELS) as string[]).includes(channel) ? channel : undefined,
		priority: id('priority'),
		untagged: p.get('untagged') === '1',
		q: p.get('q')?.trim().slice(0, 200) || undefined,
		offset: (page - 1) * PAGE
	};
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
		notice: takeNotice(cookies, '/feedback')
	};
}) satisfies PageServerLoad;
