import { error, fail } from '@sveltejs/kit';
import { superValidate, setError } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { decisionSchema, deleteRefusal, idSchema, linkSchema } from '$lib/decisions/schema';
import { ApiError, failFromApi, fieldErrors } from '$lib/server/api';
import { redirectWithNotice, takeNotice } from '$lib/server/builder/forms';
import {
	deleteDecision,
	getDecision,
	linkEvidence,
	listActivities,
	publishDecision,
	REFUSED,
	saveDecision,
	testQuestions,
	unlinkEvidence,
	type EvidenceRef
} from '$lib/server/decisions/data';
import { recordingOrganisation } from '$lib/server/decisions/forms';
import { feedbackInbox, isUuid, listPriorities } from '$lib/server/feedback/data';
import { listSurveys } from '$lib/server/indicators/data';
import { listMemberships } from '$lib/server/members/data';
import type { Actions, PageServerLoad } from './$types';

const GONE = 'This decision is not there any more.';
const PAGE = 10;

async function decisionOr404(locals: App.Locals, id: string) {
	if (!isUuid(id)) error(404, GONE);
	const d = await getDecision(locals.supabase, id);
	if (!d) error(404, GONE);
	return d;
}

/** The search of the feedback inbox the page shows for picking evidence. */
function searchOf(url: URL) {
	const q = url.searchParams.get('q')?.trim().slice(0, 200) ?? '';
	const page = Math.max(Number.parseInt(url.searchParams.get('page') ?? '1', 10) || 1, 1);
	return { q, page };
}

/** Where the page goes back to after an action: the same search. */
function back(id: string, url: URL) {
	const { q, page } = searchOf(url);
	const query = [q && `q=${encodeURIComponent(q)}`, page > 1 && `page=${page}`].filter(Boolean).join('&');
	return `/decisions/${id}${query ? `?${query}` : ''}`;
}

export const load = (async ({ cookies, locals, params, parent, url }) => {
	const { memberships } = await parent();
	const organisation = recordingOrganisation(memberships);
	const decision = await decisionOr404(locals, params.id);
	const search = searchOf(url);
	const [priorities, current, inbox, surveys, activities] = await Promise.all([
		listPriorities(locals.supabase, organisation.id),
		testQuestions(locals.supabase, organisation.id),
		feedbackInbox(
			locals.supabase,
			organisation.id,
			{ q: search.q || undefined, offset: (search.page - 1) * PAGE },
			PAGE
		),
		listSurveys(locals.supabase, organisation.id),
		listActivities(locals.supabase, organisation.id)
	]);
	// the organisation's questions now, and any the decision was answered against before
	const questions = [
		...current,
		...decision.test_answers.map((a) => a.question).filter((q) => !current.includes(q))
	];
	const answerTo = (q: string) => decision.test_answers.find((a) => a.question === q)?.answer ?? '';
	const form = await superValidate(
		{
			you_said: decision.you_said,
			we_did: decision.we_did ?? '',
			status: decision.status,
			not_possible_reason: decision.not_possible_reason ?? '',
			decided_by: decision.decided_by ?? '',
			decided_on: decision.decided_on ?? '',
			owner: decision.owner ?? '',
			priority_id: decision.priority_id ?? '',
			participation: decision.participation ?? '',
			test_questions: questions,
			test_answers: questions.map(answerTo)
		},
		zod4(decisionSchema),
		{ errors: false, id: 'save' }
	);
	const link = await superValidate(zod4(linkSchema), { errors: false, id: 'link' });
	const linked = new Set(decision.evidence.map((e) => e.ref));
	return {
		organisation,
		decision,
		priorities: priorities.filter((p) => !p.retired || p.id === decision.priority_id),
		questions,
		form,
		link,
		search,
		inbox: {
			total: inbox.total,
			pages: Math.max(Math.ceil(inbox.total / PAGE), 1),
			items: inbox.items.map((i) => ({
				id: i.id,
				text: i.text,
				given_on: i.given_on,
				channel: i.channel,
				themes: i.themes,
				linked: linked.has(i.id)
			}))
		},
		indicators: surveys.flatMap((s) =>
			s.indicators.map((q) => ({ id: q.id, label: `${s.title}: ${q.prompt}`, linked: linked.has(q.id) }))
		),
		activities: activities.activities.map((a) => ({
			id: a.id,
			label: `${a.title} (${a.held_on})`,
			linked: linked.has(a.id)
		})),
		notice: takeNotice(cookies, `/decisions/${decision.id}`)
	};
}) satisfies PageServerLoad;

