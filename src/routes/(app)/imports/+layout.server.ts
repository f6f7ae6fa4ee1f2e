import { staffChoices } from './find';
import type { LayoutServerLoad } from './$types';

const STAFF = new Set(['admin', 'lead', 'officer']);

/** Adding responses is for admins, leads and officers: the first local area where the caller is one. */
export const load = (async ({ locals, parent }) => {
	const { memberships } = await parent();
	const m = memberships.find((x) => STAFF.has(x.role));
	if (!m) return { organisation: null, choices: [] };
	return {
		organisation: { id: m.organisation_id, name: m.organisation_name },
		choices: await staffChoices(locals)
	};
}) satisfies LayoutServerLoad;
