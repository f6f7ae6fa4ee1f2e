import { fail } from '@sveltejs/kit';
import { ADDED_FEEDBACK_CHANNELS } from '$lib/domain';
import { columnOf, readFeedbackFile } from '$lib/feedback/import';
import { feedbackImportProblems } from '$lib/feedback/types';
import { ApiError } from '$lib/server/api';
import { redirectWithNotice } from '$lib/server/builder/forms';
import { aboutChoices, importFeedback, organisationFor, REFUSED } from '$lib/server/feedback/data';
import { readFormPost } from '$lib/server/form-post';
import { listMemberships } from '$lib/server/members/data';
import type { Actions, PageServerLoad } from './$types';

/** The largest file taken: 5,000 comments of about 400 characters. */
const MAX_BYTES = 2_000_000;

export const load = (async ({ locals, parent }) => {
	const { memberships } = await parent();
	const organisation = organisationFor(memberships, 'readFeedback', REFUSED.feedback);
	return {
		organisation,
		channels: ADDED_FEEDBACK_CHANNELS.map((c) => ({ value: c.value, label: c.label })),
		about: await aboutChoices(locals.supabase, organisation.id)
	};
}) satisfies PageServerLoad;

export const actions = {
	default: async ({ cookies, locals, request }) => {
		const organisation = organisationFor(
			await listMemberships(locals.supabase),
			'readFeedback',
			REFUSED.feedback
		);
		const file = (await readFormPost(request)).get('file');
		if (!(file instanceof File) || file.size === 0 || file.name === '') {
			return fail(400, { fileError: 'Choose a CSV file of feedback.', rows: [] });
		}
		if (file.size > MAX_BYTES) {
			return fail(400, { fileError: 'The file is larger than 2 MB: split it into smaller files.', rows: [] });
		}
		const about = await aboutChoices(locals.supabase, organisation.id);
		const parsed = readFeedbackFile(new Uint8Array(await file.arrayBuffer()), about);
		if (!parsed.ok) return fail(400, { fileError: parsed.message, rows: [] });
		let added: { added: number; held: number };
		try {
			added = await importFeedback(locals.supabase, organisation.id, parsed.value);
		} catch (e) {
			if (!(e instanceof ApiError) || e.hint !== 'invalid_feedback') throw e;
			const problems = feedbackImportProblems.safeParse(JSON.parse(e.details ?? 'null'));
			if (!problems.success) throw e;
			const rows = problems.data.rows.map((r) => ({ ...r, column: columnOf(r.field) }));
			const whole = rows.find((r) => r.row === null);
			return fail(400, {
				fileError:
					whole?.message ??
					'Some rows need attention: nothing was added. Fix them and upload the file again.',
				rows: rows.filter((r) => r.row !== null)
			});
		}
		const n = added.added;
		const text =
			`Added ${n.toLocaleString('en-GB')} ${n === 1 ? 'comment' : 'comments'} from ${file.name}.` +
			(added.held > 0
				? ` ${added.held.toLocaleString('en-GB')} held words from the safeguarding list and went to the safeguarding lead first.`
				: '');
		redirectWithNotice(cookies, '/feedback', text);
	}
} satisfies Actions;
