import { may } from '$lib/domain';
import { staffChoices } from './find';
import type { LayoutServerLoad } from './$types';

/** Adding responses is for admins, leads and officers: the first local area where the caller is one. */
export const load = (async ({ locals, parent }) => {
	const { memberships } = await parent();
	const m = memberships.find((x) => may(x.role, 'build'));
	if (!m) return { organisation: null, choices: [] };
	return {
		organisation: { id: m.organisation_id, name: m.organisation_name },
		choices: await staffChoices(locals)
	};
}) satisfies LayoutServerLoad;
