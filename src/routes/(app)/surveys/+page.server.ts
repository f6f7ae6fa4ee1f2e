import { listSurveys } from '$lib/server/indicators/data';
import { editingOrganisation } from '$lib/server/builder/forms';
import type { PageServerLoad } from './$types';

export const load = (async ({ locals, parent }) => {
	const { memberships } = await parent();
	const organisation = memberships[0];
	if (!organisation) return { organisation: null, surveys: [], canCreate: false };
	const surveys = await listSurveys(locals.supabase, organisation.organisation_id);
	return {
		organisation: { id: organisation.organisation_id, name: organisation.organisation_name },
		surveys,
		canCreate: editingOrganisation(memberships)?.id === organisation.organisation_id
	};
}) satisfies PageServerLoad;
