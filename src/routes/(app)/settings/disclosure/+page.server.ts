import { error, fail, redirect } from '@sveltejs/kit';
import { setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { ApiError, fieldErrors } from '$lib/server/api';
import { listMemberships, type Membership } from '$lib/server/members/data';
import { getDisclosureSettings, setDisclosureRule } from '$lib/server/disclosure/data';
import { setNotice, takeNotice } from '$lib/server/builder/forms';
import { disclosureRuleSchema } from '$lib/disclosure/schema';
import type { Actions, PageServerLoad } from './$types';

const REFUSED = 'Only an administrator can change how small numbers are protected.';

async function adminSettings(locals: App.Locals, memberships: Membership[]) {
	const id = memberships.find((m) => m.role === 'admin')?.organisation_id;
	const settings = id ? await getDisclosureSettings(locals.supabase, id) : null;
	if (!settings?.can_edit) error(403, REFUSED);
	const name = memberships.find((m) => m.organisation_id === id)?.organisation_name ?? '';
	return { settings, name };
}

export const load = (async ({ cookies, locals, parent }) => {
	const { memberships } = await parent();
	const { settings, name } = await adminSettings(locals, memberships);
	const form = await superValidate(
		{
			kind: settings.current.kind,
			threshold: settings.current.threshold,
			rounding_base: settings.current.rounding_base
		},
		zod4(disclosureRuleSchema),
		{ errors: false }
	);
	return { settings, organisationName: name, form, notice: takeNotice(cookies, '/settings/disclosure') };
}) satisfies PageServerLoad;

export const actions = {
	default: async ({ cookies, locals, request }) => {
		const form = await superValidate(request, zod4(disclosureRuleSchema));
		if (!form.valid) return fail(400, { form });
		const { settings } = await adminSettings(locals, await listMemberships(locals.supabase));
		let label: string;
		try {
			label = (await setDisclosureRule(locals.supabase, settings.organisation_id, form.data)).label;
		} catch (e) {
			if (!(e instanceof ApiError)) throw e;
			if (e.hint === 'not_permitted') error(403, REFUSED);
			if (e.hint !== 'invalid_rule') throw e;
			const errors = fieldErrors(e);
			for (const field of ['kind', 'threshold', 'rounding_base'] as const) {
				if (errors[field]) setError(form, field, errors[field]);
			}
			return fail(400, { form });
		}
		setNotice(cookies, '/settings/disclosure', {
			tone: 'success',
			text: `Saved. Every figure published from now on follows “${label}”.`
		});
		redirect(303, '/settings/disclosure');
	}
} satisfies Actions;
