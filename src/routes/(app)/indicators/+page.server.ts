import { error } from '@sveltejs/kit';
import { ApiError } from '$lib/server/api';
import { redirectWithNotice, takeNotice } from '$lib/server/builder/forms';
import { isUuid } from '$lib/server/feedback/data';
import {
	chosenOrganisation,
	isIndicator,
	listIndicators,
	REFUSED_INDICATORS,
	retireIndicator
} from '$lib/server/indicators/definitions';
import { listMemberships } from '$lib/server/members/data';
import { mayEditIndicators } from '$lib/indicators/definitions';
import type { Actions, PageServerLoad } from './$types';

const PATH = '/indicators';

export const load = (async ({ cookies, locals, parent, url }) => {
	const { memberships } = await parent();
	const organisation = chosenOrganisation(memberships, url);
	if (!organisation) error(403, 'You are not a member of an organisation yet.');
	const indicators = (await listIndicators(locals.supabase, organisation.id)).filter(isIndicator);
	return {
		organisation,
		indicators,
		canEdit: mayEditIndicators(organisation.roles),
		notice: takeNotice(cookies, PATH)
	};
}) satisfies PageServerLoad;

/** Retire (or bring back) an indicator: admins and leads only; the database refuses anyone else too. */
async function setRetired(locals: App.Locals, request: Request, retired: boolean) {
	const memberships = await listMemberships(locals.supabase);
	if (!mayEditIndicators(memberships.map((m) => m.role))) error(403, REFUSED_INDICATORS);
	const id = String((await request.formData()).get('question_id') ?? '');
	if (!isUuid(id)) error(400, 'Choose an indicator.');
	try {
		await retireIndicator(locals.supabase, id, retired);
	} catch (e) {
		if (e instanceof ApiError && e.hint === 'not_permitted') error(403, REFUSED_INDICATORS);
		throw e;
	}
}

export const actions = {
	retire: async ({ cookies, locals, request }) => {
		await setRetired(locals, request, true);
		redirectWithNotice(cookies, PATH, 'Retired: it is no longer on the overview. Its answers are kept.');
	},
	restore: async ({ cookies, locals, request }) => {
		await setRetired(locals, request, false);
		redirectWithNotice(cookies, PATH, 'Brought back: it is on the overview again.');
	}
} satisfies Actions;