export const actions = {
	save: async ({ cookies, locals, params, request, url }) => {
		const form = await superValidate(request, zod4(decisionSchema), { id: 'save' });
		if (!form.valid) return fail(400, { form });
		const organisation = recordingOrganisation(await listMemberships(locals.supabase));
		await decisionOr404(locals, params.id);
		try {
			await saveDecision(locals.supabase, organisation.id, form.data, params.id);
		} catch (e) {
			return failFromApi(form, e, { refused: REFUSED.record });
		}
		redirectWithNotice(cookies, `/decisions/${params.id}`, 'Decision saved.', { to: back(params.id, url) });
	},
	publish: async ({ cookies, locals, params, request, url }) => {
		const form = await superValidate(request, zod4(idSchema), { id: 'publish' });
		const publish = form.data.id !== 'off';
		try {
			await publishDecision(locals.supabase, params.id, publish);
		} catch (e) {
			if (e instanceof ApiError && e.hint === 'invalid_decision') {
				return fail(400, { publishError: fieldErrors(e).we_did ?? e.reason });
			}
			if (e instanceof ApiError && e.hint === 'not_permitted') error(403, REFUSED.publish);
			throw e;
		}
		redirectWithNotice(
			cookies,
			`/decisions/${params.id}`,
			publish
				? 'Published: it is on your public “you said, we did” page.'
				: 'Taken off the public page. It is kept here.',
			{ to: back(params.id, url) }
		);
	},
	link: async ({ cookies, locals, params, request, url }) => {
		const link = await superValidate(request, zod4(linkSchema), { id: 'link' });
		if (!link.valid) return fail(400, { link });
		const d = link.data;
		const [field, ref]: [string, EvidenceRef | null] = isUuid(d.feedback)
			? ['feedback', { feedback: d.feedback }]
			: d.theme
				? ['theme', { theme: d.theme }]
				: isUuid(d.question)
					? ['question', { question: d.question }]
					: isUuid(d.activity)
						? ['activity', { activity: d.activity }]
						: ['theme', null];
		if (!ref) {
			const fieldOf =
				d.question !== '' || d.activity !== '' ? (d.question !== '' ? 'question' : 'activity') : 'theme';
			setError(link, fieldOf, fieldOf === 'theme' ? 'Enter a theme.' : 'Choose one to link.');
			return fail(400, { link });
		}
		try {
			await linkEvidence(locals.supabase, params.id, ref);
		} catch (e) {
			// the messages go on the link form (failFromApi answers with the form under the key `form`)
			failFromApi(link, e, { refused: REFUSED.record, rename: () => field });
			return fail(400, { link });
		}
		redirectWithNotice(cookies, `/decisions/${params.id}`, 'Evidence linked.', { to: back(params.id, url) });
	},
	delete: async ({ cookies, locals, params, request }) => {
		const refusal = deleteRefusal(await request.formData());
		if (refusal) return fail(400, { deleteError: refusal });
		await decisionOr404(locals, params.id);
		let deleted: { was_published: boolean };
		try {
			deleted = await deleteDecision(locals.supabase, params.id);
		} catch (e) {
			if (e instanceof ApiError && e.hint === 'not_permitted') return fail(403, { deleteError: e.reason });
			throw e;
		}
		redirectWithNotice(
			cookies,
			'/decisions',
			deleted.was_published
				? 'Decision deleted, and taken off the public page. The audit log keeps a copy.'
				: 'Decision deleted. The audit log keeps a copy.'
		);
	},
	unlink: async ({ cookies, locals, params, request, url }) => {
		const form = await superValidate(request, zod4(idSchema), { id: 'unlink' });
		if (!isUuid(form.data.id)) error(400, 'Choose the evidence to remove.');
		try {
			await unlinkEvidence(locals.supabase, form.data.id);
		} catch (e) {
			if (e instanceof ApiError && e.hint === 'not_permitted') error(403, REFUSED.record);
			throw e;
		}
		redirectWithNotice(cookies, `/decisions/${params.id}`, 'Evidence removed.', { to: back(params.id, url) });
	}
} satisfies Actions;
