import { error } from '@sveltejs/kit';
import { may } from '$lib/domain';
import type { Membership } from '../members/data';
import { REFUSED } from './data';

/** The organisation in which the member records decisions, or a 403 saying who may. */
export function recordingOrganisation(memberships: Membership[]) {
	const m = memberships.find((x) => may(x.role, 'recordDecisions'));
	if (!m) error(403, REFUSED.record);
	return {
		id: m.organisation_id,
		name: m.organisation_name,
		slug: m.organisation_slug,
		canPublish: may(m.role, 'publishDecisions')
	};
}
