import { error, fail } from '@sveltejs/kit';
import { setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { ApiError, fieldErrors } from '$lib/server/api';
import { getOrganisationSettings, setYouSaidWeDidUrl } from '$lib/server/settings/data';
import { listMemberships, type Membership } from '$lib/server/members/data';
import { redirectWithNotice, takeNotice } from '$lib/server/builder/forms';
import { organisationSettingsSchema } from '$lib/settings/schema';
import type { Actions, PageServerLoad } from './$types';

const REFUSED = "Only an administrator or lead can change the organisation's settings.";

/** The first organisation whose settings the member may change (admin, lead), or null. */
function settingsOrganisation(memberships: Membership[]): string | null {
	return memberships.find((m) => m.role === 'admin' || m.role === 'lead')?.organisation_id ?? null;
}

async function settingsOr403(locals: App.Locals, memberships: Membership[]) {
	const id = settingsOrganisation(memberships);
	const settings = id ? await getOrganisationSettings(locals.supabase, id) : null;
	if (!settings?.can_edit) error(403, REFUSED);
	return settings;
}

export const load = (async ({ cookies, locals, parent }) => {
	const { memberships } = await parent();
	const organisation = await settingsOr403(locals, memberships);
	const form = await superValidate(
		{ you_said_we_did_url: organisation.you_said_we_did_url ?? '' },
		zod4(organisationSettingsSchema),
		{ errors: false }
	);
	const isAdmin = memberships.some((m) => m.organisation_id === organisation.id && m.role === 'admin');
	return { organisation, form, isAdmin, notice: takeNotice(cookies, '/settings') };
}) satisfies PageServerLoad;

export const actions = {
	default: async ({ cookies, locals, request }) => {
		const form = await superValidate(request, zod4(organisationSettingsSchema));
		if (!form.valid) return fail(400, { form });
		const organisation = await settingsOr403(locals, await listMemberships(locals.supabase));
		try {
			await setYouSaidWeDidUrl(locals.supabase, organisation.id, form.data.you_said_we_did_url);
		} catch (e) {
			if (!(e instanceof ApiError)) throw e;
			if (e.hint === 'not_permitted') error(403, REFUSED);
			if (e.hint !== 'invalid_settings') throw e;
			const message = fieldErrors(e).you_said_we_did_url ?? e.message.replace(/^[a-z_]+: /, '');
			return setError(form, 'you_said_we_did_url', message);
		}
		redirectWithNotice(
			cookies,
			'/settings',
			form.data.you_said_we_did_url
				? 'Saved. The thank-you page of every survey now links to this page.'
				: 'Saved. The thank-you page now links to your “you said, we did” page here once you publish a decision, and until then says that you will publish what you changed.'
		);
	}
} satisfies Actions;
