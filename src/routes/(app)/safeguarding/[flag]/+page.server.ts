import { error, fail } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { failFromApi } from '$lib/server/api';
import { redirectWithNotice } from '$lib/server/builder/forms';
import { closeFlag, isUuid, organisationFor, REFUSED, safeguardingQueue } from '$lib/server/feedback/data';
import { listMemberships } from '$lib/server/members/data';
import { closeFlagSchema } from '$lib/feedback/schema';
import { labelOf, SAFEGUARDING_ACTIONS } from '$lib/domain';
import type { Actions, PageServerLoad } from './$types';

async function flagOr404(
	locals: App.Locals,
	memberships: Parameters<typeof organisationFor>[0],
	flag: string
) {
	const organisation = organisationFor(memberships, 'safeguard', REFUSED.queue);
	if (!isUuid(flag)) error(404, 'This flag is not in the queue.');
	const queue = await safeguardingQueue(locals.supabase, organisation.id);
	const item = queue.items.find((i) => i.flag_id === flag);
	if (!item) error(404, 'This flag is not in the queue: it may have been closed already.');
	return { organisation, item, alertHours: queue.alert_hours };
}

export const load = (async ({ locals, params, parent }) => {
	const { memberships } = await parent();
	const found = await flagOr404(locals, memberships, params.flag);
	const form = await superValidate(zod4(closeFlagSchema), { errors: false });
	return { ...found, form };
}) satisfies PageServerLoad;

export const actions = {
	default: async ({ cookies, locals, params, request }) => {
		const form = await superValidate(request, zod4(closeFlagSchema));
		if (!form.valid) return fail(400, { form });
		await flagOr404(locals, await listMemberships(locals.supabase), params.flag);
		try {
			await closeFlag(locals.supabase, params.flag, form.data.action, form.data.note);
		} catch (e) {
			return failFromApi(form, e, { refused: REFUSED.queue });
		}
		redirectWithNotice(
			cookies,
			'/safeguarding',
			`Closed: ${labelOf(SAFEGUARDING_ACTIONS, form.data.action).toLowerCase()}. The comment is back in staff's feedback.`
		);
	}
} satisfies Actions;
